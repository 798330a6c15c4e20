/**
 * run: runs a collected tree one test at a time, with hooks in vitest's order, and reports one
 * TestResult per selected test, in collection order.
 *
 *   per suite (depth first)      beforeAll hooks, in order
 *     per test                     beforeEach hooks, outermost suite first, in order
 *                                  the test body, then the assertion promises it did not await
 *                                  afterEach hooks, innermost suite first, last registered first
 *                                  teardowns returned by beforeEach, last first
 *                                  onTestFailed (if it did not pass), then onTestFinished callbacks
 *                                afterAll hooks, last registered first; beforeAll teardowns, last first
 *
 * Interface: `runTests(collector, expect, { testTimeoutMs, filter, skipUntil, onTestStart, onTestEnd,
 * onSuiteError })` → Promise<TestResult[]>; it locks the collector first.
 *
 * Statuses: `failed` when an assertion error ends the test (or was caught inside it), `error` when
 * anything else is thrown or a promise rejects, `timeout` when a step does not settle within its
 * limit (the test's own timeout, else its suite's, else testTimeoutMs; measured with the host's
 * setTimeout, cleared after). A failing beforeAll makes every selected test under it fail with
 * "beforeAll hook failed: …"; a failing beforeEach or afterEach fails that test; a failing afterAll
 * goes to onSuiteError, as no test result can change any more.
 *
 * Invariants: messages are deterministic (no stack, path, colour or timing; see format-error.ts);
 * only durationMs varies. Nothing here reads Date or Math.random. A synchronous loop cannot be
 * interrupted here: the sandbox supervisor terminates the worker, and onTestStart tells it which
 * test was running. skipUntil counts tests that pass the filter, so a run restarted with the count
 * of tests already reported picks up right after them.
 */

import type { Collector, Hook, SuiteNode, TestContext, TestNode } from './collect.ts';
import { beginTest, endTest, type HarnessExpect, settleTest, withinTest } from './expect.ts';
import { describeFailure, type Failure, limitMessage } from './format-error.ts';
import type { RunOptions, TestInfo, TestResult, TestStatus } from './types.ts';

/** Options of one run: the caller's RunOptions plus the harness's default time limit. */
export interface RunSettings extends RunOptions {
  /** Time limit of each async test and hook without one of its own, in milliseconds. */
  testTimeoutMs: number;
}

type Outcome = { ok: true; value: unknown } | { ok: false; timedOut: boolean; error: unknown };
type Verdict = { status: TestStatus; message: string };

/** Thrown by `context.skip()`. */
class SkipSignal {}

// Taken when the module loads, in the harness's own realm: tests cannot swap them afterwards.
const hostSetTimeout = globalThis.setTimeout;
const hostClearTimeout = globalThis.clearTimeout;
const MAX_TIMER_MS = 2 ** 31 - 1;

interface Run {
  settings: RunSettings;
  expect: HarnessExpect;
  selected: Set<TestNode>;
  results: TestResult[];
}

/** Runs `fn`, waiting at most `ms` for a promise it returns (0 or less: no limit). */
async function runStep(fn: () => unknown, ms: number): Promise<Outcome> {
  let value: unknown;
  let then: unknown;
  try {
    value = fn();
    // A hook's return value may come from student code: its `then` is read once, here.
    then = typeof value === 'object' && value !== null ? (value as { then?: unknown }).then : undefined;
  } catch (error) {
    return { ok: false, timedOut: false, error };
  }
  if (typeof then !== 'function') return { ok: true, value };
  const settled = new Promise<unknown>((resolve, reject) => Reflect.apply(then as () => unknown, value, [resolve, reject])).then(
    (v): Outcome => ({ ok: true, value: v }),
    (error: unknown): Outcome => ({ ok: false, timedOut: false, error }),
  );
  if (!(ms > 0)) return settled;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<Outcome>((resolve) => {
    timer = hostSetTimeout(() => resolve({ ok: false, timedOut: true, error: undefined }), Math.min(ms, MAX_TIMER_MS));
  });
  try {
    return await Promise.race([settled, expired]);
  } finally {
    hostClearTimeout(timer);
  }
}

