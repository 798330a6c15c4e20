/**
 * A pool of sandbox processes, each running one job at a time: the only way the grader runs
 * student code.
 *
 *   grader ──job──► slot 1: [prlimit ▸ bwrap ▸ node ▸ supervisor ▸ worker]
 *          ──job──► slot 2: [ … ]
 *
 * Interface: `createPool({ size, runtimeDir, … })`, then `pool.run(job)` as often as needed (jobs
 * queue until a slot is free), then `pool.close()`. A slot's process starts once and serves many
 * jobs; the lab's test bundle is sent to it once. If a process dies or stops answering, the job
 * it held is tried once more in a fresh process. A sandbox that cannot start is a failure of the
 * grader's machinery (`machinery`), never a score. A process that dies twice while running the
 * same submission (and starts fine otherwise) was killed by that submission: the job's result then
 * says so, and its tests count as errors.
 *
 * Processes start with a clean environment (no NODE_OPTIONS, no NODE_EXTRA_CA_CERTS, which alone
 * costs 40 ms a start) and in their own process group, so killing one kills all of it.
 */

import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { sandboxCommand } from './layers.ts';
import type { FromSupervisor, JobLimits, ToSupervisor } from './sandbox/protocol.ts';

/** A job for the pool. */
export interface PoolJob {
  /** Identifies the lab's test bundle; the same key must always mean the same code. */
  key: string;
  /** The lab's compiled test bundle. */
  testCode: string;
  /** The student's compiled bundle. */
  studentCode: string;
  /** Test files to run (relative to the lab folder). */
  files: string[];
  /** Limits. */
  limits: JobLimits;
}

/** What the pool answers: the supervisor's result, or why the machinery failed. */
export type PoolResult = { ok: true; result: Extract<FromSupervisor, { type: 'result' }> } | { ok: false; machinery: string; crashed: boolean };

/** Options of `createPool`. */
export interface PoolOptions {
  /** Number of sandbox processes (default 1). */
  size?: number;
  /** Folder holding the built supervisor.js and worker.js. */
  runtimeDir: string;
  /** Address-space cap per process, in MiB (default 4096). */
  addressSpaceMb?: number;
}

/** Jobs sent to one sandbox process before the first of them is answered: the next ones wait there, queued. */
export const IN_FLIGHT = 3;

/** A pool of sandbox processes. */
export interface Pool {
  /** Runs one job in some slot. */
  run(job: PoolJob): Promise<PoolResult>;
  /** Starts every process now instead of on first use (so their start-up overlaps other work). */
  warm(): void;
  /** Stops every process. */
  close(): Promise<void>;
}

interface Slot {
  child: ChildProcess;
  ready: Promise<void>;
  labs: Set<string>;
  pending: Map<number, (r: PoolResult) => void>;
  stderr: string;
  dead: boolean;
}

