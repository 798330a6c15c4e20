// Mutant flags-not-saved: solution/src/context.ts with one mistake: saveContext forgets the psw, so a program always resumes with the psw it started with (user mode, flags cleared): a comparison made before a switch is lost.
/**
 * Step 1 — context (reference solution).
 */

import type { Machine } from '@virtlab/core';
import type { ControlBlock } from './types.ts';

/** Copies the CPU's registers, pc and psw into the program's control block. */
export function saveContext(m: Machine, pcb: ControlBlock): void {
  pcb.regs = Array.from(m.cpu.regs);
  pcb.pc = m.cpu.pc;
}

/** Loads the program's saved registers, pc and psw back into the CPU. */
export function restoreContext(m: Machine, pcb: ControlBlock): void {
  m.cpu.regs.set(pcb.regs);
  m.cpu.pc = pcb.pc;
  m.cpu.psw = pcb.psw;
}
