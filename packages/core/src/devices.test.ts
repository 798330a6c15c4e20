import { describe, expect, it } from 'vitest';
import { assemble } from './asm/assembler.ts';
import { serialInput } from './bus.ts';
import { BlockReg, BlockStatus, blockService, blockWrite, createBlock } from './devices/block.ts';
import type { MachineEvent } from './events.ts';
import { createMachine, loadProgram, type Machine, readBytes } from './machine.ts';
import { IRQ_BLOCK, IRQ_SERIAL, SECTOR_BYTES } from './params.ts';
import { run } from './run.ts';

function boot(source: string, trapMode: 'vector' | 'exit' = 'vector'): Machine {
  const m = createMachine({ trapMode });
  loadProgram(m, assemble(source));
  return m;
}

function collect(m: Machine, limit: number): MachineEvent[] {
  const events: MachineEvent[] = [];
  run(m, limit, { onEvent: (e) => events.push(e) });
  return events;
}

describe('serial console', () => {
  it('captures output bytes as text', () => {
    const m = boot(`
        li r2, msg
loop:   lb r1, [r2]
        cmpi r1, 0
        jz done
        out 0x3f8, r1
        addi r2, r2, 1
        jmp loop
done:   hlt
msg:    .asciz "hi\\n"`);
    expect(run(m, 1000).reason).toBe('stopped');
    expect(m.serial.output).toBe('hi\n');
  });

  it('queues host input and raises its IRQ', () => {
    const m = boot('in r1, 0x3fd\nin r2, 0x3f8\nin r3, 0x3f8\nhlt');
    serialInput(m, 'A');
    expect(m.pic.pending).toBe(1 << IRQ_SERIAL);
    run(m, 10);
    expect([m.cpu.regs[1]! & 1, m.cpu.regs[2], m.cpu.regs[3]]).toEqual([1, 65, 0]);
  });
});

describe('interval timer and CPU timer', () => {
  const TICKER = `
        li r1, handler
        mtcr tvec, r1
        movi r1, 100
        out 0x40, r1        ; reload: 100 ticks
        movi r1, 3
        out 0x43, r1        ; enable, periodic
        sti
spin:   jmp spin
handler:
        addi r5, r5, 1
        iret`;

  it('interrupts every reload ticks while periodic', () => {
    const m = boot(TICKER);
    const events = collect(m, 1000);
    const irqs = events.filter((e) => e.type === 'interrupt');
    expect(irqs.length).toBeGreaterThanOrEqual(9);
    expect(irqs.length).toBeLessThanOrEqual(10);
    expect(irqs[0]).toMatchObject({ type: 'interrupt', source: 'irq', irq: 0 });
    expect(m.cpu.regs[5]).toBe(irqs.length);
  });

  it('masked lines do not interrupt', () => {
    const m = boot(TICKER.replace('sti', 'movi r2, 1\nout 0x21, r2\nsti'));
    expect(collect(m, 1000).some((e) => e.type === 'interrupt')).toBe(false);
  });

  it('the CPU timer fires once, after the ticks written to it', () => {
    const m = boot(`
        li r1, handler
        mtcr tvec, r1
        movi r1, 50
        mtcr timer, r1
        sti
spin:   jmp spin
handler: hlt`);
    const events = collect(m, 1000);
    const interrupts = events.filter((e) => e.type === 'interrupt');
    expect(interrupts).toHaveLength(1);
    expect(interrupts[0]).toMatchObject({ source: 'timer' });
    expect(events.at(-1)).toEqual({ type: 'stop', reason: 'halted' });
  });
});

