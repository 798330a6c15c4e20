/**
 * The two-pass assembler of the teaching ISA: source text in, a loadable `Program` out.
 *
 * Interface: `assemble(source, { origin })` returns a Program or throws the first AsmError.
 *
 *   source ──lexLine──► tokens ──pass 1──► items, labels ──pass 2──► bytes, symbols, lines
 *
 * Pass 1 reads the lines in order: it lexes and parses each statement into an item, checks its
 * syntax, registers and alignment, gives every label its address and fixes every item's size.
 * Pass 2 evaluates the expressions (now every symbol is known), checks their ranges and writes
 * the bytes. Syntax errors are found by pass 1, so they are reported before value errors.
 *
 * Statements, one a line, after any number of `label:`: an instruction (operands as in the
 * `Format` comments of isa.ts), a directive (`.org .word .byte .ascii .asciz .space .align .equ`),
 * `NAME = expr`, or the pseudo-instruction `li rd, expr`.
 *
 * `li rd, expr` loads any 32-bit value. It is one `movi rd, value` when pass 1 can already
 * evaluate expr and the value fits in simm16; otherwise it is always two words,
 * `lui rd, value >>> 16` then `ori rd, rd, value & 0xffff` — in particular whenever expr names
 * a label defined further down, so that no size changes between the passes.
 *
 * Invariants:
 * - An item's size never changes after pass 1, so labels keep their pass-1 addresses.
 * - Sizes depend only on what pass 1 knows: `.org`, `.space` and `.align` may only use symbols
 *   defined above them.
 * - Instructions and `.word` sit at multiples of 4; `.org` never moves backwards; every byte
 *   written lies below MAX_MEMORY_BYTES.
 * - The image runs from the first byte written (the origin) to the last; gaps are zero.
 */

import { ALIASES, CONTROL_REGISTERS, encode, immediateRange, OPS, opByMnemonic } from '../isa.ts';
import type { Format, OpInfo } from '../isa.ts';
import { MAX_MEMORY_BYTES, REGISTER_COUNT, WORD_BYTES } from '../params.ts';
import { AsmError } from './errors.ts';
import { evaluate, parseExpr } from './expr.ts';
import type { Expr, Scope } from './expr.ts';
import { at, cursor, describe, expect, lexLine, next, peek } from './lexer.ts';
import type { Cursor, Token } from './lexer.ts';
import type { Program } from './program.ts';

/** Options of `assemble`. */
export interface AssembleOptions {
  /** Address of the first statement, in bytes, until a `.org` says otherwise (default 0). */
  readonly origin?: number;
}

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
const CR_EXPECTED = `a control register (${CONTROL_REGISTERS.join(', ')} or 0..${CONTROL_REGISTERS.length - 1})`;
const JUMP_EXPECTED = `a jump target: a multiple of 4 in 0x0..0x${immediateRange('j')![1].toString(16)}`;
const ALIGN_HINT = 'add .align 4';
const SIMM16 = immediateRange('ri')!;
const MOVI = opByMnemonic('movi')!;
const LUI = opByMnemonic('lui')!;
const ORI = opByMnemonic('ori')!;

/** Where an item comes from and where its bytes go. */
interface Placed {
  /** Source line, 1-based. */
  readonly line: number;
  /** Address of the item's first byte. */
  readonly address: number;
}

/** An instruction of the table after pass 1: registers known, immediate still an expression. */
interface Instruction extends Placed {
  readonly kind: 'instruction';
  /** The table row. */
  readonly op: OpInfo;
  /** The mnemonic as written, lower case (an alias stays an alias in messages). */
  readonly name: string;
  /** Register fields, and control registers given by name. */
  readonly fields: { a: number; b: number; c: number };
  /** The immediate, displacement or jump target, if the format has one and it was written. */
  readonly imm: Expr | undefined;
  /** A control register given by number, evaluated in pass 2. */
  readonly cr: { readonly field: 'a' | 'b'; readonly expr: Expr } | undefined;
}

