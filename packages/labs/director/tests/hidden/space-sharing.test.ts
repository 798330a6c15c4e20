// Step 4 — space sharing (hidden): relocation with protection, for every access, at every boundary.
import { Access, createMachine, createRng, MMIO_BLOCK_BASE, Mode, nextInt, PSW, pick, type RngState, setControlRegister } from '@virtlab/core';
import { describe, expect, it } from 'vitest';
import { createDirector, directorStoreIntact, resultOf, runDirector } from '../../src/director.ts';
import { DEFAULT_REGION, DIRECTOR_STORE } from '../../src/params.ts';
import { checksum, type Program, rogueJump, rogueRead, rogueWrite, victim, widenRegion } from '../../src/programs.ts';
import { translate } from '../../src/regions.ts';
import type { Director } from '../../src/types.ts';

/** Ticks a run may take: far more than these programs need (a few thousand); a rogue left running stops there. */
const MAX_TICKS = 20_000;

/** Each program's name and state, then its exit code or, when killed, whether the reason (killedBy) names a protection fault. */
function outcomes(d: Director) {
  return resultOf(d).programs.map((p) =>
    p.state === 'killed'
      ? { name: p.name, state: p.state, protectionFault: /protection/i.test(p.killedBy ?? '') }
      : { name: p.name, state: p.state, exitCode: p.exitCode },
  );
}

/** What each program must end as: killed by a protection fault for a rogue, else done with its expected code. */
function wanted(programs: Program[], rogues: ReadonlySet<string>) {
  return programs.map((p) =>
    rogues.has(p.name) ? { name: p.name, state: 'killed', protectionFault: true } : { name: p.name, state: 'done', exitCode: p.expected },
  );
}

const KILLED = { state: 'killed', protectionFault: true };

/** Where program `index` lives when every region has the default size: regions follow the Director's store. */
function baseOf(index: number): number {
  return DIRECTOR_STORE + index * DEFAULT_REGION;
}

/** The virtual address that a program at `fromBase` must use to reach physical `target` (wrapping around 2^32). */
function reach(fromBase: number, target: number): number {
  return (target - fromBase) >>> 0;
}

/** A rogue that first yields `yields` times (so that others run before it), then does what `rogue` does. */
function after(yields: number, rogue: Program): Program {
  return { ...rogue, source: `${'        syscall 3\n'.repeat(yields)}${rogue.source}` };
}

/** Accesses virtual address `va` with the given instruction (lw, sw, lb, sb), then exits 0. */
function access(name: string, op: 'lw' | 'sw' | 'lb' | 'sb', va: number, region: number): Program & { region: number } {
  return { name, region, source: `        li r1, ${va >>> 0}\n        movi r2, 0x2a\n        ${op} r2, [r1]\n        movi r1, 0\n        syscall 0\n`, expected: 0 };
}

function randomOutside(rng: RngState, bounds: number): number {
  return pick(rng, [bounds, bounds + 4 * nextInt(rng, 0, 0x3000), 0xfffffffc, (2 ** 32 - 4 * nextInt(rng, 1, 0x4000)) >>> 0]);
}

