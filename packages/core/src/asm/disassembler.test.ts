import { describe, expect, test } from 'vitest';
import { decode, encode, OPS, opByMnemonic } from '../isa.ts';
import type { Format, Operands } from '../isa.ts';
import { assemble } from './assembler.ts';
import { disassemble, disassembleProgram } from './disassembler.ts';

/** The instruction word for a mnemonic and its fields. */
function ins(mnemonic: string, operands: Operands = {}): number {
  return encode(opByMnemonic(mnemonic)!, operands);
}

/** The one word that a line of assembly assembles to. */
function assembleOne(line: string): number {
  const { bytes } = assemble(line);
  expect(bytes.length).toBe(4);
  return new DataView(bytes.buffer, bytes.byteOffset).getUint32(0, true);
}

describe('disassemble', () => {
  test.each(([
    [ins('nop'), 'nop'],
    [ins('add', { a: 1, b: 2, c: 15 }), 'add r1, r2, sp'],
    [ins('not', { a: 0, b: 14 }), 'not r0, r14'],
    [ins('addi', { a: 1, b: 2, imm: -5 }), 'addi r1, r2, -5'],
    [ins('xori', { a: 1, b: 2, imm: 0xff00 }), 'xori r1, r2, 0xff00'],
    [ins('sari', { a: 1, b: 2, imm: 31 }), 'sari r1, r2, 31'],
    [ins('movi', { a: 1, imm: -32768 }), 'movi r1, -32768'],
    [ins('lui', { a: 1, imm: 0xffff }), 'lui r1, 0xffff'],
    [ins('lw', { a: 1, b: 2, imm: 8 }), 'lw r1, [r2+8]'],
    [ins('sb', { a: 1, b: 15, imm: -4 }), 'sb r1, [sp-4]'],
    [ins('lb', { a: 1, b: 2 }), 'lb r1, [r2]'],
    [ins('pop', { a: 15 }), 'pop sp'],
    [ins('call', { imm: 0xfffffc }), 'call 0xfffffc'],
    [ins('jz', { imm: 0 }), 'jz 0x0'],
    [ins('in', { a: 3, imm: 0x3fd }), 'in r3, 0x3fd'],
    [ins('out', { a: 3, imm: 0x3f8 }), 'out 0x3f8, r3'],
    [ins('hypercall', { imm: 2 }), 'hypercall 0x2'],
    [ins('mtcr', { a: 10, b: 1 }), 'mtcr scratch, r1'],
    [ins('mfcr', { a: 1, b: 7 }), 'mfcr r1, ptbr'],
  ] as [number, string][]).map(([word, text]) => [text, word] as const))('%s', (text, word) => {
    expect(disassemble(word)).toBe(text);
  });

  test.each(([
    [0x00000000, '.word 0x00000000'],
    [0xffffffff, '.word 0xffffffff'],
    [ins('nop') | 1, '.word 0x01000001'],
    [ins('jmp') | 2, '.word 0x40000002'],
    [ins('mtcr') | (11 << 20), '.word 0x58b00000'],
    [ins('mfcr') | (15 << 16), '.word 0x590f0000'],
  ] as [number, string][]).map(([word, text]) => [text, word] as const))('%s is not an instruction', (text, word) => {
    expect(decode(word)).toBeUndefined();
    expect(disassemble(word)).toBe(text);
  });
});

describe('disassembleProgram', () => {
  test('starts with .org, one statement a line with its address, bytes before and after the words', () => {
    const bytes = Uint8Array.from([0xaa, 0xbb, 0xcc, ...[0x00, 0x00, 0x10, 0x28], ...[0, 0, 0, 0], 0x61]);
    expect(disassembleProgram(bytes, 0x101)).toBe(
      [
        '    .org 0x101',
        '    .byte 0xaa, 0xbb, 0xcc      ; 0x0101',
        '    movi r1, 0                  ; 0x0104',
        '    .word 0x00000000            ; 0x0108',
        '    .byte 0x61                  ; 0x010c',
        '',
      ].join('\n'),
    );
  });

  test('an empty image is just its .org', () => {
    expect(disassembleProgram(new Uint8Array(0), 0x40)).toBe('    .org 0x40\n');
    expect(assemble(disassembleProgram(new Uint8Array(0), 0x40)).origin).toBe(0x40);
  });

  test('re-assembles to the same bytes and origin', () => {
    const program = assemble('.org 0x200\nstart: li r1, 0x12345678\nloop: addi r1, r1, -1\n jnz loop\n hlt\n.ascii "ok!"');
    const again = assemble(disassembleProgram(program.bytes, program.origin));
    expect(again.origin).toBe(0x200);
    expect(Array.from(again.bytes)).toEqual(Array.from(program.bytes));
  });
});

/** For each format: an example operand list as the disassembler writes it, and the fields it encodes. */
const EXAMPLES: Readonly<Record<Format, readonly [string, Operands]>> = {
  none: ['', {}],
  rrr: ['r1, r2, r3', { a: 1, b: 2, c: 3 }],
  rr: ['r4, sp', { a: 4, b: 15 }],
  rri: ['r1, r2, -5', { a: 1, b: 2, imm: -5 }],
  rru: ['r1, r2, 0xff', { a: 1, b: 2, imm: 0xff }],
  rrs: ['r1, r2, 3', { a: 1, b: 2, imm: 3 }],
  ri: ['r1, -1', { a: 1, imm: -1 }],
  ru: ['r1, 0x1234', { a: 1, imm: 0x1234 }],
  mem: ['r1, [r2+8]', { a: 1, b: 2, imm: 8 }],
  r: ['r7', { a: 7 }],
  j: ['0x40', { imm: 0x40 }],
  in: ['r1, 0x3f8', { a: 1, imm: 0x3f8 }],
  out: ['0x3f8, r1', { a: 1, imm: 0x3f8 }],
  imm: ['0x1', { imm: 1 }],
  mtcr: ['tvec, r1', { a: 0, b: 1 }],
  mfcr: ['r1, epc', { a: 1, b: 1 }],
};

describe('every row of OPS assembles from an example and disassembles back', () => {
  test.each(OPS.map((op) => [op.mnemonic, op] as const))('%s', (_, op) => {
    const [operands, fields] = EXAMPLES[op.format];
    const text = operands === '' ? op.mnemonic : `${op.mnemonic} ${operands}`;
    const word = assembleOne(text);
    expect(word).toBe(encode(op, fields));
    expect(decode(word)?.op).toBe(op);
    expect(disassemble(word)).toBe(text);
  });
});
