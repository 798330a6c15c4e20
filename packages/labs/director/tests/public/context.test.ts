// Step 1 — context: a program that loses the CPU and gets it back must not be able to tell.
import { readWord } from '@virtlab/core';
import { describe, expect, it } from 'vitest';
import { createDirector, resultOf, runDirector } from '../../src/director.ts';
import { checksum, printer } from '../../src/programs.ts';
import type { Director } from '../../src/types.ts';

/** Ticks a run may take: far more than these programs need (a few thousand). */
const MAX_TICKS = 50_000;

/** Each program's name, state and exit code: compared with toEqual, a failure shows which program went wrong. */
function outcomes(d: Director) {
  return resultOf(d).programs.map((p) => ({ name: p.name, state: p.state, exitCode: p.exitCode }));
}

const DUMP = 0x400;
const VALUES = [DUMP, 0x11, -2, 0x7fffffff, -0x80000000, 0x1234, 0x5678abcd, 7, 0x800, -12345, 0x0f0f0f0f, 99, 0x4000, 0xbeef, 0x10, 0xffc];

/** Sets r0..r15 to VALUES, yields `yields` times, then stores all 16 registers at DUMP (r0 holds DUMP) and exits 0. */
function keeper(yields: number) {
  const set = VALUES.map((v, i) => `        li r${i}, ${v}`).join('\n');
  const store = VALUES.map((_, i) => `        sw r${i}, [r0+${i * 4}]`).join('\n');
  return { name: 'keeper', source: `${set}\n${'        syscall 3\n'.repeat(yields)}${store}\n        movi r1, 0\n        syscall 0\n` };
}

/** Sets every register to a value of its own and yields, `rounds` times, then exits 0. */
function clobberer(rounds: number) {
  let source = '';
  for (let k = 0; k < rounds; k++) {
    for (let i = 0; i < 16; i++) source += `        li r${i}, ${(k + 1) * 1000 + i}\n`;
    source += '        syscall 3\n';
  }
  return { name: 'clobberer', source: `${source}        movi r1, 0\n        syscall 0\n` };
}

describe('saving and restoring a program’s context', () => {
  it('two programs taking turns compute what they compute alone', () => {
    const alpha = checksum('alpha', 11, 12);
    const beta = checksum('beta', 22, 12);
    const d = runDirector(createDirector([alpha, beta]), MAX_TICKS);
    expect(outcomes(d)).toEqual([
      { name: 'alpha', state: 'done', exitCode: alpha.expected },
      { name: 'beta', state: 'done', exitCode: beta.expected },
    ]);
  });

  it('each program picks up where it left off: two printers each print their own text, in order', () => {
    const d = runDirector(createDirector([printer('one', 'Strachey'), printer('two', 'Director 1959')]), MAX_TICKS);
    const r = resultOf(d);
    expect(r.programs.map((p) => p.output), 'what each program printed').toEqual(['Strachey', 'Director 1959']);
    expect(outcomes(d).map((p) => p.state)).toEqual(['done', 'done']);
  });

  it('all 16 registers survive a switch to a program that changes every register', () => {
    const d = runDirector(createDirector([keeper(3), clobberer(4)]), MAX_TICKS);
    const keeperPcb = d.programs[0]!;
    expect(keeperPcb.state, 'the keeper program should end normally').toBe('done');
    const seen: Record<string, number> = {};
    const wanted: Record<string, number> = {};
    VALUES.forEach((v, i) => {
      seen[`r${i}`] = readWord(d.machine, keeperPcb.base + DUMP + i * 4);
      wanted[`r${i}`] = v | 0;
    });
    expect(seen, 'the registers the keeper saw after its switches').toEqual(wanted);
  });
});
