// Step 2 — cpu.weight (hidden tests): proportional sharing among siblings, nesting, work conservation.
import { describe, expect, it } from 'vitest';
import { cpuShares } from '../../src/cpu-weight.ts';
import { boot } from '../../src/system.ts';

/** A system with cpu enabled at the root and one busy process in each of the cgroups `weights` names. */
function contend(weights: Record<string, number>, cpus = 1) {
  const s = boot({ cpus });
  s.write('/', 'cgroup.subtree_control', '+cpu');
  for (const [path, w] of Object.entries(weights)) {
    if (s.k.cgroups[path] === undefined) s.mkdir(path);
    s.write(path, 'cpu.weight', String(w));
  }
  return s;
}

const usage = (s: ReturnType<typeof boot>, path: string) => s.stat(path, 'cpu.stat').usage_usec!;

describe('cpu.weight', () => {
  it('reads 100 by default and takes 1..10000 (ERANGE outside); 10000 against 1 takes all but 1/10001', () => {
    const s = contend({ '/a': 100, '/b': 1 });
    expect(s.read('/a', 'cpu.weight')).toBe('100\n');
    expect(s.errno(() => s.write('/a', 'cpu.weight', '0'))).toBe('ERANGE');
    expect(s.errno(() => s.write('/a', 'cpu.weight', '10001'))).toBe('ERANGE');
    s.write('/a', 'cpu.weight', '10000');
    expect(s.read('/a', 'cpu.weight')).toBe('10000\n');
    s.spawn({ workload: { kind: 'busy' }, cgroup: '/a' });
    s.spawn({ workload: { kind: 'busy' }, cgroup: '/b' });
    s.run(1_000_100);
    expect(usage(s, '/b'), 'weight 1 of 10001').toBeLessThanOrEqual(2_000);
  });

  it('two busy siblings with weights 100 and 300 split one CPU 1:3', () => {
    const s = contend({ '/a': 100, '/b': 300 });
    s.spawn({ workload: { kind: 'busy' }, cgroup: '/a' });
    s.spawn({ workload: { kind: 'busy' }, cgroup: '/b' });
    s.run(1_000_000);
    expect(usage(s, '/a'), 'usage_usec of /a after 1 s').toBe(250_000);
    expect(usage(s, '/b'), 'usage_usec of /b after 1 s').toBe(750_000);
  });

  it('the split is per group, not per process: 1 process at weight 200 against 3 at weight 100 gets two thirds', () => {
    const s = contend({ '/one': 200, '/three': 100 });
    s.spawn({ workload: { kind: 'busy' }, cgroup: '/one' });
    for (let i = 0; i < 3; i++) s.spawn({ workload: { kind: 'busy' }, cgroup: '/three' });
    s.run(900_000);
    expect(usage(s, '/one')).toBe(600_000);
    expect(usage(s, '/three')).toBe(300_000);
  });

  it('nesting multiplies: P(100){a 100, b 300} beside Q(100) gives a 12.5 %, b 37.5 %, Q 50 %', () => {
    const s = contend({ '/P': 100, '/Q': 100 });
    s.write('/P', 'cgroup.subtree_control', '+cpu');
    s.mkdir('/P/a');
    s.mkdir('/P/b');
    s.write('/P/b', 'cpu.weight', '300');
    for (const path of ['/P/a', '/P/b', '/Q']) s.spawn({ workload: { kind: 'busy' }, cgroup: path });
    s.run(800_000);
    expect([usage(s, '/P/a'), usage(s, '/P/b'), usage(s, '/Q'), usage(s, '/P')]).toEqual([100_000, 300_000, 400_000, 400_000]);
  });

  it('weights count only among siblings: a heavy group in another subtree does not take from a light pair', () => {
    const s = contend({ '/P': 100, '/Q': 100 });
    s.write('/P', 'cgroup.subtree_control', '+cpu');
    s.mkdir('/P/x');
    s.write('/P/x', 'cpu.weight', '10000');
    s.spawn({ workload: { kind: 'busy' }, cgroup: '/P/x' });
    s.spawn({ workload: { kind: 'busy' }, cgroup: '/Q' });
    s.spawn({ workload: { kind: 'busy' }, cgroup: '/Q' });
    s.run(400_000);
    expect(usage(s, '/P/x'), 'P/x is alone in P: its weight only matters inside P').toBe(200_000);
    expect(usage(s, '/Q'), 'two processes in Q still make one group of weight 100').toBe(200_000);
  });

  it('work-conserving: when the heavy group sleeps, the light one gets what it leaves', () => {
    const s = contend({ '/light': 100, '/heavy': 300 });
    s.spawn({ workload: { kind: 'busy' }, cgroup: '/light' });
    s.spawn({ workload: { kind: 'periodic', runUsec: 60_000, everyUsec: 100_000 }, cgroup: '/heavy' });
    s.run(1_000_000);
    expect(usage(s, '/heavy'), 'heavy wants 60 ms per 100 ms: at 3/4 of the CPU it has them in 80 ms').toBe(600_000);
    expect(usage(s, '/light'), 'light gets 1/4 while heavy runs, then all of it').toBe(400_000);
  });

  it('threads sitting in a cgroup weigh 100 each beside its child cgroups', () => {
    const s = contend({ '/c': 200 });
    s.spawn({ workload: { kind: 'busy' } });
    s.spawn({ workload: { kind: 'busy' } });
    s.spawn({ workload: { kind: 'busy' }, cgroup: '/c' });
    s.run(400_000);
    expect(usage(s, '/c'), 'weight 200 against two root threads of 100').toBe(200_000);
  });

  it('cpuShares gives each runnable thread its fraction of the machine, adding up to 1', () => {
    const s = contend({ '/a': 100, '/b': 300 });
    const a = s.spawn({ workload: { kind: 'busy' }, cgroup: '/a' });
    const b1 = s.spawn({ workload: { kind: 'busy' }, cgroup: '/b' });
    const b2 = s.thread(b1);
    const shares = cpuShares(s.k, [a, b1, b2]);
    expect(shares[a]).toBeCloseTo(0.25, 9);
    expect(shares[b1]).toBeCloseTo(0.375, 9);
    expect(shares[b2]).toBeCloseTo(0.375, 9);
    expect(cpuShares(s.k, [a, b1])[a], 'b2 is not runnable: the others share all').toBeCloseTo(0.25, 9);
    expect(cpuShares(s.k, [a])[a], 'alone').toBeCloseTo(1, 9);
  });

  it('on two CPUs, weights 100 and 300 with two busy threads each still split 1:3 of the machine', () => {
    const s = contend({ '/a': 100, '/b': 300 }, 2);
    for (const path of ['/a', '/a', '/b', '/b']) s.spawn({ workload: { kind: 'busy' }, cgroup: path });
    s.run(1_000_000);
    expect(usage(s, '/a') + usage(s, '/b'), 'two CPUs, one second').toBe(2_000_000);
    expect(usage(s, '/a')).toBe(500_000);
    expect(usage(s, '/b')).toBe(1_500_000);
  });
});
