/**
 * The one test runner: `lab test`, `lab validate` and `grade` all come through here, so a student
 * who passes the public tests locally sees exactly what the grader sees for them.
 *
 * Interface:
 *   const lab = loadLab(dir)                          read lab.json through core's loader
 *   const runner = await createRunner(lab, options)   compile the selected tests, start the pool,
 *                                                     and learn the list of tests
 *   await runner.run(files)                           one submission's results, per test
 *   await runner.close()
 *
 * The list of tests ("canonical") comes from loading the tests once with no student code at all: every submission's
 * results are reported against that list, so a test that never ran for a student (their code did
 * not load, a test file failed, time ran out) still appears — as an error or a timeout — and the
 * points always add up the same way.
 */

import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type LabManifest, parseLabManifest } from '@virtlab/core';
import { buildTestBundle, createStudentCompiler } from './bundle.ts';
import { createPool, type Pool } from './pool.ts';
import type { JobLimits, SandboxTestResult, TestStatus } from './sandbox/protocol.ts';

/** A lab read from disk. */
export interface Lab {
  /** Absolute path of the lab folder. */
  dir: string;
  /** Its parsed lab.json. */
  manifest: LabManifest;
  /** The version in the lab's package.json ('0.0.0' when it has none). */
  version: string;
}

/** Reads `dir/lab.json` (errors are core's one-line ManifestError). */
export function loadLab(dir: string): Lab {
  const manifest = parseLabManifest(readFileSync(join(dir, 'lab.json'), 'utf8'), { file: `${basename(dir)}/lab.json`, folderName: basename(dir) });
  let version = '0.0.0';
  try {
    version = (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version?: string }).version ?? version;
  } catch {
    // A lab without package.json (a fixture) has no version.
  }
  return { dir, manifest, version };
}

/** Which tests to run. */
export type TestKinds = 'public' | 'hidden' | 'all';

/** The test files of the chosen kinds and steps, in lab.json order, each once. */
export function selectTestFiles(manifest: LabManifest, kinds: TestKinds, steps?: readonly string[]): string[] {
  const files: string[] = [];
  for (const step of manifest.steps) {
    if (steps !== undefined && !steps.includes(step.id)) continue;
    const chosen = kinds === 'public' ? step.public : kinds === 'hidden' ? step.hidden : [...step.public, ...step.hidden];
    for (const f of chosen) if (!files.includes(f)) files.push(f);
  }
  return files;
}

/** One test's outcome for one submission. */
export interface TestOutcome {
  /** Test file. */
  file: string;
  /** Full test name. */
  name: string;
  /** The steps whose points this test carries (those listing its file). */
  steps: string[];
  /** `public` or `hidden`. */
  visibility: 'public' | 'hidden';
  /** What happened. */
  status: TestStatus;
  /** Why it did not pass. */
  message: string;
  /** What the student's code printed during it. */
  output: string;
  /** Wall time in ms (not part of any written result: it varies). */
  durationMs: number;
}

/** One submission's run. */
export interface RunReport {
  /** Every canonical test, in order. */
  tests: TestOutcome[];
  /** The compile error, when the student's files did not compile ('' otherwise). */
  compileError: string;
  /** Why the student's code did not load ('' otherwise). */
  loadError: string;
  /** Times the sandbox's worker was restarted for this submission. */
  restarts: number;
  /** Set when the grader's own machinery failed: the results are not the student's. */
  machinery?: string;
}

/** Options of `createRunner`. */
export interface RunnerOptions {
  /** Which tests (default all). */
  kinds?: TestKinds;
  /** Only these steps (default every step). */
  steps?: readonly string[];
  /** Sandbox processes (default 1). */
  jobs?: number;
  /** Overrides of the lab's limits. */
  limits?: Partial<JobLimits>;
}

/** A runner for one lab and one selection of tests. */
export interface Runner {
  /** The lab. */
  lab: Lab;
  /** The tests every submission is measured against, in order. */
  canonical: readonly { file: string; name: string }[];
  /** Limits in force. */
  limits: JobLimits;
  /** Runs the tests on a submission: `files` maps editable paths to their text; missing ones are the stub. */
  run(files: ReadonlyMap<string, string>): Promise<RunReport>;
  /** Stops the sandbox processes. */
  close(): Promise<void>;
}

/** Where the built sandbox runtime (supervisor.js, worker.js) lives. */
export function runtimeDir(): string {
  return fileURLToPath(new URL('../dist/sandbox/', import.meta.url));
}

function visibilityOf(manifest: LabManifest, file: string): 'public' | 'hidden' {
  return manifest.steps.some((s) => s.public.includes(file)) ? 'public' : 'hidden';
}

