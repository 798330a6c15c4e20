/**
 * The named errors of @virtlab/core, in one place.
 *
 * Errors are for the host calling core wrongly (a bad configuration, an out-of-range host access,
 * an impossible transition). What a simulated program does wrong is never an exception: it is a
 * trap event returned by `step`.
 */

export { AsmError } from './asm/errors.ts';
export { ManifestError } from './manifest/errors.ts';

/** A machine was configured with a value it cannot have; the message names the field and the fix. */
export class MachineConfigError extends Error {
  override name = 'MachineConfigError';
}

/** The host read or wrote physical memory outside RAM or at an unaligned address. */
export class MemoryAccessError extends Error {
  override name = 'MemoryAccessError';
  /** The physical address asked for. */
  readonly address: number;
  constructor(message: string, address: number) {
    super(message);
    this.address = address;
  }
}

/** A state transition was asked for from a state that does not allow it (OSTEP's move_to_ready check). */
export class TransitionError extends Error {
  override name = 'TransitionError';
}
