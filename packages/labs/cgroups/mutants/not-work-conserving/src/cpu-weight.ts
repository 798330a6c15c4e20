// Mutant not-work-conserving: solution/src/cpu-weight.ts with one mistake: idle siblings keep their share: every child counts in the total, busy or not
/**
 * Step 2 — cpu.weight: proportional sharing among siblings.
 *
 * The CPU is shared top-down. At every cgroup, the competitors are its children that have
 * runnable work below them, and each of its own runnable threads (each weighted 100, as Linux
 * weighs root threads). Each competitor gets its weight's fraction of what the cgroup got:
 *
 *   /          1.0                             weights: P 100, Q 100, P/a 100, P/b 100
 *   ├─ P  0.5  ├─ a 0.25                       all four busy → a 25%, b 25%, Q 50%
 *   │          └─ b 0.25
 *   └─ Q  0.5
 *
 * Cgroups without runnable work take part in nothing (work-conserving): their share goes to
 * their busy siblings.
 */
import { type Kernel, cgroupAt } from '@virtlab/core';

/** The weight of one thread sitting directly in a cgroup. */
export const THREAD_WEIGHT = 100;

/** Each runnable thread's share of the machine, by tid; the shares add up to 1. */
export function cpuShares(k: Kernel, runnable: readonly number[]): Record<number, number> {
  const shares: Record<number, number> = {};
  if (runnable.length === 0) return shares;
  const here = new Map<string, number[]>();
  for (const tid of runnable) {
    const path = k.processes[k.threads[tid]!.pid]!.cgroup;
    here.set(path, [...(here.get(path) ?? []), tid]);
  }
  const busy = (path: string): boolean => here.has(path) || cgroupAt(k, path).children.some(busy);
  const share = (path: string, fraction: number): void => {
    const cg = cgroupAt(k, path);
    const children = cg.children.filter(busy);
    const threads = here.get(path) ?? [];
    const total = cg.children.reduce((sum, c) => sum + cgroupAt(k, c).cpu.weight, 0) + threads.length * THREAD_WEIGHT;
    for (const c of children) share(c, (fraction * cgroupAt(k, c).cpu.weight) / total);
    for (const tid of threads) shares[tid] = (fraction * THREAD_WEIGHT) / total;
  };
  share('/', 1);
  return shares;
}
