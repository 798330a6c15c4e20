import { describe, expect, test } from 'vitest';
import { encode, opByMnemonic } from '../isa.ts';
import type { Operands } from '../isa.ts';
import { assemble } from './assembler.ts';
import { AsmError } from './errors.ts';

/** The instruction word for a mnemonic and its fields. */
function ins(mnemonic: string, operands: Operands = {}): number {
  return encode(opByMnemonic(mnemonic)!, operands);
}

/** The assembled image as little-endian words. */
function words(source: string, origin?: number): number[] {
  const { bytes } = assemble(source, origin === undefined ? {} : { origin });
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return Array.from({ length: bytes.length >> 2 }, (_, i) => view.getUint32(i * 4, true));
}

/** The message of the AsmError that assembling `source` throws. */
function errorOf(source: string): string {
  try {
    assemble(source);
  } catch (e) {
    if (e instanceof AsmError) return e.message;
    throw e;
  }
  throw new Error(`assembled without error: ${source}`);
}

describe('instruction syntax, one format at a time', () => {
  test.each([
    ['nop', ins('nop')],
    ['add r1, r2, r3', ins('add', { a: 1, b: 2, c: 3 })],
    ['mov r1, r2', ins('mov', { a: 1, b: 2 })],
    ['cmp r1, r2', ins('cmp', { a: 1, b: 2 })],
    ['addi r1, r2, -5', ins('addi', { a: 1, b: 2, imm: -5 })],
    ['andi r1, r2, 0xff', ins('andi', { a: 1, b: 2, imm: 0xff })],
    ['shli r1, r2, 3', ins('shli', { a: 1, b: 2, imm: 3 })],
    ['movi r1, -1', ins('movi', { a: 1, imm: -1 })],
    ['cmpi r1, 10', ins('cmpi', { a: 1, imm: 10 })],
    ['lui r1, 0x1234', ins('lui', { a: 1, imm: 0x1234 })],
    ['lw r1, [r2]', ins('lw', { a: 1, b: 2 })],
    ['lw r1, [r2+8]', ins('lw', { a: 1, b: 2, imm: 8 })],
    ['lw r1, [r2 - 4]', ins('lw', { a: 1, b: 2, imm: -4 })],
    ['lw r1, [ r2 - 4 + 1 ]', ins('lw', { a: 1, b: 2, imm: -3 })],
    ['sw r1, [sp+0]', ins('sw', { a: 1, b: 15 })],
    ['OFFSET = 12\nlb r1, [r2 + OFFSET]', ins('lb', { a: 1, b: 2, imm: 12 })],
    ['push r1', ins('push', { a: 1 })],
    ['jz 0x40', ins('jz', { imm: 0x40 })],
    ['in r1, 0x3f8', ins('in', { a: 1, imm: 0x3f8 })],
    ['out 0x3f8, r1', ins('out', { a: 1, imm: 0x3f8 })],
    ['syscall 1', ins('syscall', { imm: 1 })],
    ['mtcr tvec, r1', ins('mtcr', { a: 0, b: 1 })],
    ['mfcr r1, epc', ins('mfcr', { a: 1, b: 1 })],
    ['mtcr 10, r2', ins('mtcr', { a: 10, b: 2 })],
    ['smsw r1', ins('smsw', { a: 1 })],
  ])('%s', (source, word) => {
    expect(words(source)).toEqual([word]);
  });

  test('mnemonics, registers and control registers ignore case; sp is r15', () => {
    expect(words('ADD R1, SP, r2\nMfCr R3, TVAL')).toEqual([ins('add', { a: 1, b: 15, c: 2 }), ins('mfcr', { a: 3, b: 4 })]);
  });

  test('je and jne are jz and jnz', () => {
    expect(words('je 8\njne 8')).toEqual([ins('jz', { imm: 8 }), ins('jnz', { imm: 8 })]);
  });

  test('labels: several on a line, alone on a line, used before and after', () => {
    const p = assemble('a: b:\n  jmp c\nc: jmp a ; back\n# done');
    expect(p.symbols).toEqual({ a: 0, b: 0, c: 4 });
    expect(words('a: b:\n  jmp c\nc: jmp a')).toEqual([ins('jmp', { imm: 4 }), ins('jmp', { imm: 0 })]);
  });

  test('Windows line endings, tabs and blank lines', () => {
    expect(words('\tnop\r\n\r\n\thlt\r\n')).toEqual([ins('nop'), ins('hlt')]);
  });

  test('labels are case-sensitive and may start with a dot', () => {
    expect(assemble('Loop: nop\nloop: nop\n.L1: jmp .L1').symbols).toEqual({ Loop: 0, loop: 4, '.L1': 8 });
  });
});

