/**
 * The container kernel's mechanism: processes and threads running workloads on `cpus` virtual
 * CPUs, one tick (TICK_USEC) at a time, with every decision of cgroup v2 taken by a policy
 * (policy.ts). Pure and deterministic: no clock, no randomness; the same calls give the same
 * kernel, byte for byte.
 *
 *   stepKernel: wake sleepers ─► runnable threads ─► throttledBy (cpu.max)
 *               ─► cpuShares ─► lag += share·cpus·tick ─► the `cpus` threads with the most lag run
 *               ─► usage_usec up the tree, chargeCpu, the workload's effect (alloc, fork, exit)
 *               ─► time += tick ─► periodTimer (cpu.max periods) ─► populated changes
 *
 * cgroup.events "populated" changes are logged as they happen: after spawn, fork, exit and
 * migration (cgroupfs.ts), and after each tick.
 *
 * The scheduler is a proportional-share one in the manner of CFS: a thread's lag is the CPU
 * it was entitled to (its share) minus the CPU it got, kept within ±LAG_BOUND so a thread that
 * slept does not come back owed a fortune. Ties go to the lower tid.
 *
 * Interface: `createKernel`, `spawn`, `fork`, `cloneThread`, `exitProcess`, `killProcess`,
 * `unshare`, `stepKernel`, `runKernel`, and helpers for policies: `ancestors`, `descendants`,
 * `subtreeProcesses`, `memoryCurrent`, `commitCharge`, `reclaimCache`, `liveThreads`.
 */
import { CgroupError, fail } from './errno.ts';
import type { CgroupPolicy } from './policy.ts';
import {
  CPU_LIMITS,
  type Cgroup,
  type Kernel,
  type KernelEvent,
  PAGE_SIZE,
  type Process,
  type ProcessExit,
  TICK_USEC,
  type Thread,
  type Workload,
} from './types.ts';

/** How far a thread's lag may run ahead or behind, microseconds. */
export const LAG_BOUND = 10 * TICK_USEC;

/** Options of `createKernel`. */
export interface KernelOptions {
  /** Virtual CPUs (default 1). */
  cpus?: number;
  /** The host's hostname (default "host"). */
  hostname?: string;
}

/** A new cgroup's state, with Linux's defaults. */
export function newCgroup(path: string, parent: string | null): Cgroup {
  return {
    path,
    parent,
    children: [],
    procs: [],
    subtreeControl: [],
    cpu: {
      weight: CPU_LIMITS.weightDefault,
      quota: 'max',
      period: CPU_LIMITS.periodDefault,
      runtime: 0,
      usageUsec: 0,
      nrPeriods: 0,
      nrThrottled: 0,
      throttledUsec: 0,
      periodActive: false,
      periodThrottled: false,
    },
    memory: { high: 'max', max: 'max', anonPages: 0, cachePages: 0, events: { low: 0, high: 0, max: 0, oom: 0, oom_kill: 0 } },
    pids: { max: 'max', eventsMax: 0 },
    populatedChanges: 0,
    wasPopulated: false,
  };
}

/** A kernel with only the root cgroup and the host's namespaces, at time 0, with no process. */
export function createKernel(options: KernelOptions = {}): Kernel {
  const cpus = options.cpus ?? 1;
  if (!Number.isInteger(cpus) || cpus < 1 || cpus > 64) throw new RangeError(`cpus must be a whole number 1..64, not ${cpus}`);
  return {
    time: 0,
    cpus,
    cgroups: { '/': newCgroup('/', null) },
    processes: {},
    threads: {},
    nextPid: 1,
    pidns: { 0: { id: 0, parent: null, level: 0, nextPid: 1, init: null, dead: false } },
    uts: { 0: { id: 0, hostname: options.hostname ?? 'host' } },
    mnt: { 0: { id: 0, mounts: ['/dev/sda1 on /', 'proc on /proc'] } },
    nextNs: 1,
    running: [],
    log: [],
  };
}

/** Adds an event to the kernel's log at the current time. */
export function logEvent(k: Kernel, event: Omit<KernelEvent, 'time'>): void {
  k.log.push({ time: k.time, ...event });
}

/** The cgroup at `path`; throws CgroupError ENOENT if there is none. */
export function cgroupAt(k: Kernel, path: string): Cgroup {
  return Object.hasOwn(k.cgroups, path) ? k.cgroups[path]! : fail('ENOENT', `no cgroup ${path}`);
}

