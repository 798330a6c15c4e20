// Mutant weights-global: solution/src/cpu-weight.ts with one mistake: weights are compared across the whole tree, not among siblings: every busy cgroup's share is its weight over the sum of all busy cgroups' weights
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
    const total = children.reduce((sum, c) => sum + cgroupAt(k, c).cpu.weight, 0) + threads.length * THREAD_WEIGHT;
    for (const c of children) share(c, (fraction * cgroupAt(k, c).cpu.weight) / total);
    for (const tid of threads) shares[tid] = (fraction * THREAD_WEIGHT) / total;
  };
  // Every busy cgroup competes with every other, wherever it sits.
  const all = Object.keys(k.cgroups).filter((p) => p !== '/' && busy(p) && !cgroupAt(k, p).children.some(busy));
  const total = all.reduce((sum, p) => sum + cgroupAt(k, p).cpu.weight, 0) + (here.get('/')?.length ?? 0) * THREAD_WEIGHT;
  for (const p of all) for (const tid of here.get(p) ?? []) shares[tid] = cgroupAt(k, p).cpu.weight / total / (here.get(p)?.length ?? 1);
  for (const tid of here.get('/') ?? []) shares[tid] = THREAD_WEIGHT / total;
  void share;
  return shares;
}
