/**
 * Step 3 — time slice. As given, the Director runs the ready programs first come, first served:
 * a program keeps the CPU until it ends, yields or waits for the disk. A program stuck in an
 * endless loop then keeps it forever. The CPU timer (control register `timer`) interrupts the
 * running program after a number of ticks; with it the Director can share the CPU in turns of
 * `d.quantum` ticks, round robin. (This is the later, CTSS-style reading of "time sharing".)
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
  // TODO(time-slice): when d.quantum > 0, arm the CPU timer so that it interrupts the program
  // after d.quantum ticks: setControlRegister(d.machine, 'timer', …). It is one-shot: it must be
  // armed again at every dispatch.
  void setControlRegister;
  void d;
}

/** The CPU timer interrupted d.current (its context is already saved). */
export function onTimer(d: Director): void {
  // TODO(time-slice): the running program's turn is over: put it at the back of the ready queue
  // and leave the CPU free (d.current = undefined) so the next program runs.
  void d;
}

/** True when no program can run any more: every one is done or killed. */
export function allDone(d: Director): boolean {
  return d.programs.every((p) => p.state === 'done' || p.state === 'killed');
}
