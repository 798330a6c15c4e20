// Step 3 — cpu.max (public tests). Run them with `pnpm lab test cgroups --step cpu-max`.
import { describe, expect, it } from 'vitest';
import { boot } from '../../src/system.ts';

describe('cpu.max', () => {
  it('"25000 100000": a busy process gets a quarter of the CPU and is throttled every period', () => {
    const s = boot();
    s.write('/', 'cgroup.subtree_control', '+cpu');
    s.mkdir('/q');
    s.write('/q', 'cpu.max', '25000 100000');
    s.spawn({ workload: { kind: 'busy' }, cgroup: '/q' });
    s.run(400_000);
    expect(s.stat('/q', 'cpu.stat')).toMatchObject({ usage_usec: 100_000, nr_periods: 4, nr_throttled: 4, throttled_usec: 300_000 });
  });

  it("a parent's quota caps its child", () => {
    const s = boot();
    s.write('/', 'cgroup.subtree_control', '+cpu');
    s.mkdir('/p');
    s.write('/p', 'cgroup.subtree_control', '+cpu');
    s.mkdir('/p/c');
    s.write('/p', 'cpu.max', '10000 100000');
    s.spawn({ workload: { kind: 'busy' }, cgroup: '/p/c' });
    s.run(300_000);
    expect(s.stat('/p/c', 'cpu.stat').usage_usec).toBe(30_000);
  });
});