/** One statement after pass 1: its address and size are final; its expressions wait for pass 2. */
type Item =
  | Instruction
  | (Placed & { readonly kind: 'li'; readonly rd: number; readonly value: Expr; readonly words: 1 | 2 })
  | (Placed & { readonly kind: 'word' | 'byte'; readonly values: readonly Expr[] })
  | (Placed & { readonly kind: 'bytes'; readonly bytes: Uint8Array })
  /** `.space` and `.align`; `isItem` is false for `.align` padding, which is not a data item of its own. */
  | (Placed & { readonly kind: 'space'; readonly size: number; readonly fill: Expr | undefined; readonly isItem: boolean })
  /** A constant, resolved in line order in pass 2 so that its errors come in order. */
  | { readonly kind: 'constant'; readonly name: string; readonly at: Token };

/** A label or constant. */
interface SymbolDef {
  /** The value; undefined for a constant whose expression names a symbol not known in pass 1. */
  value: number | undefined;
  /** A deferred constant's expression. */
  readonly expr: Expr | undefined;
  /** The address `.` stood for where the symbol was defined. */
  readonly dot: number;
  /** Line of the definition, 1-based. */
  readonly line: number;
  /** True while pass 2 evaluates this constant: meeting it again means it depends on itself. */
  resolving: boolean;
}

/** What the passes share. */
interface State {
  readonly items: Item[];
  readonly symbols: Map<string, SymbolDef>;
  /** Location counter: the address of the next byte, in bytes. */
  lc: number;
  /** Address of the first byte written, or undefined while nothing is. */
  first: number | undefined;
  /** Address just past the last byte written. */
  end: number;
}

/** A directive's pass-1 handler; the cursor sits after the directive's name. */
type Directive = (c: Cursor, st: State, name: Token) => void;

const DIRECTIVES = new Map<string, Directive>([
  ['.org', directiveOrg],
  ['.word', (c, st, name) => directiveData(c, st, name, 'word')],
  ['.byte', (c, st, name) => directiveData(c, st, name, 'byte')],
  ['.ascii', (c, st, name) => directiveString(c, st, name, false)],
  ['.asciz', (c, st, name) => directiveString(c, st, name, true)],
  ['.space', directiveSpace],
  ['.align', directiveAlign],
  ['.equ', directiveEqu],
]);

/** Every word that can start a statement, for "did you mean". */
const KEYWORDS = [...OPS.map((o) => o.mnemonic), ...Object.keys(ALIASES), 'li', ...DIRECTIVES.keys()];

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
  return pass2(st);
}

// ---------------------------------------------------------------- pass 1

/** Parses one line: labels, then a statement; records items and symbols. */
function parseStatement(c: Cursor, st: State): void {
  for (;;) {
    const t = peek(c);
    const after = c.tokens[c.pos + 1];
    if (after?.kind !== 'punct' || (after.text !== ':' && after.text !== '=')) break;
    if (after.text === '=') {
      next(c);
      next(c);
      const expr = parseExpr(c);
      endOfLine(c);
      defineConstant(st, t, expr);
      return;
    }
    next(c);
    next(c);
    define(st, t, { value: st.lc, expr: undefined, dot: st.lc, line: t.line, resolving: false }, 'label');
  }
  const t = next(c);
  if (t.kind === 'eol') return;
  const name = t.kind === 'ident' ? t.text.toLowerCase() : '';
  const directive = DIRECTIVES.get(name);
  const op = name === '' ? undefined : opByMnemonic(name);
  if (directive !== undefined) directive(c, st, t);
  else if (name === 'li') parseLi(c, st, t);
  else if (op !== undefined) parseInstruction(c, st, t, op);
  else throw unknownStatement(t, peek(c));
}

