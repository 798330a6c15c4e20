// Every hostile submission scores exactly what its honest part earns (the honest add(): 6 of 10
// points), with the exact message, and the rest of the batch is unaffected.
import { createServer, type Server } from 'node:net';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GradedSubmission } from '../src/grade-types.ts';
import { gradeBatch, type GradeOutcome } from '../src/grade.ts';
import { loadLab } from '../src/runner.ts';
import { ADDER, SUBMISSIONS, tempDir } from './helpers.ts';

const PWNED = '/tmp/virtlab-pwned';
let server: Server;
let connections = 0;
let out: string;
let outcome: GradeOutcome;

beforeAll(async () => {
  rmSync(PWNED, { force: true });
  server = createServer((socket) => {
    connections++;
    socket.destroy();
  });
  await new Promise<void>((resolve, reject) => server.listen(47123, '127.0.0.1', resolve).on('error', reject));
  out = tempDir();
  outcome = await gradeBatch({ lab: loadLab(ADDER), submissionsDir: SUBMISSIONS, outDir: out, jobs: 2, resume: false, kinds: 'all', limits: {}, log: () => {} });
});

afterAll(() => {
  server?.close();
});

function student(id: string): GradedSubmission {
  const g = outcome.graded.find((s) => s.student === id);
  if (g === undefined) throw new Error(`no result for ${id}`);
  return g;
}

/** [status, first line of the message] of the four machine tests. */
function machine(id: string): [string, string][] {
  return student(id)
    .tests.filter((t) => t.step === 'machine')
    .map((t) => [t.status, t.message.split('\n')[0]!]);
}

const ASSERTIONS: [string, string][] = [
  ['failed', 'AssertionError: expected +0 to be 42 // Object.is equality'],
  ['failed', 'AssertionError: expected +0 to be -2147483648 // Object.is equality'],
  ['failed', 'AssertionError: expected { sum: +0 } to deeply equal { sum: 3 }'],
  ['failed', 'AssertionError: expected +0 to be 5 // Object.is equality'],
];
const all = (status: string, message: string): [string, string][] => [0, 1, 2, 3].map(() => [status, message]);

describe('the batch with every hostile fixture', () => {
  it('completes, grading every submission', () => {
    expect(outcome.errors).toEqual([]);
    expect(outcome.exitCode).toBe(0);
    expect(outcome.graded.map((g) => g.student)).toEqual(readdirSync(SUBMISSIONS).sort());
  });

  it('gives the honest submissions their exact scores', () => {
    expect([student('solution').cents, student('stub').cents]).toEqual([1000, 0]);
  });

  // Each attack sits in addOnMachine, next to an honest add(): 600 of 1000 hundredths.
  it.each([
    ['loop-sync', all('timeout', 'the test did not finish within 2000 ms (an endless loop?)')],
    [
      'loop-async',
      [
        ['failed', 'AssertionError: expected Promise{…} to be 42 // Object.is equality'],
        ['failed', 'AssertionError: expected Promise{…} to be -2147483648 // Object.is equality'],
        ['failed', 'AssertionError: expected { sum: {} } to deeply equal { sum: 3 }'],
        ['timeout', 'test timed out after 2000 ms'],
      ],
    ],
    [
      'microtask-flood',
      [
        ['failed', 'AssertionError: expected Promise{…} to be 42 // Object.is equality'],
        ['failed', 'AssertionError: expected Promise{…} to be -2147483648 // Object.is equality'],
        ['failed', 'AssertionError: expected { sum: {} } to deeply equal { sum: 3 }'],
        ['timeout', 'the test did not finish within 2000 ms (an endless loop?)'],
      ],
    ],
    ['heap-bomb', all('error', 'ran out of memory (the limit is 64 MiB)')],
    ['arraybuffer-bomb', all('error', 'RangeError: Array buffer allocation failed')],
    ['process-exit', all('error', "TypeError: Cannot read properties of undefined (reading 'exit')")],
    ['output-flood', ASSERTIONS],
    ['patch-intrinsics', ASSERTIONS],
    ['patch-expect', ASSERTIONS],
    ['read-disk', ASSERTIONS],
    ['write-disk', ASSERTIONS],
    ['spawn', ASSERTIONS],
    ['network', ASSERTIONS],
    ['forge-output', ASSERTIONS],
    ['constructor-escape', ASSERTIONS],
    ['throwing-getter', all('error', 'Error: gotcha')],
    [
      'lying-values',
      [
        ['failed', 'AssertionError: expected { …(2) } to be 42 // Object.is equality'],
        ['failed', 'AssertionError: expected { …(2) } to be -2147483648 // Object.is equality'],
        ['failed', 'AssertionError: expected { sum: { …(2) } } to deeply equal { sum: 3 }'],
        ['failed', 'AssertionError: expected { …(2) } to be 5 // Object.is equality'],
      ],
    ],
  ] as const)('%s scores only its honest part', (id, expected) => {
    expect(student(id).cents).toBe(600);
    expect(machine(id)).toEqual(expected);
    expect(student(id).steps.map((s) => [s.id, s.cents])).toEqual([
      ['add', 600],
      ['machine', 0],
    ]);
  });

  it('a throw at import fails every test with the reason', () => {
    const g = student('throw-at-import');
    expect(g.cents).toBe(0);
    expect(g.loadError).toBe('Error: at import');
    expect(new Set(g.tests.map((t) => `${t.status}: ${t.message}`))).toEqual(new Set(['error: your code failed to load: Error: at import']));
  });

  it('caps a flood of output and says so', () => {
    const printed = student('output-flood').tests.find((t) => t.step === 'machine')!.output;
    expect(printed.length).toBeLessThan(5000);
    expect(printed.endsWith('… output truncated (limit 4096 bytes)\n')).toBe(true);
  });

  it('let no attack reach the machine: no file, no process, no connection, no foreign output', () => {
    expect(existsSync(PWNED)).toBe(false);
    expect(connections).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['.state', 'feedback', 'grades.csv', 'results', 'summary.json', 'timing.json']);
    const csv = readFileSync(join(out, 'grades.csv'), 'utf8');
    expect(csv).toContain('\nwrite-disk,6,10,6,0\n');
    expect(csv).not.toContain('hostile');
  });

  it('never shows the hidden tests in the feedback', () => {
    const hidden = readFileSync(join(ADDER, 'tests', 'hidden', 'machine.test.ts'), 'utf8');
    const feedback = readFileSync(join(out, 'feedback', 'stub.md'), 'utf8');
    expect(feedback).not.toContain("from '../../src/adder.ts'");
    expect(feedback).not.toContain(hidden.split('\n')[3]);
  });
});
