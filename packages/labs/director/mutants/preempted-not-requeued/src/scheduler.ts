// Mutant preempted-not-requeued: solution/src/scheduler.ts with one mistake: onTimer frees the CPU but does not put the preempted program back in the ready queue: it never runs again.
/**
 * Step 3 — time slice (reference solution).
 */

import { setControlRegister } from '@virtlab/core';
import type { ControlBlock, Director } from './types.ts';

/** Puts a program at the back of the ready queue. */
export function makeReady(d: Director, pcb: ControlBlock): void {
  pcb.state = 'ready';
  d.ready.push(pcb.id);
}

/** Takes the program at the head of the ready queue, or undefined when none is ready. */
export function pickNext(d: Director): ControlBlock | undefined {
  while (d.ready.length > 0) {
    const pcb = d.programs[d.ready.shift()!]!;
    if (pcb.state === 'ready') return pcb;
  }
  return undefined;
}

/** Called each time a program is given the CPU. */
export function armTimer(d: Director): void {
  setControlRegister(d.machine, 'timer', Math.max(d.quantum, 0));
}

/** The CPU timer interrupted d.current (its context is already saved). */
export function onTimer(d: Director): void {
  const pcb = d.current;
  if (pcb === undefined) return;
  d.current = undefined;
}

/** True when no program can run any more: every one is done or killed. */
export function allDone(d: Director): boolean {
  return d.programs.every((p) => p.state === 'done' || p.state === 'killed');
}
