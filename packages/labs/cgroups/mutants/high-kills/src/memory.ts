// Mutant high-kills: solution/src/memory.ts with one mistake: memory.high is treated like memory.max: going over it OOM-kills instead of throttling
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
  let best: Process | undefined;
  for (const p of subtreeProcesses(k, path)) if (best === undefined || pagesHeld(p) >= pagesHeld(best)) best = p;
  return best?.pid;
}

/**
 * Charges `pages` new pages of process `pid`, enforcing memory.max (reclaim, then OOM kill with
 * `oomKill(victim)`) and memory.high (reclaim, then throttle).
 */
export function chargeMemory(k: Kernel, pid: number, pages: number, kind: 'anon' | 'cache', oomKill: (victim: number) => void): MemoryChargeResult {
  const p = processAt(k, pid);
  const bytes = pages * PAGE_SIZE;
  for (const path of ancestors(k, p.cgroup)) {
    const cg = cgroupAt(k, path);
    if (cg.memory.max === 'max' || memoryCurrent(k, path) + bytes <= cg.memory.max) continue;
    cg.memory.events.max++;
    logEvent(k, { type: 'memory-max', pid, cgroup: path, detail: `memory.max ${cg.memory.max} reached` });
    const over = () => memoryCurrent(k, path) + bytes - (cg.memory.max as number);
    reclaimCache(k, path, Math.ceil(over() / PAGE_SIZE));
    if (over() > 0) cg.memory.events.oom++;
    while (over() > 0) {
      const victim = pickOomVictim(k, path);
      if (victim === undefined) break;
      cgroupAt(k, k.processes[victim]!.cgroup).memory.events.oom_kill++;
      logEvent(k, { type: 'oom', pid: victim, cgroup: path, detail: `memory.max ${cg.memory.max} reached` });
      oomKill(victim);
      if (victim === pid) return 'oom-killed';
    }
  }
  commitCharge(k, pid, pages, kind);
  let throttled = false;
  for (const path of ancestors(k, p.cgroup)) {
    const cg = cgroupAt(k, path);
    const high = cg.memory.high;
    if (high === 'max' || memoryCurrent(k, path) <= high) continue;
    cg.memory.events.high++;
    reclaimCache(k, path, Math.ceil((memoryCurrent(k, path) - high) / PAGE_SIZE));
    if (memoryCurrent(k, path) > high) {
      throttled = true;
      cg.memory.events.oom_kill++;
      oomKill(pid);
      return 'oom-killed';
    }
  }
  if (!throttled) return 'charged';
  p.throttledUntil = k.time + HIGH_DELAY_USEC;
  logEvent(k, { type: 'memory-high', pid, cgroup: p.cgroup, detail: `held back ${HIGH_DELAY_USEC} µs` });
  return 'throttled';
}

/** memory.events.local (`local`) or memory.events (this cgroup and every descendant). */
export function memoryEvents(k: Kernel, path: string, local: boolean): MemoryEvents {
  const sum: MemoryEvents = { low: 0, high: 0, max: 0, oom: 0, oom_kill: 0 };
  for (const d of local ? [path] : descendants(k, path)) {
    const e = cgroupAt(k, d).memory.events;
    for (const key of Object.keys(sum) as (keyof MemoryEvents)[]) sum[key] += e[key];
  }
  return sum;
}
