import { describe, expect, it } from 'vitest';
import { assemble } from './asm/assembler.ts';
import { Cause, CR, PSW } from './isa.ts';
import { createMachine, currentMode, loadProgram, type Machine, type MachineConfig, readWord, setMode } from './machine.ts';
import { run, step } from './run.ts';

function boot(source: string, config: MachineConfig = {}): Machine {
  const m = createMachine(config);
  loadProgram(m, assemble(source));
  return m;
}

/** Runs until the machine stops (a `hlt` with interrupts off) and returns it. */
function runToHalt(source: string, config: MachineConfig = {}): Machine {
  const m = boot(source, config);
  const r = run(m, 10_000);
  expect(r.reason).toBe('stopped');
  return m;
}

describe('arithmetic and flags', () => {
  it('adds, subtracts, multiplies and divides with 32-bit wrap-around', () => {
    const m = runToHalt(`
      li r1, 0x7fffffff
      movi r2, 1
      add r3, r1, r2      ; wraps to -2^31
      movi r4, -7
      movi r5, 2
      div r6, r4, r5      ; -3 (toward zero)
      mod r7, r4, r5      ; -1 (sign of the dividend)
      mul r8, r1, r1      ; low 32 bits: 1
      sub r9, r2, r1
      hlt`);
    expect(Array.from(m.cpu.regs.slice(3, 10))).toEqual([-(2 ** 31), -7, 2, -3, -1, 1, 1 - 0x7fffffff]);
  });

  it('sets V on signed overflow and C on an unsigned carry', () => {
    const m = runToHalt('li r1, 0x7fffffff\nmovi r2, 1\nadd r3, r1, r2\nhlt');
    expect(m.cpu.psw & (PSW.V | PSW.N | PSW.C | PSW.Z)).toBe(PSW.V | PSW.N);
    const c = runToHalt('movi r1, -1\nmovi r2, 1\nadd r3, r1, r2\nhlt');
    expect(c.cpu.psw & (PSW.V | PSW.N | PSW.C | PSW.Z)).toBe(PSW.C | PSW.Z);
  });

  it('branches on signed and unsigned comparisons', () => {
    const m = runToHalt(`
        movi r1, -1
        movi r2, 1
        movi r10, 0
        cmp r1, r2
        jlt signed_less
        ori r10, r10, 1     ; not reached
signed_less:
        cmp r1, r2
        jae unsigned_above  ; 0xffffffff >= 1 unsigned
        ori r10, r10, 2     ; not reached
unsigned_above:
        cmp r2, r2
        jnz wrong
        jle done
wrong:  ori r10, r10, 4
done:   hlt`);
    expect(m.cpu.regs[10]).toBe(0);
  });

  it('traps on division by zero without changing the destination', () => {
    const m = boot('movi r1, 5\nmovi r3, 9\ndiv r3, r1, r2\nhlt');
    run(m, 2);
    const events = step(m);
    expect(events).toEqual([{ type: 'trap', cause: 'divide', pc: 8, tval: 0, mode: 'supervisor' }]);
    expect(m.cpu.regs[3]).toBe(9);
    expect(m.cpu.cr[CR.epc]).toBe(8);
    expect(m.cpu.cr[CR.cause]).toBe(Cause.divide);
  });
});

