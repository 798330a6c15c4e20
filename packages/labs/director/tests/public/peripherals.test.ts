// Step 2 — peripherals: while the disk works for one program, the CPU runs another.
import { createRng, nextInt } from '@virtlab/core';
import { describe, expect, it } from 'vitest';
import { createDirector, resultOf, runDirector } from '../../src/director.ts';
import { compute, ioBound, type Program, reader } from '../../src/programs.ts';
import type { Director } from '../../src/types.ts';

/** Ticks a run may take: far more than these programs need (at most a few tens of thousands). */
const MAX_TICKS = 100_000;

/** 512 bytes drawn from `seed`: each sector has its own contents, so its byte sum is its own. */
function sector(seed: number): number[] {
  const rng = createRng(seed);
  return Array.from({ length: 512 }, () => nextInt(rng, 0, 255));
}

const DISK: Record<number, number[]> = { 3: sector(3), 5: sector(5), 9: sector(9) };

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

describe('computing while the disk works', () => {
  it('a reader gets its sector’s bytes, and the CPU runs another program meanwhile instead of idling', () => {
    const programs = [reader('reader', 5, DISK), compute('cruncher', 300, 10)];
    const d = run(programs);
    expect(outcomes(d)).toEqual(expected(programs));
    expect(d.stats.idle, 'ticks the CPU idled although the cruncher was ready to run').toBe(0);
  });

  it('an I/O-bound and a compute-bound program together finish sooner than one after the other', () => {
    const programs = [ioBound('reader', 3, 4, DISK), compute('cruncher', 2000, 100)];
    const d = run(programs);
    expect(outcomes(d)).toEqual(expected(programs));
    const together = resultOf(d);
    const alone = oneAfterTheOther(programs);
    expect(together.elapsed, `ticks together; one after the other they take ${alone}`).toBeLessThan(alone);
    const ioAlone = resultOf(run([programs[0]!]));
    expect(together.utilisation, `CPU utilisation together; the reader alone keeps it busy ${ioAlone.utilisation.toFixed(3)} of the time`).toBeGreaterThan(
      ioAlone.utilisation,
    );
  });

  it('two readers of different sectors each get their own sector, the second waiting its turn for the disk', () => {
    const programs = [reader('first', 3, DISK), reader('second', 9, DISK)];
    expect(programs[0]!.expected, 'the two sectors have different sums').not.toBe(programs[1]!.expected);
    const d = run(programs);
    expect(outcomes(d)).toEqual(expected(programs));
    const alone = oneAfterTheOther(programs);
    expect(resultOf(d).elapsed, `ticks together; one after the other they take ${alone}`).toBeLessThan(alone);
  });

  it('when every program waits for the disk, the Director waits for the interrupt: it is not done', () => {
    const programs = [ioBound('left', 3, 3, DISK), ioBound('right', 5, 3, DISK)];
    const d = run(programs);
    expect(outcomes(d)).toEqual(expected(programs));
    expect(d.stats.idle, 'ticks the CPU idled, both programs waiting for the disk').toBeGreaterThan(0);
    const alone = oneAfterTheOther(programs);
    expect(resultOf(d).elapsed, `ticks together; one after the other they take ${alone}`).toBeLessThan(alone);
  });
});
