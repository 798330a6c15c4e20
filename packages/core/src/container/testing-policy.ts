/**
 * A deliberately simple CgroupPolicy for core's own tests of the container mechanism. It is NOT
 * the cgroups lab's answer and is not exported from core: it decides as little as it can so the
 * tests see what the kernel itself does.
 *
 *   subtree_control   "+x"/"-x" tokens applied as written, no rule checked (EINVAL only for a bad token)
 *   migrate           moves the process, no rule checked
 *   cpu               flat equal shares among the runnable threads; no cpu.max (never throttles)
 *   memory            every charge committed, no limit checked, no events
 *   pids              no limit; pids.current counts the live threads of the subtree
 *   PID namespaces    host PIDs from k.nextPid; nested namespaces number from their nextPid; nothing dies
 *
 * Interface: `testingPolicy(overrides)` returns a fresh policy; `overrides` replace single
 * decisions (a throttledBy that names a cgroup, a chargePids that throws EAGAIN …).
 */
import { fail } from './errno.ts';
import { commitCharge, descendants, liveThreads, subtreeProcesses } from './kernel.ts';
import type { CgroupPolicy } from './policy.ts';
import { CG_CONTROLLERS, type CgController, type Kernel } from './types.ts';

/** The namespace ids from the host's (0) down to `ns`. */
function chain(k: Kernel, ns: number): number[] {
  const out: number[] = [];
  for (let id: number | null = ns; id !== null; id = k.pidns[id]!.parent) out.unshift(id);
  return out;
}

/** A simple policy for mechanism tests; `overrides` replace single decisions. */
export function testingPolicy(overrides: Partial<CgroupPolicy> = {}): CgroupPolicy {
  const base: CgroupPolicy = {
    writeSubtreeControl(k, path, text) {
      const cg = k.cgroups[path]!;
      for (const token of text.split(/\s+/).filter((t) => t !== '')) {
        const name = token.slice(1) as CgController;
        if ((token[0] !== '+' && token[0] !== '-') || !CG_CONTROLLERS.includes(name)) fail('EINVAL', `bad token ${token}`);
        const rest = cg.subtreeControl.filter((c) => c !== name);
        cg.subtreeControl = token[0] === '+' ? [...rest, name] : rest;
      }
    },
    migrate(k, pid, path) {
      const p = k.processes[pid]!;
      const from = k.cgroups[p.cgroup]!;
      from.procs = from.procs.filter((x) => x !== pid);
      const to = k.cgroups[path]!;
      to.procs = [...to.procs, pid].sort((a, b) => a - b);
      p.cgroup = path;
    },
    populated: (k, path) => subtreeProcesses(k, path).length > 0,
    cpuShares(_k, runnable) {
      const shares: Record<number, number> = {};
      for (const tid of runnable) shares[tid] = 1 / runnable.length;
      return shares;
    },
    periodTimer() {},
    throttledBy: () => null,
    chargeCpu() {},
    chargeMemory(k, pid, pages, kind) {
      commitCharge(k, pid, pages, kind);
      return 'charged';
    },
    memoryEvents: (k, path) => ({ ...k.cgroups[path]!.memory.events }),
    pidsCurrent: (k, path) => descendants(k, path).reduce((n, d) => n + k.cgroups[d]!.procs.reduce((m, pid) => m + liveThreads(k, k.processes[pid]!).length, 0), 0),
    chargePids() {},
    allocNsPids(k, ns) {
      return chain(k, ns).map((id) => (id === 0 ? k.nextPid : k.pidns[id]!.nextPid++));
    },
    onExit: () => [],
  };
  return { ...base, ...overrides };
}