/** The error for a word that is not an instruction or directive, with a suggestion when one is close. */
function unknownStatement(t: Token, after: Token): AsmError {
  const expected = 'an instruction or directive';
  if (t.kind === 'ident') {
    const nextWord = after.kind === 'ident' ? after.text.toLowerCase() : '';
    if (KEYWORDS.includes(nextWord)) return new AsmError(t.line, t.column, expected, describe(t), 'a label needs ":" after it');
    const guess = closest(t.text.toLowerCase(), KEYWORDS);
    if (guess !== undefined) return new AsmError(t.line, t.column, expected, describe(t), `did you mean "${guess}"?`);
  }
  return new AsmError(t.line, t.column, expected, describe(t));
}

/** The nearest word within edit distance 2 (a swap of neighbours counts 1), first in table order on ties. */
function closest(word: string, words: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const w of words) {
    const d = editDistance(word, w);
    if (d < bestDistance) {
      best = w;
      bestDistance = d;
    }
  }
  return best;
}

/** Optimal-string-alignment distance: insertions, deletions, substitutions and adjacent swaps. */
function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

/** Fails unless `t` can name a label or constant: an identifier other than `.` and the registers. */
function checkName(t: Token, what: 'label' | 'symbol'): void {
  if (t.kind !== 'ident' || t.text === '.') {
    const hint = t.kind === 'register' ? `r0..r${REGISTER_COUNT - 1} and sp are registers` : undefined;
    throw new AsmError(t.line, t.column, `a ${what} name`, describe(t), hint);
  }
}

/** Adds a label or constant; each name is defined once. */
function define(st: State, t: Token, def: SymbolDef, what: 'label' | 'symbol'): void {
  checkName(t, what);
  const old = st.symbols.get(t.text);
  if (old !== undefined) throw new AsmError(t.line, t.column, 'a name not defined before', describe(t), `first defined on line ${old.line}`);
  st.symbols.set(t.text, def);
}

/** `NAME = expr` and `.equ NAME, expr`: known now, or deferred to pass 2 when it names a later symbol. */
function defineConstant(st: State, name: Token, expr: Expr): void {
  const value = evaluate(expr, passOneScope(st));
  const known = typeof value === 'number';
  define(st, name, { value: known ? value : undefined, expr: known ? undefined : expr, dot: st.lc, line: name.line, resolving: false }, 'symbol');
  st.items.push({ kind: 'constant', name: name.text, at: name });
}

/** Symbols as pass 1 knows them: defined above, with a value. */
function passOneScope(st: State): Scope {
  return { dot: st.lc, lookup: (name) => st.symbols.get(name)?.value };
}

/** A value pass 1 needs now (for `.org`, `.space`, `.align`). */
function valueNow(st: State, expr: Expr, directive: string): number {
  const v = evaluate(expr, passOneScope(st));
  if (typeof v === 'number') return v;
  throw new AsmError(v.unknown.line, v.unknown.column, `a symbol defined above (${directive} needs its value in pass 1)`, describe(v.unknown));
}

