// Step 3 — cpu.max (hidden tests): quota and period, throttling, refills, parents capping children, cpu.stat.
import { describe, expect, it } from 'vitest';
import { chargeCpu, throttledBy } from '../../src/cpu-max.ts';
import { boot } from '../../src/system.ts';

/** A system with cpu enabled at the root and the cgroups `paths` made, cpu enabled in each for its children. */
function tree(cpus: number, ...paths: string[]) {
  const s = boot({ cpus });
  s.write('/', 'cgroup.subtree_control', '+cpu');
  for (const p of paths) {
    s.mkdir(p);
    s.write(p, 'cgroup.subtree_control', '+cpu');
  }
  return s;
}

describe('cpu.max', () => {
  it('one busy thread under "50000 100000" for 1 s: half a CPU, 10 periods, 10 throttled, 500000 µs throttled', () => {
    const s = tree(1, '/q');
    s.write('/q', 'cpu.max', '50000 100000');
    s.spawn({ workload: { kind: 'busy' }, cgroup: '/q' });
    s.run(1_000_000);
    expect(s.read('/q', 'cpu.stat')).toBe('usage_usec 500000\nuser_usec 500000\nsystem_usec 0\nnr_periods 10\nnr_throttled 10\nthrottled_usec 500000\n');
  });

  it('throttled work runs again when the next period refills the quota', () => {
    const s = tree(1, '/q');
    s.write('/q', 'cpu.max', '20000 100000');
    const pid = s.spawn({ workload: { kind: 'busy' }, cgroup: '/q' });
    const ranIn = (from: number, to: number) => {
      const before = s.k.threads[pid]!.ranUsec;
      s.run(to - from);
      return s.k.threads[pid]!.ranUsec - before;
    };
    expect(ranIn(0, 100_000), 'first period').toBe(20_000);
    expect(ranIn(100_000, 200_000), 'second period: refilled').toBe(20_000);
    expect(ranIn(200_000, 700_000), 'five more periods').toBe(100_000);
  });

  it('a single number changes only $MAX; "max" lifts the limit; the period and quota have bounds (EINVAL)', () => {
    const s = tree(1, '/q');
    expect(s.read('/q', 'cpu.max')).toBe('max 100000\n');
    s.write('/q', 'cpu.max', '30000 50000');
    s.write('/q', 'cpu.max', '40000');
    expect(s.read('/q', 'cpu.max')).toBe('40000 50000\n');
    for (const bad of ['500 100000', '50000 999', '50000 1000001', 'half', '1 2 3']) expect(s.errno(() => s.write('/q', 'cpu.max', bad)), bad).toBe('EINVAL');
    s.spawn({ workload: { kind: 'busy' }, cgroup: '/q' });
    s.run(100_000);
    expect(s.stat('/q', 'cpu.stat'), '40 ms in each of two periods of 50 ms').toMatchObject({ usage_usec: 80_000, nr_periods: 2, nr_throttled: 2 });
    s.write('/q', 'cpu.max', 'max');
    s.run(300_000);
    expect(s.stat('/q', 'cpu.stat')).toMatchObject({ usage_usec: 380_000, nr_throttled: 2, throttled_usec: 20_000 });
  });

  it('the quota counts CPU time summed over CPUs: 4 threads on 4 CPUs use their 50 ms in about 13 ms of wall time (whole ticks), then wait', () => {
    const s = tree(4, '/q');
    s.write('/q', 'cpu.max', '50000 100000');
    const pid = s.spawn({ workload: { kind: 'busy' }, cgroup: '/q' });
    for (let i = 0; i < 3; i++) s.thread(pid);
    let busyTicks = 0;
    for (let t = 0; t < 100; t++) {
      s.step();
      if (s.k.running.length > 0) busyTicks++;
    }
    expect(s.stat('/q', 'cpu.stat').usage_usec, 'one period: at most the quota (one tick of overshoot per CPU)').toBeLessThanOrEqual(53_000);
    expect(s.stat('/q', 'cpu.stat').usage_usec).toBeGreaterThanOrEqual(50_000);
    expect(busyTicks, 'ticks of the period in which anything ran').toBeLessThanOrEqual(14);
    s.run(900_000);
    expect(s.stat('/q', 'cpu.stat')).toMatchObject({ nr_periods: 10, nr_throttled: 10 });
  });

  it('"200000 100000" is two CPUs: one busy thread on one CPU is never throttled', () => {
    const s = tree(1, '/q');
    s.write('/q', 'cpu.max', '200000 100000');
    s.spawn({ workload: { kind: 'busy' }, cgroup: '/q' });
    s.run(1_000_000);
    expect(s.stat('/q', 'cpu.stat')).toMatchObject({ usage_usec: 1_000_000, nr_periods: 10, nr_throttled: 0, throttled_usec: 0 });
  });

  it("a parent's quota caps its whole subtree: two unlimited busy children share half a CPU", () => {
    const s = tree(2, '/p', '/p/a', '/p/b');
    s.write('/p', 'cpu.max', '50000 100000');
    s.spawn({ workload: { kind: 'busy' }, cgroup: '/p/a' });
    s.spawn({ workload: { kind: 'busy' }, cgroup: '/p/b' });
    s.run(1_000_000);
    const a = s.stat('/p/a', 'cpu.stat');
    const b = s.stat('/p/b', 'cpu.stat');
    expect(a.usage_usec! + b.usage_usec!, 'both children together, 1 s').toBeLessThanOrEqual(500_000 + 10 * 1000);
    expect(s.stat('/p', 'cpu.stat')).toMatchObject({ nr_periods: 10, nr_throttled: 10 });
    expect(a.nr_throttled, "the children's own quotas never ran out").toBe(0);
    expect(Math.abs(a.usage_usec! - b.usage_usec!)).toBeLessThanOrEqual(10_000);
  });

  it("a child's quota cannot exceed its parent's: the tighter one binds", () => {
    const s = tree(1, '/p', '/p/c');
    s.write('/p', 'cpu.max', '30000 100000');
    s.write('/p/c', 'cpu.max', '80000 100000');
    s.spawn({ workload: { kind: 'busy' }, cgroup: '/p/c' });
    s.run(500_000);
    expect(s.stat('/p/c', 'cpu.stat').usage_usec).toBe(150_000);
  });

  it('nr_periods counts only periods with runnable work', () => {
    const s = tree(1, '/q');
    s.write('/q', 'cpu.max', '50000 100000');
    s.spawn({ workload: { kind: 'busy', usec: 120_000 }, cgroup: '/q' });
    s.run(1_000_000);
    expect(s.stat('/q', 'cpu.stat')).toMatchObject({ usage_usec: 120_000, nr_periods: 3, nr_throttled: 2 });
  });

  it('throttledBy names the cgroup whose runtime ran out, nearest first; chargeCpu takes from every quota on the way up', () => {
    const s = tree(1, '/p', '/p/c');
    s.write('/p', 'cpu.max', '10000 100000');
    s.write('/p/c', 'cpu.max', '5000 100000');
    expect(throttledBy(s.k, '/p/c')).toBe(null);
    chargeCpu(s.k, '/p/c', 5000);
    expect(s.k.cgroups['/p']!.cpu.runtime).toBe(5000);
    expect(throttledBy(s.k, '/p/c')).toBe('/p/c');
    s.write('/p/c', 'cpu.max', 'max');
    expect(throttledBy(s.k, '/p/c')).toBe(null);
    chargeCpu(s.k, '/p/c', 5000);
    expect(throttledBy(s.k, '/p/c')).toBe('/p');
    expect(throttledBy(s.k, '/')).toBe(null);
  });
});
