/**
 * The assembler's location counter: where the next statement's bytes go.
 *
 * Interface: pass 1 calls `place(st, token, size, alignment)` once per statement that takes
 * room; it returns the statement's address and advances `st.lc`. `hex` formats an address for
 * error messages.
 *
 *   st.first            address   address+size = st.lc (after)
 *   |<- written so far ->|<- size ->|
 *
 * Invariants: a placed statement is `alignment`-aligned and ends at or below MAX_MEMORY_BYTES;
 * `st.first` is the first address of a non-empty statement and `st.end` is just past the last
 * one; `.org` (directives.ts) is the only other writer of `st.lc`, and only moves it forward.
 */

import { MAX_MEMORY_BYTES } from '../params.ts';
import { AsmError } from './errors.ts';
import type { State } from './items.ts';
import type { Token } from './lexer.ts';

const ALIGN_HINT = 'add .align 4';

/** Reserves `size` bytes at the location counter for the statement at `t`; returns their address. */
export function place(st: State, t: Token, size: number, alignment = 1): number {
  const address = st.lc;
  if (address % alignment !== 0) {
    const what = t.text.startsWith('.') ? t.text.toLowerCase() : 'an instruction';
    throw new AsmError(t.line, t.column, `a ${alignment}-aligned address for ${what}`, hex(address), ALIGN_HINT);
  }
  if (address + size > MAX_MEMORY_BYTES) {
    throw new AsmError(t.line, t.column, `an end address at most ${hex(MAX_MEMORY_BYTES)} (MAX_MEMORY_BYTES)`, hex(address + size));
  }
  if (size > 0) {
    st.first ??= address;
    st.end = address + size;
  }
  st.lc = address + size;
  return address;
}

/** An address or target for messages: `0x…`, or the decimal when negative. */
export function hex(n: number): string {
  return n < 0 ? String(n) : `0x${n.toString(16)}`;
}
