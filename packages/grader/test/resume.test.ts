// kill -9 in the middle of a 500-submission batch, then --resume: the outputs equal an
// uninterrupted run's, byte for byte (timing.json aside: it holds wall times). Grading the same
// batch twice gives identical files too.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { ADDER, readTree, SOLUTION, tempDir } from './helpers.ts';

const BIN = fileURLToPath(new URL('../bin/grade.js', import.meta.url));
const N = 500;
let subs: string;

/** Submission i: the solution, the stub, or one of three bugs, in a fixed pattern. */
function variant(i: number): string {
  switch (i % 5) {
    case 0:
      return SOLUTION.replace('return a + b;', 'return a - b;');
    case 1:
      return SOLUTION.replace('m.cpu.regs[2] = b;', 'm.cpu.regs[2] = a;');
    case 2:
      return `// no machine\n${SOLUTION.replace("'add r3, r1, r2\\nhlt'", "'hlt'")}`;
    default:
      return `${SOLUTION}\n// student ${i}\n`;
  }
}

beforeAll(() => {
  subs = tempDir();
  for (let i = 0; i < N; i++) {
    const dir = join(subs, `s${String(i).padStart(3, '0')}`, 'src');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'adder.ts'), variant(i));
  }
});

const env = { PATH: process.env.PATH ?? '/usr/bin:/bin' };
const grade = (out: string, ...extra: string[]) =>
  spawnSync(process.execPath, [BIN, ADDER, subs, '--out', out, '--jobs', '2', ...extra], { env, encoding: 'utf8', timeout: 300_000 });
const outputs = (out: string) => readTree(out, (rel) => rel === 'timing.json' || rel === '.state');

describe('a killed batch, resumed', () => {
  it('gives exactly the outputs of an uninterrupted run', async () => {
    const whole = tempDir();
    const first = grade(whole);
    expect(first.status, first.stderr).toBe(0);
    expect(readdirSync(join(whole, 'results'))).toHaveLength(N);

    const killed = tempDir();
    const child = spawn(process.execPath, [BIN, ADDER, subs, '--out', killed, '--jobs', '2'], { env, stdio: 'ignore', detached: true });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal === null ? null : 9)));
    // Wait until a good part of the batch is written, then kill the whole process group.
    for (let waited = 0; waited < 120_000; waited += 20) {
      const done = existsSync(join(killed, '.state')) ? readdirSync(join(killed, '.state')).filter((f) => f.endsWith('.json')).length : 0;
      if (done >= 120) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    process.kill(-child.pid!, 'SIGKILL');
    expect(await exited).toBe(9);
    const partial = readdirSync(join(killed, '.state')).filter((f) => f.endsWith('.json')).length;
    expect(partial).toBeGreaterThanOrEqual(120);
    expect(partial).toBeLessThan(N);
    expect(existsSync(join(killed, 'grades.csv'))).toBe(false);

    const stamps = (dir: string) => new Map(readdirSync(dir).map((f) => [f, statSync(join(dir, f)).mtimeMs]));
    const before = stamps(join(killed, '.state'));
    const resumed = grade(killed, '--resume');
    expect(resumed.status, resumed.stderr).toBe(0);
    // The submissions graded before the kill were skipped, not graded again.
    const after = stamps(join(killed, '.state'));
    for (const [f, t] of before) if (f.endsWith('.json')) expect(after.get(f)).toBe(t);
    expect(outputs(killed)).toEqual(outputs(whole));

    const again = tempDir();
    expect(grade(again).status).toBe(0);
    expect(outputs(again)).toEqual(outputs(whole));
  });
});
