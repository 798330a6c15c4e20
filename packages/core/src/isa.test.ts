import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decode, encode, FIELDS, immediateRange, opByMnemonic, OPS } from './isa.ts';

describe('the instruction table', () => {
  it('gives every row a distinct opcode and mnemonic', () => {
    expect(new Set(OPS.map((o) => o.opcode)).size).toBe(OPS.length);
    expect(new Set(OPS.map((o) => o.mnemonic)).size).toBe(OPS.length);
  });

  it('has at least two sensitive but unprivileged instructions, popf and smsw among them', () => {
    const holes = OPS.filter((o) => o.sensitive && !o.privileged).map((o) => o.mnemonic);
    expect(holes).toEqual(expect.arrayContaining(['popf', 'smsw']));
  });

  it('finds aliases but not inherited object keys', () => {
    expect(opByMnemonic('JE')?.mnemonic).toBe('jz');
    expect(opByMnemonic('constructor')).toBeUndefined();
    expect(opByMnemonic('toString')).toBeUndefined();
  });
});

describe('encode and decode', () => {
  it('decode inverts encode for every in-range instruction', () => {
    fc.assert(
      fc.property(fc.constantFrom(...OPS), fc.nat(), fc.nat(), fc.nat(), fc.nat(), (op, ra, rb, rc, ri) => {
        const uses = FIELDS[op.format];
        const range = immediateRange(op.format);
        const a = !uses.includes('a') ? 0 : op.format === 'mtcr' ? ra % 11 : ra % 16;
        const b = !uses.includes('b') ? 0 : op.format === 'mfcr' ? rb % 11 : rb % 16;
        const c = uses.includes('c') ? rc % 16 : 0;
        let imm = range === undefined ? 0 : range[0] + (ri % (range[1] - range[0] + 1));
        if (op.format === 'j') imm &= ~3;
        const d = decode(encode(op, { a, b, c, imm }))!;
        expect(d.op).toBe(op);
        if (range !== undefined) expect(d.imm).toBe(imm);
        if (uses.includes('a')) expect(d.a).toBe(a);
        if (uses.includes('b')) expect(d.b).toBe(b);
        if (uses.includes('c')) expect(d.c).toBe(c);
      }),
    );
  });

  it('refuses fields that the format has no room for', () => {
    const nop = opByMnemonic('nop')!;
    expect(() => encode(nop, { a: 1 })).toThrow('nop: the none format has no field a (given 1)');
    expect(() => encode(opByMnemonic('jmp')!, { b: 1, imm: 8 })).toThrow('jmp: the j format has no field b (given 1)');
    expect(() => encode(opByMnemonic('addi')!, { a: 1, c: 2 })).toThrow('addi: the rri format has no field c (given 2)');
    expect(() => encode(opByMnemonic('mtcr')!, { a: 12, b: 1 })).toThrow('mtcr: control register 12 is not 0..10');
    expect(() => encode(opByMnemonic('addi')!, { a: 1, b: 1, imm: 40000 })).toThrow('addi: immediate 40000 is not in -32768..32767');
    expect(() => encode(opByMnemonic('jmp')!, { imm: 6 })).toThrow('jmp: target 6 is not a multiple of 4');
  });
});
