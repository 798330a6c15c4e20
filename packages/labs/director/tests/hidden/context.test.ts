// Step 1 — context (hidden): registers, pc and psw survive every switch, in any mix of programs.
import { createRng, Mode, nextInt, PSW, pick, readBytes, readWord } from '@virtlab/core';
import { describe, expect, it } from 'vitest';
import { createDirector, resultOf, runDirector, USER_PSW } from '../../src/director.ts';
import { checksum, printer, type Program } from '../../src/programs.ts';
import type { Director } from '../../src/types.ts';

/** Ticks a run may take: far more than these programs need (a few thousand). */
const MAX_TICKS = 50_000;

/** Each program's name, state and exit code: compared with toEqual, a failure shows which program went wrong. */
function outcomes(d: Director) {
  return resultOf(d).programs.map((p) => ({ name: p.name, state: p.state, exitCode: p.exitCode }));
}

function expected(programs: Program[]) {
  return programs.map((p) => ({ name: p.name, state: 'done', exitCode: p.expected }));
}

const DUMP = 0x400;

/** Sets r0..r15 to `values` (values[0] is the dump address), yields `yields` times, stores all 16 at values[0], exits 0. */
function keeper(name: string, values: number[], yields: number): Program {
  const set = values.map((v, i) => `        li r${i}, ${v >>> 0}`).join('\n');
  const store = values.map((_, i) => `        sw r${i}, [r0+${i * 4}]`).join('\n');
  return { name, source: `${set}\n${'        syscall 3\n'.repeat(yields)}${store}\n        movi r1, 0\n        syscall 0\n`, expected: 0 };
}

/**
 * Changes every register and the flags, then yields, three times a round, for `rounds` rounds;
 * exits 0. (r14 counts the rounds: it changes too.)
 */
function clobberer(name: string, seed: number, rounds: number): Program {
  const rng = createRng(seed);
  let body = '';
  for (let set = 0; set < 3; set++) {
    for (let i = 0; i < 16; i++) if (i !== 14) body += `        li r${i}, ${nextInt(rng, 0, 0xffffffff)}\n`;
    body += `        cmp r${nextInt(rng, 0, 13)}, r15\n        syscall 3\n`;
  }
  return {
    name,
    source: `        movi r14, 0\nloop:\n${body}        addi r14, r14, 1\n        cmpi r14, ${rounds}\n        jlt loop\n        movi r1, 0\n        syscall 0\n`,
    expected: 0,
  };
}

function dumpOf(d: Director, id: number): Record<string, number> {
  const pcb = d.programs[id]!;
  const out: Record<string, number> = {};
  for (let i = 0; i < 16; i++) out[`r${i}`] = readWord(d.machine, pcb.base + DUMP + i * 4);
  return out;
}

function asRegisters(values: number[]): Record<string, number> {
  return Object.fromEntries(values.map((v, i) => [`r${i}`, v | 0]));
}

const FLAG_DUMP = 0xe00;

/** The branches a `cmp x, y` decides, and whether each is taken. */
const CONDITIONS: [string, (x: number, y: number) => boolean][] = [
  ['jz', (x, y) => x === y],
  ['jnz', (x, y) => x !== y],
  ['jlt', (x, y) => x < y],
  ['jge', (x, y) => x >= y],
  ['jgt', (x, y) => x > y],
  ['jle', (x, y) => x <= y],
  ['jb', (x, y) => x >>> 0 < y >>> 0],
  ['jae', (x, y) => x >>> 0 >= y >>> 0],
];

/** Pairs that set every flag one way or the other: equal, less, greater, signed overflow, unsigned borrow. */
const PAIRS: [number, number][] = [
  [5, 5],
  [3, 9],
  [9, 3],
  [-1, 1],
  [1, -1],
  [0x7fffffff, -1],
  [-0x80000000, 1],
  [0, 0],
];

/**
 * For every pair and every branch: compare, yield, then branch on the flags of that comparison and
 * store a byte (1 taken, 0 not) at FLAG_DUMP + k (past the program's code). The flags must survive the yield.
 */
function flagKeeper(name: string): Program {
  let source = `        li r0, ${FLAG_DUMP}\n`;
  let k = 0;
  for (const [x, y] of PAIRS) {
    for (const [branch] of CONDITIONS) {
      source += `        li r2, ${x >>> 0}\n        li r3, ${y >>> 0}\n        cmp r2, r3\n        syscall 3\n        movi r4, 0\n        ${branch} t${k}\n        jmp s${k}\nt${k}:    movi r4, 1\ns${k}:    sb r4, [r0+${k}]\n`;
      k++;
    }
  }
  return { name, source: `${source}        movi r1, 0\n        syscall 0\n`, expected: 0 };
}

