/**
 * Proves the harness works after SES lockdown(), with student code in a real Compartment: one
 * bundle (esbuild, as the grader builds its worker) run in one worker thread per lockdown setting.
 */

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { build, type Plugin } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestResult } from './types.ts';

const HERE = dirname(fileURLToPath(import.meta.url));

/** Locks the realm down before anything else in the bundle runs (ESM evaluates it first). */
const LOCKDOWN = `
import 'ses';
import { workerData } from 'node:worker_threads';
lockdown(workerData.lockdown);
`;

/** The lab side: trusted tests against a student's module evaluated in a Compartment. */
const ENTRY = `
import 'virtual:lockdown';
import { parentPort } from 'node:worker_threads';
import { createHarness } from './index.ts';

const compartment = new Compartment({ __options__: true, globals: harden({ Promise }) });
const student = compartment.evaluate(\`({
  sum: (xs) => xs.reduce((a, b) => a + b, 0),
  machine: () => ({ cpu: { regs: [0, 1, 2], pc: 4 } }),
  fault: () => { throw new RangeError('page fault at 0x1000'); },
  later: (v) => Promise.resolve(v),
  deny: () => Promise.reject(new Error('denied')),
  hang: () => new Promise(() => {}),
  evil: () => ({ asymmetricMatch: () => true }),
  callWith: (cb) => cb({ asymmetricMatch: () => true }),
  shifty: () => { let n = 0; return new Proxy({ v: 1 }, { get: (t, k) => (++n > 1 ? { asymmetricMatch: () => true } : Reflect.get(t, k)) }); },
  patch: () => { Array.prototype.every = () => true; },
})\`);

const harness = createHarness({ testTimeoutMs: 50 });
const { describe, it, expect, vi, beforeEach } = harness.api;
harness.setCurrentFile('tests/public/lab.test.ts');
describe('lab', () => {
  let calls = 0;
  beforeEach(() => { calls++; });
  it('passes', () => expect(student.sum([1, 2, 3])).toBe(6));
  it('fails with a diff', () => expect(student.machine()).toEqual({ cpu: { regs: [0, 1, 3], pc: 4 } }));
  it('compares nested objects', () => expect(student.machine()).toEqual({ cpu: { regs: [0, 1, 2], pc: 4 } }));
  it('matches asymmetrically', () => expect(student.machine()).toEqual({ cpu: expect.objectContaining({ pc: expect.any(Number) }) }));
  it('sees a thrown class', () => expect(() => student.fault()).toThrow(RangeError));
  it('sees a thrown message', () => expect(() => student.fault()).toThrow('page fault'));
  it('resolves', async () => { await expect(student.later({ a: [1] })).resolves.toEqual({ a: [1] }); });
  it('rejects', async () => { await expect(student.deny()).rejects.toThrow('denied'); });
  it('times out', async () => { await student.hang(); });
  it('times out, then fails late', async () => {
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(1).toBe(2);
  });
  it('is not blamed for that late failure', async () => {
    expect.assertions(1);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(1).toBe(1);
  });
  it.each([[1, 1], [2, 3]])('sum of [%i] is %i', (x, y) => expect(student.sum([x])).toBe(y));
  it('resists asymmetricMatch', () => expect(student.evil()).toEqual(42));
  it('resists a spy called with asymmetricMatch', () => {
    const spy = vi.fn();
    student.callWith(spy);
    expect(spy).toHaveBeenCalledWith(7);
  });
  it('reads a proxy once', () => expect(student.shifty()).toEqual({ v: 2 }));
  it('keeps intrinsics frozen', () => student.patch());
  it('ran its hooks', () => expect(calls).toBe(18));
});
const results = await harness.run();
parentPort.postMessage({
  frozen: Object.isFrozen(Array.prototype) && typeof harden === 'function',
  results: results.map(({ durationMs, ...rest }) => rest),
});
`;

type Settings = Record<string, string>;

async function runInWorker(file: string, lockdown: Settings): Promise<{ frozen: boolean; results: Omit<TestResult, 'durationMs'>[] }> {
  const worker = new Worker(file, { workerData: { lockdown } });
  try {
    return await new Promise((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`worker exited with code ${code} before reporting`)));
    });
  } finally {
    await worker.terminate();
  }
}