describe('numbers and expressions', () => {
  test.each([
    ['42', 42],
    ['0x2A', 42],
    ['0b101010', 42],
    ["'*'", 42],
    [String.raw`'\n'`, 10],
    [String.raw`'\t'`, 9],
    [String.raw`'\\'`, 92],
    [String.raw`'\''`, 39],
    [String.raw`'\0'`, 0],
    ['1 + 2 * 3', 7],
    ['(1 + 2) * 3', 9],
    ['1 << 4 | 1', 17],
    ['6 & 3 ^ 1', 3],
    ['-7 / 2', -3],
    ['-7 % 2', -1],
    ['~0', -1],
    ['- -5', 5],
    ['0xffffffff + 1', 0],
    ['0x80000000 >> 31', 1],
    ['0x7fffffff * 2', -2],
    ['. + 8', 8],
    ['4294967295', -1],
  ])('%s = %i', (expr, value) => {
    expect(words(`.word ${expr}`)).toEqual([value >>> 0]);
  });

  test('. is the address of the item being assembled', () => {
    expect(words('nop\n.word ., .')).toEqual([ins('nop'), 4, 8]);
  });

  test('constants by = and .equ, also from labels defined later', () => {
    const p = assemble('SIZE = 4 * 4\n.equ AFTER, end + SIZE\n.word AFTER\nend:');
    expect(p.symbols).toEqual({ SIZE: 16, AFTER: 20, end: 4 });
    expect(words('SIZE = 4 * 4\n.equ AFTER, end + SIZE\n.word AFTER\nend:')).toEqual([20]);
  });
});

describe('li', () => {
  test('one movi when the value fits in simm16', () => {
    expect(words('li r1, -32768\nli r2, 32767')).toEqual([ins('movi', { a: 1, imm: -32768 }), ins('movi', { a: 2, imm: 32767 })]);
  });

  test('lui + ori when it does not', () => {
    expect(words('li r3, 0x12345678')).toEqual([ins('lui', { a: 3, imm: 0x1234 }), ins('ori', { a: 3, b: 3, imm: 0x5678 })]);
    expect(words('li r3, 32768')).toEqual([ins('lui', { a: 3, imm: 0 }), ins('ori', { a: 3, b: 3, imm: 0x8000 })]);
    expect(words('li r3, -32769')).toEqual([ins('lui', { a: 3, imm: 0xffff }), ins('ori', { a: 3, b: 3, imm: 0x7fff })]);
  });

  test('always two words for a label defined later, one for a label defined above', () => {
    expect(words('li r1, here\nhere:')).toEqual([ins('lui', { a: 1, imm: 0 }), ins('ori', { a: 1, b: 1, imm: 8 })]);
    expect(words('here: li r1, here')).toEqual([ins('movi', { a: 1, imm: 0 })]);
    expect(words('li r1, LATER\nLATER = 5')).toEqual([ins('lui', { a: 1, imm: 0 }), ins('ori', { a: 1, b: 1, imm: 5 })]);
  });

  test('both words map to the li line', () => {
    expect(assemble('nop\nli r1, 0x10000').lines).toEqual({ 0: 1, 4: 2, 8: 2 });
  });
});

