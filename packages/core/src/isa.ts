/**
 * The teaching ISA: one table that the CPU, the assembler, the disassembler and docs/isa.md all follow.
 *
 * Every instruction is one 32-bit little-endian word:
 *
 *   31      24 23  20 19  16 15  12 11                 0
 *  +----------+------+------+------+--------------------+
 *  |  opcode  |  a   |  b   |  c   |      (zero)        |   rrr:  add rd, rs, rt
 *  +----------+------+------+------+--------------------+
 *  |  opcode  |  a   |  b   |        imm16              |   rri, mem, ri, in/out, syscall
 *  +----------+------+------+---------------------------+
 *  |  opcode  |            target (byte address, 4-aligned)   j: jmp, jz, call …
 *  +----------+-----------------------------------------+
 *
 * Bits an instruction does not use must be zero; a word that breaks this, or whose opcode is not in
 * the table, is not an instruction: the CPU raises an `illegal` trap and the disassembler prints
 * it as `.word`. So every word has exactly one reading, and assembling a disassembly gives back the
 * same words.
 *
 * Interface: `OPS` (the table), `opByMnemonic`/`opByOpcode`, `decode(word)`, `encode(op, operands)`
 * (the inverse of decode: it refuses fields the format does not have), `immediateRange(format)`,
 * `MUST_BE_ZERO`; the named constants `CR`, `PSW`, `Mode`, `Cause`, `Access`, `PTE`.
 */

import { REGISTER_COUNT } from './params.ts';

/** How an instruction's operands are written and where they sit in the word. */
export type Format =
  | 'none' // op
  | 'rrr' // op rd, rs, rt          a=rd b=rs c=rt
  | 'rr' // op ra, rb               a, b
  | 'rri' // op rd, rs, simm16      a=rd b=rs imm signed
  | 'rru' // op rd, rs, uimm16      a=rd b=rs imm unsigned
  | 'rrs' // op rd, rs, shamt       a=rd b=rs imm 0..31
  | 'ri' // op rd, simm16           a=rd
  | 'ru' // op rd, uimm16           a=rd
  | 'mem' // op ra, [rb + simm16]   a=data register, b=base register
  | 'r' // op ra                    a
  | 'j' // op target               bits 23..0, a byte address that is a multiple of 4
  | 'in' // in rd, port             a=rd imm=port
  | 'out' // out port, rs           a=rs imm=port
  | 'imm' // op uimm16             imm
  | 'mtcr' // mtcr cr, rs           a=cr b=rs
  | 'mfcr'; // mfcr rd, cr          a=rd b=cr

/** One row of the instruction table. */
export interface OpInfo {
  /** Lower-case mnemonic, as written in assembly. */
  readonly mnemonic: string;
  /** Bits 31..24 of the instruction word. */
  readonly opcode: number;
  /** Operand layout. */
  readonly format: Format;
  /** Traps with cause `privileged` when executed in user mode. */
  readonly privileged: boolean;
  /** Reads or changes privileged state (Popek & Goldberg); sensitive but unprivileged = a virtualization hole. */
  readonly sensitive: boolean;
  /** Sets Z and N from the result; add/sub/compare also set C and V, the others clear them. */
  readonly setsFlags: boolean;
  /** One line: what it does. */
  readonly summary: string;
}

/** Bits 31..24 of each instruction: the opcode numbers, by mnemonic. */
export const Op = {
  nop: 0x01,
  add: 0x10,
  sub: 0x11,
  mul: 0x12,
  div: 0x13,
  mod: 0x14,
  and: 0x15,
  or: 0x16,
  xor: 0x17,
  shl: 0x18,
  shr: 0x19,
  sar: 0x1a,
  mov: 0x1b,
  cmp: 0x1c,
  not: 0x1d,
  addi: 0x20,
  andi: 0x22,
  ori: 0x23,
  xori: 0x24,
  shli: 0x25,
  shri: 0x26,
  sari: 0x27,
  movi: 0x28,
  cmpi: 0x29,
  lui: 0x2a,
  lw: 0x30,
  sw: 0x31,
  lb: 0x32,
  sb: 0x33,
  push: 0x38,
  pop: 0x39,
  jmp: 0x40,
  jz: 0x41,
  jnz: 0x42,
  jlt: 0x43,
  jge: 0x44,
  jgt: 0x45,
  jle: 0x46,
  jb: 0x47,
  jae: 0x48,
  call: 0x49,
  jmpr: 0x4a,
  callr: 0x4b,
  ret: 0x4c,
  syscall: 0x50,
  hypercall: 0x51,
  iret: 0x52,
  hlt: 0x53,
  cli: 0x54,
  sti: 0x55,
  in: 0x56,
  out: 0x57,
  mtcr: 0x58,
  mfcr: 0x59,
  pushf: 0x5b,
  popf: 0x5c,
  smsw: 0x5d,
  vmenter: 0x5e,
} as const;

