/**
 * Step 5 — the pids controller. A "pid" here is a task: every thread counts, not just every
 * process. pids.max limits the tasks of a cgroup and all its descendants; a fork or a new
 * thread that would go over it anywhere up the tree fails with EAGAIN, and the cgroup whose
 * limit refused it counts one more in pids.events "max". Moving processes in and lowering
 * pids.max are never refused and kill nothing: pids.current may stay above pids.max.
 */
import { type Kernel, ancestors, cgroupAt, fail, liveThreads, subtreeProcesses } from '@virtlab/core';

/** pids.current: live tasks (threads) in `path` and its descendants. */
export function pidsCurrent(k: Kernel, path: string): number {
  // TODO(pids): the live threads (liveThreads) of every process in `path` and below
  // (subtreeProcesses). As given, it reads 0.
  void [k, path, liveThreads, subtreeProcesses];
  return 0;
}

/** Admits one new task into `path`, or throws EAGAIN (after counting pids.events max where the limit was hit). */
export function chargePids(k: Kernel, path: string): void {
  // TODO(pids): for `path` and each ancestor with a pids.max: if one more task would go over it,
  // count pids.eventsMax there and fail('EAGAIN', …). As given, every fork is allowed.
  void [k, path, ancestors, cgroupAt, fail];
}
