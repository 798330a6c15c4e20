// Mutant wrong-program-killed: solution/src/regions.ts with one mistake: kills the program at the head of the ready queue (taken for the current one) instead of the offender.
/**
 * Step 4 — space sharing (reference solution).
 */

import { Cause, CR, type Machine, PSW, type TrapEvent, translationFault } from '@virtlab/core';
import type { ControlBlock, Director } from './types.ts';

/** The relocation (and protection) hardware: physical address for `va`, or -1 after a fault. */
export function translate(m: Machine, va: number, access: number): number {
  if ((m.cpu.psw & PSW.MODE_MASK) === 0) return va >>> 0; // the Director uses physical addresses
  const v = va >>> 0;
  if (v >= m.cpu.cr[CR.bounds]!) return translationFault(Cause.protection, access, v);
  return (m.cpu.cr[CR.base]! + v) >>> 0;
}

/** A program touched memory outside its region (its context is saved; `event` says where). */
export function onProtectionFault(d: Director, offender: ControlBlock, event: TrapEvent): void {
  const pcb = d.programs[d.ready[0] ?? offender.id]!;
  pcb.state = 'killed';
  pcb.killedBy = `protection fault: ${event.access} at 0x${event.tval.toString(16)}, outside its region`;
  if (d.current === pcb) d.current = undefined;
}