/** The verdict for a failed step; `step` names a hook ('' for the test body). */
function stepVerdict(step: string, outcome: Extract<Outcome, { ok: false }>, ms: number): Verdict {
  if (outcome.timedOut) return { status: 'timeout', message: `${step || 'test'} timed out after ${ms} ms` };
  const failure: Failure = describeFailure(outcome.error);
  return { status: failure.status, message: step === '' ? failure.message : `${step} failed: ${failure.message}` };
}

function testsIn(suite: SuiteNode, out: TestNode[] = []): TestNode[] {
  for (const child of suite.children) {
    if (child.kind === 'test') out.push(child);
    else testsIn(child, out);
  }
  return out;
}

function timeoutOf(run: Run, chain: SuiteNode[], own: number | undefined): number {
  return own ?? chain.at(-1)?.timeoutMs ?? run.settings.testTimeoutMs;
}

function report(run: Run, test: TestNode, verdict: Verdict, start: number): void {
  const result: TestResult = {
    file: test.file,
    name: test.fullName,
    status: verdict.status,
    message: limitMessage(verdict.message),
    durationMs: performance.now() - start,
  };
  run.results.push(result);
  run.settings.onTestEnd?.(result);
}

/** Runs hooks (or teardowns) for their side effects; returns the first failure, if any. */
async function runAll(fns: (() => unknown)[], step: string, ms: number): Promise<Verdict | undefined> {
  let first: Verdict | undefined;
  for (const fn of fns) {
    const outcome = await runStep(fn, ms);
    if (!outcome.ok && first === undefined) first = stepVerdict(step, outcome, ms);
  }
  return first;
}

/** beforeEach, body, afterEach and callbacks of one test that runs. */
async function execute(run: Run, test: TestNode, chain: SuiteNode[]): Promise<Verdict> {
  const ms = timeoutOf(run, chain, test.timeoutMs);
  const finished: (() => unknown)[] = [];
  const onFailed: (() => unknown)[] = [];
  const context: TestContext = {
    task: { name: test.name, fullName: test.fullName, file: test.file },
    expect: run.expect,
    skip: () => {
      throw new SkipSignal();
    },
    onTestFinished: (fn) => finished.push(fn),
    onTestFailed: (fn) => onFailed.push(fn),
  };
  beginTest(run.expect, test.fullName);
  let verdict: Verdict | undefined;
  let skipped = false;
  const fail = (step: string, outcome: Extract<Outcome, { ok: false }>, limit: number) => {
    if (outcome.error instanceof SkipSignal) skipped = true;
    else verdict ??= stepVerdict(step, outcome, limit);
  };
  const teardowns: (() => unknown)[] = [];
  hooks: for (const suite of chain) {
    for (const hook of suite.hooks.beforeEach) {
      const limit = hook.timeoutMs ?? ms;
      const outcome = await runStep(() => withinTest(run.expect, () => hook.fn(context, suite)), limit);
      if (!outcome.ok) {
        fail('beforeEach hook', outcome, limit);
        break hooks;
      }
      if (typeof outcome.value === 'function') teardowns.push(outcome.value as () => unknown);
    }
  }
  if (verdict === undefined && !skipped && test.fn !== undefined) {
    const body = test.fn;
    const outcome = await runStep(
      () =>
        withinTest(run.expect, async () => {
          await body(context);
          return settleTest(run.expect);
        }),
      ms,
    );
    const failures = outcome.ok ? (outcome.value as unknown[]) : [];
    if (test.fails) {
      const failedAsExpected = (!outcome.ok && !outcome.timedOut && !(outcome.error instanceof SkipSignal)) || failures.length > 0;
      if (!outcome.ok && !failedAsExpected) fail('', outcome, ms);
      else if (!failedAsExpected) verdict = { status: 'failed', message: 'expected the test to fail, but it passed (it.fails)' };
    } else if (!outcome.ok) {
      fail('', outcome, ms);
    } else if (failures.length > 0) {
      const first = describeFailure(failures[0]);
      const more = failures.length > 1 ? `\n\n(and ${failures.length - 1} more failed assertions in this test)` : '';
      verdict = { status: first.status, message: first.message + more };
    }
  }
  for (const suite of [...chain].reverse()) {
    for (const hook of [...suite.hooks.afterEach].reverse()) {
      const limit = hook.timeoutMs ?? ms;
      const outcome = await runStep(() => withinTest(run.expect, () => hook.fn(context, suite)), limit);
      if (!outcome.ok) fail('afterEach hook', outcome, limit);
    }
  }
  const inTest = (fns: (() => unknown)[]) => fns.map((fn) => () => withinTest(run.expect, fn));
  const teardownFailure = await runAll(inTest(teardowns.reverse()), 'beforeEach teardown', ms);
  if (teardownFailure !== undefined) verdict ??= teardownFailure;
  const callbacks = verdict === undefined ? finished : [...onFailed, ...finished];
  const callbackFailure = await runAll(inTest(callbacks), 'test callback', ms);
  if (callbackFailure !== undefined) verdict ??= callbackFailure;
  endTest(run.expect);
  if (skipped && verdict === undefined) return { status: 'skipped', message: '' };
  return verdict ?? { status: 'passed', message: '' };
}

