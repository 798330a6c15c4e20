/**
 * The Director's data: one control block per program, and the Director itself. Types only.
 *
 * The Director is the resident supervisor of Strachey's 1959 proposal. It keeps, for every
 * program, a control block: the program's saved registers (its "context") and its region of the
 * store. The machine is the core's, run in `exit` trap mode: every trap and interrupt returns to
 * this TypeScript Director, which decides what happens next.
 */

import type { Machine } from '@virtlab/core';

/** Where a program is in its life. */
export type ProgramState = 'ready' | 'running' | 'blocked' | 'done' | 'killed';

/** A program's control block: everything the Director keeps about it. */
export interface ControlBlock {
  /** Index in `Director.programs`. */
  id: number;
  /** A name for people. */
  name: string;
  /** Saved general registers r0..r15 (r15 = sp), signed 32-bit. */
  regs: number[];
  /** Saved program counter (a virtual address: inside the program's region). */
  pc: number;
  /** Saved program status word: flags Z N C V, IF, mode. */
  psw: number;
  /** First physical address of the program's region of the store, in bytes. */
  base: number;
  /** Size of the region, in bytes: the program may use virtual addresses 0 .. bounds-1. */
  bounds: number;
  /** Where it is in its life. */
  state: ProgramState;
  /** Exit code (the r1 of its exit system call), once done. */
  exitCode?: number;
  /** Why the Director stopped it, once killed. */
  killedBy?: string;
  /** Ticks of the CPU it has used. */
  ticks: number;
  /** Times it was given the CPU. */
  dispatches: number;
  /** What it printed with the putc system call. */
  output: string;
}

/** A transfer a program asked for: read `sector` into its buffer at virtual address `address`. */
export interface DiskRequest {
  /** The program that asked (id). */
  program: number;
  /** The disk sector. */
  sector: number;
  /** Where in the program's region, as a virtual address. */
  address: number;
}

/** Counts the tests and the simulator show. */
export interface DirectorStats {
  /** Dispatches: times a program was given the CPU (again after a yield or a timer turn included). */
  switches: number;
  /** Timer interrupts that preempted a program. */
  preemptions: number;
  /** Ticks the CPU spent running programs. */
  busy: number;
  /** Ticks the CPU spent waiting with nothing to run (all programs blocked on the disk). */
  idle: number;
  /** Traps taken, by cause (syscall, protection, privileged, …). */
  traps: Record<string, number>;
}

/** The Director: the machine, the programs' control blocks and the scheduling state. */
export interface Director {
  /** The machine, in exit trap mode. */
  machine: Machine;
  /** Every program, by id. */
  programs: ControlBlock[];
  /** The program that has the CPU, or undefined between programs. */
  current: ControlBlock | undefined;
  /** Ids of the ready programs, in the order they will run (round robin: the head runs next). */
  ready: number[];
  /** Time slice, in ticks (instructions); 0 turns time slicing off. */
  quantum: number;
  /** The transfer the disk is doing now, or undefined when the disk is free. */
  disk: DiskRequest | undefined;
  /** Transfers waiting for the disk, oldest first. */
  diskQueue: DiskRequest[];
  /** Next free physical address for a program's region. */
  nextFree: number;
  /** Counts. */
  stats: DirectorStats;
  /** What happened, in order, for the simulator (one line each). */
  log: string[];
}
