// Mutant fetch-not-relocated: solution/src/regions.ts with one mistake: instruction fetches (execute) are checked but not relocated: jumps and fetches use the virtual address as a physical one.
/**
 * Step 4 — space sharing (reference solution).
 */

import { Access, Cause, CR, type Machine, PSW, type TrapEvent, translationFault } from '@virtlab/core';
import type { ControlBlock, Director } from './types.ts';

/** The relocation (and protection) hardware: physical address for `va`, or -1 after a fault. */
export function translate(m: Machine, va: number, access: number): number {
  if ((m.cpu.psw & PSW.MODE_MASK) === 0) return va >>> 0; // the Director uses physical addresses
  const v = va >>> 0;
  if (v >= m.cpu.cr[CR.bounds]!) return translationFault(Cause.protection, access, v);
  if (access === Access.execute) return v;
  return (m.cpu.cr[CR.base]! + v) >>> 0;
}

/** A program touched memory outside its region (its context is saved; `event` says where). */
export function onProtectionFault(d: Director, pcb: ControlBlock, event: TrapEvent): void {
  pcb.state = 'killed';
  pcb.killedBy = `protection fault: ${event.access} at 0x${event.tval.toString(16)}, outside its region`;
  if (d.current === pcb) d.current = undefined;
}
