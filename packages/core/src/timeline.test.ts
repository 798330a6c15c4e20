import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MachineEvent } from './events.ts';
import { cloneMachine, machineToJSON } from './machine.ts';
import { machineSimulation, run } from './run.ts';
import { randomMachine } from './testing/random-program.ts';
import { createTimeline, type Simulation } from './timeline.ts';

function replay(seed: number, steps: number): string {
  const m = randomMachine(seed);
  run(m, steps);
  return JSON.stringify(machineToJSON(m));
}

describe('timeline', () => {
  it('seek(k) gives exactly the state that replaying k steps from the start gives', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 1, max: 700 }), (seed, k, every) => {
        const timeline = createTimeline(machineSimulation, randomMachine(seed), { snapshotEvery: every });
        timeline.record(3000);
        const at = Math.min(k, timeline.length);
        expect(JSON.stringify(machineToJSON(timeline.seek(at)))).toBe(replay(seed, at));
      }),
      { numRuns: 40 },
    );
  }, 60_000);

  it('the same seed gives the same trace, byte for byte, and another seed another trace', () => {
    const trace = (seed: number) => {
      const timeline = createTimeline(machineSimulation, randomMachine(seed));
      timeline.record(5000);
      return JSON.stringify(timeline.events);
    };
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), (seed) => {
        expect(trace(seed)).toBe(trace(seed));
      }),
      { numRuns: 20 },
    );
    expect(trace(1)).not.toBe(trace(2));
  }, 60_000);

  it('records events with their step and virtual time, and finds the next event of a kind', () => {
    const timeline = createTimeline(machineSimulation, randomMachine(7));
    timeline.record(2000);
    expect(timeline.length).toBe(2000);
    const steps = timeline.events.map((e) => e.step);
    expect(steps).toEqual([...steps].sort((a, b) => a - b));
    const first = timeline.events[0]!;
    expect(timeline.eventsAt(first.step).map((e) => e.event)).toContainEqual(first.event);
    expect(timeline.seek(first.step).time).toBe(first.time);
    const trap = timeline.nextEvent(0, (e) => e.type === 'trap');
    expect(trap?.event.type).toBe('trap');
    expect(timeline.events.slice(0, timeline.events.indexOf(trap!)).some((e) => e.event.type === 'trap')).toBe(false);
  });

  it('does not change the state it was started from', () => {
    const m = randomMachine(3);
    const before = JSON.stringify(machineToJSON(m));
    const timeline = createTimeline(machineSimulation, m);
    timeline.record(500);
    expect(JSON.stringify(machineToJSON(m))).toBe(before);
    expect(JSON.stringify(machineToJSON(timeline.seek(0)))).toBe(before);
  });

  it('stops recording when the simulation is done', () => {
    const counter: Simulation<{ n: number }, string> = {
      clone: (s) => ({ ...s }),
      step: (s, out) => {
        s.n++;
        if (s.n % 2 === 0) out.push(`even ${s.n}`);
      },
      isDone: (s) => s.n >= 5,
      time: (s) => s.n * 10,
    };
    const timeline = createTimeline(counter, { n: 0 }, { snapshotEvery: 2 });
    expect(timeline.record(100)).toBe(5);
    expect(timeline.done).toBe(true);
    expect(timeline.events).toEqual([
      { step: 2, time: 20, event: 'even 2' },
      { step: 4, time: 40, event: 'even 4' },
    ]);
    expect(timeline.seek(3)).toEqual({ n: 3 });
  });

  it('rejects a seek outside the recording and a bad snapshot interval with exact messages', () => {
    const timeline = createTimeline(machineSimulation, randomMachine(1));
    timeline.record(10);
    expect(() => timeline.seek(11)).toThrow('seek: step 11 is outside 0..10');
    expect(() => timeline.seek(-1)).toThrow('seek: step -1 is outside 0..10');
    expect(() => createTimeline(machineSimulation, randomMachine(1), { snapshotEvery: 0 })).toThrow(
      'snapshotEvery: 0 is not a whole number >= 1',
    );
  });
});

describe('machine snapshots', () => {
  it('clones share nothing with the original', () => {
    const m = randomMachine(11);
    run(m, 1000);
    const copy = cloneMachine(m);
    run(copy, 1000);
    expect(copy.steps).toBe(m.steps + 1000);
    expect(JSON.stringify(machineToJSON(copy))).not.toBe(JSON.stringify(machineToJSON(m)));
  });

  it('runs the random programs for a long time without stopping, taking traps and interrupts', () => {
    const m = randomMachine(5);
    const kinds = new Set<MachineEvent['type']>();
    run(m, 20_000, { onEvent: (e) => kinds.add(e.type) });
    expect(m.stopped).toBe(false);
    expect(kinds.has('trap')).toBe(true);
  });
});
