// Step 6 — namespaces (hidden tests): PID namespaces, UTS, mounts, chroot and its escape.
import { CLONE_NEWNS, CLONE_NEWPID, CLONE_NEWUTS } from '@virtlab/core';
import { describe, expect, it } from 'vitest';
import { chdir, chroot, escaped, gethostname, pidIn, resolvePath, sethostname } from '../../src/namespaces.ts';
import { boot } from '../../src/system.ts';

describe('PID namespaces', () => {
  it('after unshare(CLONE_NEWPID) the next child is PID 1 inside; the parent sees another PID for it', () => {
    const s = boot();
    const shell = s.spawn({ workload: { kind: 'sleep' } });
    s.spawn({ workload: { kind: 'sleep' } });
    const [ns] = s.unshare(shell, CLONE_NEWPID);
    expect(s.k.processes[shell]!.pidns, 'unshare does not move the caller').toBe(0);
    const init = s.fork(shell, { workload: { kind: 'sleep' } });
    const worker = s.fork(init, { workload: { kind: 'busy' } });
    expect(pidIn(s.k, init, ns!)).toBe(1);
    expect(pidIn(s.k, worker, ns!)).toBe(2);
    expect(pidIn(s.k, init, 0), 'as the host sees it').toBe(init);
    expect(init).not.toBe(1);
    expect(pidIn(s.k, shell, ns!), 'the host shell is not visible inside').toBe(undefined);
    expect(s.k.processes[worker]!.nsPids).toEqual([worker, 2]);
  });

  it('namespaces nest: a process has a PID at every level', () => {
    const s = boot();
    const shell = s.spawn({ workload: { kind: 'sleep' } });
    const [outer] = s.unshare(shell, CLONE_NEWPID);
    const init1 = s.fork(shell, { workload: { kind: 'sleep' } });
    s.fork(init1, { workload: { kind: 'sleep' } });
    const [inner] = s.unshare(init1, CLONE_NEWPID);
    const init2 = s.fork(init1, { workload: { kind: 'sleep' } });
    expect(s.k.processes[init2]!.nsPids).toEqual([init2, 3, 1]);
    expect(pidIn(s.k, init2, outer!)).toBe(3);
    expect(pidIn(s.k, init2, inner!)).toBe(1);
    expect(pidIn(s.k, init1, inner!)).toBe(undefined);
  });

  it("when the namespace's init exits, every other process in it is SIGKILLed, and later forks into it fail with ENOMEM", () => {
    const s = boot();
    const shell = s.spawn({ workload: { kind: 'sleep' } });
    const outsider = s.spawn({ workload: { kind: 'busy' } });
    s.unshare(shell, CLONE_NEWPID);
    const init = s.fork(shell, { workload: { kind: 'busy', usec: 5000 } });
    const workers = [0, 1, 2].map(() => s.fork(init, { workload: { kind: 'busy' } }));
    s.run(50_000);
    expect(s.k.processes[init]!.exit).toMatchObject({ code: 0 });
    for (const w of workers) expect(s.k.processes[w]!.exit, `worker ${w}`).toMatchObject({ signal: 'SIGKILL', reason: 'pid-ns-init-exited' });
    expect(s.k.processes[outsider]!.state).toBe('alive');
    expect(s.k.processes[shell]!.state).toBe('alive');
    expect(s.errno(() => s.fork(shell, { workload: { kind: 'sleep' } }))).toBe('ENOMEM');
  });

  it("an init's exit also kills the namespaces nested in its own, and everything in them", () => {
    const s = boot();
    const shell = s.spawn({ workload: { kind: 'sleep' } });
    s.unshare(shell, CLONE_NEWPID);
    const outer = s.fork(shell, { workload: { kind: 'sleep' } });
    const a = s.fork(outer, { workload: { kind: 'busy' } });
    s.unshare(outer, CLONE_NEWPID);
    const inner = s.fork(outer, { workload: { kind: 'sleep' } });
    const b = s.fork(inner, { workload: { kind: 'busy' } });
    s.exit(outer);
    for (const [name, pid] of [['a', a], ['the nested init', inner], ['b, in the nested namespace', b]] as const) {
      expect(s.k.processes[pid]!.exit, name).toMatchObject({ signal: 'SIGKILL', reason: 'pid-ns-init-exited' });
    }
    expect(s.k.processes[shell]!.state).toBe('alive');
  });

  it('a process other than init exiting kills nobody', () => {
    const s = boot();
    const shell = s.spawn({ workload: { kind: 'sleep' } });
    const [ns] = s.unshare(shell, CLONE_NEWPID);
    const init = s.fork(shell, { workload: { kind: 'sleep' } });
    const a = s.fork(init, { workload: { kind: 'busy', usec: 2000 } });
    const b = s.fork(init, { workload: { kind: 'busy' } });
    s.run(20_000);
    expect(s.k.processes[a]!.state).toBe('dead');
    expect(pidIn(s.k, b, ns!), 'b is the third process of the namespace').toBe(3);
    expect(s.k.processes[b]!.state).toBe('alive');
    expect(s.k.processes[init]!.state).toBe('alive');
  });
});

