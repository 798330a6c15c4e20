import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MachineConfigError, MemoryAccessError } from './errors.ts';
import {
  createMachine,
  getControlRegister,
  machineFromJSON,
  machineToJSON,
  readBytes,
  readWord,
  setControlRegister,
  writeBytes,
  writeWord,
} from './machine.ts';
import { run } from './run.ts';
import { randomMachine } from './testing/random-program.ts';

describe('createMachine', () => {
  it('starts in supervisor mode at pc 0 with interrupts off and zeroed memory', () => {
    const m = createMachine();
    expect([m.cpu.pc, m.cpu.psw, m.memory.length, m.memory.every((b) => b === 0)]).toEqual([0, 0, 65536, true]);
  });

  it.each([
    [{ memoryBytes: 1000 }, 'memoryBytes: 1000 is not a multiple of 4096 between 4096 and 16777216; use e.g. 65536'],
    [{ memoryBytes: 32 * 1024 * 1024 }, 'memoryBytes: 33554432 is not a multiple of 4096 between 4096 and 16777216; use e.g. 65536'],
    [{ diskSectors: -1 }, 'diskSectors: -1 is not a whole number in 0..65536; use e.g. 64'],
    [{ trapMode: 'trap' as 'exit' }, 'trapMode: "trap" is neither "vector" nor "exit"'],
    [{ mode: 'kernel' as 'user' }, 'mode: "kernel" is not one of supervisor, user, guest'],
  ])('rejects %o with an exact message', (config, message) => {
    expect(() => createMachine(config)).toThrow(new MachineConfigError(message));
  });
});

describe('host memory access', () => {
  it('reads and writes words and bytes', () => {
    const m = createMachine({ memoryBytes: 4096 });
    writeWord(m, 8, -2);
    writeBytes(m, 100, new Uint8Array([1, 2, 3]));
    expect([readWord(m, 8), Array.from(readBytes(m, 100, 3))]).toEqual([-2, [1, 2, 3]]);
  });

  it('refuses unaligned and out-of-range accesses with exact messages', () => {
    const m = createMachine({ memoryBytes: 4096 });
    expect(() => readWord(m, 6)).toThrow(new MemoryAccessError('readWord: address 0x6 is not a multiple of 4', 6));
    expect(() => writeWord(m, 4096, 1)).toThrow('writeWord: address 0x1000 (+4 bytes) is outside physical memory 0x0..0xfff');
    expect(() => writeBytes(m, 4094, new Uint8Array(4))).toThrow('writeBytes: address 0xffe (+4 bytes) is outside physical memory 0x0..0xfff');
    expect(() => readBytes(m, -1, 1)).toThrow('readBytes: address 0x0 (+1 bytes) is outside physical memory 0x0..0xfff');
  });

  it('arms the CPU timer relative to now through the control-register view', () => {
    const m = createMachine();
    m.time = 100;
    setControlRegister(m, 'timer', 50);
    expect([m.cpu.timerAt, getControlRegister(m, 'timer'), m.deadline]).toEqual([150, 50, 150]);
    setControlRegister(m, 'timer', 0);
    expect(getControlRegister(m, 'timer')).toBe(0);
  });
});

describe('machineToJSON', () => {
  it('round-trips any machine exactly, through JSON text', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 3000 }), (seed, steps) => {
        const m = randomMachine(seed);
        run(m, steps);
        m.block.disk[7] = seed & 255;
        const json = JSON.stringify(machineToJSON(m));
        const back = machineFromJSON(JSON.parse(json));
        expect(JSON.stringify(machineToJSON(back))).toBe(json);
        run(m, 500);
        run(back, 500);
        expect(JSON.stringify(machineToJSON(back))).toBe(JSON.stringify(machineToJSON(m)));
      }),
      { numRuns: 30 },
    );
  }, 60_000);

  it('rejects an unknown format version', () => {
    const json = { ...machineToJSON(createMachine()), v: 2 as 1 };
    expect(() => machineFromJSON(json)).toThrow('machine JSON version 2 is not supported; expected 1');
  });
});
