/**
 * The container model's state: a small kernel with processes, threads, a cgroup v2 tree and
 * namespaces, as plain data (structuredClone copies it; JSON can hold it). Names, units and
 * value formats are Linux cgroup v2's: time in microseconds, memory in bytes (charged in pages
 * of PAGE_SIZE), `'max'` for "no limit".
 *
 *   Kernel ── cgroups['/'] ── cgroups['/a'] ── cgroups['/a/b']      (paths are the names)
 *          ── processes[pid] ── threads[tid]                       (tid of the main thread = pid)
 *          ── pidns[id], uts[id], mnt[id]                           (namespaces; 0 = the host's)
 *
 * Where the model is simpler than Linux: one scheduler tick is TICK_USEC of CPU on one CPU;
 * every controller is enabled by `cgroup.subtree_control`, with `memory` the only domain
 * controller (`cpu` and `pids` are threaded, as in Linux); no swap, no `memory.low/min`, no
 * `cpu.max.burst`; an OOM kill frees the victim's pages at once.
 */

/** Bytes in a page: memory is charged in whole pages. */
export const PAGE_SIZE = 4096;

/** Microseconds of CPU one scheduler tick hands out on one CPU (1 ms). */
export const TICK_USEC = 1000;

/** The controllers the model has, in the order Linux lists them. */
export const CG_CONTROLLERS = ['cpu', 'memory', 'pids'] as const;

/** A controller's name. */
export type CgController = (typeof CG_CONTROLLERS)[number];

/** Domain controllers obey the no-internal-process rule; `cpu` and `pids` are threaded controllers. */
export const DOMAIN_CONTROLLERS: readonly CgController[] = ['memory'];

/** A limit: a number, or `'max'` for none. */
export type Limit = number | 'max';

/** `cpu.weight` bounds and default, and `cpu.max` bounds (microseconds). */
export const CPU_LIMITS = {
  weightMin: 1,
  weightMax: 10_000,
  weightDefault: 100,
  periodDefault: 100_000,
  periodMin: 1_000,
  periodMax: 1_000_000,
  quotaMin: 1_000,
} as const;

/** The cpu controller's state of one cgroup (the files cpu.weight, cpu.max, cpu.stat). */
export interface CgroupCpuState {
  /** cpu.weight, 1..10000. */
  weight: number;
  /** cpu.max's $MAX: microseconds per period, or 'max'. */
  quota: Limit;
  /** cpu.max's $PERIOD, microseconds. */
  period: number;
  /** Runtime left in the current period, microseconds (meaningful when quota is a number). */
  runtime: number;
  /** cpu.stat usage_usec: CPU used by this cgroup and its descendants. */
  usageUsec: number;
  /** cpu.stat nr_periods: periods that had runnable work in this cgroup. */
  nrPeriods: number;
  /** cpu.stat nr_throttled: periods in which this cgroup's quota ran out. */
  nrThrottled: number;
  /** cpu.stat throttled_usec: time this cgroup's work waited because its own quota ran out. */
  throttledUsec: number;
  /** This period had runnable work here (set by the kernel each tick, cleared by the policy). */
  periodActive: boolean;
  /** This period this cgroup's quota ran out while work waited (set by the kernel, cleared by the policy). */
  periodThrottled: boolean;
}

/** The keys of memory.events and memory.events.local, with their counts. */
export interface MemoryEvents {
  /** Reclaimed while under memory.low (always 0 here: the model has no memory.low). */
  low: number;
  /** Usage went over memory.high: the allocating process was throttled. */
  high: number;
  /** Usage was about to go over memory.max. */
  max: number;
  /** memory.max was reached and reclaim could not make room. */
  oom: number;
  /** Processes of this cgroup killed by the OOM killer. */
  oom_kill: number;
}

/** The memory controller's state of one cgroup. */
export interface CgroupMemoryState {
  /** memory.high in bytes, or 'max'. */
  high: Limit;
  /** memory.max in bytes, or 'max'. */
  max: Limit;
  /** Unreclaimable (anonymous) pages charged to this cgroup itself. */
  anonPages: number;
  /** Reclaimable (page cache) pages charged to this cgroup itself. */
  cachePages: number;
  /** memory.events.local: events of this cgroup alone (memory.events adds the descendants'). */
  events: MemoryEvents;
}

/** The pids controller's state of one cgroup. */
export interface CgroupPidsState {
  /** pids.max, or 'max'. */
  max: Limit;
  /** pids.events max: forks refused because this cgroup's pids.max was reached. */
  eventsMax: number;
}

/** One cgroup, named by its path ('/' is the root). */
export interface Cgroup {
  /** '/', '/a', '/a/b' … */
  path: string;
  /** The parent's path; null for the root. */
  parent: string | null;
  /** The children's paths, in creation order. */
  children: string[];
  /** PIDs of the processes in this cgroup (not its descendants), ascending. */
  procs: number[];
  /** cgroup.subtree_control: the controllers enabled for the children. */
  subtreeControl: CgController[];
  /** cpu controller state. */
  cpu: CgroupCpuState;
  /** memory controller state. */
  memory: CgroupMemoryState;
  /** pids controller state. */
  pids: CgroupPidsState;
  /** How many times cgroup.events `populated` changed (what a poll() on it would have woken for). */
  populatedChanges: number;
  /** The `populated` value last seen by the kernel. */
  wasPopulated: boolean;
}

