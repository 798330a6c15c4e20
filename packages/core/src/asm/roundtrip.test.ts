import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { CONTROL_REGISTERS, decode, encode, immediateRange, OPS, opByMnemonic } from '../isa.ts';
import type { Format, Operands } from '../isa.ts';
import { MAX_MEMORY_BYTES } from '../params.ts';
import { assemble } from './assembler.ts';
import { disassemble, disassembleProgram } from './disassembler.ts';

/** The words of an assembled program, little-endian. */
function wordsOf(source: string): number[] {
  const { bytes } = assemble(source);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return Array.from({ length: bytes.length >> 2 }, (_, i) => view.getUint32(i * 4, true));
}

const register = fc.integer({ min: 0, max: 15 });
const controlRegister = fc.integer({ min: 0, max: CONTROL_REGISTERS.length - 1 });

/** Any immediate the format allows (jump targets: multiples of 4). */
function immediate(format: Format): fc.Arbitrary<number> {
  const [lo, hi] = immediateRange(format)!;
  return format === 'j' ? fc.integer({ min: lo / 4, max: hi / 4 }).map((t) => t * 4) : fc.integer({ min: lo, max: hi });
}

/** In-range fields for each format; fields the format does not use stay 0. */
const FIELDS: Readonly<Record<Format, (f: Format) => fc.Arbitrary<Operands>>> = {
  none: () => fc.constant({}),
  rrr: () => fc.record({ a: register, b: register, c: register }),
  rr: () => fc.record({ a: register, b: register }),
  rri: (f) => fc.record({ a: register, b: register, imm: immediate(f) }),
  rru: (f) => fc.record({ a: register, b: register, imm: immediate(f) }),
  rrs: (f) => fc.record({ a: register, b: register, imm: immediate(f) }),
  ri: (f) => fc.record({ a: register, imm: immediate(f) }),
  ru: (f) => fc.record({ a: register, imm: immediate(f) }),
  mem: (f) => fc.record({ a: register, b: register, imm: immediate(f) }),
  r: () => fc.record({ a: register }),
  j: (f) => fc.record({ imm: immediate(f) }),
  in: (f) => fc.record({ a: register, imm: immediate(f) }),
  out: (f) => fc.record({ a: register, imm: immediate(f) }),
  imm: (f) => fc.record({ imm: immediate(f) }),
  mtcr: () => fc.record({ a: controlRegister, b: register }),
  mfcr: () => fc.record({ a: register, b: controlRegister }),
};

/** A valid instruction word: a random row of the table with random in-range fields. */
const instruction = fc.constantFrom(...OPS).chain((op) => FIELDS[op.format](op.format).map((fields) => encode(op, fields)));

/** Any 32-bit word, mostly garbage, often an instruction, sometimes an instruction with one bit flipped. */
const anyWord = fc.oneof(
  fc.nat({ max: 0xffffffff }),
  instruction,
  fc.tuple(instruction, fc.integer({ min: 0, max: 31 })).map(([w, bit]) => (w ^ (1 << bit)) >>> 0),
);

describe('disassemble then assemble gives back the word', () => {
  test('every valid instruction generated from the table', () => {
    fc.assert(
      fc.property(instruction, (word) => {
        expect(decode(word)).toBeDefined();
        expect(wordsOf(disassemble(word))).toEqual([word]);
      }),
      { numRuns: 2000 },
    );
  });

  test('any 32-bit word, instruction or not', () => {
    fc.assert(
      fc.property(anyWord, (word) => {
        const text = disassemble(word);
        expect(text.startsWith('.word')).toBe(decode(word) === undefined);
        expect(wordsOf(text)).toEqual([word]);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('disassembleProgram then assemble gives back the image', () => {
  test('any words, any trailing bytes, any origin', () => {
    const image = fc.tuple(fc.array(anyWord, { maxLength: 40 }), fc.uint8Array({ maxLength: 3 }));
    const origin = fc.oneof(fc.integer({ min: 0, max: 0x4000 }).map((n) => n * 4), fc.integer({ min: 0, max: MAX_MEMORY_BYTES - 256 }));
    fc.assert(
      fc.property(image, origin, ([words, tail], org) => {
        const bytes = new Uint8Array(words.length * 4 + tail.length);
        const view = new DataView(bytes.buffer);
        words.forEach((w, i) => {
          view.setUint32(i * 4, w, true);
        });
        bytes.set(tail, words.length * 4);
        const program = assemble(disassembleProgram(bytes, org));
        expect(program.origin).toBe(org);
        expect(Array.from(program.bytes)).toEqual(Array.from(bytes));
      }),
      { numRuns: 500 },
    );
  });
});

describe('li loads any 32-bit value', () => {
  test('the movi, or the lui + ori, leave exactly the value in rd', () => {
    fc.assert(
      fc.property(fc.integer({ min: -0x80000000, max: 0xffffffff }), register, (value, rd) => {
        const words = wordsOf(`li r${rd}, ${value}`);
        const [first, second] = words.map((w) => decode(w)!);
        let result: number;
        if (second === undefined) {
          expect(first!.op).toBe(opByMnemonic('movi'));
          result = first!.imm;
        } else {
          expect([first!.op.mnemonic, second.op.mnemonic, second.b]).toEqual(['lui', 'ori', rd]);
          result = (first!.imm << 16) | second.imm;
        }
        expect(first!.a).toBe(rd);
        expect(result >>> 0).toBe(value >>> 0);
        expect(words.length).toBe((value | 0) >= -0x8000 && (value | 0) <= 0x7fff ? 1 : 2);
      }),
    );
  });
});

describe('expressions compute in 32 bits', () => {
  const int32 = fc.integer({ min: -0x80000000, max: 0x7fffffff });
  const cases: readonly [string, (a: number, b: number) => number][] = [
    ['+', (a, b) => a + b],
    ['-', (a, b) => a - b],
    ['*', (a, b) => Math.imul(a, b)],
    ['&', (a, b) => a & b],
    ['|', (a, b) => a | b],
    ['^', (a, b) => a ^ b],
    ['/', (a, b) => (b === 0 ? 0 : a / b)],
    ['%', (a, b) => (b === 0 ? 0 : a % b)],
  ];
  test.each(cases)('a %s b', (op, f) => {
    fc.assert(
      fc.property(int32, int32, (a, b) => {
        fc.pre(b !== 0 || (op !== '/' && op !== '%'));
        // Negative operands in parentheses: `a - -b` must parse as a minus a negated b.
        expect(wordsOf(`.word (${a}) ${op} (${b})`)).toEqual([f(a, b) >>> 0]);
      }),
    );
  });
});