/** A mnemonic of the ISA. */
export type Mnemonic = keyof typeof Op;

type Row = [Mnemonic, Format, 'P' | 'S' | 'PS' | '-', 'f' | '-', string];

// mnemonic, format, privileged (P) / sensitive (S), sets flags (f), summary
const ROWS: Row[] = [
  ['nop', 'none', '-', '-', 'Do nothing.'],
  ['add', 'rrr', '-', 'f', 'rd = rs + rt.'],
  ['sub', 'rrr', '-', 'f', 'rd = rs - rt.'],
  ['mul', 'rrr', '-', 'f', 'rd = low 32 bits of rs * rt.'],
  ['div', 'rrr', '-', 'f', 'rd = rs / rt, signed, rounded toward zero; rt = 0 traps with cause divide.'],
  ['mod', 'rrr', '-', 'f', 'rd = remainder of rs / rt, signed (sign of rs); rt = 0 traps with cause divide.'],
  ['and', 'rrr', '-', 'f', 'rd = rs & rt.'],
  ['or', 'rrr', '-', 'f', 'rd = rs | rt.'],
  ['xor', 'rrr', '-', 'f', 'rd = rs ^ rt.'],
  ['shl', 'rrr', '-', 'f', 'rd = rs << (rt & 31).'],
  ['shr', 'rrr', '-', 'f', 'rd = rs >>> (rt & 31), logical.'],
  ['sar', 'rrr', '-', 'f', 'rd = rs >> (rt & 31), arithmetic.'],
  ['mov', 'rr', '-', '-', 'rd = rs.'],
  ['cmp', 'rr', '-', 'f', 'Set flags from ra - rb; no register changes.'],
  ['not', 'rr', '-', 'f', 'rd = ~rs.'],
  ['addi', 'rri', '-', 'f', 'rd = rs + simm16.'],
  ['andi', 'rru', '-', 'f', 'rd = rs & uimm16.'],
  ['ori', 'rru', '-', 'f', 'rd = rs | uimm16.'],
  ['xori', 'rru', '-', 'f', 'rd = rs ^ uimm16.'],
  ['shli', 'rrs', '-', 'f', 'rd = rs << shamt.'],
  ['shri', 'rrs', '-', 'f', 'rd = rs >>> shamt, logical.'],
  ['sari', 'rrs', '-', 'f', 'rd = rs >> shamt, arithmetic.'],
  ['movi', 'ri', '-', '-', 'rd = simm16, sign-extended.'],
  ['cmpi', 'ri', '-', 'f', 'Set flags from ra - simm16.'],
  ['lui', 'ru', '-', '-', 'rd = uimm16 << 16.'],
  ['lw', 'mem', '-', '-', 'rd = the word at rb + simm16 (address a multiple of 4).'],
  ['sw', 'mem', '-', '-', 'Store ra as the word at rb + simm16 (address a multiple of 4).'],
  ['lb', 'mem', '-', '-', 'rd = the byte at rb + simm16, zero-extended.'],
  ['sb', 'mem', '-', '-', 'Store the low byte of ra at rb + simm16.'],
  ['push', 'r', '-', '-', 'sp = sp - 4, then store ra at sp.'],
  ['pop', 'r', '-', '-', 'Load ra from sp, then sp = sp + 4.'],
  ['jmp', 'j', '-', '-', 'pc = target.'],
  ['jz', 'j', '-', '-', 'Jump if Z (equal after cmp). Alias: je.'],
  ['jnz', 'j', '-', '-', 'Jump if not Z (not equal). Alias: jne.'],
  ['jlt', 'j', '-', '-', 'Jump if N != V (signed less than).'],
  ['jge', 'j', '-', '-', 'Jump if N == V (signed greater or equal).'],
  ['jgt', 'j', '-', '-', 'Jump if not Z and N == V (signed greater than).'],
  ['jle', 'j', '-', '-', 'Jump if Z or N != V (signed less or equal).'],
  ['jb', 'j', '-', '-', 'Jump if C (unsigned below: a borrow happened).'],
  ['jae', 'j', '-', '-', 'Jump if not C (unsigned above or equal).'],
  ['call', 'j', '-', '-', 'Push the address of the next instruction, then pc = target.'],
  ['jmpr', 'r', '-', '-', 'pc = ra.'],
  ['callr', 'r', '-', '-', 'Push the address of the next instruction, then pc = ra.'],
  ['ret', 'none', '-', '-', 'Pop pc.'],
  ['syscall', 'imm', '-', '-', 'Trap to the supervisor with cause syscall; tval = the number; epc = the next instruction.'],
  ['hypercall', 'imm', '-', '-', 'Trap to the hypervisor with cause hypercall; tval = the number. Reserved for paravirtualization.'],
  ['iret', 'none', 'PS', '-', 'Return from a trap: pc = epc, psw = epsw (restores mode and IF).'],
  ['hlt', 'none', 'PS', '-', 'Stop fetching until an interrupt arrives.'],
  ['cli', 'none', 'PS', '-', 'Clear IF: no interrupts are taken.'],
  ['sti', 'none', 'PS', '-', 'Set IF: interrupts are taken.'],
  ['in', 'in', 'PS', '-', 'rd = the value read from an I/O port.'],
  ['out', 'out', 'PS', '-', 'Write ra to an I/O port.'],
  ['mtcr', 'mtcr', 'PS', '-', 'Move a general register into a control register.'],
  ['mfcr', 'mfcr', 'PS', '-', 'Move a control register into a general register.'],
  ['pushf', 'none', 'S', '-', 'Push the psw, IF and mode bits included, in any mode (never traps).'],
  [
    'popf',
    'none',
    'S',
    '-',
    'Pop the psw; in user mode a change to IF is silently ignored (never traps); the mode bits never change.',
  ],
  ['smsw', 'r', 'S', '-', 'ra = the machine status word (mode and translation mode), in any mode (never traps).'],
  [
    'vmenter',
    'none',
    'PS',
    '-',
    'Enter hardware-assisted guest mode. Reserved: without guest-mode support it traps with cause illegal.',
  ],
];

