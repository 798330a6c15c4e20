// Mutant internal-rule-at-root: solution/src/hierarchy.ts with one mistake: the no-internal-process rule is applied to the root too
/**
 * Step 1 — the hierarchy: enabling controllers for children, moving processes, and `populated`.
 *
 *   writeSubtreeControl(k, '/a', '+cpu +memory')   echo "+cpu +memory" > /sys/fs/cgroup/a/cgroup.subtree_control
 *   migrate(k, 42, '/a/leaf')                      echo 42 > /sys/fs/cgroup/a/leaf/cgroup.procs
 *   populated(k, '/a')                             the "populated" line of /sys/fs/cgroup/a/cgroup.events
 *
 * Errors are CgroupErrors with Linux's errno (use `fail(errno, message)`).
 */
import { CG_CONTROLLERS, type CgController, DOMAIN_CONTROLLERS, type Kernel, availableControllers, cgroupAt, descendants, fail, logEvent, processAt } from '@virtlab/core';

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
  const cg = cgroupAt(k, path);
  const want = new Map<CgController, boolean>();
  for (const token of text.split(/\s+/).filter((t) => t !== '')) {
    const sign = token[0];
    const name = token.slice(1) as CgController;
    if ((sign !== '+' && sign !== '-') || !CG_CONTROLLERS.includes(name)) fail('EINVAL', `${path}/cgroup.subtree_control: "${token}" is not +controller or -controller`);
    want.set(name, sign === '+');
  }
  const available = availableControllers(k, path);
  const next = new Set(cg.subtreeControl);
  for (const [name, on] of want) {
    if (on) {
      if (!available.includes(name)) fail('ENOENT', `${path}/cgroup.subtree_control: ${name} is not in cgroup.controllers (the parent has not enabled it)`);
      if (cg.procs.length > 0 && DOMAIN_CONTROLLERS.includes(name) && !cg.subtreeControl.includes(name)) {
        fail('EBUSY', `${path}/cgroup.subtree_control: ${path} has processes, so it cannot hand the domain controller ${name} to children`);
      }
      next.add(name);
    } else {
      const child = cg.children.find((c) => cgroupAt(k, c).subtreeControl.includes(name));
      if (child !== undefined) fail('EBUSY', `${path}/cgroup.subtree_control: ${child} still enables ${name}`);
      next.delete(name);
    }
  }
  cg.subtreeControl = CG_CONTROLLERS.filter((c) => next.has(c));
}

/**
 * Moves process `pid` (all its threads) to `path`. Its charged memory stays where it was.
 *   EBUSY   `path` is a non-root cgroup whose subtree_control enables a domain controller
 */
export function migrate(k: Kernel, pid: number, path: string): void {
  const p = processAt(k, pid);
  const to = cgroupAt(k, path);
  if (to.parent !== null && to.subtreeControl.some((c) => DOMAIN_CONTROLLERS.includes(c))) {
    fail('EBUSY', `${path}/cgroup.procs: ${path} hands ${to.subtreeControl.join(' ')} to its children, so it may not hold processes`);
  }
  if (p.cgroup === path) return;
  const from = cgroupAt(k, p.cgroup);
  from.procs = from.procs.filter((x) => x !== pid);
  to.procs = [...to.procs, pid].sort((a, b) => a - b);
  logEvent(k, { type: 'migrate', pid, cgroup: path, detail: `from ${p.cgroup}` });
  p.cgroup = path;
}

/** Whether `path` or any cgroup below it holds a live process (cgroup.events "populated"). */
export function populated(k: Kernel, path: string): boolean {
  return descendants(k, path).some((d) => cgroupAt(k, d).procs.length > 0);
}
