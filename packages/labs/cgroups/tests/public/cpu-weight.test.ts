// Step 2 — cpu.weight (public tests). Run them with `pnpm lab test cgroups --step cpu-weight`.
import { describe, expect, it } from 'vitest';
import { boot } from '../../src/system.ts';

function twoGroups(a: number, b: number) {
  const s = boot();
  s.write('/', 'cgroup.subtree_control', '+cpu');
  s.mkdir('/a');
  s.mkdir('/b');
  s.write('/a', 'cpu.weight', String(a));
  s.write('/b', 'cpu.weight', String(b));
  s.spawn({ workload: { kind: 'busy' }, cgroup: '/a' });
  s.spawn({ workload: { kind: 'busy' }, cgroup: '/b' });
  return s;
}

describe('cpu.weight', () => {
  it('weights 100 and 100 split one CPU evenly', () => {
    const s = twoGroups(100, 100);
    s.run(200_000);
    expect(s.stat('/a', 'cpu.stat').usage_usec).toBe(100_000);
    expect(s.stat('/b', 'cpu.stat').usage_usec).toBe(100_000);
  });

  it('weights 100 and 300 split one CPU 1:3', () => {
    const s = twoGroups(100, 300);
    s.run(400_000);
    expect(s.stat('/a', 'cpu.stat').usage_usec).toBe(100_000);
    expect(s.stat('/b', 'cpu.stat').usage_usec).toBe(300_000);
  });

  it('weights only matter under contention: alone, a weight-1 group gets the whole CPU', () => {
    const s = boot();
    s.write('/', 'cgroup.subtree_control', '+cpu');
    s.mkdir('/low');
    s.write('/low', 'cpu.weight', '1');
    s.spawn({ workload: { kind: 'busy' }, cgroup: '/low' });
    s.run(100_000);
    expect(s.stat('/low', 'cpu.stat').usage_usec).toBe(100_000);
  });
});
