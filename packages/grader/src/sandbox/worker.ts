/**
 * The sandbox's worker thread: locks the realm down with SES, then grades one submission at a time.
 *
 * For each job: a fresh SES Compartment evaluates the student's bundle (their editable files,
 * compiled to one CommonJS function); a fresh harness runs the lab's test bundle (trusted code,
 * compiled once per lab) whose imports of the lab's `src/` files resolve to the student's exports.
 * Progress streams to the supervisor (`test-start`, `test-end`) so that, if a test hangs or eats
 * the heap and the thread has to be killed, the supervisor knows which test to blame and can start
 * again after it (`skipUntil`).
 *
 * What student code sees (its Compartment's globals; everything else is absent: no `process`,
 * `require` beyond the list below, `fetch`, file system or network):
 *   console      log/info/warn/error/debug, captured per test, capped per submission
 *   setTimeout, clearTimeout, setInterval, clearInterval, queueMicrotask   (cleared after the job)
 *   Math         the real one, except `Math.random`: a generator seeded per submission (deterministic)
 *   Date         `Date.now()` and `new Date()` give 2000-01-01T00:00:00Z; other uses work as usual
 *   TextEncoder, TextDecoder
 *   require      only '@virtlab/core' (one hardened instance, shared with the tests)
 * The shared intrinsics (Object, Array, JSON, Promise …) are frozen by lockdown, so a student
 * cannot patch what the tests and the assertion library rely on.
 */

import 'ses';
import { inspect } from 'node:util';
import vm from 'node:vm';
import { parentPort } from 'node:worker_threads';
import * as core from '@virtlab/core';
import { createHarness } from '../harness/index.ts';
import type { FromWorker, JobLimits, SandboxTestResult, ToWorker } from './protocol.ts';

lockdown({
  errorTaming: 'unsafe',
  overrideTaming: 'moderate',
  consoleTaming: 'unsafe',
  localeTaming: 'unsafe',
  stackFiltering: 'concise',
});

/** The instant student code sees as "now": 2000-01-01T00:00:00Z. */
const FIXED_NOW = 946684800000;

const port = parentPort;
if (port === null) throw new Error('worker.ts must run in a worker thread');
const send = (message: FromWorker) => port.postMessage(message);

const coreExports = harden({ ...core });

type TestBundle = (
  require: (name: string) => unknown,
  module: { exports: unknown },
  exports: unknown,
  student: (path: string) => unknown,
  setFile: (path: string) => void,
  fileError: (path: string, error: unknown) => void,
) => void;

const labs = new Map<string, TestBundle>();

/** Console output of one submission, capped; the part printed during the current test is kept apart. */
class OutputCapture {
  private used = 0;
  private truncated = false;
  current = '';
  constructor(private readonly limit: number) {}
  write(text: string): void {
    if (this.truncated) return;
    const room = this.limit - this.used;
    if (text.length > room) {
      this.current += `${text.slice(0, Math.max(0, room))}\n… output truncated (limit ${this.limit} bytes)\n`;
      this.used = this.limit;
      this.truncated = true;
      return;
    }
    this.current += text;
    this.used += text.length;
  }
  take(): string {
    const text = this.current;
    this.current = '';
    return text;
  }
}

function format(args: unknown[]): string {
  return `${args.map((a) => (typeof a === 'string' ? a : inspect(a, { depth: 4, breakLength: 120, getters: false, showProxy: false }))).join(' ')}\n`;
}

function makeConsole(out: OutputCapture) {
  const log = (...args: unknown[]) => out.write(format(args));
  return { log, info: log, warn: log, error: log, debug: log, trace: log };
}

/** Timers whose handles are plain numbers, all cancelled when the job ends. */
function makeTimers() {
  const live = new Map<number, ReturnType<typeof setTimeout>>();
  let next = 1;
  const add = (handle: ReturnType<typeof setTimeout>) => {
    const id = next++;
    live.set(id, handle);
    return id;
  };
  return {
    globals: {
      setTimeout: (fn: (...a: unknown[]) => void, ms?: number, ...args: unknown[]) => {
        const id = add(
          setTimeout(() => {
            live.delete(id);
            fn(...args);
          }, ms),
        );
        return id;
      },
      setInterval: (fn: (...a: unknown[]) => void, ms?: number, ...args: unknown[]) => add(setInterval(() => fn(...args), ms)),
      clearTimeout: (id: number) => {
        const h = live.get(id);
        if (h !== undefined) clearTimeout(h);
        live.delete(id);
      },
      clearInterval: (id: number) => {
        const h = live.get(id);
        if (h !== undefined) clearInterval(h);
        live.delete(id);
      },
      queueMicrotask: (fn: () => void) => queueMicrotask(fn),
    },
    clearAll: () => {
      for (const h of live.values()) {
        clearTimeout(h);
        clearInterval(h);
      }
      live.clear();
    },
  };
}

function makeMath(seed: number) {
  const rng = core.createRng(seed);
  const math: Record<string, unknown> = {};
  for (const key of Object.getOwnPropertyNames(Math)) math[key] = (Math as unknown as Record<string, unknown>)[key];
  math.random = () => core.nextFloat(rng);
  return math;
}

