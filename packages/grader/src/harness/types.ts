/**
 * The harness's shared types (types only): what a run reports, and how a caller steers it.
 *
 *   createHarness(options) ─► api (the 'vitest' module) ─► tests register ─► run(runOptions) ─► TestResult[]
 */

/** How one test ended. */
export type TestStatus = 'passed' | 'failed' | 'error' | 'timeout' | 'skipped' | 'todo';

/** One test's outcome. */
export interface TestResult {
  /** Test file the test was registered from, as given to `setCurrentFile` ('' if none was set). */
  file: string;
  /** Full name: the enclosing describe blocks and the test, joined by ` > `. */
  name: string;
  /** `failed`: an assertion failed; `error`: anything else was thrown; `timeout`: it did not settle in time. */
  status: TestStatus;
  /** Why it did not pass, deterministic (no stack, path or timing); '' when it passed, was skipped or is todo. */
  message: string;
  /** Wall time of the test with its hooks, in milliseconds (varies from run to run). */
  durationMs: number;
}

/** What a caller learns about a test before it runs. */
export interface TestInfo {
  /** Test file, as given to `setCurrentFile`. */
  file: string;
  /** Full name, as in `TestResult.name`. */
  name: string;
}

/** Options of one `run()`. */
export interface RunOptions {
  /** Runs only the tests for which it returns true; the others are left out of the results. */
  filter?: (test: TestInfo) => boolean;
  /** Leaves out the first N tests that pass the filter (to resume after the one that hung). */
  skipUntil?: number;
  /** Called before each reported test, skipped and todo ones included. */
  onTestStart?: (test: TestInfo) => void;
  /** Called after each reported test with its result. */
  onTestEnd?: (result: TestResult) => void;
  /** Called when an `afterAll` hook or a `beforeAll` teardown fails (no test result changes); `suite.name` is '' at a file's top level. */
  onSuiteError?: (suite: TestInfo, message: string) => void;
}

/** Options of one harness (one submission). */
export interface HarnessOptions {
  /** Time limit of each async test and hook, in milliseconds (a test's own timeout wins). */
  testTimeoutMs: number;
}