describe('block device', () => {
  const READ = `
        li r1, 0xffff0000   ; block device registers
        movi r2, 1
        sw r2, [r1]         ; SECTOR = 1
        li r2, 0x1000
        sw r2, [r1+4]       ; ADDR
        movi r2, 1
        sw r2, [r1+8]       ; COUNT
        li r3, 0x1000
        lw r4, [r3]         ; memory before the transfer
        movi r2, 1
        sw r2, [r1+12]      ; CMD = read
        lw r5, [r3]         ; right after the command: still the old bytes
        li r6, done
        mtcr tvec, r6
        sti
        hlt                 ; wait for the completion interrupt
done:   lw r7, [r1+16]      ; STATUS
        lw r8, [r3]
        cli
        hlt`;

  it('moves a sector by DMA after its latency and raises the completion IRQ', () => {
    const m = boot(READ);
    m.block.disk.fill(0xab, SECTOR_BYTES, 2 * SECTOR_BYTES);
    const events = collect(m, 1000);
    expect(m.cpu.regs[4]).toBe(0);
    expect(m.cpu.regs[5]).toBe(0);
    expect(m.cpu.regs[7]).toBe(BlockStatus.done);
    expect(m.cpu.regs[8]! >>> 0).toBe(0xabababab);
    expect(Array.from(readBytes(m, 0x1000 + SECTOR_BYTES - 1, 2))).toEqual([0xab, 0]);
    const idle = events.find((e) => e.type === 'idle');
    expect(idle).toBeDefined();
    expect(events).toContainEqual({ type: 'interrupt', source: 'irq', irq: IRQ_BLOCK, pc: expect.any(Number), mode: 'supervisor' });
    expect(events.filter((e) => e.type === 'device').map((e) => e.type === 'device' && e.what)).toEqual(['transfer-start', 'transfer-complete']);
    expect(m.counters.mmioWrite).toBe(4);
  });

  it('refuses a command while busy without disturbing the running transfer', () => {
    const block = createBlock(4);
    blockWrite(block, BlockReg.count, 1, 0);
    expect(blockWrite(block, BlockReg.cmd, 1, 0)).toBe(true);
    const completeAt = block.completeAt;
    expect(blockWrite(block, BlockReg.cmd, 2, 10)).toBe(false);
    expect([block.status, block.op, block.completeAt]).toEqual([BlockStatus.busy, 1, completeAt]);
  });

  it('latches SECTOR, ADDR and COUNT when the command is written', () => {
    const block = createBlock(4);
    const memory = new Uint8Array(4096);
    block.disk.fill(7, SECTOR_BYTES, 2 * SECTOR_BYTES);
    blockWrite(block, BlockReg.sector, 1, 0);
    blockWrite(block, BlockReg.count, 1, 0);
    blockWrite(block, BlockReg.cmd, 1, 0);
    blockWrite(block, BlockReg.sector, 3, 1);
    blockWrite(block, BlockReg.addr, 2048, 1);
    expect(blockService(block, memory, block.completeAt)).toBe(true);
    expect([memory[0], memory[SECTOR_BYTES - 1], memory[2048]]).toEqual([7, 7, 0]);
  });

  it('reports a transfer past the end of the disk as an error', () => {
    const bad = boot(READ.replace('movi r2, 1\n        sw r2, [r1]         ; SECTOR = 1', 'li r2, 1000\n        sw r2, [r1]'));
    run(bad, 1000);
    expect(bad.cpu.regs[7]).toBe(BlockStatus.error);
    expect(bad.cpu.regs[8]).toBe(0);
  });
});

describe('halting', () => {
  it('stops when halted with interrupts off and nothing scheduled', () => {
    const m = boot('hlt');
    expect(collect(m, 10)).toEqual([{ type: 'halt', pc: 0 }, { type: 'stop', reason: 'halted' }]);
    expect(m.stopped).toBe(true);
  });

  it('stops at hlt with IF clear even while a periodic timer runs: nothing can wake it', () => {
    const m = boot('movi r1, 50\nout 0x40, r1\nmovi r1, 3\nout 0x43, r1\nhlt');
    expect(collect(m, 10)).toEqual([
      { type: 'io', dir: 'out', port: 0x40, value: 50, pc: 4 },
      { type: 'io', dir: 'out', port: 0x43, value: 3, pc: 12 },
      { type: 'halt', pc: 16 },
      { type: 'stop', reason: 'halted' },
    ]);
  });

  it('skips idle time to the next device deadline', () => {
    // IRQ 0 masked: the timer's expiry cannot wake the CPU, so after it the machine stops.
    const m = boot('movi r1, 1\nout 0x21, r1\nmovi r1, 500\nout 0x40, r1\nmovi r1, 1\nout 0x43, r1\nsti\nhlt');
    const events = collect(m, 10);
    // The timer is armed during the 6th instruction (time 6) for 500 ticks: it fires at 506.
    expect(events.filter((e) => e.type === 'idle')).toEqual([{ type: 'idle', ticks: 498 }]);
    expect(events.at(-1)).toEqual({ type: 'stop', reason: 'halted' });
    expect(m.time).toBe(506);
  });
});
