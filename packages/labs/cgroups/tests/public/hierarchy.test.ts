// Step 1 — the hierarchy (public tests). Run them with `pnpm lab test cgroups --step hierarchy`.
import { describe, expect, it } from 'vitest';
import { boot } from '../../src/system.ts';

describe('the cgroup tree', () => {
  it('echo "+cpu +pids" > cgroup.subtree_control gives the children cpu and pids files', () => {
    const s = boot();
    s.write('/', 'cgroup.subtree_control', '+cpu +pids');
    s.mkdir('/web');
    expect(s.read('/', 'cgroup.subtree_control')).toBe('cpu pids\n');
    expect(s.read('/web', 'cgroup.controllers')).toBe('cpu pids\n');
    expect(s.read('/web', 'cpu.max')).toBe('max 100000\n');
  });

  it('a controller must be enabled from the top down: ENOENT otherwise', () => {
    const s = boot();
    s.mkdir('/web');
    expect(s.errno(() => s.write('/web', 'cgroup.subtree_control', '+memory'))).toBe('ENOENT');
  });

  it('no internal processes: /app with a process cannot enable memory for its children (EBUSY)', () => {
    const s = boot();
    s.write('/', 'cgroup.subtree_control', '+memory');
    s.mkdir('/app');
    s.mkdir('/app/worker');
    const pid = s.spawn({ workload: { kind: 'sleep' }, cgroup: '/app' });
    expect(s.errno(() => s.write('/app', 'cgroup.subtree_control', '+memory'))).toBe('EBUSY');
    s.write('/app/worker', 'cgroup.procs', String(pid));
    expect(s.errno(() => s.write('/app', 'cgroup.subtree_control', '+memory'))).toBe('ok');
  });

  it('cgroup.events says "populated 1" while a process lives below', () => {
    const s = boot();
    s.mkdir('/app');
    s.mkdir('/app/worker');
    s.spawn({ workload: { kind: 'sleep' }, cgroup: '/app/worker' });
    expect(s.read('/app', 'cgroup.events')).toBe('populated 1\nfrozen 0\n');
  });
});
