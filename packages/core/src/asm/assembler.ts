/**
 * The two-pass assembler of the teaching ISA: source text in, a loadable `Program` out.
 *
 * Interface: `assemble(source, { origin })` returns a Program or throws the first AsmError.
 *
 *   source ──lexLine──► tokens ──pass 1──► items, labels ──pass 2──► bytes, symbols, lines
 *
 * This file only wires the passes together; each module's header explains its part:
 *   pass 1, one line at a time   statement.ts (labels, dispatch), instructions.ts, directives.ts,
 *                                operands.ts, symbols.ts (define), location-counter.ts
 *   pass 2, item by item         image.ts, instructions.ts (encode), symbols.ts (resolve)
 *   what the passes share        items.ts
 *
 * Pass 1 reads the lines in order: it lexes and parses each statement into an item, checks its
 * syntax, registers and alignment, gives every label its address and fixes every item's size.
 * Pass 2 evaluates the expressions (now every symbol is known), checks their ranges and writes
 * the bytes. Syntax errors are found by pass 1, so they are reported before value errors.
 *
 * Statements, one a line, after any number of `label:`: an instruction (operands as in the
 * `Format` comments of isa.ts), a directive (`.org .word .byte .ascii .asciz .space .align .equ`),
 * `NAME = expr`, or the pseudo-instruction `li rd, expr` (one or two words: instructions.ts).
 *
 * Invariants:
 * - An item's size never changes after pass 1, so labels keep their pass-1 addresses.
 * - Sizes depend only on what pass 1 knows: `.org`, `.space` and `.align` may only use symbols
 *   defined above them.
 * - Instructions and `.word` sit at multiples of 4; `.org` never moves backwards; every byte
 *   written lies below MAX_MEMORY_BYTES.
 * - The image runs from the first byte written (the origin) to the last; gaps are zero.
 */

import { MAX_MEMORY_BYTES } from '../params.ts';
import { writeImage } from './image.ts';
import type { State } from './items.ts';
import { cursor, lexLine } from './lexer.ts';
import type { Program } from './program.ts';
import { parseStatement } from './statement.ts';

/** Options of `assemble`. */
export interface AssembleOptions {
  /** Address of the first statement, in bytes, until a `.org` says otherwise (default 0). */
  readonly origin?: number;
}

/** Assembles source text into a Program; throws the first AsmError. */
export function assemble(source: string, options: AssembleOptions = {}): Program {
  const origin = options.origin ?? 0;
  if (!Number.isInteger(origin) || origin < 0 || origin > MAX_MEMORY_BYTES) {
    throw new RangeError(`assemble: origin ${origin} is not an address in 0..${MAX_MEMORY_BYTES}`);
  }
  const st: State = { items: [], symbols: new Map(), lc: origin, first: undefined, end: origin };
  source.split(/\r?\n/).forEach((text, i) => {
    parseStatement(cursor(lexLine(text, i + 1)), st);
  });
  return writeImage(st);
}
