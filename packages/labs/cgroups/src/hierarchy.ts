/**
 * Step 1 — the hierarchy: enabling controllers for children, moving processes, and `populated`.
 *
 *   writeSubtreeControl(k, '/a', '+cpu +memory')   echo "+cpu +memory" > /sys/fs/cgroup/a/cgroup.subtree_control
 *   migrate(k, 42, '/a/leaf')                      echo 42 > /sys/fs/cgroup/a/leaf/cgroup.procs
 *   populated(k, '/a')                             the "populated" line of /sys/fs/cgroup/a/cgroup.events
 *
 * Errors are CgroupErrors with Linux's errno (use `fail(errno, message)`).
 */
import { CG_CONTROLLERS, DOMAIN_CONTROLLERS, type Kernel, availableControllers, cgroupAt, descendants, fail, logEvent, processAt } from '@virtlab/core';

/**
 * Applies a write to `path`'s cgroup.subtree_control: space-separated tokens, each "+name" or
 * "-name"; the last mention of a controller wins; all or nothing.
 *   EINVAL  a token without + or -, or an unknown controller
 *   ENOENT  enabling a controller that is not in this cgroup's cgroup.controllers (top-down rule)
 *   EBUSY   disabling a controller that a child still enables in its own subtree_control
 *   EBUSY   enabling a domain controller (memory) on a non-root cgroup that has processes
 *           (no internal processes; the root is exempt)
 */
export function writeSubtreeControl(k: Kernel, path: string, text: string): void {
  // TODO(hierarchy): parse the tokens ("+cpu -memory"), check them all (EINVAL, ENOENT, EBUSY as
  // listed above), and only then set cgroupAt(k, path).subtreeControl (in CG_CONTROLLERS order).
  // As given, the write is accepted and changes nothing.
  void [k, path, text, CG_CONTROLLERS, DOMAIN_CONTROLLERS, availableControllers, cgroupAt, fail];
}

/**
 * Moves process `pid` (all its threads) to `path`. Its charged memory stays where it was.
 *   EBUSY   `path` is a non-root cgroup whose subtree_control enables a domain controller
 */
export function migrate(k: Kernel, pid: number, path: string): void {
  // TODO(hierarchy): refuse with EBUSY when the no-internal-process rule forbids it; otherwise take
  // the pid out of its cgroup's procs, add it to the new one's (ascending), set p.cgroup, and log a
  // 'migrate' event. As given, the process stays where it is.
  void [k, pid, path, processAt, logEvent];
}

/** Whether `path` or any cgroup below it holds a live process (cgroup.events "populated"). */
export function populated(k: Kernel, path: string): boolean {
  // TODO(hierarchy): true when `path` or any cgroup below it (descendants) holds a process.
  void [k, path, descendants];
  return false;
}