/** The live process `pid`; throws CgroupError ESRCH if there is none. */
export function processAt(k: Kernel, pid: number): Process {
  const p = Object.hasOwn(k.processes, pid) ? k.processes[pid] : undefined;
  if (p === undefined || p.state === 'dead') fail('ESRCH', `no process ${pid}`);
  return p;
}

/** `path` and every cgroup above it, nearest first: '/a/b' → ['/a/b', '/a', '/']. */
export function ancestors(k: Kernel, path: string): string[] {
  const out: string[] = [];
  for (let cg: Cgroup | undefined = cgroupAt(k, path); cg !== undefined; cg = cg.parent === null ? undefined : k.cgroups[cg.parent]) out.push(cg.path);
  return out;
}

/** `path` and every cgroup below it, parents before children. */
export function descendants(k: Kernel, path: string): string[] {
  const out = [path];
  for (let i = 0; i < out.length; i++) out.push(...cgroupAt(k, out[i]!).children);
  return out;
}

/** The live processes in `path` and its descendants, by ascending pid. */
export function subtreeProcesses(k: Kernel, path: string): Process[] {
  return descendants(k, path)
    .flatMap((p) => cgroupAt(k, p).procs)
    .sort((a, b) => a - b)
    .map((pid) => k.processes[pid]!);
}

/** The live threads of a process. */
export function liveThreads(k: Kernel, p: Process): Thread[] {
  return p.threads.map((tid) => k.threads[tid]!).filter((t) => t.state !== 'dead');
}

/** Pages charged to `path` itself (not its descendants). */
export function localPages(cg: Cgroup): number {
  return cg.memory.anonPages + cg.memory.cachePages;
}

/** memory.current: bytes charged to `path` and its descendants. */
export function memoryCurrent(k: Kernel, path: string): number {
  return descendants(k, path).reduce((sum, p) => sum + localPages(cgroupAt(k, p)), 0) * PAGE_SIZE;
}

/** Charges `pages` pages of `kind` to process `pid`'s current cgroup (no limit is checked: the policy has). */
export function commitCharge(k: Kernel, pid: number, pages: number, kind: 'anon' | 'cache'): void {
  const p = processAt(k, pid);
  const cg = cgroupAt(k, p.cgroup);
  p.charges[p.cgroup] ??= { anon: 0, cache: 0 };
  const held = p.charges[p.cgroup]!;
  if (kind === 'anon') {
    cg.memory.anonPages += pages;
    held.anon += pages;
  } else {
    cg.memory.cachePages += pages;
    held.cache += pages;
  }
  p.allocatedPages += pages;
}

/**
 * Drops up to `pages` page-cache pages charged in `path`'s subtree (the largest holders first,
 * then by pid), as reclaim would; anonymous pages cannot be reclaimed (no swap). Returns the
 * pages dropped.
 */
export function reclaimCache(k: Kernel, path: string, pages: number): number {
  let left = pages;
  const holders = Object.values(k.processes)
    .flatMap((p) => Object.entries(p.charges).map(([cgPath, c]) => ({ p, cgPath, c })))
    .filter(({ cgPath, c }) => c.cache > 0 && ancestors(k, cgPath).includes(path))
    .sort((a, b) => b.c.cache - a.c.cache || a.p.pid - b.p.pid);
  for (const { cgPath, c } of holders) {
    if (left === 0) break;
    const n = Math.min(left, c.cache);
    c.cache -= n;
    cgroupAt(k, cgPath).memory.cachePages -= n;
    left -= n;
  }
  const dropped = pages - left;
  if (dropped > 0) logEvent(k, { type: 'reclaim', cgroup: path, detail: `${dropped} page${dropped === 1 ? '' : 's'}` });
  return dropped;
}

function newThread(k: Kernel, pid: number, tid: number): Thread {
  const t: Thread = { tid, pid, state: 'runnable', wakeAt: null, ranUsec: 0, burstUsec: 0, lag: 0 };
  k.threads[tid] = t;
  return t;
}

/** A thread of a process whose workload is 'sleep' starts asleep, for good; any other starts runnable. */
function startThread(t: Thread, w: Workload): void {
  if (w.kind === 'sleep') t.state = 'sleeping';
}

/** Options of `spawn` and `fork`. */
export interface SpawnOptions {
  /** A name for traces (default: the workload's kind). */
  name?: string;
  /** What it does. */
  workload: Workload;
  /** Its cgroup (spawn only; default '/'). A fork starts in its parent's cgroup. */
  cgroup?: string;
}

