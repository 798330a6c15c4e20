// The grade command: exit codes, one-line errors, Gradescope mode, a batch with an unreadable submission.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ADDER, SOLUTION, tempDir } from './helpers.ts';

const BIN = fileURLToPath(new URL('../bin/grade.js', import.meta.url));
const run = (args: string[], cwd = process.cwd()) =>
  spawnSync(process.execPath, [BIN, ...args], { cwd, env: { PATH: process.env.PATH ?? '/usr/bin:/bin' }, encoding: 'utf8', timeout: 120_000 });
const lastLine = (text: string) => text.trim().split('\n').pop();

describe('grade: bad usage exits 2 with one line', () => {
  it.each([
    [[], /^Usage: pnpm grade <lab> <submissions>/],
    [['no-such-lab', 'x'], /^grade: unknown lab "no-such-lab": no packages\/labs\/no-such-lab\/lab\.json/],
    [[ADDER, '/no/such/folder'], /^grade: the submissions folder \/no\/such\/folder does not exist$/],
    [[ADDER, '.', '--jobs', 'many'], /^grade: --jobs must be a whole number of processes, e\.g\. 2, not "many"$/],
    [[ADDER, '.', '--tests', 'secret'], /^grade: --tests must be public, hidden or all, not "secret"$/],
    [[ADDER, '.', '--colour'], /^grade: unknown option --colour; see pnpm grade --help$/],
    [[ADDER, '.', '--out'], /^grade: --out needs a value$/],
  ])('grade %j', (args, message) => {
    const r = run(args as string[]);
    expect(r.status).toBe(2);
    expect(args.length === 0 ? r.stderr : lastLine(r.stderr)).toMatch(message);
  });

  it('prints help with --help and exits 0', () => {
    const r = run(['--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Exit codes: 0 graded (whatever the scores), 1 some submissions could not be graded, 2 bad usage.');
  });
});

describe('grade: a batch', () => {
  it('exits 1 when a submission cannot be read, grading the rest and naming it', () => {
    const subs = tempDir();
    mkdirSync(join(subs, 'ok', 'src'), { recursive: true });
    writeFileSync(join(subs, 'ok', 'src', 'adder.ts'), SOLUTION);
    writeFileSync(join(subs, 'broken.zip'), 'PK not really');
    const out = join(tempDir(), 'out');
    const r = run([ADDER, subs, '--out', out, '--jobs', '1']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('grade: broken: broken.zip: is not a zip archive (it starts with 50 4b 20 6e, not 50 4b 03 04)');
    expect(r.stderr).toMatch(/^sandbox layers:\n {2}prlimit +(on|off) /m);
    expect(r.stderr).toMatch(/^ {2}SES compartment +on +frozen intrinsics/m);
    expect(readFileSync(join(out, 'grades.csv'), 'utf8')).toBe('student,total,max,add,machine\nbroken,0,10,0,0\nok,10,10,6,4\n');
  });

  it('resolves relative paths against the folder pnpm was started from (INIT_CWD)', () => {
    const base = tempDir();
    mkdirSync(join(base, 'subs', 'ok', 'src'), { recursive: true });
    writeFileSync(join(base, 'subs', 'ok', 'src', 'adder.ts'), SOLUTION);
    const r = spawnSync(process.execPath, [BIN, ADDER, 'subs', '--out', 'graded', '--jobs', '1'], {
      cwd: '/',
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', INIT_CWD: base },
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(join(base, 'graded', 'grades.csv'), 'utf8')).toContain('\nok,10,10,6,4\n');
  });
});

describe('grade --gradescope', () => {
  it('reads one submission, flat or by path, and writes results.json', () => {
    const submission = tempDir();
    writeFileSync(join(submission, 'adder.ts'), SOLUTION); // uploaded flat
    const results = join(tempDir(), 'results', 'results.json');
    const r = run([ADDER, '--gradescope', '--submission', submission, '--results', results]);
    expect(r.status, r.stderr).toBe(0);
    const json = JSON.parse(readFileSync(results, 'utf8')) as { score: number; tests: { max_score: number; status: string; visibility: string }[] };
    expect(json.score).toBe(10);
    expect(json.tests.reduce((a, t) => a + t.max_score, 0)).toBeCloseTo(10, 10);
    expect(new Set(json.tests.map((t) => t.status))).toEqual(new Set(['passed']));
    expect(json.tests.filter((t) => t.visibility === 'visible')).toHaveLength(2);
  });
});