describe('memory, stack and calls', () => {
  it('loads and stores words and bytes', () => {
    const m = runToHalt(`
        li r1, data
        lw r2, [r1]
        lb r3, [r1+1]
        movi r4, 0x7a
        sb r4, [r1+3]
        sw r2, [r1+4]
        hlt
        .align 4
data:   .word 0x11223344, 0`);
    expect(m.cpu.regs[2]).toBe(0x11223344);
    expect(m.cpu.regs[3]).toBe(0x33);
    const data = m.cpu.regs[1]!;
    expect(readWord(m, data) >>> 0).toBe(0x7a223344);
    expect(readWord(m, data + 4)).toBe(0x11223344);
  });

  it('calls and returns through the stack', () => {
    const m = runToHalt(`
        li sp, 0x1000
        movi r1, 5
        call double
        call double
        hlt
double: add r1, r1, r1
        ret`);
    expect(m.cpu.regs[1]).toBe(20);
    expect(m.cpu.regs[15]).toBe(0x1000);
  });

  it('faults on a misaligned word access, naming the address and the access', () => {
    const m = boot('movi r1, 2\nlw r2, [r1]\nhlt');
    step(m);
    expect(step(m)).toEqual([{ type: 'trap', cause: 'misaligned', pc: 4, tval: 2, access: 'read', mode: 'supervisor' }]);
  });

  it('raises a bus fault outside physical memory', () => {
    const m = boot('li r1, 0x20000\nsw r1, [r1]\nhlt', { memoryBytes: 0x10000 });
    run(m, 2);
    expect(step(m)).toEqual([{ type: 'trap', cause: 'bus', pc: 8, tval: 0x20000, access: 'write', mode: 'supervisor' }]);
  });

  it('treats a zero word as illegal so that running into empty memory traps at once', () => {
    const m = createMachine();
    m.cpu.cr[CR.tvec] = 0x100;
    expect(step(m)).toEqual([{ type: 'trap', cause: 'illegal', pc: 0, tval: 0, mode: 'supervisor' }]);
    expect(m.cpu.pc).toBe(0x100);
  });
});

describe('privilege', () => {
  const userProgram = (body: string) => {
    const m = boot(body, { trapMode: 'exit' });
    setMode(m, 'user');
    return m;
  };

  it.each(['hlt', 'cli', 'sti', 'iret', 'in r1, 0x40', 'out 0x40, r1', 'mtcr bounds, r1', 'mfcr r1, base', 'vmenter'])(
    '%s traps in user mode and changes nothing',
    (instruction) => {
      const m = userProgram(`${instruction}\nhlt`);
      const before = JSON.stringify({ regs: Array.from(m.cpu.regs), cr: Array.from(m.cpu.cr), psw: m.cpu.psw });
      const r = run(m, 10);
      expect(r.reason).toBe('exit');
      expect(r.reason === 'exit' && r.event).toMatchObject({ type: 'trap', cause: 'privileged', pc: 0, mode: 'user' });
      expect(m.cpu.pc).toBe(0);
      expect(JSON.stringify({ regs: Array.from(m.cpu.regs), cr: Array.from(m.cpu.cr), psw: m.cpu.psw })).toBe(before);
    },
  );

  it('vmenter is reserved: in supervisor mode it traps as illegal', () => {
    const m = boot('vmenter');
    expect(step(m)[0]).toMatchObject({ type: 'trap', cause: 'illegal' });
  });

  it('popf in user mode silently ignores a change to IF (the POPF hole)', () => {
    const m = userProgram(`
        li sp, 0x1000
        movi r1, 0          ; a psw with IF clear
        push r1
        popf                ; user mode: IF stays set, no trap
        pushf
        pop r2
        syscall 0`);
    m.cpu.psw |= PSW.IF;
    const r = run(m, 100);
    expect(r.reason === 'exit' && r.event).toMatchObject({ type: 'trap', cause: 'syscall' });
    expect(m.cpu.psw & PSW.IF).toBe(PSW.IF);
    expect(m.cpu.regs[2]! & PSW.IF).toBe(PSW.IF);
  });

  it('popf in supervisor mode does change IF', () => {
    const m = runToHalt('li sp, 0x1000\nsti\nmovi r1, 0\npush r1\npopf\nhlt');
    expect(m.cpu.psw & PSW.IF).toBe(0);
  });

  it('pushf and smsw reveal the mode to a user program without trapping', () => {
    const m = userProgram('li sp, 0x1000\npushf\npop r1\nsmsw r2\nsyscall 7');
    const r = run(m, 100);
    expect(r.reason === 'exit' && r.event).toEqual({ type: 'trap', cause: 'syscall', pc: 16, tval: 7, mode: 'user' });
    expect((m.cpu.regs[1]! & PSW.MODE_MASK) >>> PSW.MODE_SHIFT).toBe(1);
    expect(m.cpu.regs[2]! & 3).toBe(1);
    expect(m.cpu.pc).toBe(20);
  });
});

