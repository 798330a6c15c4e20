/**
 * Step 4 — space sharing. Each program has its own region of the store: physical addresses
 * base .. base+bounds-1. The program itself uses addresses 0 .. bounds-1 (virtual addresses),
 * and the relocation hardware adds the base to every address it uses: to fetch an instruction,
 * to read, to write. As given, that hardware relocates but does not protect: a program can
 * reach past its region, into another program's store or the Director's.
 *
 * `translate` is that hardware: the CPU calls it for every access a user-mode program makes
 * (`access` is Access.read, Access.write or Access.execute from @virtlab/core). It returns the
 * physical address, or reports a fault with translationFault(Cause.protection, access, va).
 */

import { CR, type Machine, PSW, type TrapEvent } from '@virtlab/core';
import type { ControlBlock, Director } from './types.ts';

/** The relocation (and protection) hardware: physical address for `va`, or -1 after a fault. */
export function translate(m: Machine, va: number, access: number): number {
  if ((m.cpu.psw & PSW.MODE_MASK) === 0) return va >>> 0; // the Director uses physical addresses
  // TODO(space-sharing): a virtual address at or past the bounds register must not reach memory:
  // report a protection fault instead, for every kind of access.
  void access;
  return (m.cpu.cr[CR.base]! + va) >>> 0;
}

/** A program touched memory outside its region (its context is saved; `event` says where). */
export function onProtectionFault(d: Director, pcb: ControlBlock, event: TrapEvent): void {
  // TODO(space-sharing): stop the offender, and only it: state 'killed', killedBy a short reason
  // that names the protection fault (e.g. "protection fault: write at 0x1010"), and free the CPU.
  // The other programs go on.
  void d;
  void pcb;
  void event;
}
