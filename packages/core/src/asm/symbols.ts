/**
 * The assembler's symbol table: labels and constants, defined in pass 1, resolved in pass 2.
 *
 * Interface:
 *   pass 1: define(st, token, def, what)        a label or constant, each name once
 *           defineConstant(st, token, expr)     `NAME = expr` / `.equ`: known now or deferred
 *           valueNow(st, expr, directive)       a value pass 1 needs (.org, .space, .align)
 *   pass 2: finalValue(st, expr, dot)           every symbol must be defined somewhere
 *           resolve(st, name, token)            a symbol's value, evaluating a deferred constant
 *
 * Invariants: a name is defined once and is never `.` or a register; pass 1 sees only symbols
 * defined above; a deferred constant is evaluated at most once, with `.` as where it was
 * defined, and one that depends on itself is an error, not a loop.
 */

import { REGISTER_COUNT } from '../params.ts';
import { AsmError } from './errors.ts';
import { evaluate } from './expr.ts';
import type { Expr, Scope } from './expr.ts';
import type { State, SymbolDef } from './items.ts';
import { describe } from './lexer.ts';
import type { Token } from './lexer.ts';

/** Fails unless `t` can name a label or constant: an identifier other than `.` and the registers. */
export function checkName(t: Token, what: 'label' | 'symbol'): void {
  if (t.kind !== 'ident' || t.text === '.') {
    const hint = t.kind === 'register' ? `r0..r${REGISTER_COUNT - 1} and sp are registers` : undefined;
    throw new AsmError(t.line, t.column, `a ${what} name`, describe(t), hint);
  }
}

/** Adds a label or constant; each name is defined once. */
export function define(st: State, t: Token, def: SymbolDef, what: 'label' | 'symbol'): void {
  checkName(t, what);
  const old = st.symbols.get(t.text);
  if (old !== undefined) throw new AsmError(t.line, t.column, 'a name not defined before', describe(t), `first defined on line ${old.line}`);
  st.symbols.set(t.text, def);
}

/** `NAME = expr` and `.equ NAME, expr`: known now, or deferred to pass 2 when it names a later symbol. */
export function defineConstant(st: State, name: Token, expr: Expr): void {
  const value = evaluate(expr, passOneScope(st));
  const known = typeof value === 'number';
  define(st, name, { value: known ? value : undefined, expr: known ? undefined : expr, dot: st.lc, line: name.line, resolving: false }, 'symbol');
  st.items.push({ kind: 'constant', name: name.text, at: name });
}

/** Symbols as pass 1 knows them: defined above, with a value. */
export function passOneScope(st: State): Scope {
  return { dot: st.lc, lookup: (name) => st.symbols.get(name)?.value };
}

/** A value pass 1 needs now (for `.org`, `.space`, `.align`). */
export function valueNow(st: State, expr: Expr, directive: string): number {
  const v = evaluate(expr, passOneScope(st));
  if (typeof v === 'number') return v;
  throw new AsmError(v.unknown.line, v.unknown.column, `a symbol defined above (${directive} needs its value in pass 1)`, describe(v.unknown));
}

/** Pass 2's value of an expression: every symbol must be defined somewhere. */
export function finalValue(st: State, expr: Expr, dot: number): number {
  const v = evaluate(expr, { dot, lookup: (name, t) => resolve(st, name, t) });
  if (typeof v === 'number') return v;
  throw new AsmError(v.unknown.line, v.unknown.column, 'a defined symbol', describe(v.unknown));
}

/** A symbol's final value, evaluating a deferred constant on first use; undefined when never defined. */
export function resolve(st: State, name: string, t: Token): number | undefined {
  const def = st.symbols.get(name);
  if (def === undefined || def.value !== undefined) return def?.value;
  if (def.resolving) throw new AsmError(t.line, t.column, 'a constant that does not depend on itself', describe(t));
  def.resolving = true;
  def.value = finalValue(st, def.expr!, def.dot);
  def.resolving = false;
  return def.value;
}
