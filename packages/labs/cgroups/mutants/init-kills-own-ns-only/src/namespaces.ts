// Mutant init-kills-own-ns-only: solution/src/namespaces.ts with one mistake: when an init exits, only the processes of its own namespace are killed, not those of the namespaces nested in it
/**
 * Step 6 — namespaces and chroot. A container is not a kernel object: it is processes that see
 * their own view (namespaces) and are limited by cgroups.
 *
 * PID namespaces nest. A process has a PID in its own namespace and in every one above it:
 *
 *   host (level 0)     1 init ─ 7 shell ─ 8 container init ─ 9 worker
 *   ns 3 (level 1)                         1                 2
 *
 * The first process in a new namespace is its PID 1 (its init). When that init exits, the
 * kernel SIGKILLs every other process in the namespace (and in namespaces below it), and no
 * process may enter it again (fork fails with ENOMEM).
 *
 * chroot only changes where absolute paths start; it does not change the current directory,
 * so a root process can walk out with "..": mkdir foo; chroot foo; cd ../../.. — the classic escape.
 */
import { type Kernel, fail, processAt } from '@virtlab/core';

/** The namespace ids from the host's (0) down to `ns`. */
export function nsChain(k: Kernel, ns: number): number[] {
  const chain: number[] = [];
  for (let id: number | null = ns; id !== null; id = k.pidns[id]!.parent) chain.unshift(id);
  return chain;
}

/** PIDs for a new process in namespace `ns`, one per level from the host's down; ENOMEM if `ns` (or one above) is dead. */
export function allocNsPids(k: Kernel, ns: number): number[] {
  const chain = nsChain(k, ns);
  for (const id of chain) if (k.pidns[id]!.dead) fail('ENOMEM', `fork: PID namespace ${id} is dead (its init exited)`);
  return chain.map((id) => {
    const n = k.pidns[id]!;
    // The host's PIDs are the kernel's own ids: the next one the kernel hands out.
    if (id === 0) return k.nextPid;
    return n.nextPid++;
  });
}

/** `pid` (a host pid) as seen from namespace `ns`: its PID at that level, or undefined if it is not visible there. */
export function pidIn(k: Kernel, pid: number, ns: number): number | undefined {
  const p = k.processes[pid];
  if (p === undefined) return undefined;
  const level = k.pidns[ns]!.level;
  return nsChain(k, p.pidns)[level] === ns ? p.nsPids[level] : undefined;
}

/** After process `pid` exited: if it was a namespace's init, the namespace dies and everything in it (or below) is to be killed. */
export function onExit(k: Kernel, pid: number): number[] {
  const p = k.processes[pid]!;
  const ns = k.pidns[p.pidns]!;
  if (ns.init !== pid) return [];
  ns.dead = true;
  return Object.values(k.processes)
    .filter((q) => q.state === 'alive' && q.pidns === ns.id)
    .map((q) => q.pid);
}

/** sethostname(2): changes the hostname of `pid`'s UTS namespace only. */
export function sethostname(k: Kernel, pid: number, name: string): void {
  if (name.length > 64) fail('EINVAL', `sethostname: a hostname has at most 64 characters (HOST_NAME_MAX), not ${name.length}`);
  k.uts[processAt(k, pid).uts]!.hostname = name;
}

/** gethostname(2): the hostname `pid` sees. */
export function gethostname(k: Kernel, pid: number): string {
  return k.uts[processAt(k, pid).uts]!.hostname;
}

/** Joins and normalises absolute path parts: resolves "." and "..", never above "/". */
function normalise(parts: string[]): string[] {
  const out: string[] = [];
  for (const part of parts) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return out;
}

/** True if host path `path` is `root` or below it. */
function within(path: string, root: string): boolean {
  return root === '/' || path === root || path.startsWith(`${root}/`);
}

/**
 * The host path that `path` names for a process whose root is `root` and whose current
 * directory is `cwd` (both host paths). Absolute paths start at `root`; ".." at `root` stays at
 * `root`, but only when the walk is at `root` itself: a `cwd` outside `root` is not fenced in.
 */
export function resolvePath(root: string, cwd: string, path: string): string {
  let at = path.startsWith('/') ? root : cwd;
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (at === root) continue;
      at = `/${normalise([...at.split('/'), '..']).join('/')}`;
    } else {
      at = at === '/' ? `/${part}` : `${at}/${part}`;
    }
  }
  return at;
}

/** chroot(2) for `pid`: its root becomes `path` (resolved from its current root and directory); its cwd does not change. */
export function chroot(k: Kernel, pid: number, path: string): void {
  const p = processAt(k, pid);
  p.root = resolvePath(p.root, p.cwd, path);
}

/** chdir(2) for `pid`. */
export function chdir(k: Kernel, pid: number, path: string): void {
  const p = processAt(k, pid);
  p.cwd = resolvePath(p.root, p.cwd, path);
}

/** True if `pid` can name a host path outside its root (its cwd is outside: the chroot escape worked). */
export function escaped(k: Kernel, pid: number): boolean {
  const p = processAt(k, pid);
  return !within(p.cwd, p.root);
}
