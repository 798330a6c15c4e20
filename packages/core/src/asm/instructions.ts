/**
 * Instruction statements: a row of the ISA table or the pseudo-instruction `li`, parsed in pass 1
 * and encoded in pass 2.
 *
 * Interface:
 *   pass 1: parseInstruction(c, st, token, op), parseLi(c, st, token)   read, place one item
 *   pass 2: encodeInstruction(st, item), encodeLi(st, item)             its word(s), range-checked
 *
 * `li rd, expr` loads any 32-bit value. It is one `movi rd, value` when pass 1 can already
 * evaluate expr and the value fits in simm16; otherwise it is always two words,
 * `lui rd, value >>> 16` then `ori rd, rd, value & 0xffff` — in particular whenever expr names
 * a label defined further down, so that no size changes between the passes.
 *
 * Invariants: every instruction is one word at a multiple of 4, and `li` one or two; an
 * immediate out of its format's range, or a jump target that is not a multiple of 4, is an
 * AsmError at the expression, never a RangeError from `encode`.
 */

import { CONTROL_REGISTERS, encode, immediateRange, opByMnemonic } from '../isa.ts';
import type { OpInfo } from '../isa.ts';
import { WORD_BYTES } from '../params.ts';
import { AsmError } from './errors.ts';
import { evaluate, parseExpr } from './expr.ts';
import type { Expr } from './expr.ts';
import type { Instruction, Li, State } from './items.ts';
import type { Cursor, Token } from './lexer.ts';
import { hex, place } from './location-counter.ts';
import { CR_EXPECTED, instructionOperands, operands, register } from './operands.ts';
import { finalValue, passOneScope } from './symbols.ts';

const JUMP_EXPECTED = `a jump target: a multiple of 4 in 0x0..0x${immediateRange('j')![1].toString(16)}`;
const SIMM16 = immediateRange('ri')!;
const MOVI = opByMnemonic('movi')!;
const LUI = opByMnemonic('lui')!;
const ORI = opByMnemonic('ori')!;

/** An instruction of the table: parse operands by format; align and size it (one word). */
export function parseInstruction(c: Cursor, st: State, t: Token, op: OpInfo): void {
  const name = t.text.toLowerCase();
  const { fields, imm, cr } = instructionOperands(c, op, name);
  const address = place(st, t, WORD_BYTES, WORD_BYTES);
  st.items.push({ kind: 'instruction', line: t.line, address, op, name, fields, imm, cr });
}

/** `li rd, expr`: one or two words, decided here (see the header). */
export function parseLi(c: Cursor, st: State, t: Token): void {
  let rd = 0;
  let value: Expr | undefined;
  operands(c, 2, 'li (li rd, value)', (i) => {
    if (i === 0) rd = register(c);
    else value = parseExpr(c);
  });
  const known = evaluate(value!, passOneScope(st));
  const words = typeof known === 'number' && known >= SIMM16[0] && known <= SIMM16[1] ? 1 : 2;
  const address = place(st, t, words * WORD_BYTES, WORD_BYTES);
  st.items.push({ kind: 'li', line: t.line, address, rd, value: value!, words });
}

/** The word of an instruction item, after range checks that name the line and column. */
export function encodeInstruction(st: State, item: Instruction): number {
  const fields = { ...item.fields };
  if (item.cr !== undefined) {
    const e = item.cr.expr;
    const v = finalValue(st, e, item.address);
    if (v < 0 || v >= CONTROL_REGISTERS.length) throw new AsmError(e.at.line, e.at.column, CR_EXPECTED, String(v));
    fields[item.cr.field] = v;
  }
  let imm = 0;
  if (item.imm !== undefined) {
    const e = item.imm;
    imm = finalValue(st, e, item.address);
    const [lo, hi] = immediateRange(item.op.format) ?? [0, 0];
    if (item.op.format === 'j') {
      if (imm < lo || imm > hi || imm % WORD_BYTES !== 0) throw new AsmError(e.at.line, e.at.column, JUMP_EXPECTED, hex(imm));
    } else if (imm < lo || imm > hi) {
      const hint = item.op.mnemonic === 'movi' ? 'li loads any 32-bit value' : undefined;
      throw new AsmError(e.at.line, e.at.column, `a value in ${lo}..${hi} for ${item.name}`, String(imm), hint);
    }
  }
  return encode(item.op, { ...fields, imm });
}

/** The words of an `li` item, in address order: `movi`, or `lui` then `ori`. */
export function encodeLi(st: State, item: Li): number[] {
  const v = finalValue(st, item.value, item.address);
  if (item.words === 1) return [encode(MOVI, { a: item.rd, imm: v })];
  return [encode(LUI, { a: item.rd, imm: v >>> 16 }), encode(ORI, { a: item.rd, b: item.rd, imm: v & 0xffff })];
}