function addProcess(k: Kernel, policy: CgroupPolicy, parent: Process | null, cgroup: string, opts: SpawnOptions): number {
  cgroupAt(k, cgroup);
  policy.chargePids(k, cgroup);
  const pidns = parent?.pidnsForChildren ?? 0;
  const nsPids = policy.allocNsPids(k, pidns);
  const pid = k.nextPid++;
  const p: Process = {
    pid,
    name: opts.name ?? opts.workload.kind,
    parent: parent?.pid ?? null,
    cgroup,
    threads: [pid],
    workload: opts.workload,
    state: 'alive',
    exit: null,
    charges: {},
    allocatedPages: 0,
    throttledUntil: 0,
    forks: { done: 0, failed: 0 },
    pidns,
    pidnsForChildren: pidns,
    nsPids,
    uts: parent?.uts ?? 0,
    mnt: parent?.mnt ?? 0,
    root: parent?.root ?? '/',
    cwd: parent?.cwd ?? '/',
  };
  k.processes[pid] = p;
  const ns = k.pidns[pidns]!;
  // The host's namespace has no init that can exit in this model; a new namespace's first process is its PID 1.
  if (pidns !== 0 && nsPids[nsPids.length - 1] === 1 && ns.init === null) ns.init = pid;
  startThread(newThread(k, pid, pid), opts.workload);
  const cg = cgroupAt(k, cgroup);
  cg.procs = [...cg.procs, pid].sort((a, b) => a - b);
  return pid;
}

/**
 * Starts a process from outside (as an init system would: fork in the root cgroup, then write
 * its pid to `options.cgroup`'s cgroup.procs, so the policy's migrate rules apply); returns its
 * pid. Throws CgroupError (EAGAIN, ENOMEM, or what migrate refuses: the process is then gone).
 */
export function spawn(k: Kernel, policy: CgroupPolicy, options: SpawnOptions): number {
  const cgroup = options.cgroup ?? '/';
  cgroupAt(k, cgroup);
  let pid: number;
  try {
    pid = addProcess(k, policy, null, '/', options);
  } catch (error) {
    if (error instanceof CgroupError) logEvent(k, { type: 'fork-failed', cgroup: '/', detail: error.errno });
    throw error;
  }
  logEvent(k, { type: 'fork', pid, cgroup, detail: k.processes[pid]!.name });
  if (cgroup !== '/') {
    try {
      policy.migrate(k, pid, cgroup);
    } catch (error) {
      exitProcess(k, policy, pid, { code: 1, reason: 'could not enter its cgroup' });
      throw error;
    }
  }
  notePopulated(k, policy);
  return pid;
}

/** Process `parent` forks a child running `options.workload` in its own cgroup; returns the child's pid. Throws CgroupError (EAGAIN, ENOMEM). */
export function fork(k: Kernel, policy: CgroupPolicy, parent: number, options: SpawnOptions): number {
  const p = processAt(k, parent);
  try {
    const pid = addProcess(k, policy, p, p.cgroup, options);
    logEvent(k, { type: 'fork', pid, cgroup: p.cgroup, detail: `${k.processes[pid]!.name} (child of ${parent})` });
    notePopulated(k, policy);
    return pid;
  } catch (error) {
    if (error instanceof CgroupError) logEvent(k, { type: 'fork-failed', pid: parent, cgroup: p.cgroup, detail: error.errno });
    throw error;
  }
}

/** Process `pid` starts one more thread (it counts against pids.max as a task); returns its tid. Throws CgroupError EAGAIN. */
export function cloneThread(k: Kernel, policy: CgroupPolicy, pid: number): number {
  const p = processAt(k, pid);
  try {
    policy.chargePids(k, p.cgroup);
  } catch (error) {
    if (error instanceof CgroupError) logEvent(k, { type: 'fork-failed', pid, cgroup: p.cgroup, detail: `${error.errno} (thread)` });
    throw error;
  }
  const tid = k.nextPid++;
  p.threads.push(tid);
  startThread(newThread(k, pid, tid), p.workload);
  logEvent(k, { type: 'clone-thread', pid, cgroup: p.cgroup, detail: `tid ${tid}` });
  return tid;
}

