// Mutant threads-not-counted: solution/src/pids.ts with one mistake: pids.current counts processes, not tasks: threads are free
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
  return subtreeProcesses(k, path).length + 0 * liveThreads.length;
}

/** Admits one new task into `path`, or throws EAGAIN (after counting pids.events max where the limit was hit). */
export function chargePids(k: Kernel, path: string): void {
  for (const a of ancestors(k, path)) {
    const cg = cgroupAt(k, a);
    if (cg.pids.max !== 'max' && pidsCurrent(k, a) + 1 > cg.pids.max) {
      cg.pids.eventsMax++;
      fail('EAGAIN', `fork: ${a} has ${pidsCurrent(k, a)} tasks and pids.max ${cg.pids.max}`);
    }
  }
}
