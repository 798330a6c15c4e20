/**
 * Constant expressions: parsed once into a tree, evaluated when their symbols are known.
 *
 * Interface: `parseExpr(cursor)` reads the longest expression at the cursor; `evaluate(expr,
 * scope)` returns its value, or `{ unknown: token }` naming the first symbol the scope does not
 * know yet (pass 1 uses that to size `li`; pass 2 turns it into "expected a defined symbol").
 *
 * Grammar, loosest binding first (as in C):
 *
 *   expr    = xor  { "|" xor }
 *   xor     = and  { "^" and }
 *   and     = shift { "&" shift }
 *   shift   = sum  { ("<<" | ">>") sum }
 *   sum     = term { ("+" | "-") term }
 *   term    = unary { ("*" | "/" | "%") unary }
 *   unary   = ("-" | "~" | "+") unary | primary
 *   primary = number | symbol | "." | "(" expr ")"
 *
 * Invariants: values are 32-bit integers held as signed numbers (`| 0` after every operation, so
 * 0xffffffff and -1 are the same value); `/` and `%` truncate toward zero and a zero divisor is
 * an error; `>>` is a logical shift of the 32-bit pattern and shift counts must be 0..31; `.` is
 * the address of the item being assembled.
 */

import { AsmError } from './errors.ts';
import { describe, expect, next, peek } from './lexer.ts';
import type { Cursor, Token } from './lexer.ts';

/** A binary operator. */
export type BinaryOp = '|' | '^' | '&' | '<<' | '>>' | '+' | '-' | '*' | '/' | '%';

/** A parsed expression; `at` is its first token, where errors about it point. */
export type Expr =
  | { readonly kind: 'number'; readonly value: number; readonly at: Token }
  | { readonly kind: 'symbol'; readonly name: string; readonly at: Token }
  | { readonly kind: 'dot'; readonly at: Token }
  | { readonly kind: 'unary'; readonly op: '-' | '~' | '+'; readonly arg: Expr; readonly at: Token }
  | { readonly kind: 'binary'; readonly op: BinaryOp; readonly left: Expr; readonly right: Expr; readonly at: Token };

/** What an expression's symbols and `.` stand for. */
export interface Scope {
  /** The value of `.`: the address of the item being assembled, in bytes. */
  readonly dot: number;
  /** A symbol's value, or undefined when it is not known (yet); `at` is where it is used. */
  lookup(name: string, at: Token): number | undefined;
}

/** The first symbol of an expression whose value the scope did not know. */
export interface Unknown {
  /** Where that symbol is used. */
  readonly unknown: Token;
}

/** Binary operators by precedence level, loosest first. */
const LEVELS: readonly (readonly BinaryOp[])[] = [['|'], ['^'], ['&'], ['<<', '>>'], ['+', '-'], ['*', '/', '%']];

/** Reads one expression at the cursor; throws AsmError when there is none or a `)` is missing. */
export function parseExpr(c: Cursor): Expr {
  return parseLevel(c, 0);
}

function parseLevel(c: Cursor, level: number): Expr {
  const ops = LEVELS[level];
  if (ops === undefined) return parseUnary(c);
  let left = parseLevel(c, level + 1);
  for (;;) {
    const t = peek(c);
    const op = ops.find((o) => t.kind === 'punct' && t.text === o);
    if (op === undefined) return left;
    next(c);
    const right = parseLevel(c, level + 1);
    left = { kind: 'binary', op, left, right, at: left.at };
  }
}

function parseUnary(c: Cursor): Expr {
  const t = peek(c);
  if (t.kind === 'punct' && (t.text === '-' || t.text === '~' || t.text === '+')) {
    next(c);
    return { kind: 'unary', op: t.text, arg: parseUnary(c), at: t };
  }
  return parsePrimary(c);
}

function parsePrimary(c: Cursor): Expr {
  const t = next(c);
  if (t.kind === 'number') return { kind: 'number', value: t.value, at: t };
  if (t.kind === 'ident') return t.text === '.' ? { kind: 'dot', at: t } : { kind: 'symbol', name: t.text, at: t };
  if (t.kind === 'punct' && t.text === '(') {
    const inner = parseExpr(c);
    expect(c, ')');
    return inner;
  }
  throw new AsmError(t.line, t.column, 'a value', describe(t));
}

/** The expression's 32-bit value (signed), or the first symbol the scope does not know. */
export function evaluate(expr: Expr, scope: Scope): number | Unknown {
  switch (expr.kind) {
    case 'number':
      return expr.value;
    case 'dot':
      return scope.dot | 0;
    case 'symbol': {
      const value = scope.lookup(expr.name, expr.at);
      return value === undefined ? { unknown: expr.at } : value;
    }
    case 'unary': {
      const v = evaluate(expr.arg, scope);
      if (typeof v !== 'number') return v;
      return expr.op === '-' ? -v | 0 : expr.op === '~' ? ~v : v;
    }
    case 'binary': {
      const l = evaluate(expr.left, scope);
      if (typeof l !== 'number') return l;
      const r = evaluate(expr.right, scope);
      if (typeof r !== 'number') return r;
      return apply(expr.op, l, r, expr.right.at);
    }
  }
}

/** One binary operation on 32-bit values; `rightAt` locates errors about the right operand. */
function apply(op: BinaryOp, l: number, r: number, rightAt: Token): number {
  switch (op) {
    case '|':
      return l | r;
    case '^':
      return l ^ r;
    case '&':
      return l & r;
    case '+':
      return (l + r) | 0;
    case '-':
      return (l - r) | 0;
    case '*':
      return Math.imul(l, r);
    case '/':
    case '%':
      if (r === 0) throw new AsmError(rightAt.line, rightAt.column, 'a divisor other than 0', '0');
      return (op === '/' ? l / r : l % r) | 0;
    case '<<':
    case '>>':
      if (r < 0 || r > 31) throw new AsmError(rightAt.line, rightAt.column, 'a shift count in 0..31', String(r));
      return op === '<<' ? l << r : (l >>> r) | 0;
  }
}
