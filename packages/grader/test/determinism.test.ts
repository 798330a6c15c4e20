// Student code that reads the clock or random numbers gets documented, deterministic values:
// Date is fixed at 2000-01-01T00:00:00Z and Math.random is seeded the same for every submission.
import { createRng, nextFloat } from '@virtlab/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRunner, loadLab, type Runner } from '../src/runner.ts';
import { ADDER, SOLUTION } from './helpers.ts';

let runner: Runner;
beforeAll(async () => {
  runner = await createRunner(loadLab(ADDER), { kinds: 'all' });
});
afterAll(() => runner.close());

const FIRST_RANDOM = nextFloat(createRng(0x5eed));

describe('time and randomness in student code', () => {
  it('sees the fixed clock and the seeded generator', async () => {
    const files = new Map([
      [
        'src/adder.ts',
        `${SOLUTION.replace('return a + b;', "return Date.now() === 946684800000 && new Date().toISOString() === '2000-01-01T00:00:00.000Z' ? a + b : 0;")}
const first = Math.random();
export const sawSeed = first === ${FIRST_RANDOM};`.replace('return m.cpu.regs[3] ?? 0;', `return first === ${FIRST_RANDOM} ? (m.cpu.regs[3] ?? 0) : -1;`),
      ],
    ]);
    const report = await runner.run(files);
    expect(report.tests.filter((t) => t.status !== 'passed').map((t) => t.name)).toEqual([]);
  });

  it('gives identical results when the same submission is graded twice', async () => {
    const files = new Map([['src/adder.ts', `${SOLUTION}\nexport const noise = Math.random() + Date.now();\nconsole.log(noise);`]]);
    const strip = (r: Awaited<ReturnType<Runner['run']>>) => JSON.stringify(r.tests.map(({ durationMs: _d, ...t }) => t));
    expect(strip(await runner.run(files))).toBe(strip(await runner.run(files)));
  });
});
