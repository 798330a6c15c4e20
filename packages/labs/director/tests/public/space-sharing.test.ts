// Step 4 — space sharing: each program gets its own region of the store, and cannot reach past it.
import { describe, expect, it } from 'vitest';
import { createDirector, directorStoreIntact, resultOf, runDirector } from '../../src/director.ts';
import { DIRECTOR_STORE } from '../../src/params.ts';
import { rogueJump, rogueRead, rogueWrite, victim, widenRegion } from '../../src/programs.ts';
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

const KILLED = { state: 'killed', protectionFault: true };

describe('a region of the store for each program', () => {
  it('a rogue write into another program’s region kills the rogue only; the victim computes its own result', () => {
    // The rogue's region is the first (0x1000 bytes); virtual 0x1010 is 0x10 bytes into the victim's region.
    const programs = [rogueWrite('rogue', 0x1010), victim('victim', 4)];
    const d = runDirector(createDirector(programs), MAX_TICKS);
    expect(outcomes(d)).toEqual([
      { name: 'rogue', ...KILLED },
      { name: 'victim', state: 'done', exitCode: programs[1]!.expected },
    ]);
    expect(directorStoreIntact(d), 'the Director’s own store still holds its pattern').toBe(true);
  });

  it('a rogue cannot reach the Director’s store either, not even through an address that wraps around', () => {
    // The first region starts at DIRECTOR_STORE: base + this address wraps around to physical 0x40.
    const address = 2 ** 32 - DIRECTOR_STORE + 0x40;
    const d = runDirector(createDirector([rogueWrite('rogue', address), victim('victim', 2)]), MAX_TICKS);
    expect(outcomes(d)[0]).toEqual({ name: 'rogue', ...KILLED });
    expect(directorStoreIntact(d), 'the Director’s own store still holds its pattern').toBe(true);
  });

  it('the last word of a region belongs to the program; the first address past it does not', () => {
    const region = 0x800;
    const programs = [
      { ...rogueWrite('last-word', region - 4), region },
      { ...rogueWrite('one-past', region), region },
    ];
    const d = runDirector(createDirector(programs), MAX_TICKS);
    expect(outcomes(d)).toEqual([
      { name: 'last-word', state: 'done', exitCode: 0 },
      { name: 'one-past', ...KILLED },
    ]);
  });

  it('reading or jumping outside the region is a fault too, and a program cannot widen its region', () => {
    const programs = [rogueRead('reader', 0x1000), rogueJump('jumper', 0x1000), widenRegion('widener'), rogueWrite('writer', 0x1000)];
    const d = runDirector(createDirector(programs), MAX_TICKS);
    const r = resultOf(d);
    expect(outcomes(d)).toEqual([
      { name: 'reader', ...KILLED },
      { name: 'jumper', ...KILLED },
      { name: 'widener', state: 'killed', protectionFault: false },
      { name: 'writer', ...KILLED },
    ]);
    expect(r.programs[2]!.killedBy, 'mtcr bounds is a privileged instruction').toMatch(/privileged/);
  });
});