/** What a process does, described as data. Forked children run `child`; a process's extra threads compute (busy), unless it only sleeps. */
export type Workload =
  /** Always runnable; exits after `usec` of CPU when given. */
  | { kind: 'busy'; usec?: number }
  /** Wakes every `everyUsec`, runs `runUsec` of CPU, sleeps again. */
  | { kind: 'periodic'; runUsec: number; everyUsec: number }
  /** Allocates `pagesPerTick` pages on every tick it runs, up to `totalPages`, then keeps computing (or exits). */
  | { kind: 'alloc'; pagesPerTick: number; cache?: boolean; totalPages?: number; exitWhenDone?: boolean }
  /** Forks `count` children (or threads) running `child`, one every `everyUsec` of its CPU time, then sleeps. */
  | { kind: 'fork'; everyUsec: number; count: number; child: Workload; threads?: boolean }
  /** Never runnable (a process that only holds its place, like a shell waiting). */
  | { kind: 'sleep' };

/** A schedulable thread. */
export interface Thread {
  /** Its id (the kernel's TID; the main thread's tid is the process's pid). */
  tid: number;
  /** The process it belongs to. */
  pid: number;
  /** runnable, sleeping (until `wakeAt`), or dead. */
  state: 'runnable' | 'sleeping' | 'dead';
  /** When a sleeping thread wakes (microseconds), if it ever does. */
  wakeAt: number | null;
  /** CPU it has used, microseconds. */
  ranUsec: number;
  /** CPU used since it last woke (periodic workloads). */
  burstUsec: number;
  /** The scheduler's lag: CPU it was entitled to minus CPU it got, microseconds. */
  lag: number;
}

/** How a process ended. */
export interface ProcessExit {
  /** When. */
  time: number;
  /** Exit code when it exited by itself. */
  code?: number;
  /** The signal that killed it. */
  signal?: 'SIGKILL';
  /** Why: 'done', 'oom', 'pid-ns-init-exited', 'killed'. */
  reason: string;
}

/** A process. */
export interface Process {
  /** PID in the host's PID namespace (the kernel's id). */
  pid: number;
  /** A name for traces. */
  name: string;
  /** Parent's pid, or null. */
  parent: number | null;
  /** Path of its cgroup. */
  cgroup: string;
  /** Its threads' tids, the main thread first. */
  threads: number[];
  /** What it does. */
  workload: Workload;
  /** Alive or dead. */
  state: 'alive' | 'dead';
  /** How it ended, once dead. */
  exit: ProcessExit | null;
  /** Pages it holds, by the cgroup they are charged to (migration does not move charges). */
  charges: Record<string, { anon: number; cache: number }>;
  /** Pages allocated so far (alloc workloads). */
  allocatedPages: number;
  /** Not runnable before this time: memory.high throttling (microseconds). */
  throttledUntil: number;
  /** Forks done and refused (fork workloads). */
  forks: { done: number; failed: number };
  /** Its PID namespace. */
  pidns: number;
  /** The PID namespace its children will be in (differs after unshare(CLONE_NEWPID)). */
  pidnsForChildren: number;
  /** Its PID in its namespace and every ancestor namespace: nsPids[level] for pidns level 0 (host) … own. */
  nsPids: number[];
  /** Its UTS namespace. */
  uts: number;
  /** Its mount namespace. */
  mnt: number;
  /** Its root directory (chroot), an absolute host path. */
  root: string;
  /** Its current directory, an absolute host path. */
  cwd: string;
}

/** A PID namespace. */
export interface PidNamespace {
  /** Its id (0 = the host's). */
  id: number;
  /** Parent namespace id, or null for the host's. */
  parent: number | null;
  /** Depth: 0 for the host's. */
  level: number;
  /** The next PID to hand out in it. */
  nextPid: number;
  /** Host pid of its init (the process with PID 1 in it), once there is one. */
  init: number | null;
  /** Its init has exited: no process may enter it any more. */
  dead: boolean;
}

/** A UTS namespace: a hostname. */
export interface UtsNamespace {
  /** Its id (0 = the host's). */
  id: number;
  /** The hostname. */
  hostname: string;
}

/** A mount namespace: a mount table. */
export interface MountNamespace {
  /** Its id (0 = the host's). */
  id: number;
  /** Mount points, as "source on target", in the order mounted. */
  mounts: string[];
}

/** Something that happened in the kernel, for traces and tests. */
export interface KernelEvent {
  /** When, microseconds. */
  time: number;
  /** What kind. */
  type:
    | 'fork'
    | 'fork-failed'
    | 'clone-thread'
    | 'exit'
    | 'kill'
    | 'migrate'
    | 'throttled'
    | 'unthrottled'
    | 'memory-high'
    | 'memory-max'
    | 'reclaim'
    | 'oom'
    | 'populated';
  /** The process concerned, if any. */
  pid?: number;
  /** The cgroup concerned, if any. */
  cgroup?: string;
  /** Details (errno, pages, signal …), already formatted. */
  detail?: string;
}

/** The whole kernel. */
export interface Kernel {
  /** Virtual time, microseconds. */
  time: number;
  /** Number of CPUs. */
  cpus: number;
  /** The cgroups by path. */
  cgroups: Record<string, Cgroup>;
  /** The processes by pid (dead ones stay, for their exit status). */
  processes: Record<number, Process>;
  /** The threads by tid. */
  threads: Record<number, Thread>;
  /** The next host pid/tid. */
  nextPid: number;
  /** PID namespaces by id. */
  pidns: Record<number, PidNamespace>;
  /** UTS namespaces by id. */
  uts: Record<number, UtsNamespace>;
  /** Mount namespaces by id. */
  mnt: Record<number, MountNamespace>;
  /** The next namespace id. */
  nextNs: number;
  /** Threads that ran in the last tick, one per CPU at most. */
  running: number[];
  /** Every event so far. */
  log: KernelEvent[];
}
