// Step 4 — memory (public tests). Run them with `pnpm lab test cgroups --step memory`.
import { describe, expect, it } from 'vitest';
import { boot } from '../../src/system.ts';

function box(file: 'memory.max' | 'memory.high', value: string) {
  const s = boot();
  s.write('/', 'cgroup.subtree_control', '+memory');
  s.mkdir('/box');
  s.write('/box', file, value);
  const pid = s.spawn({ workload: { kind: 'alloc', pagesPerTick: 64 }, cgroup: '/box' });
  return { s, pid };
}

describe('memory', () => {
  it('memory.max 4M: the allocating process is OOM-killed inside /box', () => {
    const { s, pid } = box('memory.max', '4M');
    s.run(50_000);
    expect(s.k.processes[pid]!.exit).toMatchObject({ signal: 'SIGKILL', reason: 'oom' });
    expect(s.read('/box', 'memory.events')).toBe('low 0\nhigh 0\nmax 1\noom 1\noom_kill 1\n');
  });

  it('memory.high 4M: the same process is slowed down but never killed', () => {
    const { s, pid } = box('memory.high', '4M');
    s.run(50_000);
    expect(s.k.processes[pid]!.state).toBe('alive');
    expect(s.stat('/box', 'memory.events').high).toBeGreaterThan(0);
    expect(s.stat('/box', 'memory.events').oom_kill).toBe(0);
  });
});