const DIFF = [
  'AssertionError: expected { cpu: { regs: [ +0, 1, 2 ], pc: 4 } } to deeply equal { cpu: { regs: [ +0, 1, 3 ], pc: 4 } }',
  '',
  '- Expected',
  '+ Received',
  '',
  '@@ -2,9 +2,9 @@',
  '    "cpu": {',
  '      "pc": 4,',
  '      "regs": [',
  '        0,',
  '        1,',
  '-       3,',
  '+       2,',
  '      ],',
  '    },',
  '  }',
].join('\n');

const EXPECTED: [string, TestResult['status'], string][] = [
  ['lab > passes', 'passed', ''],
  ['lab > fails with a diff', 'failed', DIFF],
  ['lab > compares nested objects', 'passed', ''],
  ['lab > matches asymmetrically', 'passed', ''],
  ['lab > sees a thrown class', 'passed', ''],
  ['lab > sees a thrown message', 'passed', ''],
  ['lab > resolves', 'passed', ''],
  ['lab > rejects', 'passed', ''],
  ['lab > times out', 'timeout', 'test timed out after 50 ms'],
  ['lab > times out, then fails late', 'timeout', 'test timed out after 50 ms'],
  ['lab > is not blamed for that late failure', 'passed', ''],
  ['lab > sum of [1] is 1', 'passed', ''],
  ['lab > sum of [2] is 3', 'failed', 'AssertionError: expected 2 to be 3 // Object.is equality\n\n- Expected\n+ Received\n\n- 3\n+ 2'],
  [
    'lab > resists asymmetricMatch',
    'failed',
    'AssertionError: expected { Object (asymmetricMatch) } to deeply equal 42\n\n- Expected:\n42\n\n+ Received:\n{\n  "asymmetricMatch": "[asymmetricMatch removed by the grader]",\n}',
  ],
  [
    'lab > resists a spy called with asymmetricMatch',
    'failed',
    [
      'AssertionError: expected "vi.fn()" to be called with arguments: [ 7 ]',
      '',
      'Received:',
      '',
      '  1st vi.fn() call:',
      '',
      '  [',
      '-   7,',
      '+   {',
      '+     "asymmetricMatch": "[asymmetricMatch removed by the grader]",',
      '+   },',
      '  ]',
      '',
      '',
      'Number of calls: 1',
    ].join('\n'),
  ],
  ['lab > reads a proxy once', 'failed', 'AssertionError: expected { v: 1 } to deeply equal { v: 2 }\n\n- Expected\n+ Received\n\n  {\n-   "v": 2,\n+   "v": 1,\n  }'],
  ['lab > keeps intrinsics frozen', 'error', "TypeError: Cannot assign to read only property 'every' of object '[object Array]'"],
  ['lab > ran its hooks', 'passed', ''],
];

describe('the harness after SES lockdown()', () => {
  let dir = '';
  let file = '';

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'virtlab-harness-'));
    file = join(dir, 'lockdown-entry.mjs');
    const virtual: Plugin = {
      name: 'virtual-lockdown',
      setup(b) {
        b.onResolve({ filter: /^virtual:lockdown$/ }, () => ({ path: 'lockdown', namespace: 'virtual' }));
        b.onLoad({ filter: /.*/, namespace: 'virtual' }, () => ({ contents: LOCKDOWN, resolveDir: HERE, loader: 'js' }));
      },
    };
    const out = await build({
      stdin: { contents: ENTRY, resolveDir: HERE, sourcefile: 'lockdown-entry.js', loader: 'js' },
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      write: false,
      logLevel: 'silent',
      plugins: [virtual],
    });
    await writeFile(file, out.outputFiles[0]!.text);
  });

  afterAll(async () => {
    if (dir !== '') await rm(dir, { recursive: true, force: true });
  });

  it.each([
    ['the settings of the brief', { overrideTaming: 'severe', stackFiltering: 'verbose' }],
    ["the sandbox worker's settings", { overrideTaming: 'moderate', stackFiltering: 'concise' }],
  ])('runs every kind of test, with %s', async (_, taming) => {
    const lockdown = { errorTaming: 'unsafe', consoleTaming: 'unsafe', localeTaming: 'unsafe', ...taming };
    const { frozen, results } = await runInWorker(file, lockdown);
    expect(frozen).toBe(true);
    expect(results.map((r) => [r.name, r.status, r.message])).toEqual(EXPECTED);
    expect(results.every((r) => r.file === 'tests/public/lab.test.ts')).toBe(true);
  }, 30_000);
});
