/**
 * `pnpm bench:grade`: how fast the grader is, against the naive way on the same batch.
 *
 *   1. makes N submissions of the fixture lab `adder`: correct, buggy (each function wrong in a
 *      different way) and hostile (an endless loop, a heap bomb, patched globals …) mixed, seeded;
 *   2. grades them with `gradeBatch` (the sandboxed pool, --jobs = CPUs) and times it;
 *   3. grades the same batch the naive way: one `vitest run` per submission, two at a time, each in
 *      its own copy of the lab, killed after 20 s (the naive way has no other defence);
 *   4. prints submissions per second for both and the ratio, and checks that both ways gave the
 *      honest submissions the same scores.
 *
 * Usage: pnpm bench:grade [--n 200] [--naive N] [--hostile PCT] [--tests public|hidden|all]: --tests
 * public grades with the two trivial public tests only (the "trivial suite" figure); --naive sets how many of the batch
 * the naive way grades (default all; it takes ~1.5 s per submission); --hostile the share of
 * hostile submissions in percent (default 5).
 */

import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRng, nextInt } from '@virtlab/core';
import { gradeBatch } from './grade.ts';
import { loadLab } from './runner.ts';

const here = fileURLToPath(new URL('..', import.meta.url));
const labDir = join(here, 'test', 'fixtures', 'labs', 'adder');
const hostileDir = join(here, 'test', 'fixtures', 'submissions');
const work = join(here, '.bench');

function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(v) || v < 0) throw new Error(`${name} must be a whole number`);
  return v;
}

const BUGS = [
  (s: string) => s.replace('return a + b;', 'return a - b;'),
  (s: string) => s.replace('return a + b;', 'return a + b + 1;'),
  (s: string) => s.replace("'add r3, r1, r2\\nhlt'", "'sub r3, r1, r2\\nhlt'"),
  (s: string) => s.replace('m.cpu.regs[2] = b;', 'm.cpu.regs[2] = a;'),
];
const HOSTILE = ['loop-sync', 'heap-bomb', 'patch-intrinsics', 'forge-output', 'constructor-escape', 'lying-values', 'output-flood'];

function makeBatch(n: number, hostilePercent: number): { dir: string; expected: Map<string, 'honest' | 'hostile'> } {
  const dir = join(work, 'submissions');
  rmSync(work, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const solution = readFileSync(join(labDir, 'solution', 'src', 'adder.ts'), 'utf8');
  const rng = createRng(2026);
  const expected = new Map<string, 'honest' | 'hostile'>();
  for (let i = 0; i < n; i++) {
    const student = `s${String(i).padStart(4, '0')}`;
    const roll = nextInt(rng, 0, 99);
    let text = solution;
    let kind: 'honest' | 'hostile' = 'honest';
    if (roll < hostilePercent) {
      kind = 'hostile';
      text = readFileSync(join(hostileDir, HOSTILE[nextInt(rng, 0, HOSTILE.length - 1)]!, 'src', 'adder.ts'), 'utf8');
    } else if (roll < 50) text = BUGS[nextInt(rng, 0, BUGS.length - 1)]!(solution);
    mkdirSync(join(dir, student, 'src'), { recursive: true });
    writeFileSync(join(dir, student, 'src', 'adder.ts'), text);
    expected.set(student, kind);
  }
  return { dir, expected };
}

function vitestRun(dir: string): Promise<number> {
  return new Promise((resolve) => {
    const vitest = join(here, 'node_modules', 'vitest', 'vitest.mjs');
    const child = spawn(process.execPath, [vitest, 'run', '--root', dir, '--reporter=json', '--outputFile', join(dir, 'report.json')], {
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin' },
      stdio: 'ignore',
      detached: true,
    });
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }, 20_000);
    child.on('exit', () => {
      clearTimeout(timer);
      try {
        const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as { numPassedTests: number };
        resolve(report.numPassedTests);
      } catch {
        resolve(-1);
      }
    });
  });
}

async function naive(batchDir: string, students: string[]): Promise<{ seconds: number; passed: Map<string, number> }> {
  const passed = new Map<string, number>();
  const started = performance.now();
  let next = 0;
  const lane = async () => {
    for (;;) {
      const student = students[next++];
      if (student === undefined) return;
      const dir = join(work, 'naive', student);
      cpSync(labDir, dir, { recursive: true });
      rmSync(join(dir, 'solution'), { recursive: true });
      cpSync(join(batchDir, student, 'src', 'adder.ts'), join(dir, 'src', 'adder.ts'));
      writeFileSync(join(dir, 'vitest.config.mjs'), "export default { test: { include: ['tests/**/*.test.ts'], testTimeout: 2000 } };\n");
      passed.set(student, await vitestRun(dir));
    }
  };
  await Promise.all(Array.from({ length: Math.min(2, availableParallelism()) }, lane));
  return { seconds: (performance.now() - started) / 1000, passed };
}

const n = flag('--n', 200);
const naiveCount = flag('--naive', n);
const hostilePercent = flag('--hostile', 5);
const testsArg = process.argv.indexOf('--tests');
const kinds = (testsArg >= 0 ? process.argv[testsArg + 1] : 'all') as 'public' | 'hidden' | 'all';
const { dir, expected } = makeBatch(n, hostilePercent);
const lab = loadLab(labDir);
const jobs = availableParallelism();

const t0 = performance.now();
const ours = await gradeBatch({ lab, submissionsDir: dir, outDir: join(work, 'out'), jobs, resume: false, kinds, limits: {}, log: () => {} });
const oursSeconds = (performance.now() - t0) / 1000;

const students = [...expected.keys()].slice(0, naiveCount);
const baseline = naiveCount > 0 ? await naive(dir, students) : undefined;

let disagreements = 0;
if (baseline !== undefined) {
  for (const g of ours.graded) {
    if (expected.get(g.student) !== 'honest' || !baseline.passed.has(g.student)) continue;
    const passedHere = g.tests.filter((t) => t.status === 'passed').length;
    if (passedHere !== baseline.passed.get(g.student)) disagreements++;
  }
}

const rows: [string, string][] = [
  ['submissions', `${n} (${[...expected.values()].filter((k) => k === 'hostile').length} hostile), tests: ${kinds}`],
  ['virtlab grade', `${oursSeconds.toFixed(2)} s, ${(n / oursSeconds).toFixed(1)} submissions/s (--jobs ${jobs})`],
];
if (baseline !== undefined) {
  const naiveRate = students.length / baseline.seconds;
  rows.push(['naive: vitest run per submission', `${baseline.seconds.toFixed(2)} s for ${students.length}, ${naiveRate.toFixed(2)} submissions/s (2 at a time)`]);
  rows.push(['ratio', `${(n / oursSeconds / naiveRate).toFixed(1)}x`]);
  rows.push(['honest submissions scored differently', String(disagreements)]);
}
console.log(`@virtlab/grader benchmark (Node ${process.version}, ${availableParallelism()} CPUs)`);
for (const [k, v] of rows) console.log(`${k.padEnd(36)} ${v}`);
rmSync(work, { recursive: true, force: true });
process.exitCode = disagreements === 0 ? 0 : 1;
