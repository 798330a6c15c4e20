// Step 2 — peripherals (hidden): transfers overlap computing, land where asked, and are queued.
import { createRng, nextInt, readBytes, type RngState } from '@virtlab/core';
import { describe, expect, it } from 'vitest';
import { createDirector, directorStoreIntact, idleUntilInterrupt, resultOf, runDirector } from '../../src/director.ts';
import { startTransfer, transferDone } from '../../src/peripherals.ts';
import { compute, ioBound, type Program, reader } from '../../src/programs.ts';
import type { Director } from '../../src/types.ts';

/** Ticks a run may take: far more than these programs need (at most a few tens of thousands). */
const MAX_TICKS = 100_000;

/** 512 bytes drawn from `seed`. */
function sector(seed: number): number[] {
  const rng = createRng(seed);
  return Array.from({ length: 512 }, () => nextInt(rng, 0, 255));
}

/** Sectors 0..15, each with contents (and so a byte sum) of its own. */
const DISK: Record<number, number[]> = Object.fromEntries(Array.from({ length: 16 }, (_, s) => [s, sector(1000 + s)]));

function byteSum(bytes: readonly number[]): number {
  return bytes.reduce((a, b) => a + b, 0);
}

/** Each program's name, state and exit code: compared with toEqual, a failure shows which program went wrong. */
function outcomes(d: Director) {
  return resultOf(d).programs.map((p) => ({ name: p.name, state: p.state, exitCode: p.exitCode }));
}

function expected(programs: Program[]) {
  return programs.map((p) => ({ name: p.name, state: 'done', exitCode: p.expected }));
}

function run(programs: Program[]): Director {
  return runDirector(createDirector(programs, { disk: DISK }), MAX_TICKS);
}

/** Ticks the programs take when each runs alone, one after the other. */
function oneAfterTheOther(programs: Program[]): number {
  return programs.reduce((sum, p) => sum + resultOf(run([p])).elapsed, 0);
}

/** Reads `sector` into its buffer at virtual address `buffer`, then exits with the sum of those 512 bytes. */
function readerAt(name: string, sectorNumber: number, buffer: number): Program {
  return {
    name,
    source: `
        movi r1, ${sectorNumber}
        li   r2, ${buffer}
        syscall 2
        li   r4, ${buffer}
        li   r5, ${buffer + 512}
        movi r1, 0
sum:    lb   r3, [r4]
        add  r1, r1, r3
        addi r4, r4, 1
        cmp  r4, r5
        jlt  sum
        syscall 0
`,
    expected: byteSum(DISK[sectorNumber] ?? []),
  };
}

function randomProgram(rng: RngState, name: string): Program {
  switch (nextInt(rng, 0, 2)) {
    case 0:
      return reader(name, nextInt(rng, 0, 15), DISK);
    case 1:
      return ioBound(name, nextInt(rng, 0, 15), nextInt(rng, 1, 3), DISK);
    default:
      return compute(name, nextInt(rng, 100, 600), nextInt(rng, 5, 60));
  }
}

