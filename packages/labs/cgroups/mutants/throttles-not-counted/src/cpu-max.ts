// Mutant throttles-not-counted: solution/src/cpu-max.ts with one mistake: nr_throttled counts every active period, throttled or not
/**
 * Step 3 — cpu.max: bandwidth control. A cgroup with `cpu.max = "$MAX $PERIOD"` may use $MAX µs
 * of CPU (summed over all CPUs) in every period of $PERIOD µs. When its runtime for the period is
 * used up, its work is throttled until the next period refills it. A parent's quota caps its
 * whole subtree: a child is throttled when any cgroup above it has run out.
 *
 *   period:  |<------------ 100 000 µs ------------>|<------------ 100 000 µs ---…
 *   quota 50 000: runs 50 000 µs ─► throttled 50 000 µs ─► refilled, runs again
 *
 * cpu.stat counts nr_periods (periods with runnable work), nr_throttled (periods in which the
 * quota ran out) and throttled_usec (time its work waited; the kernel adds that one).
 */
import { type Kernel, ancestors, cgroupAt } from '@virtlab/core';

/**
 * The period timer, called after every tick once k.time has advanced. For each cgroup with a
 * quota, at each period boundary (k.time a multiple of its period): count the period that ends
 * in nr_periods if it was active, in nr_throttled if it was throttled, clear both flags, and
 * refill the runtime.
 */
export function periodTimer(k: Kernel): void {
  for (const cg of Object.values(k.cgroups)) {
    const cpu = cg.cpu;
    if (cpu.quota === 'max' || k.time % cpu.period !== 0) continue;
    if (cpu.periodActive) cpu.nrPeriods++;
    if (cpu.periodActive) cpu.nrThrottled++;
    cpu.periodActive = false;
    cpu.periodThrottled = false;
    cpu.runtime = cpu.quota;
  }
}

/** The nearest cgroup from `path` up whose quota has no runtime left, or null if work in `path` may run. */
export function throttledBy(k: Kernel, path: string): string | null {
  for (const a of ancestors(k, path)) {
    const cpu = cgroupAt(k, a).cpu;
    if (cpu.quota !== 'max' && cpu.runtime <= 0) return a;
  }
  return null;
}

/** Takes `usec` off the runtime of `path` and of every cgroup above it that has a quota. */
export function chargeCpu(k: Kernel, path: string, usec: number): void {
  for (const a of ancestors(k, path)) {
    const cpu = cgroupAt(k, a).cpu;
    if (cpu.quota !== 'max') cpu.runtime -= usec;
  }
}