/** Ends process `pid`: its threads stop, its pages are uncharged, it leaves its cgroup; then the policy's onExit may kill more. */
export function exitProcess(k: Kernel, policy: CgroupPolicy, pid: number, exit: Omit<ProcessExit, 'time'>): void {
  const p = k.processes[pid];
  if (p === undefined || p.state === 'dead') return;
  p.state = 'dead';
  p.exit = { time: k.time, ...exit };
  for (const tid of p.threads) {
    const t = k.threads[tid]!;
    t.state = 'dead';
    t.wakeAt = null;
  }
  for (const [cgPath, c] of Object.entries(p.charges)) {
    const cg = k.cgroups[cgPath];
    if (cg !== undefined) {
      cg.memory.anonPages -= c.anon;
      cg.memory.cachePages -= c.cache;
    }
  }
  p.charges = {};
  const cg = cgroupAt(k, p.cgroup);
  cg.procs = cg.procs.filter((x) => x !== pid);
  logEvent(k, {
    type: exit.signal === undefined ? 'exit' : 'kill',
    pid,
    cgroup: p.cgroup,
    detail: exit.signal === undefined ? `code ${exit.code ?? 0}` : `${exit.signal} (${exit.reason})`,
  });
  for (const other of policy.onExit(k, pid)) killProcess(k, policy, other, 'pid-ns-init-exited');
  notePopulated(k, policy);
}

/** SIGKILLs process `pid` (nothing happens if it is already dead). */
export function killProcess(k: Kernel, policy: CgroupPolicy, pid: number, reason: string): void {
  exitProcess(k, policy, pid, { signal: 'SIGKILL', reason });
}

/** unshare(2) flags the model has (values as Linux's). */
export const CLONE_NEWNS = 0x00020000;
/** unshare(2): a new UTS namespace (hostname). */
export const CLONE_NEWUTS = 0x04000000;
/** unshare(2): a new PID namespace for the caller's next children. */
export const CLONE_NEWPID = 0x20000000;

/**
 * unshare(2) for process `pid`: CLONE_NEWUTS and CLONE_NEWNS move it into copies of its UTS and
 * mount namespaces; CLONE_NEWPID does not move it, its next child is the new namespace's PID 1.
 * Returns the ids of the namespaces made. Throws CgroupError EINVAL for other flags.
 */
export function unshare(k: Kernel, pid: number, flags: number): number[] {
  const p = processAt(k, pid);
  if ((flags & ~(CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWPID)) !== 0) fail('EINVAL', `unshare: flags 0x${flags.toString(16)} include ones the model does not have`);
  const made: number[] = [];
  if (flags & CLONE_NEWUTS) {
    const id = k.nextNs++;
    k.uts[id] = { id, hostname: k.uts[p.uts]!.hostname };
    p.uts = id;
    made.push(id);
  }
  if (flags & CLONE_NEWNS) {
    const id = k.nextNs++;
    k.mnt[id] = { id, mounts: [...k.mnt[p.mnt]!.mounts] };
    p.mnt = id;
    made.push(id);
  }
  if (flags & CLONE_NEWPID) {
    if (p.pidnsForChildren !== p.pidns) fail('EINVAL', `unshare: process ${pid} already made a PID namespace for its children`);
    const id = k.nextNs++;
    const parent = k.pidns[p.pidnsForChildren]!;
    k.pidns[id] = { id, parent: parent.id, level: parent.level + 1, nextPid: 1, init: null, dead: false };
    p.pidnsForChildren = id;
    made.push(id);
  }
  return made;
}

/** Mounts `source` on `target` in process `pid`'s mount namespace only. */
export function mount(k: Kernel, pid: number, source: string, target: string): void {
  k.mnt[processAt(k, pid).mnt]!.mounts.push(`${source} on ${target}`);
}

/** The threads that may run now (alive, awake, not held back by memory.high), ascending tid. */
function awakeThreads(k: Kernel): Thread[] {
  const out: Thread[] = [];
  for (const t of Object.values(k.threads)) {
    if (t.state === 'sleeping' && t.wakeAt !== null && t.wakeAt <= k.time) {
      t.state = 'runnable';
      t.wakeAt = null;
      t.burstUsec = 0;
    }
    if (t.state === 'runnable' && k.processes[t.pid]!.throttledUntil <= k.time) out.push(t);
  }
  return out;
}

