/**
 * The sandbox process's main thread: takes jobs from the grader on stdin, runs each in the worker
 * thread, and answers with the results on stdout — one JSON object per line both ways.
 *
 * It never runs student code itself; it watches the worker that does:
 *
 *   job ──► worker: load student code ──► loaded ──► test-start ─► test-end ─► … ─► done ──► result
 *                    └ watchdog: loadMs ┘             └ watchdog: testTimeoutMs + grace ┘
 *
 * When a watchdog fires (an endless loop, a microtask flood) or the worker dies (its heap limit),
 * the worker is terminated and a new one started; the test that was running is recorded as
 * `timeout` or `error`, and the job goes on from the next test. The whole job also has a deadline
 * (`submissionTimeoutMs`): past it, the tests not yet run are reported missing (`timedOut`), and
 * the grader records them as timed out.
 *
 * Interface: started by the grader's pool as `node supervisor.js` (inside the sandbox layers);
 * protocol.ts lists the messages.
 */

import { createInterface } from 'node:readline';
import { Worker } from 'node:worker_threads';
import type { FromSupervisor, FromWorker, SandboxTestResult, ToSupervisor, ToWorker } from './protocol.ts';

/** Extra time the watchdog allows past a test's own limit, so the harness can report async timeouts itself. */
const GRACE_MS = 1000;

/**
 * At a test's limit the watchdog pings the worker: a worker that answers within this many ms is
 * only waiting (an async test the harness will time out itself); one that does not is stuck in a
 * synchronous loop or a microtask flood and is killed at once, without the grace.
 */
const PROBE_MS = 100;

/** The seed of Math.random in student code: the same for every submission, so grading is repeatable. */
const SEED = 0x5eed;

const write = (message: FromSupervisor) => process.stdout.write(`${JSON.stringify(message)}\n`);

const labs = new Map<string, string>();
/** A worker thread with the heap limit it was started with and the labs sent to it. */
interface WorkerEntry {
  w: Worker;
  memoryMb: number;
  labs: Set<string>;
}

let worker: WorkerEntry | null = null;
let listener: ((m: FromWorker) => void) | null = null;
let failure: ((reason: { status: 'error'; message: string }) => void) | null = null;
/** The worker the current attempt is using: events from any other (one being torn down) are ignored. */
let active: Worker | null = null;

function startWorker(memoryMb: number): Promise<WorkerEntry> {
  return new Promise((resolve, reject) => {
    const w = new Worker(new URL('./worker.js', import.meta.url), {
      resourceLimits: { maxOldGenerationSizeMb: memoryMb, maxYoungGenerationSizeMb: 16, stackSizeMb: 4 },
      stdout: true,
      stderr: true,
      env: {},
    });
    // Whatever the worker prints (SES's lockdown notes) must never reach our stdout, the protocol channel.
    w.stdout.resume();
    w.stderr.resume();
    const entry = { w, memoryMb, labs: new Set<string>() };
    let ready = false;
    w.on('message', (m: FromWorker) => {
      if (m.type === 'ready' && !ready) {
        ready = true;
        resolve(entry);
        return;
      }
      if (active === w) listener?.(m);
    });
    w.on('error', (error: Error & { code?: string }) => {
      if (!ready) reject(error);
      if (active !== w) return;
      const message =
        error.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? `ran out of memory (the limit is ${memoryMb} MiB)`
          : `the sandbox stopped the code: ${error.message.split('\n')[0]}`;
      failure?.({ status: 'error', message });
    });
    w.on('exit', (code) => {
      if (worker?.w === w) worker = null;
      if (!ready) reject(new Error(`the sandbox worker exited with code ${code} before it was ready`));
      if (active === w) failure?.({ status: 'error', message: `the sandbox worker stopped (exit code ${code})` });
    });
  });
}

/** A worker started ahead of need, so that replacing a killed one costs no start-up (lockdown takes ~75 ms). */
let spare: Promise<WorkerEntry> | null = null;

