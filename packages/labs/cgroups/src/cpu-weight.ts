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
  // TODO(cpu-weight): share top-down from the root (fraction 1): at each cgroup, its busy children
  // (cpu.weight each) and its own runnable threads (THREAD_WEIGHT each) split its fraction in
  // proportion to their weights. A child is busy when a runnable thread sits in it or below it.
  // As given, every runnable thread gets the same share, whatever the cgroups and their weights.
  void cgroupAt;
  void k;
  return Object.fromEntries(runnable.map((tid) => [tid, 1 / runnable.length]));
}