async function runTest(run: Run, test: TestNode, chain: SuiteNode[], inherited: Verdict | undefined): Promise<void> {
  run.settings.onTestStart?.({ file: test.file, name: test.fullName });
  const start = performance.now();
  let verdict: Verdict;
  if (test.mode === 'skip') verdict = { status: 'skipped', message: '' };
  else if (test.mode === 'todo') verdict = { status: 'todo', message: '' };
  else if (test.collectError !== undefined) {
    const failure = describeFailure(test.collectError.error);
    verdict = { status: failure.status, message: `the describe() body threw while collecting tests: ${failure.message}` };
  } else if (inherited !== undefined) verdict = inherited;
  else verdict = await execute(run, test, chain);
  report(run, test, verdict, start);
}

function hookFns(hooks: Hook[], args: unknown[] = []): (() => unknown)[] {
  return hooks.map((hook) => () => hook.fn(...args));
}

async function runSuite(run: Run, suite: SuiteNode, chain: SuiteNode[], inherited: Verdict | undefined): Promise<void> {
  const tests = testsIn(suite).filter((test) => run.selected.has(test));
  if (tests.length === 0) return;
  const active = inherited === undefined && tests.some((test) => test.mode === 'run' && test.collectError === undefined);
  let failure = inherited;
  const teardowns: (() => unknown)[] = [];
  if (active) {
    for (const hook of suite.hooks.beforeAll) {
      const limit = hook.timeoutMs ?? suite.timeoutMs ?? run.settings.testTimeoutMs;
      const outcome = await runStep(() => hook.fn(), limit);
      if (!outcome.ok) {
        failure = stepVerdict('beforeAll hook', outcome, limit);
        break;
      }
      if (typeof outcome.value === 'function') teardowns.push(outcome.value as () => unknown);
    }
  }
  for (const child of suite.children) {
    if (child.kind === 'suite') await runSuite(run, child, [...chain, child], failure);
    else if (run.selected.has(child)) await runTest(run, child, chain, failure);
  }
  if (!active) return;
  const limit = suite.timeoutMs ?? run.settings.testTimeoutMs;
  const afterFailure =
    (await runAll(hookFns([...suite.hooks.afterAll].reverse()), 'afterAll hook', limit)) ??
    (await runAll(teardowns.reverse(), 'beforeAll teardown', limit));
  if (afterFailure !== undefined) {
    const info: TestInfo = { file: suite.file, name: suite.fullName };
    run.settings.onSuiteError?.(info, limitMessage(afterFailure.message));
  }
}

/** Runs the selected tests of `collector` (see the header) and returns their results in order. */
export async function runTests(collector: Collector, expect: HarnessExpect, settings: RunSettings): Promise<TestResult[]> {
  collector.lock();
  const selected = new Set<TestNode>();
  let skip = settings.skipUntil ?? 0;
  for (const file of collector.files) {
    for (const test of testsIn(file)) {
      if (settings.filter !== undefined && !settings.filter({ file: test.file, name: test.fullName })) continue;
      if (skip > 0) skip--;
      else selected.add(test);
    }
  }
  const run: Run = { settings, expect, selected, results: [] };
  for (const file of collector.files) await runSuite(run, file, [file], undefined);
  return run.results;
}
