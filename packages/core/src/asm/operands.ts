/**
 * Operands: how each instruction format is written, and the readers of registers, control
 * registers, memory operands and operand lists.
 *
 * Interface: `instructionOperands(c, op, name)` reads an instruction's operands by its format
 * (SLOTS says which, in which order; USAGE says how they read, for messages). Directives read
 * their own with `operands` (an exact count), `list` (one or more) and `endOfLine`. Every reader
 * starts with the cursor on its first token and leaves it just after its last one.
 *
 *   add  r1, r2, r3      rrr   ra, rb, rc
 *   lw   r1, [sp - 4]    mem   ra, mem       (base into field b, displacement as the immediate)
 *   mtcr ptbr, r2        mtcr  cra, rb       (a name now, or an expression for pass 2)
 *
 * Invariants: a wrong number of operands is reported as a count ("3 operands for add (…)",
 * found 2), an extra token as "end of line"; registers are range-checked here, immediates are
 * left as expressions for pass 2.
 */

import { CONTROL_REGISTERS } from '../isa.ts';
import type { Format, OpInfo } from '../isa.ts';
import { REGISTER_COUNT } from '../params.ts';
import { AsmError } from './errors.ts';
import { parseExpr } from './expr.ts';
import type { Expr } from './expr.ts';
import type { Instruction } from './items.ts';
import { at, describe, expect, next, peek } from './lexer.ts';
import type { Cursor, Token } from './lexer.ts';

/** Where an operand of an instruction goes: a register field, the immediate, a memory operand, a control register. */
type Slot = 'ra' | 'rb' | 'rc' | 'imm' | 'mem' | 'cra' | 'crb';

/** The operands each format is written with, in order. */
const SLOTS: Readonly<Record<Format, readonly Slot[]>> = {
  none: [],
  rrr: ['ra', 'rb', 'rc'],
  rr: ['ra', 'rb'],
  rri: ['ra', 'rb', 'imm'],
  rru: ['ra', 'rb', 'imm'],
  rrs: ['ra', 'rb', 'imm'],
  ri: ['ra', 'imm'],
  ru: ['ra', 'imm'],
  mem: ['ra', 'mem'],
  r: ['ra'],
  j: ['imm'],
  in: ['ra', 'imm'],
  out: ['imm', 'ra'],
  imm: ['imm'],
  mtcr: ['cra', 'rb'],
  mfcr: ['ra', 'crb'],
};

/** How each format's operands read, for error messages. */
const USAGE: Readonly<Record<Format, string>> = {
  none: '',
  rrr: 'rd, rs, rt',
  rr: 'ra, rb',
  rri: 'rd, rs, simm16',
  rru: 'rd, rs, uimm16',
  rrs: 'rd, rs, shamt',
  ri: 'rd, simm16',
  ru: 'rd, uimm16',
  mem: 'ra, [rb+simm16]',
  r: 'ra',
  j: 'target',
  in: 'rd, port',
  out: 'port, rs',
  imm: 'uimm16',
  mtcr: 'cr, rs',
  mfcr: 'rd, cr',
};

const REGISTER_EXPECTED = `a register (r0..r${REGISTER_COUNT - 1} or sp)`;

/** What a control register operand must be, for messages (here and in pass 2's range check). */
export const CR_EXPECTED = `a control register (${CONTROL_REGISTERS.join(', ')} or 0..${CONTROL_REGISTERS.length - 1})`;

/** An instruction's operands, read by its format: register fields, the immediate and a control register by number. */
export function instructionOperands(c: Cursor, op: OpInfo, name: string): Pick<Instruction, 'fields' | 'imm' | 'cr'> {
  const slots = SLOTS[op.format];
  const fields = { a: 0, b: 0, c: 0 };
  let imm: Expr | undefined;
  let cr: { field: 'a' | 'b'; expr: Expr } | undefined;
  const usage = USAGE[op.format];
  operands(c, slots.length, usage === '' ? name : `${name} (${name} ${usage})`, (i) => {
    const slot = slots[i]!;
    switch (slot) {
      case 'ra':
        fields.a = register(c);
        break;
      case 'rb':
        fields.b = register(c);
        break;
      case 'rc':
        fields.c = register(c);
        break;
      case 'imm':
        imm = parseExpr(c);
        break;
      case 'mem': {
        const m = memory(c);
        fields.b = m.base;
        imm = m.displacement;
        break;
      }
      case 'cra':
      case 'crb': {
        const field = slot === 'cra' ? 'a' : 'b';
        const r = controlRegister(c);
        if (typeof r === 'number') fields[field] = r;
        else cr = { field, expr: r };
        break;
      }
    }
  });
  return { fields, imm, cr };
}