/** Reserves `size` bytes at the location counter for the statement at `t`; returns their address. */
function place(st: State, t: Token, size: number, alignment = 1): number {
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

/** Fails unless the line ends here. */
function endOfLine(c: Cursor): void {
  const t = peek(c);
  if (t.kind !== 'eol') throw new AsmError(t.line, t.column, 'end of line', describe(t));
}

/**
 * Reads exactly `count` comma-separated operands with `read(i)`, where `what` names the statement
 * (`add (add rd, rs, rt)`); a missing or extra operand is reported as a wrong count.
 */
function operands(c: Cursor, count: number, what: string, read: (i: number) => void): void {
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
function list(c: Cursor, read: () => void): void {
  read();
  while (at(c, ',')) {
    next(c);
    read();
  }
  const t = peek(c);
  if (t.kind !== 'eol') throw new AsmError(t.line, t.column, '"," or end of line', describe(t));
}

/** Reads a general register: r0..r15 or sp. */
function register(c: Cursor): number {
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

/** An instruction of the table: parse operands by format; align and size it (one word). */
function parseInstruction(c: Cursor, st: State, t: Token, op: OpInfo): void {
  const name = t.text.toLowerCase();
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
  const address = place(st, t, WORD_BYTES, WORD_BYTES);
  st.items.push({ kind: 'instruction', line: t.line, address, op, name, fields, imm, cr });
}

/** `li rd, expr`: one or two words, decided here (see the header). */
function parseLi(c: Cursor, st: State, t: Token): void {
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

// ---------------------------------------------------------------- pass 2

/** Evaluates every expression, checks ranges and writes the image. */
function pass2(st: State): Program {
  const origin = st.first ?? st.lc;
  const bytes = new Uint8Array(st.first === undefined ? 0 : st.end - st.first);
  const view = new DataView(bytes.buffer);
  const lines: Record<number, number> = {};
  const value = (expr: Expr, dot: number): number => finalValue(st, expr, dot);
  const word = (address: number, w: number, line: number): void => {
    view.setUint32(address - origin, w, true);
    lines[address] = line;
  };
  for (const item of st.items) {
    switch (item.kind) {
      case 'instruction':
        word(item.address, encodeInstruction(st, item), item.line);
        break;
      case 'li': {
        const v = value(item.value, item.address);
        if (item.words === 1) word(item.address, encode(MOVI, { a: item.rd, imm: v }), item.line);
        else {
          word(item.address, encode(LUI, { a: item.rd, imm: v >>> 16 }), item.line);
          word(item.address + WORD_BYTES, encode(ORI, { a: item.rd, b: item.rd, imm: v & 0xffff }), item.line);
        }
        break;
      }
      case 'word':
        item.values.forEach((e, i) => {
          const address = item.address + i * WORD_BYTES;
          word(address, value(e, address), item.line);
        });
        break;
      case 'byte':
        item.values.forEach((e, i) => {
          bytes[item.address + i - origin] = byteValue(value(e, item.address + i), e, '.byte');
          lines[item.address + i] = item.line;
        });
        break;
      case 'bytes':
        bytes.set(item.bytes, item.address - origin);
        if (item.bytes.length > 0) lines[item.address] = item.line;
        break;
      case 'space': {
        const fill = item.fill === undefined ? 0 : byteValue(value(item.fill, item.address), item.fill, '.space');
        bytes.fill(fill, item.address - origin, item.address - origin + item.size);
        if (item.isItem && item.size > 0) lines[item.address] = item.line;
        break;
      }
      case 'constant':
        resolve(st, item.name, item.at);
        break;
    }
  }
  // fromEntries makes own properties, so even a label named __proto__ is kept as data.
  const symbols: Record<string, number> = Object.fromEntries([...st.symbols].map(([name, def]) => [name, def.value!]));
  return { origin, bytes, entry: symbols.start ?? origin, symbols, lines };
}

/** Pass 2's value of an expression: every symbol must be defined somewhere. */
function finalValue(st: State, expr: Expr, dot: number): number {
  const v = evaluate(expr, { dot, lookup: (name, t) => resolve(st, name, t) });
  if (typeof v === 'number') return v;
  throw new AsmError(v.unknown.line, v.unknown.column, 'a defined symbol', describe(v.unknown));
}

/** A symbol's final value, evaluating a deferred constant on first use; undefined when never defined. */
function resolve(st: State, name: string, t: Token): number | undefined {
  const def = st.symbols.get(name);
  if (def === undefined || def.value !== undefined) return def?.value;
  if (def.resolving) throw new AsmError(t.line, t.column, 'a constant that does not depend on itself', describe(t));
  def.resolving = true;
  def.value = finalValue(st, def.expr!, def.dot);
  def.resolving = false;
  return def.value;
}

/** A byte value: 0..255, or -128..-1 for its two's complement. */
function byteValue(v: number, e: Expr, directive: string): number {
  if (v < -128 || v > 255) throw new AsmError(e.at.line, e.at.column, `a value in -128..255 for ${directive}`, String(v));
  return v & 0xff;
}

/** The word of an instruction item, after range checks that name the line and column. */
function encodeInstruction(st: State, item: Instruction): number {
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

/** An address or target for messages: `0x…`, or the decimal when negative. */
function hex(n: number): string {
  return n < 0 ? String(n) : `0x${n.toString(16)}`;
}
