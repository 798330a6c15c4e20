// Step 5 — pids (hidden tests): tasks counted (threads too), EAGAIN anywhere up the tree, pids.events, nothing killed.
import { describe, expect, it } from 'vitest';
import { chargePids, pidsCurrent } from '../../src/pids.ts';
import { boot } from '../../src/system.ts';

/** A system with pids enabled at the root and in each cgroup of `paths` for its children. */
function tree(...paths: string[]) {
  const s = boot();
  s.write('/', 'cgroup.subtree_control', '+pids');
  for (const p of paths) {
    s.mkdir(p);
    s.write(p, 'cgroup.subtree_control', '+pids');
  }
  return s;
}

describe('pids.max', () => {
  it('with pids.max 5 and 5 tasks, the next fork fails with EAGAIN and pids.events max counts it', () => {
    const s = tree('/box');
    s.write('/box', 'pids.max', '5');
    const shell = s.spawn({ workload: { kind: 'sleep' }, cgroup: '/box' });
    for (let i = 0; i < 4; i++) s.fork(shell, { workload: { kind: 'sleep' } });
    expect(s.read('/box', 'pids.current')).toBe('5\n');
    expect(s.errno(() => s.fork(shell, { workload: { kind: 'sleep' } }))).toBe('EAGAIN');
    expect(s.read('/box', 'pids.events')).toBe('max 1\n');
    expect(s.read('/box', 'pids.current')).toBe('5\n');
  });

  it('threads count as tasks: a new thread is refused like a fork', () => {
    const s = tree('/box');
    s.write('/box', 'pids.max', '3');
    const pid = s.spawn({ workload: { kind: 'busy' }, cgroup: '/box' });
    s.thread(pid);
    s.thread(pid);
    expect(s.read('/box', 'pids.current')).toBe('3\n');
    expect(s.errno(() => s.thread(pid))).toBe('EAGAIN');
    expect(s.errno(() => s.fork(pid, { workload: { kind: 'sleep' } }))).toBe('EAGAIN');
    expect(s.read('/box', 'pids.events')).toBe('max 2\n');
  });

  it("a parent's limit refuses a fork in a child with no limit of its own; the parent counts the event", () => {
    const s = tree('/p', '/p/c');
    s.write('/p', 'pids.max', '2');
    const a = s.spawn({ workload: { kind: 'sleep' }, cgroup: '/p/c' });
    s.spawn({ workload: { kind: 'sleep' }, cgroup: '/p' });
    expect(s.read('/p', 'pids.current'), 'pids.current counts the descendants').toBe('2\n');
    expect(s.errno(() => s.fork(a, { workload: { kind: 'sleep' } }))).toBe('EAGAIN');
    expect(s.read('/p', 'pids.events')).toBe('max 1\n');
    expect(s.read('/p/c', 'pids.events')).toBe('max 0\n');
  });

  it('lowering pids.max below pids.current kills nothing; only new tasks are refused', () => {
    const s = tree('/box');
    const shell = s.spawn({ workload: { kind: 'sleep' }, cgroup: '/box' });
    for (let i = 0; i < 4; i++) s.fork(shell, { workload: { kind: 'busy' } });
    s.write('/box', 'pids.max', '2');
    s.run(50_000);
    expect(s.read('/box', 'pids.current')).toBe('5\n');
    expect(s.errno(() => s.fork(shell, { workload: { kind: 'sleep' } }))).toBe('EAGAIN');
  });

  it('moving processes in is never refused, even over the limit', () => {
    const s = tree('/box');
    s.write('/box', 'pids.max', '1');
    const pids = [0, 1, 2].map(() => s.spawn({ workload: { kind: 'sleep' } }));
    for (const pid of pids) s.write('/box', 'cgroup.procs', String(pid));
    expect(s.read('/box', 'pids.current')).toBe('3\n');
    expect(s.read('/box', 'pids.events')).toBe('max 0\n');
  });

  it('a fork bomb under pids.max 5: 4 children made, the rest refused, and the machine goes on', () => {
    const s = tree('/bomb');
    s.write('/bomb', 'pids.max', '5');
    const bomb = s.spawn({ workload: { kind: 'fork', everyUsec: 1000, count: 20, child: { kind: 'sleep' } }, cgroup: '/bomb' });
    s.run(40_000);
    expect(s.k.processes[bomb]!.forks).toEqual({ done: 4, failed: 16 });
    expect(s.read('/bomb', 'pids.events')).toBe('max 16\n');
    expect(s.errno(() => s.write('/bomb', 'pids.max', '-1'))).toBe('EINVAL');
  });

  it('pidsCurrent counts live tasks only; chargePids admits up to the limit exactly', () => {
    const s = tree('/box');
    const pid = s.spawn({ workload: { kind: 'busy' }, cgroup: '/box' });
    s.thread(pid);
    const child = s.fork(pid, { workload: { kind: 'sleep' } });
    expect(pidsCurrent(s.k, '/box')).toBe(3);
    s.kill(child);
    expect(pidsCurrent(s.k, '/box')).toBe(2);
    s.write('/box', 'pids.max', '3');
    expect(() => chargePids(s.k, '/box')).not.toThrow();
    s.thread(pid);
    expect(s.errno(() => chargePids(s.k, '/box'))).toBe('EAGAIN');
  });
});