function prepareSpare(memoryMb: number): void {
  if (spare !== null) return;
  spare = startWorker(memoryMb);
  spare.catch(() => {
    spare = null;
  });
}

async function ensureWorker(memoryMb: number, key: string): Promise<Worker> {
  if (worker !== null && worker.memoryMb !== memoryMb) {
    await worker.w.terminate();
    worker = null;
  }
  if (worker === null) {
    const ready = spare;
    spare = null;
    const candidate = ready === null ? null : await ready.catch(() => null);
    if (candidate !== null && candidate.memoryMb === memoryMb) worker = candidate;
    else {
      if (candidate !== null) void candidate.w.terminate();
      worker = await startWorker(memoryMb);
    }
    prepareSpare(memoryMb);
  }
  if (!worker.labs.has(key)) {
    const testCode = labs.get(key);
    if (testCode === undefined) throw new Error(`job for unknown lab ${key}`);
    worker.w.postMessage({ type: 'lab', key, testCode } satisfies ToWorker);
    worker.labs.add(key);
  }
  return worker.w;
}

type Job = Extract<ToSupervisor, { type: 'job' }>;

/** Time a finished worker gets to answer a ping before it is presumed busy and replaced, in ms. */
const IDLE_CHECK_MS = 250;

/**
 * Checks that the worker is idle once a job is done: a submission can leave work behind that never
 * yields (a microtask flood started in a test), which would stall the next student's job. A worker
 * that does not answer at once is replaced, so nothing of one submission reaches the next.
 */
function ensureIdle(w: Worker): Promise<void> {
  return new Promise((resolve) => {
    const onMessage = (m: FromWorker) => {
      if (m.type !== 'pong') return;
      clearTimeout(timer);
      w.off('message', onMessage);
      resolve();
    };
    const timer = setTimeout(() => {
      w.off('message', onMessage);
      if (worker?.w === w) worker = null;
      void w.terminate();
      resolve();
    }, IDLE_CHECK_MS);
    w.on('message', onMessage);
    w.postMessage({ type: 'ping' } satisfies ToWorker);
  });
}

interface Attempt {
  /** How the attempt ended. */
  end: 'done' | 'killed' | 'fail';
  results: SandboxTestResult[];
  loadError: string;
  fileErrors: Record<string, string>;
  /** For `killed`: the test that was running (index into the collected tests), or null while loading. */
  current: { index: number; file: string; name: string; started: number } | null;
  status: 'timeout' | 'error';
  message: string;
}

function attempt(w: Worker, job: Job, skipUntil: number, deadline: number): Promise<Attempt> {
  const { testTimeoutMs } = job.limits;
  return new Promise((resolve) => {
    const a: Attempt = { end: 'done', results: [], loadError: '', fileErrors: {}, current: null, status: 'error', message: '' };
    let timer: ReturnType<typeof setTimeout> | undefined;
    let settled = false;
    const finish = (end: Attempt['end']) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      listener = null;
      failure = null;
      active = null;
      a.end = end;
      resolve(a);
    };
    const kill = (status: Attempt['status'], message: string) => {
      if (settled) return;
      a.status = status;
      a.message = message;
      worker = null;
      void w.terminate();
      finish('killed');
    };
    const arm = (ms: number, message: string) => {
      clearTimeout(timer);
      const left = deadline - Date.now();
      const overall = left < ms;
      timer = setTimeout(
        () => kill('timeout', overall ? `the submission used up its time limit (${job.limits.submissionTimeoutMs} ms)` : message),
        Math.max(0, Math.min(ms, left)),
      );
    };
    let pending: { file: string; name: string }[] = [];
    let next = skipUntil;
    let probing = false;
    const startTest = () => {
      const test = pending[next - skipUntil];
      a.current = test === undefined ? null : { index: next, file: test.file, name: test.name, started: Date.now() };
      const stuck = `the test did not finish within ${testTimeoutMs} ms (an endless loop?)`;
      clearTimeout(timer);
      probing = false;
      const left = deadline - Date.now();
      if (left < testTimeoutMs) {
        arm(testTimeoutMs, stuck);
        return;
      }
      timer = setTimeout(() => {
        probing = true;
        w.postMessage({ type: 'ping' } satisfies ToWorker);
        arm(PROBE_MS, stuck);
      }, testTimeoutMs);
    };
    listener = (m) => {
      if (m.type === 'pong') {
        // Alive, only waiting: give the harness its grace to time the test out itself.
        if (probing) arm(GRACE_MS, `the test did not finish within ${testTimeoutMs} ms`);
        probing = false;
      } else if (m.type === 'loaded') {
        a.loadError = m.loadError;
        pending = m.tests;
        startTest();
      } else if (m.type === 'test-end') {
        a.results.push(m.result);
        next = m.index + 1;
        startTest();
      } else if (m.type === 'done') {
        a.fileErrors = m.fileErrors;
        finish('done');
      } else if (m.type === 'fail') {
        a.message = m.message;
        finish('fail');
      }
    };
    failure = ({ status, message }) => kill(status, message);
    active = w;
    arm(testTimeoutMs + GRACE_MS, `your code did not finish loading within ${testTimeoutMs} ms (an endless loop at the top level?)`);
    w.postMessage({ type: 'job', id: job.id, key: job.key, studentCode: job.studentCode, files: job.files, limits: job.limits, skipUntil, seed: SEED } satisfies ToWorker);
  });
}