/** Compiles the tests, starts the sandbox and learns the canonical list of tests. */
export async function createRunner(lab: Lab, options: RunnerOptions = {}): Promise<Runner> {
  const { manifest } = lab;
  const files = selectTestFiles(manifest, options.kinds ?? 'all', options.steps);
  const limits: JobLimits = {
    testTimeoutMs: manifest.limits.testTimeoutMs,
    submissionTimeoutMs: manifest.limits.submissionTimeoutMs,
    memoryMb: manifest.limits.memoryMb,
    maxOutputBytes: manifest.limits.maxOutputBytes,
    ...options.limits,
  };
  if (!existsSync(join(runtimeDir(), 'worker.js'))) {
    throw new Error(`the grader's sandbox runtime is not built (${runtimeDir()} has no worker.js): run pnpm build`);
  }
  const pool: Pool = createPool({ size: options.jobs ?? 1, runtimeDir: runtimeDir() });
  pool.warm(); // the sandboxes start while the tests compile
  const testCode = await buildTestBundle(lab.dir, files);
  const key = createHash('sha256').update(testCode).digest('hex').slice(0, 16);
  const compiler = createStudentCompiler(lab.dir);
  const stepsOf = (file: string) =>
    manifest.steps.filter((s) => (options.steps === undefined || options.steps.includes(s.id)) && (s.public.includes(file) || s.hidden.includes(file))).map((s) => s.id);

  async function execute(
    studentFiles: ReadonlyMap<string, string> | 'none',
    canonical: readonly { file: string; name: string }[] | undefined,
  ): Promise<RunReport & { raw: SandboxTestResult[]; fileErrors: Record<string, string> }> {
    // 'none': no student module at all — the tests still register, which is how the list is learned.
    const bundle = studentFiles === 'none' ? { ok: true as const, code: 'module.exports = {};' } : await compiler.compile(studentFiles);
    const blank = (status: TestStatus, message: string) =>
      (canonical ?? []).map((t) => ({ ...t, steps: stepsOf(t.file), visibility: visibilityOf(manifest, t.file), status, message, output: '', durationMs: 0 }));
    if (!bundle.ok) {
      return { tests: blank('error', `your code does not compile:\n${bundle.error}`), compileError: bundle.error, loadError: '', restarts: 0, raw: [], fileErrors: {} };
    }
    const answer = await pool.run({ key, testCode, studentCode: bundle.code, files, limits });
    if (!answer.ok) return { tests: [], compileError: '', loadError: '', restarts: 0, machinery: answer.machinery, raw: [], fileErrors: {} };
    const r = answer.result;
    const byKey = new Map(r.results.map((t) => [`${t.file}\u0000${t.name}`, t]));
    const tests: TestOutcome[] = (canonical ?? r.results).map((t) => {
      const got = byKey.get(`${t.file}\u0000${t.name}`);
      const base = { file: t.file, name: t.name, steps: stepsOf(t.file), visibility: visibilityOf(manifest, t.file) };
      if (r.loadError !== '') return { ...base, status: 'error' as const, message: `your code failed to load: ${r.loadError}`, output: got?.output ?? '', durationMs: got?.durationMs ?? 0 };
      if (got !== undefined) return { ...base, status: got.status, message: got.message, output: got.output, durationMs: got.durationMs };
      const message =
        r.loadError !== ''
          ? `your code failed to load: ${r.loadError}`
          : r.fileErrors[t.file] !== undefined
            ? `the test file failed to load: ${r.fileErrors[t.file]}`
            : r.timedOut
              ? `not run: the submission used up its time limit (${limits.submissionTimeoutMs} ms)`
              : 'not run';
      return { ...base, status: r.timedOut && r.loadError === '' && r.fileErrors[t.file] === undefined ? 'timeout' : 'error', message, output: '', durationMs: 0 };
    });
    return { tests, compileError: '', loadError: r.loadError, restarts: r.restarts, raw: r.results, fileErrors: r.fileErrors };
  }

  const collected = await execute('none', undefined);
  if (collected.machinery !== undefined) {
    await pool.close();
    throw new Error(`cannot run the lab's tests: ${collected.machinery}`);
  }
  const broken = Object.entries(collected.fileErrors);
  if (broken.length > 0) {
    await pool.close();
    throw new Error(`${manifest.id}: the test file ${broken[0]![0]} fails before any test runs (${broken[0]![1]}); fix the lab's tests`);
  }
  const canonical = collected.raw.map((t) => ({ file: t.file, name: t.name }));
  const seen = new Set<string>();
  for (const t of canonical) {
    const k = `${t.file} > ${t.name}`;
    if (seen.has(k)) {
      await pool.close();
      throw new Error(`${manifest.id}: two tests are both named "${k}"; give each test a distinct name`);
    }
    seen.add(k);
  }

  return {
    lab,
    canonical,
    limits,
    async run(studentFiles) {
      const { raw: _raw, ...report } = await execute(studentFiles, canonical);
      return report;
    },
    close: () => pool.close(),
  };
}