describe('traps in vector mode', () => {
  it('stops with a double fault when the handler itself traps at once', () => {
    const m = createMachine(); // tvec = 0, and address 0 holds no instruction
    expect(step(m)).toEqual([
      { type: 'trap', cause: 'illegal', pc: 0, tval: 0, mode: 'supervisor' },
      { type: 'stop', reason: 'double-fault' },
    ]);
    expect(m.stopped).toBe(true);
    expect(run(createMachine(), 10)).toEqual({ reason: 'stopped', steps: 1 });
  });

  it('iret refuses an epsw whose mode field names no mode', () => {
    const m = boot('li r1, 0x3000\nmtcr epsw, r1\niret');
    run(m, 2);
    expect(step(m)).toEqual([{ type: 'trap', cause: 'illegal', pc: 8, tval: 0x3000, mode: 'supervisor' }]);
    expect(currentMode(m)).toBe('supervisor');
  });

  it('a control-register number past the table is illegal, even in user mode', () => {
    const m = createMachine({ trapMode: 'exit' });
    m.words[0] = (0x58 << 24) | (11 << 20) | (1 << 16); // mtcr cr11, r1
    setMode(m, 'user');
    expect(run(m, 1)).toMatchObject({ reason: 'exit', event: { cause: 'illegal' } });
  });

  it('writing the CPU timer takes back an expiry not yet delivered', () => {
    const m = boot('movi r1, 2\nmtcr timer, r1\nnop\nnop\nnop\nmovi r1, 0\nmtcr timer, r1\nsti\nnop\nhlt');
    const events: string[] = [];
    run(m, 20, { onEvent: (e) => events.push(e.type) });
    expect(m.counters.traps.timer).toBe(0);
    expect(events).toEqual(['device', 'halt', 'stop']);
  });

  it('a system call enters the supervisor at tvec and iret returns to user mode', () => {
    const m = boot(`
        li r1, handler
        mtcr tvec, r1
        li r1, user
        mtcr epc, r1
        li r1, 0x1000       ; user mode (mode field 1), interrupts off
        mtcr epsw, r1
        iret
user:   movi r2, 1
        syscall 42
        addi r2, r2, 10
        hlt
handler:
        mfcr r3, cause
        mfcr r4, tval
        mfcr r5, epc
        iret`);
    // 9 set-up steps, 2 user instructions, then the handler's 3 mfcr.
    const r = run(m, 14);
    expect(r.reason).toBe('limit');
    expect(currentMode(m)).toBe('supervisor');
    expect([m.cpu.regs[3], m.cpu.regs[4]]).toEqual([Cause.syscall, 42]);
    run(m, 1);
    expect(currentMode(m)).toBe('user');
    expect(m.cpu.pc).toBe(m.cpu.regs[5]);
    expect(step(m)[0]).toMatchObject({ type: 'retire' });
    expect(m.cpu.regs[2]).toBe(11);
    expect(m.counters.traps.syscall).toBe(1);
  });

  it('a trap clears IF and saves the old psw', () => {
    const m = boot('li r1, h\nmtcr tvec, r1\nsti\nsyscall 1\nh: hlt');
    run(m, 5); // li is two words here: h is a forward reference
    expect(m.cpu.psw & PSW.IF).toBe(0);
    expect(m.cpu.cr[CR.epsw]! & PSW.IF).toBe(PSW.IF);
  });
});