/** Fails unless the line ends here. */
export function endOfLine(c: Cursor): void {
  const t = peek(c);
  if (t.kind !== 'eol') throw new AsmError(t.line, t.column, 'end of line', describe(t));
}

/**
 * Reads exactly `count` comma-separated operands with `read(i)`, where `what` names the statement
 * (`add (add rd, rs, rt)`); a missing or extra operand is reported as a wrong count.
 */
export function operands(c: Cursor, count: number, what: string, read: (i: number) => void): void {
  const start = c.pos;
  const wrongCount = (t: Token): AsmError => {
    const rest = c.tokens.slice(start, -1);
    const written = rest.length === 0 ? 0 : rest.filter((x) => x.kind === 'punct' && x.text === ',').length + 1;
    const expected = count === 0 ? 'no operands' : `${count} operand${count === 1 ? '' : 's'}`;
    return new AsmError(t.line, t.column, `${expected} for ${what}`, String(written));
  };
  for (let i = 0; i < count; i++) {
    if (peek(c).kind === 'eol') throw wrongCount(peek(c));
    if (i > 0) expect(c, ',');
    read(i);
  }
  const t = peek(c);
  if (t.kind === 'eol') return;
  if (count === 0 || (t.kind === 'punct' && t.text === ',')) throw wrongCount(count === 0 ? t : c.tokens[c.pos + 1]!);
  throw new AsmError(t.line, t.column, 'end of line', describe(t));
}

/** Reads a comma-separated list of at least one operand with `read`, up to the end of the line. */
export function list(c: Cursor, read: () => void): void {
  read();
  while (at(c, ',')) {
    next(c);
    read();
  }
  const t = peek(c);
  if (t.kind !== 'eol') throw new AsmError(t.line, t.column, '"," or end of line', describe(t));
}

/** Reads a general register: r0..r15 or sp. */
export function register(c: Cursor): number {
  const t = peek(c);
  if (t.kind !== 'register' || t.value >= REGISTER_COUNT) throw new AsmError(t.line, t.column, REGISTER_EXPECTED, describe(t));
  next(c);
  return t.value;
}

/** Reads a control register: a name from CONTROL_REGISTERS (any case), or an expression for its number. */
function controlRegister(c: Cursor): number | Expr {
  const t = peek(c);
  if (t.kind !== 'ident') return parseExpr(c);
  const index = (CONTROL_REGISTERS as readonly string[]).indexOf(t.text.toLowerCase());
  if (index < 0) throw new AsmError(t.line, t.column, CR_EXPECTED, describe(t));
  next(c);
  return index;
}

/** Reads `[rb]`, `[rb + expr]` or `[rb - expr]` into field b and the displacement. */
function memory(c: Cursor): { base: number; displacement: Expr | undefined } {
  const open = peek(c);
  if (!at(c, '[')) throw new AsmError(open.line, open.column, 'a memory operand like [r2+8]', describe(open));
  next(c);
  const base = register(c);
  if (at(c, ']')) {
    next(c);
    return { base, displacement: undefined };
  }
  if (!at(c, '+') && !at(c, '-')) {
    const t = peek(c);
    throw new AsmError(t.line, t.column, '"+", "-" or "]"', describe(t));
  }
  // The sign is read as a unary operator, so `[r2 - 4 + 1]` is r2 + (-4 + 1).
  const displacement = parseExpr(c);
  expect(c, ']');
  return { base, displacement };
}
