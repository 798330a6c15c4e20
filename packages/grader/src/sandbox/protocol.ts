/**
 * The messages between the grader (orchestrator), the sandbox process's supervisor and its
 * worker thread. Types only.
 *
 *   orchestrator ──stdin JSON lines──►  supervisor  ──postMessage──►  worker (SES, student code)
 *   orchestrator ◄─stdout JSON lines──  supervisor  ◄─postMessage───  worker
 *
 * Only trusted code writes these: student code runs in a Compartment with no access to stdout,
 * `process` or `parentPort`, so it can neither forge a message nor read one.
 */

/** The outcome of one test. */
export type TestStatus = 'passed' | 'failed' | 'error' | 'timeout' | 'skipped' | 'todo';

/** One test's result as the worker reports it. */
export interface SandboxTestResult {
  /** Test file, relative to the lab folder (e.g. `tests/hidden/add.test.ts`). */
  file: string;
  /** Full name: the describe blocks and the test, joined by ` > `. */
  name: string;
  /** What happened. */
  status: TestStatus;
  /** Why it did not pass (deterministic: no timings, no stacks); empty when it passed. */
  message: string;
  /** What the student's code printed during the test (capped). */
  output: string;
  /** Wall time, in milliseconds (varies from run to run). */
  durationMs: number;
}

/** Limits applied to one submission. */
export interface JobLimits {
  /** Per-test wall-clock limit, in milliseconds. */
  testTimeoutMs: number;
  /** Limit on the whole submission (loading plus every test), in milliseconds. */
  submissionTimeoutMs: number;
  /** Heap limit of the worker thread, in MiB. */
  memoryMb: number;
  /** Console output kept per submission, in bytes. */
  maxOutputBytes: number;
}

/** Orchestrator → supervisor. */
export type ToSupervisor =
  /** Registers a lab's compiled test bundle under `key` (sent once per process and lab). */
  | { type: 'lab'; key: string; testCode: string }
  /** Grades one submission. */
  | { type: 'job'; id: number; key: string; studentCode: string; files: string[]; limits: JobLimits }
  /** Finish the current job, then exit. */
  | { type: 'exit' };

/** Supervisor → orchestrator. */
export type FromSupervisor =
  /** The sandbox is up and its worker has locked down. */
  | { type: 'ready'; node: string }
  /** A job's results, one per test in collection order. */
  | {
      type: 'result';
      id: number;
      results: SandboxTestResult[];
      /** Why the student's code did not load, or ''. */
      loadError: string;
      /** Test files whose module body threw, with the reason. */
      fileErrors: Record<string, string>;
      /** Times the worker had to be restarted (a hung test, a heap bomb). */
      restarts: number;
      /** The job stopped before every test ran (the submission's time limit, or a hang while loading). */
      timedOut: boolean;
    }
  /** The supervisor cannot go on (bad message, cannot start a worker). */
  | { type: 'fatal'; message: string };

/** Supervisor → worker. */
export type ToWorker =
  | { type: 'lab'; key: string; testCode: string }
  /** Answer at once: proves the worker's event loop is free. */
  | { type: 'ping' }
  | { type: 'job'; id: number; key: string; studentCode: string; files: string[]; limits: JobLimits; skipUntil: number; seed: number };

/** Worker → supervisor. */
export type FromWorker =
  | { type: 'ready' }
  | { type: 'pong' }
  /**
   * The student's code is loaded (or failed to load, with the reason) and the tests are collected:
   * `tests` lists those that will run, in order, after the `skipUntil` first. The supervisor counts
   * `test-end`s to know which test is running (one message per test, not two).
   */
  | { type: 'loaded'; id: number; loadError: string; tests: { file: string; name: string }[] }
  | { type: 'test-end'; id: number; index: number; result: SandboxTestResult }
  /** Every test ran; `fileErrors` names test files whose module body threw (their tests never registered). */
  | { type: 'done'; id: number; fileErrors: Record<string, string> }
  /** The worker could not do the job at all (a bug of ours, not the student's). */
  | { type: 'fail'; id: number; message: string };
