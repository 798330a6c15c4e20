/**
 * harness: one submission's test harness (a collector, an expect and the runner, wired together),
 * and the module-level vitest API that forwards to the harness created last.
 *
 *   const h = createHarness({ testTimeoutMs: 2000 });
 *   h.setCurrentFile('tests/public/a.test.ts');   then evaluate a.test.ts with 'vitest' → h.api
 *   h.setCurrentFile('tests/hidden/a.test.ts');   …
 *   const results = await h.run({ filter, skipUntil, onTestStart, onTestEnd });
 *
 * Interface: createHarness(options) → { api, setCurrentFile, list, run }. `api` is what lab tests get
 * for `import … from 'vitest'`. The module's own describe/it/expect/… exports forward every call to
 * the harness created last (creating one with DEFAULT_TEST_TIMEOUT_MS on first use if there is
 * none), for bundles that import this module directly instead of receiving `api`.
 *
 * Invariants: two harnesses share no tree, counts or failures (what chai's plugins and
 * expect.extend install on chai's prototype is per realm, and comes from trusted lab code only);
 * run() runs once, and locks registration while it runs.
 */

import { clearAllMocks, fn, isMockFunction, resetAllMocks, restoreAllMocks, spyOn } from '@vitest/spy';
import { type Collector, createCollector, type TestApi } from './collect.ts';
import { HarnessUsageError } from './errors.ts';
import { createExpect, type HarnessExpect } from './expect.ts';
import { DEFAULT_TEST_TIMEOUT_MS } from './params.ts';
import { runTests } from './run.ts';
import type { HarnessOptions, RunOptions, TestInfo, TestResult } from './types.ts';

/** vitest's `vi`, limited to spies (no fake timers, no module mocking). */
export const vi = {
  /** A mock function, optionally wrapping an implementation. */
  fn,
  /** Replaces `object[method]` with a spy that calls through. */
  spyOn,
  /** True for functions made by vi.fn / vi.spyOn. */
  isMockFunction,
  /** Type helper: returns its argument. */
  mocked: <T>(value: T): T => value,
  /** Restores every spy made by vi.spyOn. */
  restoreAllMocks,
  /** Clears the recorded calls of every mock. */
  clearAllMocks,
  /** Clears calls and implementations of every mock. */
  resetAllMocks,
};

/** The 'vitest' module as lab tests see it, bound to one harness. */
export interface HarnessApi extends TestApi {
  /** vitest's expect, safe for student values (see expect.ts). */
  expect: HarnessExpect;
  /** vitest's vi (spies only). */
  vi: typeof vi;
  /** Alias of vi, as vitest exports it. */
  vitest: typeof vi;
}

/** One submission's harness. */
export interface Harness {
  /** What `import … from 'vitest'` gives the lab tests. */
  readonly api: HarnessApi;
  /** Later registrations belong to `path`; the bundle calls it before each test file's body. */
  setCurrentFile: (path: string) => void;
  /** Every registered test, in run order, before any filter. */
  list: () => TestInfo[];
  /** Runs the tests once (see run.ts) and returns their results in order. */
  run: (options?: RunOptions) => Promise<TestResult[]>;
}

let latest: Harness | undefined;

function listTests(collector: Collector): TestInfo[] {
  const out: TestInfo[] = [];
  const walk = (children: Collector['files'][number]['children']) => {
    for (const child of children) {
      if (child.kind === 'test') out.push({ file: child.file, name: child.fullName });
      else walk(child.children);
    }
  };
  for (const file of collector.files) walk(file.children);
  return out;
}

/** A fresh harness: its own tests, expect state and results. It becomes the module-level target. */
export function createHarness(options: HarnessOptions): Harness {
  const collector = createCollector();
  const expect = createExpect();
  let ran = false;
  const harness: Harness = {
    api: { ...collector.api, expect, vi, vitest: vi },
    setCurrentFile: collector.setCurrentFile,
    list: () => listTests(collector),
    run: async (runOptions = {}) => {
      if (ran) throw new HarnessUsageError('run() can be called only once per harness');
      ran = true;
      return runTests(collector, expect, { ...runOptions, testTimeoutMs: options.testTimeoutMs });
    },
  };
  latest = harness;
  return harness;
}

function current(): Harness {
  return latest ?? createHarness({ testTimeoutMs: DEFAULT_TEST_TIMEOUT_MS });
}

/** A stand-in for `api[key]` of whichever harness is current when it is used. */
function forward<K extends keyof HarnessApi>(key: K): HarnessApi[K] {
  const target = () => {};
  const member = () => current().api[key] as object;
  return new Proxy(target, {
    apply: (_, self: unknown, args: unknown[]) => Reflect.apply(member() as (...a: unknown[]) => unknown, self, args),
    get: (_, prop) => Reflect.get(member(), prop),
    has: (_, prop) => Reflect.has(member(), prop),
  }) as unknown as HarnessApi[K];
}

/** describe() of the current harness. */
export const describe = forward('describe');
/** Alias of describe. */
export const suite = forward('suite');
/** it() of the current harness. */
export const it = forward('it');
/** Alias of it. */
export const test = forward('test');
/** expect() of the current harness. */
export const expect = forward('expect');
/** beforeAll() of the current harness. */
export const beforeAll = forward('beforeAll');
/** afterAll() of the current harness. */
export const afterAll = forward('afterAll');
/** beforeEach() of the current harness. */
export const beforeEach = forward('beforeEach');
/** afterEach() of the current harness. */
export const afterEach = forward('afterEach');
/** Alias of vi, as vitest exports it. */
export const vitest = vi;

/** setCurrentFile() of the current harness. */
export function setCurrentFile(path: string): void {
  current().setCurrentFile(path);
}
