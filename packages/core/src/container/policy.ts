/**
 * The controller policies a container kernel runs with: the decisions of cgroup v2 that the
 * cgroups lab has students write. The kernel (kernel.ts) is the mechanism: it keeps time,
 * picks threads by their lag, runs workloads, forks and exits, and reads and writes cgroup
 * files (cgroupfs.ts). Whenever a rule decides something, it asks the policy:
 *
 *   cgroup.subtree_control write ─► writeSubtreeControl     cgroup.procs write ─► migrate
 *   every tick ─► throttledBy ─► cpuShares ─► run ─► chargeCpu ─► time advances ─► periodTimer (cpu.max)
 *   a page allocated ─► chargeMemory        fork / clone ─► chargePids ─► allocNsPids
 *   a process exits ─► onExit (PID-namespace init)
 *   reads of cgroup.events, memory.events(.local), pids.current ─► populated, memoryEvents, pidsCurrent
 *
 * Interface: an object implementing `CgroupPolicy`, passed to every kernel function that may
 * need a decision. It holds no state: everything lives in the Kernel.
 */
import type { Kernel, MemoryEvents } from './types.ts';

/** What happened to an allocation. */
export type MemoryChargeResult = 'charged' | 'throttled' | 'oom-killed';

/** The decisions of cgroup v2 and namespaces, supplied by a lab (see the module header). */
export interface CgroupPolicy {
  /** Applies a write of `text` ("+cpu -memory") to `path`'s cgroup.subtree_control; throws CgroupError. */
  writeSubtreeControl(k: Kernel, path: string, text: string): void;
  /** Moves process `pid` and all its threads to `path`; throws CgroupError. */
  migrate(k: Kernel, pid: number, path: string): void;
  /** cgroup.events `populated`: whether `path` or a descendant holds a live process. */
  populated(k: Kernel, path: string): boolean;
  /** Each runnable thread's share of the whole machine (0..1, summing to 1 over `runnable` when any). */
  cpuShares(k: Kernel, runnable: readonly number[]): Record<number, number>;
  /** Called after every tick, once `k.time` has advanced: cpu.max period boundaries (nr_periods, nr_throttled, refill). */
  periodTimer(k: Kernel): void;
  /** The cgroup (`path` or an ancestor) whose cpu.max runtime is used up, or null if work in `path` may run. */
  throttledBy(k: Kernel, path: string): string | null;
  /** Takes `usec` of CPU used by work in `path` off the runtime of every cgroup with a quota on the way up. */
  chargeCpu(k: Kernel, path: string, usec: number): void;
  /**
   * Charges `pages` new pages of process `pid` (anonymous or page cache), enforcing memory.high
   * and memory.max; `oomKill(victim)` SIGKILLs a process as the OOM killer does.
   */
  chargeMemory(k: Kernel, pid: number, pages: number, kind: 'anon' | 'cache', oomKill: (victim: number) => void): MemoryChargeResult;
  /** memory.events (local false: this cgroup and its descendants) or memory.events.local (local true). */
  memoryEvents(k: Kernel, path: string, local: boolean): MemoryEvents;
  /** pids.current: tasks (threads) in `path` and its descendants. */
  pidsCurrent(k: Kernel, path: string): number;
  /** Charges one new task to `path`; throws CgroupError EAGAIN (and counts pids.events) where pids.max forbids it. */
  chargePids(k: Kernel, path: string): void;
  /** PIDs for a new process in PID namespace `ns`: one per level, the host's first; throws CgroupError ENOMEM if `ns` is dead. */
  allocNsPids(k: Kernel, ns: number): number[];
  /** What happens when process `pid` has just exited: the host pids to SIGKILL (empty when none). */
  onExit(k: Kernel, pid: number): number[];
}