describe('context (hidden)', () => {
  it('20 random mixes of 2 to 4 checksum programs: each computes exactly what it computes alone', () => {
    const rng = createRng(0x1959);
    for (let mix = 0; mix < 20; mix++) {
      const count = nextInt(rng, 2, 4);
      const programs = Array.from({ length: count }, (_, i) => checksum(`mix${mix}-p${i}`, nextInt(rng, 1, 0x7fff), nextInt(rng, 1, 40)));
      const d = runDirector(createDirector(programs), MAX_TICKS);
      expect(outcomes(d), `mix ${mix}`).toEqual(expected(programs));
    }
  });

  it('a program alone, yielding to itself, still computes its checksum', () => {
    const program = checksum('solo', 4242, 30);
    const d = runDirector(createDirector([program]), MAX_TICKS);
    expect(outcomes(d)).toEqual(expected([program]));
  });

  it('all 16 registers, sp included, survive switches with programs that change every register', () => {
    const rng = createRng(77);
    for (let round = 0; round < 5; round++) {
      const values = [DUMP, ...Array.from({ length: 15 }, () => nextInt(rng, 0, 0xffffffff) | 0)];
      const programs = [clobberer('before', round * 10 + 1, 3), keeper('keeper', values, nextInt(rng, 1, 6)), clobberer('after', round * 10 + 2, 8)];
      const d = runDirector(createDirector(programs), MAX_TICKS);
      expect(outcomes(d), `round ${round}`).toEqual(expected(programs));
      expect(dumpOf(d, 1), `round ${round}: the registers the keeper saw after its switches`).toEqual(asRegisters(values));
    }
  });

  it('two keepers switching with each other each keep their own registers', () => {
    const a = [DUMP, ...Array.from({ length: 15 }, (_, i) => 0x1000 * (i + 1) + 1)];
    const b = [DUMP, ...Array.from({ length: 15 }, (_, i) => -(i + 1) * 0x10001)];
    const d = runDirector(createDirector([keeper('a', a, 5), keeper('b', b, 5)]), MAX_TICKS);
    expect(outcomes(d).map((p) => p.state)).toEqual(['done', 'done']);
    expect(dumpOf(d, 0), 'registers of a').toEqual(asRegisters(a));
    expect(dumpOf(d, 1), 'registers of b').toEqual(asRegisters(b));
  });

  it('the flags of a comparison survive a switch: every branch after a yield goes the way the comparison says', () => {
    const keeperProgram = flagKeeper('flags');
    const d = runDirector(createDirector([keeperProgram, clobberer('scrambler', 5, 30)]), MAX_TICKS);
    expect(outcomes(d)[0]).toEqual({ name: 'flags', state: 'done', exitCode: 0 });
    const bytes = readBytes(d.machine, d.programs[0]!.base + FLAG_DUMP, PAIRS.length * CONDITIONS.length);
    const seen: string[] = [];
    const wanted: string[] = [];
    let k = 0;
    for (const [x, y] of PAIRS) {
      for (const [branch, taken] of CONDITIONS) {
        seen.push(`cmp ${x}, ${y}; yield; ${branch}: ${bytes[k] === 1 ? 'taken' : 'not taken'}`);
        wanted.push(`cmp ${x}, ${y}; yield; ${branch}: ${taken(x, y) ? 'taken' : 'not taken'}`);
        k++;
      }
    }
    expect(seen).toEqual(wanted);
  });

  it('each program resumes at its own pc: random printers each print their own text, in order', () => {
    const rng = createRng(31);
    const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
    for (let round = 0; round < 5; round++) {
      const texts = Array.from({ length: nextInt(rng, 2, 4) }, () => Array.from({ length: nextInt(rng, 1, 12) }, () => pick(rng, [...letters])).join(''));
      const d = runDirector(createDirector(texts.map((t, i) => printer(`printer${i}`, t))), MAX_TICKS);
      expect(
        resultOf(d).programs.map((p) => p.output),
        `round ${round}`,
      ).toEqual(texts);
    }
  });

  it('after many switches a program still runs in user mode with interrupts on: its psw is its own', () => {
    // pushf; pop r1: the program reads its whole psw (flags, IF, mode) after a yield and exits with it.
    const probe = {
      name: 'probe',
      source: '        movi r2, 1\n        cmpi r2, 2\n        syscall 3\n        syscall 3\n        pushf\n        pop r1\n        syscall 0\n',
    };
    const d = runDirector(createDirector([probe, clobberer('other', 9, 4)]), MAX_TICKS);
    const psw = d.programs[0]!.exitCode ?? 0;
    const wanted = USER_PSW | PSW.N | PSW.C; // 1 - 2: negative, with a borrow
    expect(
      { mode: (psw & PSW.MODE_MASK) >>> PSW.MODE_SHIFT, interrupts: (psw & PSW.IF) !== 0, flags: psw & (PSW.Z | PSW.N | PSW.C | PSW.V) },
      'the psw the probe read after its switches',
    ).toEqual({ mode: Mode.user, interrupts: true, flags: wanted & (PSW.Z | PSW.N | PSW.C | PSW.V) });
  });

  it('after switches a program is still in user mode: writing the bounds register still traps as privileged', () => {
    const widen = {
      name: 'widen',
      source: `${'        syscall 3\n'.repeat(4)}        li r1, 0xffff\n        mtcr bounds, r1\n        movi r1, 0\n        syscall 0\n`,
    };
    const programs: Program[] = [widen, checksum('neighbour', 8, 10)];
    const d = runDirector(createDirector(programs), MAX_TICKS);
    const r = resultOf(d);
    expect(r.programs.map((p) => p.state)).toEqual(['killed', 'done']);
    expect(r.programs[0]!.killedBy, 'why the widen program was stopped').toMatch(/privileged/);
    expect(r.programs[1]!.exitCode, 'the neighbour’s checksum').toBe(programs[1]!.expected);
  });
});
