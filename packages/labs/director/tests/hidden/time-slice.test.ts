// Step 3 — time slice (hidden): exact turns, re-armed timer, round robin, fairness, and the disk.
import { createRng, nextInt } from '@virtlab/core';
import { describe, expect, it } from 'vitest';
import { createDirector, resultOf, runDirector } from '../../src/director.ts';
import { checksum, compute, ioBound, type Program, reader, spin } from '../../src/programs.ts';
import { onTimer } from '../../src/scheduler.ts';
import type { Director } from '../../src/types.ts';

/** 512 bytes drawn from `seed`. */
function sector(seed: number): number[] {
  const rng = createRng(seed);
  return Array.from({ length: 512 }, () => nextInt(rng, 0, 255));
}

const DISK: Record<number, number[]> = { 1: sector(1), 2: sector(2) };

/** The names of the programs the Director gave the CPU to, in order (from its log). */
function turns(d: Director): string[] {
  return d.log.flatMap((line) => {
    const m = /^t=\d+ run (.+)$/.exec(line);
    return m === null ? [] : [m[1]!];
  });
}

/** The times at which the timer preempted a program (from the Director's log). */
function preemptionTimes(d: Director): number[] {
  return d.log.flatMap((line) => {
    const m = /^t=(\d+) timer: /.exec(line);
    return m === null ? [] : [Number(m[1])];
  });
}

/** For every turn that ended with the timer: who had it, and for how many ticks (dispatch to preemption). */
function preemptedTurns(d: Director): { name: string; ticks: number }[] {
  const out: { name: string; ticks: number }[] = [];
  let start = 0;
  for (const line of d.log) {
    const run = /^t=(\d+) run (.+)$/.exec(line);
    if (run !== null) start = Number(run[1]);
    const timer = /^t=(\d+) timer: (.+) preempted$/.exec(line);
    if (timer !== null) out.push({ name: timer[2]!, ticks: Number(timer[1]) - start });
  }
  return out;
}

/** Each program's name, state and exit code, the spinners' state being either ready or running. */
function outcomes(d: Director, programs: Program[]) {
  return resultOf(d).programs.map((p, i) => ({
    name: p.name,
    state: programs[i]!.expected === undefined ? (p.state === 'running' ? 'ready' : p.state) : p.state,
    exitCode: p.exitCode,
  }));
}

function expected(programs: Program[]) {
  return programs.map((p) => ({ name: p.name, state: p.expected === undefined ? 'ready' : 'done', exitCode: p.expected }));
}

