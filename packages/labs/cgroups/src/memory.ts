/**
 * Step 4 — the memory controller: charging pages, memory.high and memory.max, the OOM killer.
 *
 * Every page a process allocates is charged to its cgroup, and so counts in memory.current of
 * that cgroup and of every cgroup above it. Before a charge, each cgroup on the way up checks:
 *
 *   over memory.max?   event "max"; reclaim page cache in that cgroup's subtree; still over →
 *                      event "oom", the OOM killer picks a victim INSIDE that cgroup's subtree
 *                      (pickOomVictim), its cgroup counts "oom_kill"; repeat until it fits
 *                      (or the allocating process itself died)
 *   over memory.high?  (after charging) event "high"; reclaim page cache down to memory.high;
 *                      still over → the allocating process is throttled HIGH_DELAY_USEC.
 *                      memory.high never kills.
 *
 * Events are counted where they happen (memory.events.local); memory.events adds up a
 * cgroup's own and all its descendants'.
 */
import {
  type Kernel,
  type MemoryChargeResult,
  type MemoryEvents,
  PAGE_SIZE,
  type Process,
  ancestors,
  cgroupAt,
  commitCharge,
  descendants,
  logEvent,
  memoryCurrent,
  processAt,
  reclaimCache,
  subtreeProcesses,
} from '@virtlab/core';

/** How long an allocation over memory.high holds its process back, microseconds. */
export const HIGH_DELAY_USEC = 10_000;

/** Pages a process holds, wherever they are charged. */
export function pagesHeld(p: Process): number {
  return Object.values(p.charges).reduce((sum, c) => sum + c.anon + c.cache, 0);
}

/** The OOM killer's choice in `path`'s subtree: the live process holding the most pages; on a tie, the highest pid (the newest). */
export function pickOomVictim(k: Kernel, path: string): number | undefined {
  // TODO(memory): among subtreeProcesses(k, path), the one with the most pagesHeld; on a tie the
  // highest pid; undefined when there is none. As given, there is never a victim.
  void [k, path, subtreeProcesses];
  return undefined;
}

/**
 * Charges `pages` new pages of process `pid`, enforcing memory.max (reclaim, then OOM kill with
 * `oomKill(victim)`) and memory.high (reclaim, then throttle).
 */
export function chargeMemory(k: Kernel, pid: number, pages: number, kind: 'anon' | 'cache', oomKill: (victim: number) => void): MemoryChargeResult {
  // TODO(memory): before charging, for each cgroup from the process's up (ancestors): over
  // memory.max? count "max", reclaimCache in that cgroup, still over → count "oom" and oomKill the
  // pickOomVictim of that cgroup (its own cgroup counts "oom_kill") until the pages fit; return
  // 'oom-killed' if the victim was `pid`. Then commitCharge. Then for each cgroup over
  // memory.high: count "high", reclaimCache down to high, still over → hold the process back
  // (p.throttledUntil = k.time + HIGH_DELAY_USEC, log 'memory-high') and return 'throttled'.
  // As given, every page is charged and no limit is looked at.
  void [ancestors, cgroupAt, memoryCurrent, reclaimCache, logEvent, oomKill, PAGE_SIZE];
  processAt(k, pid);
  commitCharge(k, pid, pages, kind);
  return 'charged';
}

/** memory.events.local (`local`) or memory.events (this cgroup and every descendant). */
export function memoryEvents(k: Kernel, path: string, local: boolean): MemoryEvents {
  // TODO(memory): add up the events of `path` alone (local) or of `path` and all its descendants.
  // As given, every count reads 0.
  void [k, path, local, descendants];
  return { low: 0, high: 0, max: 0, oom: 0, oom_kill: 0 };
}
