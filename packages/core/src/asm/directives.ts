/**
 * The assembler's directives, run in pass 1: `.org .word .byte .ascii .asciz .space .align .equ`.
 *
 * Interface: `DIRECTIVES.get(name)` gives the handler of a lower-case directive name; the
 * statement parser calls it with the cursor just after the name. A handler reads its operands to
 * the end of the line, then moves the location counter, places an item or defines a constant.
 *
 *   .org   address          .word  e, …     .ascii "…", …     .space n [, fill]
 *   .equ   NAME, value      .byte  e, …     .asciz "…", …     .align n
 *
 * Invariants: a directive's size is fixed in pass 1, so `.org`, `.space` and `.align` may only use
 * symbols defined above them; `.org` never moves backwards nor past MAX_MEMORY_BYTES; `.word`
 * sits at a multiple of 4; `.align` takes a power of two; strings are stored as UTF-8.
 */

import { MAX_MEMORY_BYTES, WORD_BYTES } from '../params.ts';
import { AsmError } from './errors.ts';
import { parseExpr } from './expr.ts';
import type { Expr } from './expr.ts';
import type { State } from './items.ts';
import { at, describe, next, peek } from './lexer.ts';
import type { Cursor, Token } from './lexer.ts';
import { hex, place } from './location-counter.ts';
import { endOfLine, list, operands } from './operands.ts';
import { checkName, defineConstant, valueNow } from './symbols.ts';

/** A directive's pass-1 handler; the cursor sits after the directive's name. */
type Directive = (c: Cursor, st: State, name: Token) => void;

/** Every directive by its lower-case name, with its pass-1 handler. */
export const DIRECTIVES = new Map<string, Directive>([
  ['.org', directiveOrg],
  ['.word', (c, st, name) => directiveData(c, st, name, 'word')],
  ['.byte', (c, st, name) => directiveData(c, st, name, 'byte')],
  ['.ascii', (c, st, name) => directiveString(c, st, name, false)],
  ['.asciz', (c, st, name) => directiveString(c, st, name, true)],
  ['.space', directiveSpace],
  ['.align', directiveAlign],
  ['.equ', directiveEqu],
]);

/** `.org address`: move the location counter forward (never backwards). */
function directiveOrg(c: Cursor, st: State): void {
  let expr: Expr | undefined;
  operands(c, 1, '.org (.org address)', () => {
    expr = parseExpr(c);
  });
  const target = valueNow(st, expr!, '.org');
  if (target < st.lc) {
    throw new AsmError(expr!.at.line, expr!.at.column, `an address at or after ${hex(st.lc)} (.org may not move backwards)`, hex(target));
  }
  if (target > MAX_MEMORY_BYTES) {
    throw new AsmError(expr!.at.line, expr!.at.column, `an address in 0x0..${hex(MAX_MEMORY_BYTES)}`, hex(target));
  }
  st.lc = target;
}

/** `.word e, …` (4-aligned) and `.byte e, …`. */
function directiveData(c: Cursor, st: State, t: Token, kind: 'word' | 'byte'): void {
  const values: Expr[] = [];
  list(c, () => values.push(parseExpr(c)));
  const size = kind === 'word' ? WORD_BYTES : 1;
  const address = place(st, t, values.length * size, size);
  st.items.push({ kind, line: t.line, address, values });
}

/** `.ascii "…", …` and `.asciz "…", …` (each string followed by a zero byte); strings are UTF-8. */
function directiveString(c: Cursor, st: State, t: Token, zero: boolean): void {
  const parts: number[] = [];
  list(c, () => {
    const s = next(c);
    if (s.kind !== 'string') throw new AsmError(s.line, s.column, 'a string in double quotes', describe(s));
    parts.push(...new TextEncoder().encode(s.value));
    if (zero) parts.push(0);
  });
  const address = place(st, t, parts.length);
  st.items.push({ kind: 'bytes', line: t.line, address, bytes: Uint8Array.from(parts) });
}

/** `.space n [, fill]`: n bytes of fill (default 0). */
function directiveSpace(c: Cursor, st: State, t: Token): void {
  const size = parseExpr(c);
  let fill: Expr | undefined;
  if (at(c, ',')) {
    next(c);
    fill = parseExpr(c);
  }
  if (at(c, ',')) {
    const extra = c.tokens[c.pos + 1]!;
    throw new AsmError(extra.line, extra.column, '1 or 2 operands for .space (.space size, fill)', '3 or more');
  }
  endOfLine(c);
  const n = valueNow(st, size, '.space');
  if (n < 0) throw new AsmError(size.at.line, size.at.column, 'a size of 0 or more bytes for .space', String(n));
  const address = place(st, t, n);
  st.items.push({ kind: 'space', line: t.line, address, size: n, fill, isItem: true });
}

/** `.align n`: zero bytes up to the next multiple of n, a power of two. */
function directiveAlign(c: Cursor, st: State, t: Token): void {
  let expr: Expr | undefined;
  operands(c, 1, '.align (.align n)', () => {
    expr = parseExpr(c);
  });
  const n = valueNow(st, expr!, '.align');
  if (n <= 0 || (n & (n - 1)) !== 0) throw new AsmError(expr!.at.line, expr!.at.column, 'a power of two for .align', String(n));
  const size = (n - (st.lc % n)) % n;
  const address = place(st, t, size);
  st.items.push({ kind: 'space', line: t.line, address, size, fill: undefined, isItem: false });
}

/** `.equ NAME, expr`: the same as `NAME = expr`. */
function directiveEqu(c: Cursor, st: State): void {
  let name: Token | undefined;
  let expr: Expr | undefined;
  operands(c, 2, '.equ (.equ NAME, value)', (i) => {
    if (i === 0) {
      name = peek(c);
      checkName(name, 'symbol');
      next(c);
    } else expr = parseExpr(c);
  });
  defineConstant(st, name!, expr!);
}