function makeDate() {
  const RealDate = Date;
  function FixedDate(this: unknown, ...args: unknown[]) {
    if (new.target === undefined) return new RealDate(FIXED_NOW).toString();
    return args.length === 0 ? new RealDate(FIXED_NOW) : new (RealDate as unknown as new (...a: unknown[]) => Date)(...args);
  }
  FixedDate.now = () => FIXED_NOW;
  FixedDate.parse = RealDate.parse;
  FixedDate.UTC = RealDate.UTC;
  FixedDate.prototype = RealDate.prototype;
  return FixedDate;
}

function studentRequire(name: string): unknown {
  if (name === '@virtlab/core') return coreExports;
  throw new Error(`"${name}" is not available to lab code in the grader's sandbox (only @virtlab/core is)`);
}

/** A one-line, deterministic description of something thrown. */
function describeError(error: unknown): string {
  if (error instanceof Error) {
    const code = /\((SES_[A-Z_]+)\)/.exec(error.message)?.[1];
    if (code === 'SES_IMPORT_REJECTED') return 'the text "import(" appears in your code (even in a string or comment), which the sandbox refuses; rephrase it';
    if (code === 'SES_HTML_COMMENT_REJECTED') return 'the text "<!--" or "-->" appears in your code, which the sandbox refuses; rephrase it';
    return `${error.name}: ${error.message}`.split('\n')[0]!.slice(0, 500);
  }
  try {
    return `thrown value: ${String(error)}`.slice(0, 500);
  } catch {
    return 'a value that cannot be shown was thrown';
  }
}

/**
 * Exports that throw on every use: what the tests see when the student's code did not load. They
 * can still be imported (no keys, nothing to copy), so the tests register and each fails on use.
 */
function brokenModule(reason: string): unknown {
  const fail = () => {
    throw new Error(`your code failed to load: ${reason}`);
  };
  return new Proxy(
    {},
    { get: (_t, key) => (key === '__esModule' ? undefined : fail()), has: () => false, ownKeys: () => [], getOwnPropertyDescriptor: () => undefined },
  );
}

async function runJob(job: Extract<ToWorker, { type: 'job' }>): Promise<void> {
  const bundle = labs.get(job.key);
  if (bundle === undefined) {
    send({ type: 'fail', id: job.id, message: `no test bundle registered under ${job.key}` });
    return;
  }
  const limits: JobLimits = job.limits;
  const out = new OutputCapture(limits.maxOutputBytes);
  const timers = makeTimers();
  const globals = harden({
    console: makeConsole(out),
    ...timers.globals,
    Math: makeMath(job.seed),
    Date: makeDate(),
    TextEncoder,
    TextDecoder,
    require: studentRequire,
  });

  let loadError = '';
  let studentExports: Record<string, unknown> = {};
  try {
    const compartment = new Compartment({ __options__: true, globals });
    const fn = compartment.evaluate(`(function (module, exports, require) {\n${job.studentCode}\n})`) as (
      module: { exports: unknown },
      exports: unknown,
      require: unknown,
    ) => void;
    const module = { exports: {} as unknown };
    fn(module, module.exports, studentRequire);
    studentExports = module.exports as Record<string, unknown>;
  } catch (error) {
    loadError = describeError(error);
  }
  const loadOutput = out.take();

  const harness = createHarness({ testTimeoutMs: limits.testTimeoutMs });
  const testModule = { exports: {} as unknown };
  const testRequire = (name: string): unknown => {
    if (name === 'vitest') return harness.api;
    if (name === '@virtlab/core') return coreExports;
    throw new Error(`lab tests may import only vitest, @virtlab/core and the lab's own files, not "${name}"`);
  };
  const student = (path: string): unknown => {
    if (loadError !== '') return brokenModule(loadError);
    const ns = studentExports[path];
    return ns === undefined ? brokenModule(`${path} is not part of the submission`) : ns;
  };
  const fileErrors: Record<string, string> = {};
  bundle(testRequire, testModule, testModule.exports, student, harness.setCurrentFile, (path, error) => {
    fileErrors[path] = describeError(error);
  });
  const wanted = new Set(job.files);
  const chosen = harness.list().filter((t) => wanted.has(t.file));
  send({ type: 'loaded', id: job.id, loadError, tests: chosen.slice(job.skipUntil) });

  let index = -1;
  let first = true;
  const results = await harness.run({
    filter: (test: { file: string }) => wanted.has(test.file),
    skipUntil: job.skipUntil,
    onTestStart: () => {
      index++;
      out.take();
    },
    onTestEnd: (result: Omit<SandboxTestResult, 'output'>) => {
      const printed = out.take();
      const output = first ? loadOutput + printed : printed;
      first = false;
      send({ type: 'test-end', id: job.id, index: job.skipUntil + index, result: { ...result, output } });
    },
  });
  void results;
  timers.clearAll();
  send({ type: 'done', id: job.id, fileErrors });
}

port.on('message', (message: ToWorker) => {
  if (message.type === 'ping') {
    send({ type: 'pong' });
    return;
  }
  if (message.type === 'lab') {
    const fn = vm.compileFunction(message.testCode, ['require', 'module', 'exports', '__student', '__setFile', '__fileError'], {
      filename: `lab-tests-${message.key}.js`,
    });
    labs.set(message.key, fn as unknown as TestBundle);
    return;
  }
  runJob(message).catch((error: unknown) => send({ type: 'fail', id: message.id, message: describeError(error) }));
});

send({ type: 'ready' });