describe('peripherals (hidden)', () => {
  it('startTransfer does not wait: the program is blocked at once, and transferDone, at the interrupt, makes it ready', () => {
    const d = createDirector([readerAt('first', 4, 0x800), readerAt('second', 6, 0x600)], { disk: DISK });
    const first = d.programs[0]!;
    const second = d.programs[1]!;
    d.ready.length = 0;
    // As the Director does: the running program asks for a sector.
    first.state = 'running';
    d.current = first;
    startTransfer(d, { program: first.id, sector: 4, address: 0x800 });
    expect({ state: first.state, clock: d.machine.time }, 'right after startTransfer for the first program').toEqual({ state: 'blocked', clock: 0 });
    d.current = undefined;
    second.state = 'running';
    d.current = second;
    startTransfer(d, { program: second.id, sector: 6, address: 0x600 });
    expect({ state: second.state, clock: d.machine.time }, 'right after startTransfer for the second program (the disk is busy)').toEqual({
      state: 'blocked',
      clock: 0,
    });
    d.current = undefined;
    expect(Array.from(readBytes(d.machine, first.base + 0x800, 512)), 'the first buffer before the disk’s interrupt').toEqual(new Array(512).fill(0));

    const one = idleUntilInterrupt(d);
    expect(one, 'the disk’s completion interrupt').toMatchObject({ source: 'irq', irq: 14 });
    transferDone(d);
    expect({ first: first.state, second: second.state, ready: [...d.ready].sort((a, b) => a - b) }, 'after the first interrupt').toEqual({
      first: 'ready',
      second: 'blocked',
      ready: [first.id],
    });
    expect(Array.from(readBytes(d.machine, first.base + 0x800, 512)), 'the first buffer holds sector 4').toEqual(DISK[4]);

    const two = idleUntilInterrupt(d);
    expect(two, 'a second completion interrupt: the queued transfer was started').toMatchObject({ source: 'irq', irq: 14 });
    transferDone(d);
    expect({ first: first.state, second: second.state, ready: [...d.ready].sort((a, b) => a - b) }, 'after the second interrupt').toEqual({
      first: 'ready',
      second: 'ready',
      ready: [first.id, second.id],
    });
    expect(Array.from(readBytes(d.machine, second.base + 0x600, 512)), 'the second buffer holds sector 6').toEqual(DISK[6]);
  });

  it('a reader’s exit code is its sector’s byte sum: the data arrived before it went on (10 random sectors)', () => {
    const rng = createRng(202);
    for (let round = 0; round < 10; round++) {
      const s = nextInt(rng, 0, 15);
      const programs = [reader(`reader-of-${s}`, s, DISK), compute('cruncher', nextInt(rng, 150, 400), nextInt(rng, 5, 40))];
      const d = run(programs);
      expect(outcomes(d), `round ${round}`).toEqual(expected(programs));
      expect(d.stats.idle, `round ${round}: ticks the CPU idled although the cruncher could run`).toBe(0);
    }
  });

  it('the sector lands in the buffer the program named, inside its own region, and nowhere else', () => {
    const programs = [readerAt('low', 7, 0x100), readerAt('high', 8, 0xc00), compute('bystander', 300, 25)];
    const d = run(programs);
    expect(outcomes(d)).toEqual(expected(programs));
    expect(directorStoreIntact(d), 'the Director’s own store still holds its pattern').toBe(true);
    const [low, high] = d.programs;
    expect(Array.from(readBytes(d.machine, low!.base + 0x100, 512)), 'low’s buffer').toEqual(DISK[7]);
    expect(Array.from(readBytes(d.machine, high!.base + 0xc00, 512)), 'high’s buffer').toEqual(DISK[8]);
    expect(d.stats.idle, 'ticks the CPU idled although the bystander could run').toBe(0);
  });

  it('two, three and four readers of different sectors each get their own sector (the disk queue)', () => {
    for (const sectors of [
      [1, 2],
      [3, 4, 5],
      [6, 7, 8, 9],
      [10, 10, 11],
    ]) {
      const programs = sectors.map((s, i) => reader(`r${i}-sector${s}`, s, DISK));
      const d = run(programs);
      expect(outcomes(d), `sectors ${sectors.join(', ')}`).toEqual(expected(programs));
      const alone = oneAfterTheOther(programs);
      expect(resultOf(d).elapsed, `sectors ${sectors.join(', ')}: ticks together; one after the other they take ${alone}`).toBeLessThan(alone);
    }
  });

  it('all three readers ask before the first transfer is done, and the disk serves them oldest first', () => {
    const programs = [reader('a', 12, DISK), reader('b', 13, DISK), reader('c', 14, DISK)];
    const d = run(programs);
    expect(outcomes(d)).toEqual(expected(programs));
    const events = d.log.flatMap((line) => {
      const read = / (\S+) reads sector /.exec(line);
      if (read !== null) return [`${read[1]} asks`];
      const exit = / exit (\S+) /.exec(line);
      return exit === null ? [] : [`${exit[1]} ends`];
    });
    expect(events, 'requests and ends, in order').toEqual(['a asks', 'b asks', 'c asks', 'a ends', 'b ends', 'c ends']);
  });

  it('two I/O-bound programs at once both finish: all programs blocked is not “all done”', () => {
    const programs = [ioBound('left', 2, 3, DISK), ioBound('right', 3, 4, DISK)];
    const d = run(programs);
    expect(outcomes(d)).toEqual(expected(programs));
    expect(d.stats.idle, 'ticks the CPU idled while both waited for the disk').toBeGreaterThan(0);
    const alone = oneAfterTheOther(programs);
    expect(resultOf(d).elapsed, `ticks together; one after the other they take ${alone}`).toBeLessThan(alone);
  });

  it('I/O-bound plus cooperative compute: fewer ticks than one after the other, and higher utilisation than I/O alone', () => {
    for (const [n, every] of [
      [1000, 50],
      [2000, 100],
      [3000, 7],
    ] as const) {
      const programs = [ioBound('io', 5, 4, DISK), compute('cpu', n, every)];
      const d = run(programs);
      expect(outcomes(d), `compute(${n}, ${every})`).toEqual(expected(programs));
      const together = resultOf(d);
      const alone = oneAfterTheOther(programs);
      expect(together.elapsed, `compute(${n}, ${every}): ticks together; one after the other they take ${alone}`).toBeLessThan(alone);
      const ioAlone = resultOf(run([programs[0]!]));
      expect(together.utilisation, `compute(${n}, ${every}): utilisation; I/O alone ${ioAlone.utilisation.toFixed(3)}`).toBeGreaterThan(ioAlone.utilisation);
    }
  });

  it('10 random mixes of readers, I/O-bound and compute programs: each ends with its expected code, sooner than one after the other', () => {
    const rng = createRng(0x5ec7);
    for (let mix = 0; mix < 10; mix++) {
      const programs = Array.from({ length: nextInt(rng, 2, 4) }, (_, i) => randomProgram(rng, `mix${mix}-p${i}`));
      if (!programs.some((p) => /syscall 2/.test(p.source))) programs.push(reader(`mix${mix}-reader`, nextInt(rng, 0, 15), DISK));
      const d = run(programs);
      expect(outcomes(d), `mix ${mix}`).toEqual(expected(programs));
      expect(directorStoreIntact(d), `mix ${mix}: the Director’s store`).toBe(true);
      const alone = oneAfterTheOther(programs);
      expect(resultOf(d).elapsed, `mix ${mix}: ticks together; one after the other they take ${alone}`).toBeLessThan(alone);
    }
  });
});