describe('directives and layout', () => {
  test('.byte, .ascii and .asciz with escapes', () => {
    const p = assemble(String.raw`.byte 1, 255, -1, 'A'
.ascii "a\"b"
.asciz "\t", "é"`);
    expect(Array.from(p.bytes)).toEqual([1, 255, 255, 65, 97, 34, 98, 9, 0, 0xc3, 0xa9, 0]);
  });

  test('.space with and without fill, .align pads with zeros', () => {
    const p = assemble('.byte 1\n.space 2, 0xaa\n.align 8\n.space 1');
    expect(Array.from(p.bytes)).toEqual([1, 0xaa, 0xaa, 0, 0, 0, 0, 0, 0]);
  });

  test('.org before anything written sets the origin; later gaps are zero-filled', () => {
    const p = assemble('.org 0x100\nstart: nop\n.org 0x10c\n.word 7');
    expect(p.origin).toBe(0x100);
    expect(p.entry).toBe(0x100);
    expect(words('.org 0x100\nnop\n.org 0x10c\n.word 7')).toEqual([ins('nop'), 0, 0, 7]);
  });

  test('options.origin places the program; entry is start if defined, else the origin', () => {
    const p = assemble('nop\nstart: hlt', { origin: 0x400 });
    expect(p.origin).toBe(0x400);
    expect(p.entry).toBe(0x404);
    expect(p.symbols).toEqual({ start: 0x404 });
    expect(assemble('nop', { origin: 0x400 }).entry).toBe(0x400);
  });

  test('an empty program has no bytes and its origin is where the location counter stands', () => {
    expect(assemble('; nothing').origin).toBe(0);
    const p = assemble('.org 0x20');
    expect([p.origin, p.bytes.length]).toEqual([0x20, 0]);
  });

  test('lines maps each instruction and data item to its source line', () => {
    const p = assemble('\nnop\n.byte 1, 2\n.align 4\n.word 3, 4\n.ascii "xy"\n.space 2');
    expect(p.lines).toEqual({ 0: 2, 4: 3, 5: 3, 8: 5, 12: 5, 16: 6, 18: 7 });
  });
});