/** Creates the pool; processes start lazily, on the first jobs. */
export function createPool(options: PoolOptions): Pool {
  const size = Math.max(1, options.size ?? 1);
  const { command, args } = sandboxCommand({ runtimeDir: options.runtimeDir, addressSpaceMb: options.addressSpaceMb ?? 4096 });
  const slots: (Slot | undefined)[] = new Array(size).fill(undefined);
  // Jobs in flight per slot (IN_FLIGHT), so the supervisor has the next job queued while it reports one.
  const busy: number[] = new Array(size).fill(0);
  const waiting: ((index: number) => void)[] = [];
  let nextId = 1;
  let closed = false;

  function startSlot(): Slot {
    const child = spawn(command, args, {
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin' },
      stdio: ['pipe', 'pipe', 'pipe'],
      detached: true,
    });
    const slot: Slot = { child, ready: Promise.resolve(), labs: new Set(), pending: new Map(), stderr: '', dead: false };
    slot.ready = new Promise((resolve, reject) => {
      const lines = createInterface({ input: child.stdout! });
      lines.on('line', (line) => {
        let m: FromSupervisor;
        try {
          m = JSON.parse(line) as FromSupervisor;
        } catch {
          return; // not ours: ignore
        }
        if (m.type === 'ready') resolve();
        else if (m.type === 'result') {
          const done = slot.pending.get(m.id);
          slot.pending.delete(m.id);
          done?.({ ok: true, result: m });
        } else if (m.type === 'fatal') {
          slot.stderr += `${m.message}\n`;
          kill(slot);
        }
      });
      child.stderr!.on('data', (chunk: Buffer) => {
        if (slot.stderr.length < 8192) slot.stderr += chunk.toString('utf8');
      });
      child.on('error', (error) => {
        slot.stderr += `${error.message}\n`;
        reject(error);
      });
      child.on('exit', (code, signal) => {
        slot.dead = true;
        const why = `the sandbox process exited (${signal ?? `code ${code}`})${slot.stderr.trim() === '' ? '' : `: ${slot.stderr.trim().split('\n').slice(-3).join(' | ')}`}`;
        reject(new Error(why));
        for (const done of slot.pending.values()) done({ ok: false, machinery: why, crashed: true });
        slot.pending.clear();
      });
    });
    slot.ready.catch(() => undefined);
    return slot;
  }

  function kill(slot: Slot): void {
    if (slot.dead) return;
    slot.dead = true;
    try {
      if (slot.child.pid !== undefined) process.kill(-slot.child.pid, 'SIGKILL');
    } catch {
      slot.child.kill('SIGKILL');
    }
  }

  async function acquire(): Promise<number> {
    const least = Math.min(...busy);
    if (least < IN_FLIGHT) {
      const index = busy.indexOf(least);
      busy[index]!++;
      return index;
    }
    return new Promise((resolve) => waiting.push(resolve));
  }

  function release(index: number): void {
    const next = waiting.shift();
    if (next !== undefined) next(index);
    else busy[index]!--;
  }

  async function once(index: number, job: PoolJob): Promise<PoolResult> {
    let slot = slots[index];
    if (slot === undefined || slot.dead) {
      slot = startSlot();
      slots[index] = slot;
    }
    try {
      await slot.ready;
    } catch (error) {
      return { ok: false, machinery: `cannot start the sandbox: ${(error as Error).message}`, crashed: false };
    }
    const send = (m: ToSupervisor) => slot.child.stdin!.write(`${JSON.stringify(m)}\n`);
    if (!slot.labs.has(job.key)) {
      send({ type: 'lab', key: job.key, testCode: job.testCode });
      slot.labs.add(job.key);
    }
    const id = nextId++;
    const answer = new Promise<PoolResult>((resolve) => slot.pending.set(id, resolve));
    // The supervisor enforces the job's limits itself; this is the backstop if it stops answering.
    const backstop = setTimeout(() => {
      slot.stderr += 'the sandbox stopped answering\n';
      kill(slot);
    }, job.limits.submissionTimeoutMs + 15_000);
    send({ type: 'job', id, key: job.key, studentCode: job.studentCode, files: job.files, limits: job.limits });
    const result = await answer;
    clearTimeout(backstop);
    return result;
  }

  return {
    async run(job) {
      if (closed) return { ok: false, machinery: 'the pool is closed', crashed: false };
      const index = await acquire();
      try {
        const first = await once(index, job);
        if (first.ok) return first;
        const second = await once(index, job);
        if (second.ok) return second;
        if (first.crashed && second.crashed) {
          const loadError = 'the sandbox process was killed while running your code, twice (an ArrayBuffer or memory bomb?)';
          return { ok: true, result: { type: 'result', id: 0, results: [], loadError, fileErrors: {}, restarts: 2, timedOut: true } };
        }
        return { ok: false, machinery: `${first.machinery}; tried again: ${second.machinery}`, crashed: false };
      } finally {
        release(index);
      }
    },
    warm() {
      for (let i = 0; i < size; i++) if (slots[i] === undefined) slots[i] = startSlot();
    },
    async close() {
      closed = true;
      await Promise.all(
        slots.map(async (slot) => {
          if (slot === undefined || slot.dead) return;
          const exited = new Promise<void>((resolve) => slot.child.once('exit', () => resolve()));
          slot.child.stdin!.end();
          const timer = setTimeout(() => kill(slot), 2000);
          await exited;
          clearTimeout(timer);
        }),
      );
    },
  };
}
