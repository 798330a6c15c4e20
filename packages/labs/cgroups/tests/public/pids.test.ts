// Step 5 — pids (public tests). Run them with `pnpm lab test cgroups --step pids`.
import { describe, expect, it } from 'vitest';
import { boot } from '../../src/system.ts';

describe('pids', () => {
  it('pids.max 2: the third task is refused with EAGAIN', () => {
    const s = boot();
    s.write('/', 'cgroup.subtree_control', '+pids');
    s.mkdir('/box');
    s.write('/box', 'pids.max', '2');
    const pid = s.spawn({ workload: { kind: 'sleep' }, cgroup: '/box' });
    s.fork(pid, { workload: { kind: 'sleep' } });
    expect(s.read('/box', 'pids.current')).toBe('2\n');
    expect(s.errno(() => s.fork(pid, { workload: { kind: 'sleep' } }))).toBe('EAGAIN');
    expect(s.read('/box', 'pids.events')).toBe('max 1\n');
  });
});