describe('space sharing (hidden)', () => {
  it('translate relocates every access inside the region and refuses every access at or past the bounds', () => {
    const rng = createRng(0xba5e);
    const m = createMachine({ memoryBytes: 0x10000, trapMode: 'exit' });
    const kinds = [
      ['read', Access.read],
      ['write', Access.write],
      ['execute', Access.execute],
    ] as const;
    const wrong: string[] = [];
    for (let round = 0; round < 40; round++) {
      const base = 0x100 * nextInt(rng, 0x40, 0xe0);
      const bounds = 0x100 * nextInt(rng, 1, 0x20);
      m.cpu.psw = (Mode.user << PSW.MODE_SHIFT) | PSW.IF;
      setControlRegister(m, 'base', base);
      setControlRegister(m, 'bounds', bounds);
      const inside = [0, 4 * nextInt(rng, 0, bounds / 4 - 1), bounds - 4, bounds - 1];
      const outside = [bounds, bounds + 1, bounds + 4 * nextInt(rng, 0, 0x1000), 0x7fffffff, 0x80000000, 0xfffffffc, (2 ** 32 - base) >>> 0];
      for (const [kind, code] of kinds) {
        for (const va of inside) {
          const got = translate(m, va, code);
          if (got !== base + va) wrong.push(`base 0x${base.toString(16)} bounds 0x${bounds.toString(16)}: ${kind} at 0x${va.toString(16)} gave ${got}, not 0x${(base + va).toString(16)}`);
        }
        for (const va of outside) {
          const got = translate(m, va, code);
          if (got !== -1) wrong.push(`base 0x${base.toString(16)} bounds 0x${bounds.toString(16)}: ${kind} at 0x${va.toString(16)} gave ${got}, not -1 (a fault)`);
        }
      }
    }
    m.cpu.psw = PSW.IF; // supervisor mode: the Director's own accesses are physical
    for (const [kind, code] of kinds) {
      const got = translate(m, 0x20, code);
      if (got !== 0x20) wrong.push(`supervisor ${kind} at 0x20 gave ${got}, not 0x20`);
    }
    expect(wrong.slice(0, 10), `${wrong.length} wrong translations (first 10 shown)`).toEqual([]);
  });

  it('10 random placements: a rogue writing into a victim’s region is killed, and every victim ends with its own result', () => {
    const rng = createRng(0x6666);
    for (let round = 0; round < 10; round++) {
      const count = nextInt(rng, 3, 5);
      const rogueAt = nextInt(rng, 0, count - 1);
      const victims = Array.from({ length: count }, (_, i) => i).filter((i) => i !== rogueAt);
      const target = pick(rng, victims);
      const address = reach(baseOf(rogueAt), baseOf(target) + 0x100 + 4 * nextInt(rng, 0, 63));
      const programs = Array.from({ length: count }, (_, i) =>
        i === rogueAt ? after(2, rogueWrite(`rogue${i}`, address, nextInt(rng, 1, 0x7fff))) : victim(`victim${i}`, nextInt(rng, 4, 8)),
      );
      const d = runDirector(createDirector(programs), MAX_TICKS);
      expect(outcomes(d), `round ${round}: rogue ${rogueAt} writes 0x${address.toString(16)}, aimed at program ${target}`).toEqual(
        wanted(programs, new Set([`rogue${rogueAt}`])),
      );
      expect(directorStoreIntact(d), `round ${round}: the Director’s store`).toBe(true);
    }
  });

  it('writes aimed at the Director’s store, at the start, middle and end, are faults and leave it intact', () => {
    for (const target of [0, 0x40, 0x2000, DIRECTOR_STORE - 4]) {
      const programs = [victim('victim', 3), after(1, rogueWrite('rogue', reach(baseOf(1), target)))];
      const d = runDirector(createDirector(programs), MAX_TICKS);
      expect(outcomes(d), `aimed at physical 0x${target.toString(16)}`).toEqual(wanted(programs, new Set(['rogue'])));
      expect(directorStoreIntact(d), `aimed at physical 0x${target.toString(16)}: the Director’s store`).toBe(true);
    }
  });

  it('reads outside the region are faults too: another program’s region, and the Director’s store at a high address', () => {
    const programs = [
      victim('victim', 4),
      after(1, rogueRead('peeks-at-victim', reach(baseOf(1), baseOf(0) + 0x100))),
      rogueRead('peeks-at-director', reach(baseOf(2), 0x100)),
      rogueRead('peeks-next-door', DEFAULT_REGION),
    ];
    const d = runDirector(createDirector(programs), MAX_TICKS);
    expect(outcomes(d)).toEqual(wanted(programs, new Set(['peeks-at-victim', 'peeks-at-director', 'peeks-next-door'])));
  });

  it('at every region size, the last word and byte are the program’s; the first address past the region faults, for every access', () => {
    for (const region of [0x100, 0x300, 0x800, 0x1000, 0x1800]) {
      const programs = [
        access('sw-last', 'sw', region - 4, region),
        access('lw-last', 'lw', region - 4, region),
        access('sb-last', 'sb', region - 1, region),
        access('lb-last', 'lb', region - 1, region),
        access('sw-past', 'sw', region, region),
        access('lw-past', 'lw', region, region),
        access('sb-past', 'sb', region, region),
        access('lb-past', 'lb', region, region),
      ];
      const d = runDirector(createDirector(programs), MAX_TICKS);
      expect(outcomes(d), `region of 0x${region.toString(16)} bytes`).toEqual(wanted(programs, new Set(['sw-past', 'lw-past', 'sb-past', 'lb-past'])));
    }
  });

  it('jumping outside the region faults on the fetch, and so does running off its end', () => {
    const region = 0x100;
    const offTheEnd = { name: 'off-the-end', region, source: '        nop\n'.repeat(region / 4) };
    const programs = [
      { ...rogueJump('to-bounds', region), region },
      { ...rogueJump('to-next-region', 0x200), region },
      { ...rogueJump('to-director', reach(baseOf(0) + 2 * region, 0x80)), region },
      { ...rogueJump('to-the-disk', reach(baseOf(0) + 3 * region, MMIO_BLOCK_BASE)), region },
      offTheEnd,
      checksum('bystander', 99, 20),
    ];
    const d = runDirector(createDirector(programs), MAX_TICKS);
    expect(outcomes(d)).toEqual(wanted(programs, new Set(['to-bounds', 'to-next-region', 'to-director', 'to-the-disk', 'off-the-end'])));
    expect(directorStoreIntact(d), 'the Director’s store').toBe(true);
  });

  it('mtcr bounds and mtcr base are privileged: the program is killed, and the region’s end still faults', () => {
    const moveBase = { name: 'move-base', source: '        movi r1, 0\n        mtcr base, r1\n        movi r1, 0\n        sw r1, [r1]\n        syscall 0\n' };
    const programs: Program[] = [widenRegion('widen'), moveBase, rogueWrite('writer', DEFAULT_REGION), checksum('bystander', 5, 10)];
    const d = runDirector(createDirector(programs), MAX_TICKS);
    const r = resultOf(d);
    expect(outcomes(d)).toEqual([
      { name: 'widen', state: 'killed', protectionFault: false },
      { name: 'move-base', state: 'killed', protectionFault: false },
      { name: 'writer', ...KILLED },
      { name: 'bystander', state: 'done', exitCode: programs[3]!.expected },
    ]);
    expect([r.programs[0]!.killedBy, r.programs[1]!.killedBy], 'why widen and move-base were stopped').toEqual([
      expect.stringMatching(/privileged/),
      expect.stringMatching(/privileged/),
    ]);
    expect(directorStoreIntact(d), 'the Director’s store').toBe(true);
  });

  it('only the offender is killed, wherever it sits in the queue, with or without a time slice', () => {
    for (const quantum of [0, 17]) {
      for (let at = 0; at < 4; at++) {
        const programs = Array.from({ length: 4 }, (_, i) => (i === at ? rogueWrite('rogue', DEFAULT_REGION + 8) : checksum(`good${i}`, 100 + i, 15)));
        const d = runDirector(createDirector(programs, { quantum }), MAX_TICKS);
        expect(outcomes(d), `rogue at ${at}, quantum ${quantum}`).toEqual(wanted(programs, new Set(['rogue'])));
        expect(resultOf(d).programs[at]!.killedBy, `rogue at ${at}, quantum ${quantum}: why it was stopped`).toMatch(/protection/i);
      }
    }
  });

  it('10 random mixes of rogues (write, read, jump) and honest programs: every rogue killed, every honest program right', () => {
    const rng = createRng(0x2bad);
    for (let mix = 0; mix < 10; mix++) {
      const count = nextInt(rng, 3, 6);
      const quantum = pick(rng, [0, 0, 9, 40]);
      const rogues = new Set<string>();
      const programs: Program[] = [];
      for (let i = 0; i < count; i++) {
        const kind = nextInt(rng, 0, 4);
        const va = randomOutside(rng, DEFAULT_REGION);
        if (kind === 0) programs.push(after(nextInt(rng, 0, 3), rogueWrite(`write${i}`, va)));
        else if (kind === 1) programs.push(after(nextInt(rng, 0, 3), rogueRead(`read${i}`, va)));
        else if (kind === 2) programs.push(after(nextInt(rng, 0, 3), rogueJump(`jump${i}`, va)));
        else if (kind === 3) programs.push(victim(`victim${i}`, nextInt(rng, 2, 6)));
        else programs.push(checksum(`checksum${i}`, nextInt(rng, 1, 9999), nextInt(rng, 5, 25)));
        if (kind <= 2) rogues.add(programs[i]!.name);
      }
      const d = runDirector(createDirector(programs, { quantum }), MAX_TICKS);
      expect(outcomes(d), `mix ${mix}, quantum ${quantum}`).toEqual(wanted(programs, rogues));
      expect(directorStoreIntact(d), `mix ${mix}: the Director’s store`).toBe(true);
    }
  });
});