describe('time slice (hidden)', () => {
  it('each turn lasts exactly the quantum: quantum ticks, plus the one tick the timer interrupt takes', () => {
    for (const quantum of [1, 2, 5, 13, 50, 97]) {
      const d = runDirector(createDirector([spin('a'), spin('b')], { quantum }), 6 * (quantum + 1));
      expect(preemptionTimes(d), `quantum ${quantum}: times of the timer interrupts`).toEqual([1, 2, 3, 4, 5, 6].map((k) => k * (quantum + 1)));
    }
  });

  it('the timer is re-armed at every dispatch: preemptions keep coming, in proportion to time', () => {
    for (const quantum of [10, 64]) {
      for (const ticks of [5_000, 20_000]) {
        const d = runDirector(createDirector([spin('a'), spin('b'), spin('c')], { quantum }), ticks);
        expect(d.stats.preemptions, `quantum ${quantum}, after ${ticks} ticks`).toBe(Math.floor(ticks / (quantum + 1)));
      }
    }
  });

  it('a program that blocks on the disk or yields gives up the rest of its turn: the next one gets a whole turn', () => {
    const quantum = 40;
    const programs = [reader('reader', 1, DISK), spin('hog'), compute('polite', 400, 3)];
    const d = runDirector(createDirector(programs, { quantum, disk: DISK }), 30_000);
    expect(outcomes(d, programs)).toEqual(expected(programs));
    const lengths = preemptedTurns(d);
    expect(lengths.length, 'turns that ended with the timer').toBeGreaterThan(10);
    expect(
      lengths.filter((t) => t.ticks !== quantum + 1),
      `turns that ended with the timer but did not last quantum + 1 = ${quantum + 1} ticks`,
    ).toEqual([]);
    expect(d.log[2], 'right after the reader asks for the disk, the next program is dispatched').toBe('t=3 run hog');
  });

  it('the turns go round robin, whatever the number of programs', () => {
    for (const count of [2, 3, 5]) {
      const names = Array.from({ length: count }, (_, i) => `p${i}`);
      const d = runDirector(createDirector(names.map((n) => spin(n)), { quantum: 25 }), 26 * count * 4);
      expect(turns(d).slice(0, count * 4), `${count} programs`).toEqual([...names, ...names, ...names, ...names]);
    }
  });

  it('onTimer puts the running program at the back of the ready queue and leaves the CPU free', () => {
    const d = createDirector([spin('a'), spin('b'), spin('c')], { quantum: 10 });
    const a = d.programs[0]!;
    d.ready = [1, 2];
    a.state = 'running';
    d.current = a;
    onTimer(d);
    expect({ current: d.current?.name, state: a.state, ready: [...d.ready] }).toEqual({ current: undefined, state: 'ready', ready: [1, 2, 0] });
  });

  it('10 random mixes: endless loops no longer starve the compute programs, which end with their expected codes', () => {
    const rng = createRng(0x7153);
    for (let mix = 0; mix < 10; mix++) {
      const quantum = nextInt(rng, 5, 200);
      const programs: Program[] = [];
      const hogs = nextInt(rng, 1, 2);
      for (let i = 0; i < hogs; i++) programs.push(spin(`hog${i}`));
      const workers = nextInt(rng, 1, 3);
      for (let i = 0; i < workers; i++) {
        programs.splice(nextInt(rng, 0, programs.length), 0, nextInt(rng, 0, 1) === 0 ? compute(`worker${i}`, nextInt(rng, 50, 800)) : checksum(`worker${i}`, nextInt(rng, 1, 9999), nextInt(rng, 5, 30)));
      }
      const d = runDirector(createDirector(programs, { quantum }), 80_000);
      expect(outcomes(d, programs), `mix ${mix}, quantum ${quantum}`).toEqual(expected(programs));
    }
  });

  it('CPU-bound programs share the CPU evenly: their ticks differ by at most one turn over a long run', () => {
    for (const [count, quantum] of [
      [2, 7],
      [2, 100],
      [3, 33],
      [4, 16],
    ] as const) {
      const d = runDirector(createDirector(Array.from({ length: count }, (_, i) => spin(`s${i}`)), { quantum }), 40_000);
      const r = resultOf(d);
      const ticks = r.programs.map((p) => p.ticks);
      expect(r.programs.map((p) => (p.state === 'running' ? 'ready' : p.state)), `${count} programs, quantum ${quantum}: still looping`).toEqual(
        new Array(count).fill('ready'),
      );
      expect(Math.max(...ticks) - Math.min(...ticks), `${count} programs, quantum ${quantum}: ticks ${ticks.join(', ')}`).toBeLessThanOrEqual(quantum + 1);
      expect(Math.min(...ticks), `${count} programs, quantum ${quantum}: ticks of the least served`).toBeGreaterThan(40_000 / count - quantum - 2);
    }
  });

  it('quantum 0 turns the timer off (a hog keeps the CPU); a quantum lets the others finish', () => {
    const programs = [spin('hog'), compute('one', 300), compute('two', 500)];
    const off = runDirector(createDirector(programs, { quantum: 0 }), 20_000);
    expect(off.stats.preemptions, 'preemptions with quantum 0').toBe(0);
    expect(resultOf(off).programs.map((p) => p.state), 'with quantum 0').toEqual(['running', 'ready', 'ready']);
    const on = runDirector(createDirector(programs, { quantum: 60 }), 20_000);
    expect(outcomes(on, programs), 'with quantum 60').toEqual(expected(programs));
  });

  it('with a timer, an I/O-bound program finishes next to endless loops, its transfers overlapped with their turns', () => {
    const programs = [spin('hog1'), ioBound('io', 2, 3, DISK), spin('hog2')];
    const d = runDirector(createDirector(programs, { quantum: 30, disk: DISK }), 60_000);
    expect(outcomes(d, programs)).toEqual(expected(programs));
    expect(d.stats.idle, 'ticks the CPU idled although the hogs could always run').toBe(0);
  });
});