describe('errors name the line, the column, what was expected and what was found', () => {
  test.each([
    ['nop\n  mvo r1, r2', 'line 2, column 3: expected an instruction or directive, found "mvo" (did you mean "mov"?)'],
    ['.wrod 1', 'line 1, column 1: expected an instruction or directive, found ".wrod" (did you mean ".word"?)'],
    ['frobnicate r1', 'line 1, column 1: expected an instruction or directive, found "frobnicate"'],
    ['loop add r1, r2, r3', 'line 1, column 1: expected an instruction or directive, found "loop" (a label needs ":" after it)'],
    ['add r1, r2', 'line 1, column 11: expected 3 operands for add (add rd, rs, rt), found 2'],
    ['add r1, r2, r3, r4', 'line 1, column 17: expected 3 operands for add (add rd, rs, rt), found 4'],
    ['ret r1', 'line 1, column 5: expected no operands for ret, found 1'],
    ['push', 'line 1, column 5: expected 1 operand for push (push ra), found 0'],
    ['nop\nnop\nmov r1, r16', 'line 3, column 9: expected a register (r0..r15 or sp), found "r16"'],
    ['add r1, r2, 5', 'line 1, column 13: expected a register (r0..r15 or sp), found "5"'],
    ['\n\n\naddi r1, r2, 40000', 'line 4, column 14: expected a value in -32768..32767 for addi, found 40000'],
    ['ori r1, r2, -1', 'line 1, column 13: expected a value in 0..65535 for ori, found -1'],
    ['shli r1, r2, 32', 'line 1, column 14: expected a value in 0..31 for shli, found 32'],
    ['movi r1, 0x8000', 'line 1, column 10: expected a value in -32768..32767 for movi, found 32768 (li loads any 32-bit value)'],
    ['jmp 0x42', 'line 1, column 5: expected a jump target: a multiple of 4 in 0x0..0xfffffc, found 0x42'],
    ['jmp 0x1000000', 'line 1, column 5: expected a jump target: a multiple of 4 in 0x0..0xfffffc, found 0x1000000'],
    ['call -4', 'line 1, column 6: expected a jump target: a multiple of 4 in 0x0..0xfffffc, found -4'],
    ['jmp nowhere', 'line 1, column 5: expected a defined symbol, found "nowhere"'],
    ['x: nop\nx: nop', 'line 2, column 1: expected a name not defined before, found "x" (first defined on line 1)'],
    ['N = 1\n.equ N, 2', 'line 2, column 6: expected a name not defined before, found "N" (first defined on line 1)'],
    ['r1: nop', 'line 1, column 1: expected a label name, found "r1" (r0..r15 and sp are registers)'],
    ['.word 0x', `line 1, column 7: expected a number (decimal, 0x hex, 0b binary or 'c'), found "0x"`],
    ['.word 12ab', `line 1, column 7: expected a number (decimal, 0x hex, 0b binary or 'c'), found "12ab"`],
    ['.word 0x100000000', 'line 1, column 7: expected a number that fits in 32 bits, found "0x100000000"'],
    ['.ascii "abc', 'line 1, column 8: expected a string closed by " on the same line, found end of line'],
    [String.raw`.ascii "a\q"`, String.raw`line 1, column 10: expected an escape (\n, \t, \\, \', \" or \0), found "\\q"`],
    ["movi r1, 'ab'", "line 1, column 10: expected a closing ' after one character, found \"'ab\""],
    ['mtcr foo, r1', 'line 1, column 6: expected a control register (tvec, epc, epsw, cause, tval, base, bounds, ptbr, mmu, timer, scratch or 0..10), found "foo"'],
    ['mfcr r1, 11', 'line 1, column 10: expected a control register (tvec, epc, epsw, cause, tval, base, bounds, ptbr, mmu, timer, scratch or 0..10), found 11'],
    ['.org 8\n.org 4', 'line 2, column 6: expected an address at or after 0x8 (.org may not move backwards), found 0x4'],
    ['.org later\nlater:', 'line 1, column 6: expected a symbol defined above (.org needs its value in pass 1), found "later"'],
    ['lw r1, [r2+8', 'line 1, column 13: expected "]", found end of line'],
    ['lw r1, [r2 8]', 'line 1, column 12: expected "+", "-" or "]", found "8"'],
    ['lw r1, r2', 'line 1, column 8: expected a memory operand like [r2+8], found "r2"'],
    ['add r1, r2, r3 r4', 'line 1, column 16: expected end of line, found "r4"'],
    ['.word 1 2', 'line 1, column 9: expected "," or end of line, found "2"'],
    ['.word (1 + 2', 'line 1, column 13: expected ")", found end of line'],
    ['addi r1, r2, r3', 'line 1, column 14: expected a value, found "r3"'],
    ['nop\n.byte 1\n.word 2', 'line 3, column 1: expected a 4-aligned address for .word, found 0x5 (add .align 4)'],
    ['.byte 1\nnop', 'line 2, column 1: expected a 4-aligned address for an instruction, found 0x1 (add .align 4)'],
    ['.byte 256', 'line 1, column 7: expected a value in -128..255 for .byte, found 256'],
    ['.align 3', 'line 1, column 8: expected a power of two for .align, found 3'],
    ['.word 1 / (2 - 2)', 'line 1, column 12: expected a divisor other than 0, found 0'],
    ['.word 1 << 32', 'line 1, column 12: expected a shift count in 0..31, found 32'],
    ['A = B\nB = A\n.word A', 'line 2, column 5: expected a constant that does not depend on itself, found "A"'],
    ['nop @', 'line 1, column 5: expected a name, number, string, operator or comment, found "@"'],
    ['.space 0x1000001', 'line 1, column 1: expected an end address at most 0x1000000 (MAX_MEMORY_BYTES), found 0x1000001'],
  ])('%j', (source, message) => {
    expect(errorOf(source)).toBe(message);
  });

  test('the error carries its parts as fields', () => {
    try {
      assemble('mov r1, r16');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AsmError);
      expect({ ...(e as AsmError) }).toMatchObject({ line: 1, column: 9, expected: 'a register (r0..r15 or sp)', found: '"r16"', hint: undefined });
    }
  });

  test('the first error is thrown: syntax (pass 1) before values (pass 2)', () => {
    expect(errorOf('jmp nowhere\nmov r1, r99\nmov r2, r99')).toBe('line 2, column 9: expected a register (r0..r15 or sp), found "r99"');
  });
});