describe('UTS and mount namespaces', () => {
  it('sethostname in a new UTS namespace does not change the host hostname', () => {
    const s = boot({ hostname: 'lab-host' });
    const c = s.spawn({ workload: { kind: 'sleep' } });
    const host = s.spawn({ workload: { kind: 'sleep' } });
    s.unshare(c, CLONE_NEWUTS);
    expect(gethostname(s.k, c), 'a new UTS namespace starts as a copy').toBe('lab-host');
    sethostname(s.k, c, 'container');
    expect(gethostname(s.k, c)).toBe('container');
    expect(gethostname(s.k, host)).toBe('lab-host');
    const child = s.fork(c, { workload: { kind: 'sleep' } });
    expect(gethostname(s.k, child), 'children inherit the namespace').toBe('container');
    expect(s.errno(() => sethostname(s.k, c, 'h'.repeat(65)))).toBe('EINVAL');
  });

  it('a new UTS and mount namespace: the hostname and the mounts are the container\'s own', () => {
    const s = boot();
    const c = s.spawn({ workload: { kind: 'sleep' } });
    const host = s.spawn({ workload: { kind: 'sleep' } });
    s.unshare(c, CLONE_NEWNS | CLONE_NEWUTS);
    sethostname(s.k, c, 'box');
    s.mount(c, 'tmpfs', '/scratch');
    expect(s.k.mnt[s.k.processes[c]!.mnt]!.mounts).toContain('tmpfs on /scratch');
    expect(s.k.mnt[s.k.processes[host]!.mnt]!.mounts).not.toContain('tmpfs on /scratch');
    expect([gethostname(s.k, c), gethostname(s.k, host)]).toEqual(['box', 'host']);
  });

});

describe('chroot', () => {
  it('resolves absolute paths from the new root, and ".." at the root stays at the root', () => {
    expect(resolvePath('/jail', '/jail', '/etc/passwd')).toBe('/jail/etc/passwd');
    expect(resolvePath('/jail', '/jail', '/../../etc/passwd')).toBe('/jail/etc/passwd');
    expect(resolvePath('/jail', '/jail/home', '../etc')).toBe('/jail/etc');
    expect(resolvePath('/', '/usr/bin', '../lib/./x')).toBe('/usr/lib/x');
  });

  it('does not change the current directory: mkdir foo; chroot foo; cd .. walks out (the classic escape)', () => {
    const s = boot();
    const root = s.spawn({ workload: { kind: 'sleep' } });
    chdir(s.k, root, '/jail');
    chroot(s.k, root, '/jail');
    expect(s.k.processes[root]!.root).toBe('/jail');
    expect(escaped(s.k, root)).toBe(false);
    chroot(s.k, root, 'foo');
    expect(s.k.processes[root]!.root).toBe('/jail/foo');
    expect(s.k.processes[root]!.cwd, 'chroot left the cwd where it was').toBe('/jail');
    expect(escaped(s.k, root)).toBe(true);
    chdir(s.k, root, '../../..');
    expect(s.k.processes[root]!.cwd).toBe('/');
    expect(resolvePath(s.k.processes[root]!.root, s.k.processes[root]!.cwd, 'etc/shadow'), 'the host file, from inside the "jail"').toBe('/etc/shadow');
  });
});