/** The instruction table, in opcode order of the rows above. */
export const OPS: readonly OpInfo[] = ROWS.map(([mnemonic, format, ps, f, summary]) => ({
  mnemonic,
  opcode: Op[mnemonic],
  format,
  privileged: ps.includes('P'),
  sensitive: ps.includes('S'),
  setsFlags: f === 'f',
  summary,
}));

/** Assembler-only spellings that stand for another mnemonic. */
export const ALIASES: Readonly<Record<string, Mnemonic>> = { je: 'jz', jne: 'jnz' };

const byOpcode: (OpInfo | undefined)[] = new Array(256).fill(undefined);
const byMnemonic = new Map<string, OpInfo>();
for (const info of OPS) {
  byOpcode[info.opcode] = info;
  byMnemonic.set(info.mnemonic, info);
}

/** The table row for a mnemonic (aliases included), or undefined. */
export function opByMnemonic(mnemonic: string): OpInfo | undefined {
  const m = mnemonic.toLowerCase();
  return byMnemonic.get(Object.hasOwn(ALIASES, m) ? (ALIASES[m] as string) : m);
}

/** The table row for an opcode number, or undefined. */
export function opByOpcode(opcode: number): OpInfo | undefined {
  return byOpcode[opcode & 0xff];
}

/** Bits that must be zero in each format. */
export const MUST_BE_ZERO: Readonly<Record<Format, number>> = {
  none: 0x00ffffff,
  rrr: 0x00000fff,
  rr: 0x0000ffff,
  rri: 0,
  rru: 0,
  rrs: 0x0000ffe0,
  ri: 0x000f0000,
  ru: 0x000f0000,
  mem: 0,
  r: 0x000fffff,
  j: 0x00000003,
  in: 0x000f0000,
  out: 0x000f0000,
  imm: 0x00ff0000,
  mtcr: 0x0000ffff,
  mfcr: 0x0000ffff,
};