/** What one tick of CPU does for thread `t` beyond using it. */
function runWorkload(k: Kernel, policy: CgroupPolicy, t: Thread): void {
  const p = k.processes[t.pid]!;
  const w = p.workload;
  const main = t.tid === p.pid;
  if (!main || w.kind === 'busy') {
    if (main && w.kind === 'busy' && w.usec !== undefined && t.ranUsec >= w.usec) exitProcess(k, policy, p.pid, { code: 0, reason: 'done' });
    return;
  }
  switch (w.kind) {
    case 'periodic':
      t.burstUsec += TICK_USEC;
      if (t.burstUsec >= w.runUsec) {
        t.state = 'sleeping';
        t.wakeAt = (Math.floor(k.time / w.everyUsec) + 1) * w.everyUsec;
      }
      return;
    case 'alloc': {
      const left = w.totalPages === undefined ? w.pagesPerTick : Math.min(w.pagesPerTick, w.totalPages - p.allocatedPages);
      if (left > 0) policy.chargeMemory(k, p.pid, left, w.cache === true ? 'cache' : 'anon', (victim) => killProcess(k, policy, victim, 'oom'));
      else if (w.exitWhenDone === true) exitProcess(k, policy, p.pid, { code: 0, reason: 'done' });
      return;
    }
    case 'fork': {
      // One fork per everyUsec of CPU, whatever the tick: the tries so far are behind the CPU used.
      if (Math.floor(t.ranUsec / w.everyUsec) <= p.forks.done + p.forks.failed) return;
      try {
        if (w.threads === true) cloneThread(k, policy, p.pid);
        else fork(k, policy, p.pid, { workload: w.child, name: `${p.name}.${p.forks.done + p.forks.failed + 1}` });
        p.forks.done++;
      } catch (error) {
        if (!(error instanceof CgroupError)) throw error;
        p.forks.failed++;
      }
      if (p.forks.done + p.forks.failed >= w.count) {
        t.state = 'sleeping';
        t.wakeAt = null;
      }
      return;
    }
    case 'sleep':
      return;
  }
}

/** Runs one tick; returns the events it logged. */
export function stepKernel(k: Kernel, policy: CgroupPolicy): KernelEvent[] {
  const from = k.log.length;
  const runnable = awakeThreads(k);
  const eligible: Thread[] = [];
  const throttledNow = new Set<string>();
  for (const t of runnable) {
    const path = k.processes[t.pid]!.cgroup;
    for (const a of ancestors(k, path)) {
      const cpu = k.cgroups[a]!.cpu;
      if (cpu.quota !== 'max') cpu.periodActive = true;
    }
    const by = policy.throttledBy(k, path);
    if (by === null) eligible.push(t);
    else throttledNow.add(by);
  }
  for (const path of throttledNow) {
    const cpu = cgroupAt(k, path).cpu;
    if (!cpu.periodThrottled) logEvent(k, { type: 'throttled', cgroup: path, detail: `quota ${cpu.quota} of ${cpu.period} µs used` });
    cpu.periodThrottled = true;
    cpu.throttledUsec += TICK_USEC;
  }
  const shares = policy.cpuShares(
    k,
    eligible.map((t) => t.tid),
  );
  for (const t of eligible) t.lag = Math.min(LAG_BOUND, t.lag + (shares[t.tid] ?? 0) * k.cpus * TICK_USEC);
  const chosen = [...eligible].sort((a, b) => b.lag - a.lag || a.tid - b.tid).slice(0, k.cpus);
  k.running = chosen.map((t) => t.tid);
  for (const t of chosen) {
    t.lag = Math.max(-LAG_BOUND, t.lag - TICK_USEC);
    t.ranUsec += TICK_USEC;
    const path = k.processes[t.pid]!.cgroup;
    for (const a of ancestors(k, path)) k.cgroups[a]!.cpu.usageUsec += TICK_USEC;
    policy.chargeCpu(k, path, TICK_USEC);
  }
  for (const t of chosen) if (t.state === 'runnable' && k.processes[t.pid]!.state === 'alive') runWorkload(k, policy, t);
  k.time += TICK_USEC;
  const waiting = Object.values(k.cgroups).filter((cg) => cg.cpu.quota !== 'max' && cg.cpu.runtime <= 0);
  policy.periodTimer(k);
  for (const cg of waiting) if (cg.cpu.runtime > 0) logEvent(k, { type: 'unthrottled', cgroup: cg.path, detail: `runtime refilled to ${cg.cpu.runtime} µs` });
  notePopulated(k, policy);
  return k.log.slice(from);
}

/** Logs a 'populated' event for every cgroup whose cgroup.events "populated" changed since last noted. */
export function notePopulated(k: Kernel, policy: CgroupPolicy): void {
  for (const cg of Object.values(k.cgroups)) {
    const now = policy.populated(k, cg.path);
    if (now !== cg.wasPopulated) {
      cg.wasPopulated = now;
      cg.populatedChanges++;
      logEvent(k, { type: 'populated', cgroup: cg.path, detail: `populated ${now ? 1 : 0}` });
    }
  }
}

/** Runs ticks until `usec` more microseconds have passed; returns the events logged. */
export function runKernel(k: Kernel, policy: CgroupPolicy, usec: number): KernelEvent[] {
  const from = k.log.length;
  const end = k.time + usec;
  while (k.time < end) stepKernel(k, policy);
  return k.log.slice(from);
}
