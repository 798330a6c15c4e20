/**
 * The programs the Director runs in the tests and scenarios (given), written in the core's
 * assembly. Each program sees its region from address 0; `sp` starts at the top of the region.
 * System calls: `syscall 0` exit(r1), `syscall 1` putc(r1), `syscall 2` read(sector r1, buffer r2),
 * `syscall 3` yield.
 *
 * Programs whose result can be predicted come with that result, computed here in TypeScript, so
 * a test can check that a program interleaved with others computes exactly what it computes alone.
 */

import { createRng, nextInt } from '@virtlab/core';

/** A program and, when it ends normally, the exit code it must end with. */
export interface Program {
  /** A name for people. */
  name: string;
  /** Assembly source. */
  source: string;
  /** The exit code it ends with when it runs correctly, if it ends. */
  expected?: number;
}

/**
 * A checksum over `rounds` steps that yields the CPU in the middle of a comparison: it compares,
 * yields, and only then branches on the flags. Its result is right only if registers, pc and
 * flags all survive every switch.
 */
export function checksum(name: string, seed: number, rounds: number): Program {
  const rng = createRng(seed);
  const mul = nextInt(rng, 3, 97);
  const add = nextInt(rng, 1, 1000);
  const limit = nextInt(rng, 100, 5000);
  const source = `
        movi r1, ${seed & 0x7fff}      ; accumulator
        movi r2, 0                     ; round
        movi r5, ${mul}
        li   r6, ${limit}
loop:   mul  r1, r1, r5
        addi r1, r1, ${add}
        andi r3, r1, 0x7fff
        cmp  r3, r6                    ; the flags must survive the yield below
        syscall 3
        jlt  low
        xori r1, r1, 0x5a5a
        jmp  next
low:    addi r1, r1, 7
next:   addi r2, r2, 1
        cmpi r2, ${rounds}
        jlt  loop
        syscall 0
`;
  let r1 = seed & 0x7fff;
  for (let i = 0; i < rounds; i++) {
    r1 = (Math.imul(r1, mul) + add) | 0;
    r1 = (r1 & 0x7fff) < limit ? (r1 + 7) | 0 : r1 ^ 0x5a5a;
  }
  return { name, source, expected: r1 };
}

/**
 * A CPU-bound loop of `n` iterations; exit code n. With `yieldEvery` > 0 it gives up the CPU
 * every that many iterations (a cooperative program); otherwise it never does until its exit.
 */
export function compute(name: string, n: number, yieldEvery = 0): Program {
  const yieldCode = yieldEvery > 0 ? `        andi r3, r1, 0x7fff
        movi r4, ${yieldEvery}
        mod  r3, r1, r4
        cmpi r3, 0
        jnz  skip
        syscall 3
skip:
` : '';
  return {
    name,
    source: `
        movi r1, 0
        li   r2, ${n}
loop:   addi r1, r1, 1
${yieldCode}        cmp  r1, r2
        jlt  loop
        syscall 0
`,
    expected: n,
  };
}

/** An endless loop that never gives up the CPU. */
export function spin(name: string): Program {
  return { name, source: 'loop:   jmp loop\n' };
}

/** Reads `sector` into its buffer at 0x800, then exits with the sum of the 512 bytes (given `disk` contents). */
export function reader(name: string, sector: number, disk: Record<number, number[]>): Program {
  const bytes = disk[sector] ?? [];
  let sum = 0;
  for (let i = 0; i < 512; i++) sum += bytes[i] ?? 0;
  return {
    name,
    source: `
        movi r1, ${sector}
        li   r2, 0x800
        syscall 2                      ; read: the program waits for the disk
        li   r4, 0x800
        li   r5, 0xa00
        movi r1, 0
sum:    lb   r3, [r4]
        add  r1, r1, r3
        addi r4, r4, 1
        cmp  r4, r5
        jlt  sum
        syscall 0
`,
    expected: sum,
  };
}

/** Reads `sector` `times` times, computing a little between reads; exits with the last sum. */
export function ioBound(name: string, sector: number, times: number, disk: Record<number, number[]>): Program {
  const r = reader(name, sector, disk);
  return {
    name,
    source: `
        movi r7, 0
again:  movi r1, ${sector}
        li   r2, 0x800
        syscall 2
        li   r4, 0x800
        li   r5, 0xa00
        movi r1, 0
sum:    lb   r3, [r4]
        add  r1, r1, r3
        addi r4, r4, 1
        cmp  r4, r5
        jlt  sum
        addi r7, r7, 1
        cmpi r7, ${times}
        jlt  again
        syscall 0
`,
    expected: r.expected,
  };
}

/** Stores `value` at virtual address `address` (outside its region, when the test says so), then exits 0. */
export function rogueWrite(name: string, address: number, value = 0x0bad): Program {
  return { name, source: `        li r1, ${address}\n        li r2, ${value}\n        sw r2, [r1]\n        movi r1, 0\n        syscall 0\n` };
}

/** Loads the word at virtual address `address`, then exits with it. */
export function rogueRead(name: string, address: number): Program {
  return { name, source: `        li r1, ${address}\n        lw r1, [r1]\n        syscall 0\n` };
}

/** Jumps to virtual address `address` (outside its region, when the test says so). */
export function rogueJump(name: string, address: number): Program {
  return { name, source: `        li r1, ${address}\n        jmpr r1\n` };
}

/** Tries to widen its own region by writing the bounds register (a privileged instruction). */
export function widenRegion(name: string): Program {
  return { name, source: '        li r1, 0xffff\n        mtcr bounds, r1\n        movi r1, 0\n        syscall 0\n' };
}

/**
 * Fills its region's words 0x100..0x1ff with a pattern, yields `yields` times, then exits with
 * the sum of those words: the result changes if anyone else wrote into its region meanwhile.
 */
export function victim(name: string, yields: number): Program {
  let sum = 0;
  for (let a = 0x100; a < 0x200; a += 4) sum = (sum + (a * 3 + 1)) | 0;
  return {
    name,
    source: `
        li   r4, 0x100
fill:   movi r3, 3
        mul  r3, r4, r3
        addi r3, r3, 1
        sw   r3, [r4]
        addi r4, r4, 4
        cmpi r4, 0x200
        jlt  fill
        movi r7, 0
wait:   syscall 3
        addi r7, r7, 1
        cmpi r7, ${yields}
        jlt  wait
        li   r4, 0x100
        movi r1, 0
check:  lw   r3, [r4]
        add  r1, r1, r3
        addi r4, r4, 4
        cmpi r4, 0x200
        jlt  check
        syscall 0
`,
    expected: sum,
  };
}

/** Prints `text` one character at a time, yielding after each, then exits 0. */
export function printer(name: string, text: string): Program {
  const lines = [...text].map((c) => `        movi r1, ${c.charCodeAt(0)}\n        syscall 1\n        syscall 3\n`).join('');
  return { name, source: `${lines}        movi r1, 0\n        syscall 0\n`, expected: 0 };
}