/** The fields each format uses; `encode` refuses a non-zero value for any other. */
export const FIELDS: Readonly<Record<Format, readonly ('a' | 'b' | 'c' | 'imm')[]>> = {
  none: [],
  rrr: ['a', 'b', 'c'],
  rr: ['a', 'b'],
  rri: ['a', 'b', 'imm'],
  rru: ['a', 'b', 'imm'],
  rrs: ['a', 'b', 'imm'],
  ri: ['a', 'imm'],
  ru: ['a', 'imm'],
  mem: ['a', 'b', 'imm'],
  r: ['a'],
  j: ['imm'],
  in: ['a', 'imm'],
  out: ['a', 'imm'],
  imm: ['imm'],
  mtcr: ['a', 'b'],
  mfcr: ['a', 'b'],
};

/** Control registers, by index (the `cr` operand of mtcr/mfcr). */
export const CONTROL_REGISTERS = [
  'tvec', // 0: trap vector: where traps and interrupts enter the supervisor
  'epc', // 1: pc to resume at after the trap
  'epsw', // 2: psw at the time of the trap
  'cause', // 3: trap cause code | (access kind << 8)
  'tval', // 4: faulting address, syscall/hypercall number, or IRQ number
  'base', // 5: relocation base, in bytes (translation mode 1)
  'bounds', // 6: size of the user region, in bytes (translation mode 1)
  'ptbr', // 7: physical address of the page directory (translation mode 2)
  'mmu', // 8: translation mode: 0 none, 1 base/bounds (user accesses), 2 paged (every access)
  'timer', // 9: CPU timer: ticks until a timer interrupt (one-shot; 0 = off)
  'scratch', // 10: free for the supervisor
] as const;

/** Name of a control register. */
export type ControlRegister = (typeof CONTROL_REGISTERS)[number];

/** Index of each control register. */
export const CR = Object.fromEntries(CONTROL_REGISTERS.map((name, i) => [name, i])) as {
  readonly [K in ControlRegister]: number;
};

/** Bits of the program status word (psw), the CPU's flags register. */
export const PSW = {
  /** Zero: the last result was 0. */
  Z: 1 << 0,
  /** Negative: bit 31 of the last result. */
  N: 1 << 1,
  /** Carry: unsigned overflow of add, or borrow of sub/cmp. */
  C: 1 << 2,
  /** Overflow: signed overflow of add/sub/cmp. */
  V: 1 << 3,
  /** Interrupt enable (bit 9, as on x86). */
  IF: 1 << 9,
  /** Mask of the mode field, bits 12..13 (see `Mode`). */
  MODE_MASK: 3 << 12,
  /** Shift count of the mode field (not a bit: `(psw & MODE_MASK) >>> MODE_SHIFT` is the mode). */
  MODE_SHIFT: 12,
} as const;

/** Privilege modes, as stored in the psw's mode field. */
export const Mode = { supervisor: 0, user: 1, guest: 2 } as const;

/** A privilege mode's name. */
export type ModeName = keyof typeof Mode;

/** Translation modes of the `mmu` control register. */
export const Translation = { none: 0, baseBounds: 1, paged: 2 } as const;

/** Trap causes: the `cause` control register's low byte. */
export const Cause = {
  illegal: 1,
  privileged: 2,
  syscall: 3,
  hypercall: 4,
  protection: 5,
  'page-fault': 6,
  misaligned: 7,
  divide: 8,
  bus: 9,
  timer: 10,
  interrupt: 11,
} as const;

/** The name of a trap cause. */
export type TrapCause = keyof typeof Cause;

/** Kinds of memory access, as stored in bits 8..9 of `cause` for memory faults. */
export const Access = { read: 1, write: 2, execute: 3 } as const;

/** The name of a memory access kind. */
export type AccessKind = keyof typeof Access;

