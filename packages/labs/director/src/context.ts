/**
 * Step 1 — context. When the Director takes the CPU from a program, it must keep everything the
 * program was in the middle of, so that when the program runs again it cannot tell it was ever
 * stopped: its registers r0..r15, its pc, and its psw (the flags of its last comparison, its mode,
 * its interrupt flag). That saved state is the program's context, kept in its control block.
 */

import type { Machine } from '@virtlab/core';
import type { ControlBlock } from './types.ts';

/** Copies the CPU's registers, pc and psw into the program's control block. */
export function saveContext(m: Machine, pcb: ControlBlock): void {
  // TODO(context): copy all 16 registers (m.cpu.regs), m.cpu.pc and m.cpu.psw into pcb.
  void m;
  void pcb;
}

/** Loads the program's saved registers, pc and psw back into the CPU. */
export function restoreContext(m: Machine, pcb: ControlBlock): void {
  // TODO(context): the reverse of saveContext.
  void m;
  void pcb;
}