async function runJob(job: Job): Promise<void> {
  const deadline = Date.now() + job.limits.submissionTimeoutMs;
  const results: SandboxTestResult[] = [];
  let loadError = '';
  let fileErrors: Record<string, string> = {};
  let restarts = 0;
  let skipUntil = 0;
  let timedOut = false;
  for (;;) {
    const w = await ensureWorker(job.limits.memoryMb, job.key);
    const a = await attempt(w, job, skipUntil, deadline);
    results.push(...a.results);
    if (a.loadError !== '') loadError = a.loadError;
    if (a.end === 'fail') {
      write({ type: 'fatal', message: `worker failed on job ${job.id}: ${a.message}` });
      return;
    }
    if (a.end === 'done') {
      fileErrors = a.fileErrors;
      await ensureIdle(w);
      break;
    }
    restarts++;
    if (a.current === null) {
      // Killed before or between tests: nothing more can be learned by starting again.
      if (results.length === 0 && loadError === '') loadError = a.message;
      timedOut = true;
      break;
    }
    results.push({
      file: a.current.file,
      name: a.current.name,
      status: a.status,
      message: a.message,
      output: '',
      durationMs: Date.now() - a.current.started,
    });
    skipUntil = a.current.index + 1;
    if (Date.now() >= deadline) {
      timedOut = true;
      break;
    }
  }
  write({ type: 'result', id: job.id, results, loadError, fileErrors, restarts, timedOut });
}

let queue: Promise<void> = Promise.resolve();
const input = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
input.on('line', (line) => {
  let message: ToSupervisor;
  try {
    message = JSON.parse(line) as ToSupervisor;
  } catch {
    write({ type: 'fatal', message: 'a line on stdin is not JSON' });
    return;
  }
  if (message.type === 'lab') {
    labs.set(message.key, message.testCode);
    return;
  }
  if (message.type === 'exit') {
    queue = queue.then(() => process.exit(0));
    return;
  }
  const job = message;
  queue = queue.then(() =>
    runJob(job).catch((error: unknown) => {
      write({ type: 'fatal', message: `job ${job.id}: ${error instanceof Error ? error.message : String(error)}` });
    }),
  );
});
input.on('close', () => {
  queue = queue.then(() => process.exit(0));
});

startWorker(256)
  .then((w) => {
    worker = w;
    write({ type: 'ready', node: process.version });
  })
  .catch((error: unknown) => write({ type: 'fatal', message: `cannot start the sandbox worker: ${error instanceof Error ? error.message : String(error)}` }));
