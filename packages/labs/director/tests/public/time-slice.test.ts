// Step 3 — time slice: the CPU timer takes the CPU back from a program that would keep it.
import { describe, expect, it } from 'vitest';
import { createDirector, resultOf, runDirector } from '../../src/director.ts';
import { compute, spin } from '../../src/programs.ts';
import type { Director } from '../../src/types.ts';

/** The names of the programs the Director gave the CPU to, in order (from its log). */
function turns(d: Director): string[] {
  return d.log.flatMap((line) => {
    const m = / run (.+)$/.exec(line);
    return m === null ? [] : [m[1]!];
  });
}

describe('sharing the CPU with a timer', () => {
  it('with a time slice, a program in an endless loop no longer starves the others', () => {
    const d = runDirector(createDirector([spin('hog'), compute('one', 400), compute('two', 600)], { quantum: 50 }), 20_000);
    const r = resultOf(d);
    expect(r.programs.map((p) => ({ name: p.name, state: p.state, exitCode: p.exitCode }))).toEqual([
      { name: 'hog', state: expect.stringMatching(/^(ready|running)$/), exitCode: undefined },
      { name: 'one', state: 'done', exitCode: 400 },
      { name: 'two', state: 'done', exitCode: 600 },
    ]);
    expect(d.stats.preemptions, 'timer interrupts that took the CPU from a program').toBeGreaterThan(0);
  });

  it('the programs take turns round robin: a preempted program goes to the back of the queue', () => {
    const d = runDirector(createDirector([spin('a'), spin('b'), spin('c')], { quantum: 30 }), 2_000);
    expect(turns(d).slice(0, 9), 'who got the CPU, turn after turn').toEqual(['a', 'b', 'c', 'a', 'b', 'c', 'a', 'b', 'c']);
  });

  it('the timer is armed again at every turn: two endless loops share the CPU evenly for as long as they run', () => {
    const quantum = 40;
    const d = runDirector(createDirector([spin('left'), spin('right')], { quantum }), 20_000);
    const [left, right] = resultOf(d).programs;
    expect(d.stats.preemptions, 'timer interrupts in 20000 ticks of turns of about 40 ticks').toBeGreaterThan(400);
    expect(Math.abs(left!.ticks - right!.ticks), `ticks of left (${left!.ticks}) and right (${right!.ticks}) differ by more than one turn`).toBeLessThanOrEqual(
      quantum + 1,
    );
  });
});
