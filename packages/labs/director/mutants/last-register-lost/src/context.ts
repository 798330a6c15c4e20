// Mutant last-register-lost: solution/src/context.ts with one mistake: saveContext copies r0..r14 only: sp (r15) is not saved.
/**
 * Step 1 — context (reference solution).
 */

import type { Machine } from '@virtlab/core';
import type { ControlBlock } from './types.ts';

/** Copies the CPU's registers, pc and psw into the program's control block. */
export function saveContext(m: Machine, pcb: ControlBlock): void {
  for (let i = 0; i < 15; i++) pcb.regs[i] = m.cpu.regs[i]!;
  pcb.pc = m.cpu.pc;
  pcb.psw = m.cpu.psw;
}

/** Loads the program's saved registers, pc and psw back into the CPU. */
export function restoreContext(m: Machine, pcb: ControlBlock): void {
  m.cpu.regs.set(pcb.regs);
  m.cpu.pc = pcb.pc;
  m.cpu.psw = pcb.psw;
}
