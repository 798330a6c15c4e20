/**
 * What a machine step can report, as a discriminated union on `type`.
 *
 * `step` returns these; `run` and the timeline record them with the step index and the virtual time.
 * An ordinary instruction reports nothing (`step` shows it as one `retire` event); everything the
 * supervisor or a viewer cares about (traps, interrupts, I/O, halts, device activity) is an event.
 */

import type { AccessKind, ModeName, TrapCause } from './isa.ts';

/** An instruction ran to completion with nothing else to report (only `step` returns it). */
export interface RetireEvent {
  readonly type: 'retire';
  /** Address of the instruction. */
  readonly pc: number;
  /** The instruction word. */
  readonly word: number;
}

/** A trap: a fault, a privileged instruction in user mode, a system call or a hypercall. */
export interface TrapEvent {
  readonly type: 'trap';
  /** Why the trap happened. */
  readonly cause: TrapCause;
  /** Address of the instruction that trapped. */
  readonly pc: number;
  /**
   * The virtual address (protection, page-fault, misaligned), the physical address (bus: the access, or the page-table
   * entry that lies outside memory), the syscall or hypercall number, the instruction word (illegal, privileged), the
   * psw that iret refused (illegal), or 0 (divide, double-fault).
   */
  readonly tval: number;
  /** The kind of access, for memory faults (protection, page-fault, misaligned, bus). */
  readonly access?: AccessKind;
  /** The mode the CPU was in when it trapped. */
  readonly mode: ModeName;
}

/** An interrupt was taken: the CPU timer, or an IRQ line of the interrupt controller. */
export interface InterruptEvent {
  readonly type: 'interrupt';
  /** `timer` for the CPU timer, `irq` for a device line. */
  readonly source: 'timer' | 'irq';
  /** The IRQ line, for `irq`. */
  readonly irq?: number;
  /** Address of the instruction that will run after the handler returns. */
  readonly pc: number;
  /** The mode the CPU was in when the interrupt arrived. */
  readonly mode: ModeName;
}

/** A port I/O instruction ran. */
export interface IoEvent {
  readonly type: 'io';
  /** `in` reads a port, `out` writes one. */
  readonly dir: 'in' | 'out';
  /** The port number. */
  readonly port: number;
  /** The value read or written. */
  readonly value: number;
  /** Address of the instruction. */
  readonly pc: number;
}

/** A load or store reached a device's registers through memory-mapped I/O. */
export interface MmioEvent {
  readonly type: 'mmio';
  /** `read` for a load, `write` for a store. */
  readonly dir: 'read' | 'write';
  /** The physical address. */
  readonly addr: number;
  /** The value read or written. */
  readonly value: number;
  /** Address of the instruction. */
  readonly pc: number;
}

/** A device did something on its own: the timer fired, a transfer started or completed, a byte was sent. */
export interface DeviceEvent {
  readonly type: 'device';
  /** Which device. */
  readonly device: 'pit' | 'block' | 'serial' | 'cpu-timer';
  /** What happened, e.g. `expired`, `transfer-start`, `transfer-complete`, `output`. */
  readonly what: string;
  /** Extra detail (sector, count, byte …), as plain numbers. */
  readonly detail?: Readonly<Record<string, number>>;
}

/** `hlt` ran: the CPU waits for an interrupt. */
export interface HaltEvent {
  readonly type: 'halt';
  /** Address of the hlt instruction. */
  readonly pc: number;
}

/** The CPU was halted and virtual time jumped forward to the next device deadline. */
export interface IdleEvent {
  readonly type: 'idle';
  /** Ticks skipped. */
  readonly ticks: number;
}

/** The machine can make no more progress. */
export interface StopEvent {
  readonly type: 'stop';
  /** `halted`: hlt with IF clear, or with nothing left that could wake it; `double-fault`: the trap handler's first instruction itself trapped. */
  readonly reason: 'halted' | 'double-fault';
}

/** Anything a machine step can report. */
export type MachineEvent =
  | RetireEvent
  | TrapEvent
  | InterruptEvent
  | IoEvent
  | MmioEvent
  | DeviceEvent
  | HaltEvent
  | IdleEvent
  | StopEvent;

/** The `type` of a machine event. */
export type MachineEventType = MachineEvent['type'];
