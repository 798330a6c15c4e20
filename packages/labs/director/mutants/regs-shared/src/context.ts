// Mutant regs-shared: solution/src/context.ts with one mistake: saveContext keeps the CPU's own register array instead of a copy, so every program shares (and overwrites) the same registers.
/**
 * Step 1 — context (reference solution).
 */

import type { Machine } from '@virtlab/core';
import type { ControlBlock } from './types.ts';

/** Copies the CPU's registers, pc and psw into the program's control block. */
export function saveContext(m: Machine, pcb: ControlBlock): void {
  pcb.regs = m.cpu.regs as unknown as number[];
  pcb.pc = m.cpu.pc;
  pcb.psw = m.cpu.psw;
}

/** Loads the program's saved registers, pc and psw back into the CPU. */
export function restoreContext(m: Machine, pcb: ControlBlock): void {
  m.cpu.regs.set(pcb.regs);
  m.cpu.pc = pcb.pc;
  m.cpu.psw = pcb.psw;
}