/** Page-table entry bits (both levels use P; leaf entries use the rest). */
export const PTE = { P: 1 << 0, R: 1 << 1, W: 1 << 2, X: 1 << 3, U: 1 << 4 } as const;

/** A decoded instruction: the table row plus its fields. */
export interface Decoded {
  /** The table row. */
  readonly op: OpInfo;
  /** Field a (bits 23..20): rd, ra, or a control-register index. */
  readonly a: number;
  /** Field b (bits 19..16): rs, rb, or a control-register index. */
  readonly b: number;
  /** Field c (bits 15..12): rt. */
  readonly c: number;
  /** The immediate, already sign- or zero-extended as the format says; for `j`, the target address. */
  readonly imm: number;
}

/** Decodes a word, or returns undefined when it is not the one canonical encoding of an instruction. */
export function decode(word: number): Decoded | undefined {
  const w = word >>> 0;
  const op = byOpcode[w >>> 24];
  if (op === undefined || (w & MUST_BE_ZERO[op.format]) !== 0) return undefined;
  const a = (w >>> 20) & 15;
  const b = (w >>> 16) & 15;
  const c = (w >>> 12) & 15;
  let imm = w & 0xffff;
  switch (op.format) {
    case 'rri':
    case 'ri':
    case 'mem':
      imm = (imm << 16) >> 16;
      break;
    case 'j':
      imm = w & 0x00ffffff;
      break;
    case 'mtcr':
      if (a >= CONTROL_REGISTERS.length) return undefined;
      break;
    case 'mfcr':
      if (b >= CONTROL_REGISTERS.length) return undefined;
      break;
    default:
      break;
  }
  return { op, a, b, c, imm };
}

/** Operand values for `encode`: registers and control registers by index, immediates as numbers. */
export interface Operands {
  /** Field a. */
  a?: number;
  /** Field b. */
  b?: number;
  /** Field c. */
  c?: number;
  /** Immediate or jump target. */
  imm?: number;
}

/** The range an immediate of each format must lie in, or undefined when the format has none. */
export function immediateRange(format: Format): readonly [number, number] | undefined {
  switch (format) {
    case 'rri':
    case 'ri':
    case 'mem':
      return [-0x8000, 0x7fff];
    case 'rru':
    case 'ru':
    case 'in':
    case 'out':
    case 'imm':
      return [0, 0xffff];
    case 'rrs':
      return [0, 31];
    case 'j':
      return [0, 0x00fffffc];
    default:
      return undefined;
  }
}

/** Builds the instruction word; throws RangeError when a field does not fit. */
export function encode(op: OpInfo, operands: Operands): number {
  const { a = 0, b = 0, c = 0, imm = 0 } = operands;
  for (const field of ['a', 'b', 'c', 'imm'] as const) {
    if ((operands[field] ?? 0) !== 0 && !FIELDS[op.format].includes(field)) {
      throw new RangeError(`${op.mnemonic}: the ${op.format} format has no field ${field} (given ${operands[field]})`);
    }
  }
  for (const [name, v] of [
    ['a', a],
    ['b', b],
    ['c', c],
  ] as const) {
    if (!Number.isInteger(v) || v < 0 || v >= REGISTER_COUNT) throw new RangeError(`${op.mnemonic}: field ${name} = ${v} is not 0..15`);
  }
  const range = immediateRange(op.format);
  if (range !== undefined && (!Number.isInteger(imm) || imm < range[0] || imm > range[1])) {
    throw new RangeError(`${op.mnemonic}: immediate ${imm} is not in ${range[0]}..${range[1]}`);
  }
  if (op.format === 'j' && (imm & 3) !== 0) throw new RangeError(`${op.mnemonic}: target ${imm} is not a multiple of 4`);
  if ((op.format === 'mtcr' && a >= CONTROL_REGISTERS.length) || (op.format === 'mfcr' && b >= CONTROL_REGISTERS.length)) {
    throw new RangeError(`${op.mnemonic}: control register ${op.format === 'mtcr' ? a : b} is not 0..${CONTROL_REGISTERS.length - 1}`);
  }
  const low = op.format === 'j' ? imm & 0x00ffffff : op.format === 'rrr' ? c << 12 : imm & 0xffff;
  return ((op.opcode << 24) | (a << 20) | (b << 16) | low) >>> 0;
}
