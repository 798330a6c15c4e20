/**
 * The disassembler: instruction words back to the assembly text that assembler.ts reads.
 *
 * Interface: `disassemble(word)` gives one statement; `disassembleProgram(bytes, origin)` gives a
 * whole image as a source file:
 *
 *       .org 0x100
 *       movi r1, 10                 ; 0x0100
 *       jz 0x10c                    ; 0x0104
 *       .word 0x00000000            ; 0x0108
 *       .byte 0x61, 0x62            ; 0x010c
 *
 * Output is canonical: lower-case mnemonics (never an alias), `r0`..`r14` and `sp`, control
 * registers by name, memory operands as `[r2+8]`, `[r2-4]` or `[r2]`; immediates in decimal,
 * except unsigned 16-bit ones (andi, ori, xori, lui, in, out, syscall, hypercall) and jump
 * targets, in hex.
 *
 * Invariant: assembling the output gives back exactly the input. A word that `decode` rejects is
 * printed as `.word`, since it has no instruction reading; bytes before the first 4-aligned
 * address and after the last whole word are printed as `.byte`.
 */

import { CONTROL_REGISTERS, decode } from '../isa.ts';
import type { Decoded, Format } from '../isa.ts';
import { SP, WORD_BYTES } from '../params.ts';

/** Width of the statement part of each `disassembleProgram` line, in characters; the address comment follows. */
const STATEMENT_WIDTH = 32;

/** A number in hex with `0x`, lower case, no padding. */
function hex(n: number): string {
  return `0x${(n >>> 0).toString(16)}`;
}

/** A general register's canonical name. */
function reg(i: number): string {
  return i === SP ? 'sp' : `r${i}`;
}

/** A control register's name (decode guarantees the index is in the table). */
function cr(i: number): string {
  return CONTROL_REGISTERS[i] ?? String(i);
}

/** A memory operand: `[rb]`, `[rb+8]` or `[rb-4]`. */
function memory(base: number, displacement: number): string {
  if (displacement === 0) return `[${reg(base)}]`;
  return `[${reg(base)}${displacement < 0 ? '-' : '+'}${Math.abs(displacement)}]`;
}

/** How each format's operands are written. */
const OPERANDS: Readonly<Record<Format, (d: Decoded) => string>> = {
  none: () => '',
  rrr: (d) => `${reg(d.a)}, ${reg(d.b)}, ${reg(d.c)}`,
  rr: (d) => `${reg(d.a)}, ${reg(d.b)}`,
  rri: (d) => `${reg(d.a)}, ${reg(d.b)}, ${d.imm}`,
  rru: (d) => `${reg(d.a)}, ${reg(d.b)}, ${hex(d.imm)}`,
  rrs: (d) => `${reg(d.a)}, ${reg(d.b)}, ${d.imm}`,
  ri: (d) => `${reg(d.a)}, ${d.imm}`,
  ru: (d) => `${reg(d.a)}, ${hex(d.imm)}`,
  mem: (d) => `${reg(d.a)}, ${memory(d.b, d.imm)}`,
  r: (d) => reg(d.a),
  j: (d) => hex(d.imm),
  in: (d) => `${reg(d.a)}, ${hex(d.imm)}`,
  out: (d) => `${hex(d.imm)}, ${reg(d.a)}`,
  imm: (d) => hex(d.imm),
  mtcr: (d) => `${cr(d.a)}, ${reg(d.b)}`,
  mfcr: (d) => `${reg(d.a)}, ${cr(d.b)}`,
};

/** One word as assembly: its instruction, or `.word 0x…` (8 hex digits) when it is not one. */
export function disassemble(word: number): string {
  const d = decode(word);
  if (d === undefined) return `.word 0x${(word >>> 0).toString(16).padStart(8, '0')}`;
  const operands = OPERANDS[d.op.format](d);
  return operands === '' ? d.op.mnemonic : `${d.op.mnemonic} ${operands}`;
}

/** A memory image as assembly source that starts with `.org` and re-assembles to the same bytes. */
export function disassembleProgram(bytes: Uint8Array, origin = 0): string {
  if (!Number.isInteger(origin) || origin < 0) throw new RangeError(`disassembleProgram: origin ${origin} is not an address`);
  const out = [`    .org ${hex(origin)}`];
  const line = (text: string, address: number): void => {
    out.push(`${`    ${text} `.padEnd(STATEMENT_WIDTH)}; 0x${address.toString(16).padStart(4, '0')}`);
  };
  const byteLine = (from: number, to: number): void => {
    if (from < to) line(`.byte ${Array.from(bytes.subarray(from, to), hex).join(', ')}`, origin + from);
  };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const head = Math.min(bytes.length, (WORD_BYTES - (origin % WORD_BYTES)) % WORD_BYTES);
  byteLine(0, head);
  let i = head;
  for (; i + WORD_BYTES <= bytes.length; i += WORD_BYTES) line(disassemble(view.getUint32(i, true)), origin + i);
  byteLine(i, bytes.length);
  return `${out.join('\n')}\n`;
}
