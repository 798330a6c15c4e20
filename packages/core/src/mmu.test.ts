import { describe, expect, it } from 'vitest';
import { assemble } from './asm/assembler.ts';
import { PTE } from './isa.ts';
import { createMachine, loadProgram, type Machine, readWord, setControlRegister, setMode, writeWord } from './machine.ts';
import { run, step } from './run.ts';

/** A user program loaded at physical `base`, run under base/bounds in exit mode. */
function relocated(source: string, base: number, bounds: number): Machine {
  const m = createMachine({ trapMode: 'exit' });
  loadProgram(m, assemble(source), { offset: base });
  m.cpu.pc -= base;
  setControlRegister(m, 'base', base);
  setControlRegister(m, 'bounds', bounds);
  setControlRegister(m, 'mmu', 1);
  setMode(m, 'user');
  return m;
}

describe('base/bounds relocation', () => {
  it('relocates every user access by base: code, data, jumps and the stack', () => {
    const m = relocated(
      `
        li sp, 0x100        ; the top of the program's own region
        call f
        syscall 0
f:      li r1, cell
        movi r2, 77
        sw r2, [r1]
        push r2
        pop r3
        ret
        .align 4
cell:   .word 0`,
      0x2000,
      0x100,
    );
    const r = run(m, 100);
    expect(r.reason === 'exit' && r.event).toMatchObject({ type: 'trap', cause: 'syscall' });
    const cell = assemble('li sp, 0x100\ncall f\nsyscall 0\nf: li r1, cell\nmovi r2, 77\nsw r2, [r1]\npush r2\npop r3\nret\n.align 4\ncell: .word 0').symbols.cell!;
    expect(readWord(m, 0x2000 + cell)).toBe(77);
    expect(readWord(m, cell)).toBe(0);
    expect(m.cpu.regs[3]).toBe(77);
  });

  it('faults on a read at exactly the bound, and allows the last word below it', () => {
    const ok = relocated('movi r1, 0xfc\nlw r2, [r1]\nsyscall 0', 0x2000, 0x100);
    writeWord(ok, 0x20fc, 5);
    expect(run(ok, 10)).toMatchObject({ reason: 'exit', event: { cause: 'syscall' } });
    expect(ok.cpu.regs[2]).toBe(5);
    const bad = relocated('movi r1, 0x100\nlw r2, [r1]\nsyscall 0', 0x2000, 0x100);
    expect(run(bad, 10)).toEqual({
      reason: 'exit',
      steps: 2,
      event: { type: 'trap', cause: 'protection', pc: 4, tval: 0x100, access: 'read', mode: 'user' },
    });
  });

  it('faults on writes and fetches outside the region, leaving memory unchanged', () => {
    const w = relocated('li r1, 0x1000\nmovi r2, 9\nsw r2, [r1]', 0x2000, 0x100);
    expect(run(w, 10)).toMatchObject({ reason: 'exit', event: { cause: 'protection', access: 'write', tval: 0x1000 } });
    expect(readWord(w, 0x3000)).toBe(0);
    const x = relocated('jmp 0x200', 0x2000, 0x100);
    expect(run(x, 10)).toMatchObject({ reason: 'exit', event: { cause: 'protection', access: 'execute', tval: 0x200, pc: 0x200 } });
  });

  it('step reports the instruction word fetched through translation', () => {
    const m = relocated('movi r7, 3\nsyscall 0', 0x2000, 0x100);
    expect(step(m)).toEqual([{ type: 'retire', pc: 0, word: 0x28700003 }]);
  });

  it('does not translate supervisor accesses', () => {
    const m = createMachine();
    loadProgram(m, assemble('movi r1, 0x40\nlw r2, [r1]\nhlt'));
    setControlRegister(m, 'base', 0x2000);
    setControlRegister(m, 'bounds', 0x10);
    setControlRegister(m, 'mmu', 1);
    writeWord(m, 0x40, 3);
    run(m, 10);
    expect(m.cpu.regs[2]).toBe(3);
  });
});

describe('paged translation', () => {
  const DIR = 0x4000;
  const TABLE = 0x5000;
  function paged(source: string, flags: number, frame = 0x8000): Machine {
    const m = createMachine({ trapMode: 'exit' });
    // code at virtual 0 -> physical 0x6000 (R X U); virtual 0x1000 -> frame with `flags`
    loadProgram(m, assemble(source), { offset: 0x6000 });
    m.cpu.pc = 0;
    writeWord(m, DIR, TABLE | PTE.P);
    writeWord(m, TABLE, 0x6000 | PTE.P | PTE.R | PTE.X | PTE.U);
    writeWord(m, TABLE + 4, frame | flags);
    setControlRegister(m, 'ptbr', DIR);
    setControlRegister(m, 'mmu', 2);
    setMode(m, 'user');
    return m;
  }

  it('maps a virtual page to its frame', () => {
    const m = paged('li r1, 0x1008\nmovi r2, 42\nsw r2, [r1]\nlw r3, [r1]\nsyscall 0', PTE.P | PTE.R | PTE.W | PTE.U);
    expect(run(m, 20)).toMatchObject({ reason: 'exit', event: { cause: 'syscall' } });
    expect(readWord(m, 0x8008)).toBe(42);
    expect(m.cpu.regs[3]).toBe(42);
  });

  it.each([
    ['not present', 0, 'lw r3, [r1]', 'read'],
    ['read-only page written', PTE.P | PTE.R | PTE.U, 'sw r3, [r1]', 'write'],
    ['supervisor-only page read from user mode', PTE.P | PTE.R | PTE.W, 'lw r3, [r1]', 'read'],
    ['no execute', PTE.P | PTE.R | PTE.U, 'jmpr r1', 'execute'],
  ] as const)('%s gives a page fault with the address and the access', (_name, flags, instruction, access) => {
    const m = paged(`li r1, 0x1008\n${instruction}\nsyscall 0`, flags);
    const r = run(m, 20);
    expect(r).toMatchObject({ reason: 'exit', event: { type: 'trap', cause: 'page-fault', tval: 0x1008, access } });
  });

  it('a directory entry that is not present faults too', () => {
    const m = paged('li r1, 0x400000\nlw r3, [r1]', PTE.P | PTE.R | PTE.U);
    expect(run(m, 20)).toMatchObject({ reason: 'exit', event: { cause: 'page-fault', tval: 0x400000, access: 'read' } });
  });
});
