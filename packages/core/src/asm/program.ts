/**
 * What the assembler produces: a memory image and what is known about it.
 *
 * Interface: a `Program` is plain data (no methods), made by `assemble` and read by the loader,
 * the TUI (source line next to the pc) and the disassembler's tests.
 *
 *   address:  origin                              origin + bytes.length
 *             |<------------- bytes ------------->|
 *
 * Invariants: `bytes[i]` belongs at physical address `origin + i`; every address in `lines` lies in
 * that range; `entry` is the value of the symbol `start` when the source defines it, else `origin`.
 */

/** An assembled program: a memory image plus its symbols and its address-to-source-line map. */
export interface Program {
  /** Address of `bytes[0]`: the lowest address the source wrote, in bytes. */
  readonly origin: number;
  /** The image, from the lowest to the highest address written; gaps are zero. */
  readonly bytes: Uint8Array;
  /** Where execution starts: the `start` label if defined, else `origin`. */
  readonly entry: number;
  /** Every label (its address, in bytes) and every constant (its 32-bit signed value), by name. */
  readonly symbols: Record<string, number>;
  /** Byte address of each instruction or data item → the 1-based source line it came from. */
  readonly lines: Record<number, number>;
}
