// Step 4 — memory (hidden tests): charging, memory.high throttles, memory.max reclaims then OOM-kills inside the cgroup, events.
import { PAGE_SIZE } from '@virtlab/core';
import { describe, expect, it } from 'vitest';
import { memoryEvents, pickOomVictim } from '../../src/memory.ts';
import { boot } from '../../src/system.ts';

const MiB = 1 << 20;

/** A system with memory enabled at the root and in each cgroup of `paths` for its children. */
function tree(...paths: string[]) {
  const s = boot();
  s.write('/', 'cgroup.subtree_control', '+memory');
  for (const p of paths) s.mkdir(p);
  return s;
}

const events = (s: ReturnType<typeof boot>, path: string, local = false) => s.stat(path, local ? 'memory.events.local' : 'memory.events');

describe('charging', () => {
  it('memory.current counts the pages of a cgroup and its descendants; a parent at its limit refuses the next page', () => {
    const s = tree('/a');
    s.write('/a', 'cgroup.subtree_control', '+memory');
    s.mkdir('/a/b');
    s.spawn({ workload: { kind: 'alloc', pagesPerTick: 10, totalPages: 30 }, cgroup: '/a/b' });
    s.spawn({ workload: { kind: 'alloc', pagesPerTick: 4, totalPages: 8, cache: true }, cgroup: '/a/b' });
    s.run(20_000);
    expect(s.read('/a/b', 'memory.current')).toBe(`${38 * PAGE_SIZE}\n`);
    expect(s.read('/a', 'memory.current')).toBe(`${38 * PAGE_SIZE}\n`);
    s.write('/a', 'memory.max', `${38 * PAGE_SIZE}`);
    s.spawn({ workload: { kind: 'alloc', pagesPerTick: 8, totalPages: 8 }, cgroup: '/a/b' });
    s.run(5000);
    expect(s.read('/a', 'memory.current'), 'the page cache made room').toBe(`${38 * PAGE_SIZE}\n`);
    expect(events(s, '/a', true)).toMatchObject({ max: 1, oom: 0 });
  });
});

describe('memory.max', () => {
  it('64M and an allocating process: usage never ends above 64M; max, oom and oom_kill count 1; SIGKILL', () => {
    const s = tree('/box');
    s.write('/box', 'memory.max', '64M');
    const pid = s.spawn({ workload: { kind: 'alloc', pagesPerTick: 256 }, cgroup: '/box' });
    for (let t = 0; t < 100; t++) {
      s.step();
      expect(Number(s.read('/box', 'memory.current')), `memory.current at ${s.k.time} µs`).toBeLessThanOrEqual(64 * MiB);
    }
    expect(s.k.processes[pid]!.exit).toMatchObject({ signal: 'SIGKILL', reason: 'oom' });
    expect(events(s, '/box')).toEqual({ low: 0, high: 0, max: 1, oom: 1, oom_kill: 1 });
  });

  it("the parent's memory.events counts the child's OOM; the parent's memory.events.local does not", () => {
    const s = tree('/p');
    s.write('/p', 'cgroup.subtree_control', '+memory');
    s.mkdir('/p/c');
    s.write('/p/c', 'memory.max', '1M');
    s.spawn({ workload: { kind: 'alloc', pagesPerTick: 64 }, cgroup: '/p/c' });
    s.run(20_000);
    expect(events(s, '/p')).toMatchObject({ max: 1, oom: 1, oom_kill: 1 });
    expect(events(s, '/p', true)).toEqual({ low: 0, high: 0, max: 0, oom: 0, oom_kill: 0 });
    expect(events(s, '/p/c', true)).toMatchObject({ max: 1, oom: 1, oom_kill: 1 });
    expect(memoryEvents(s.k, '/', false).oom_kill).toBe(1);
  });

  it('page cache is reclaimed before anyone is killed', () => {
    const s = tree('/box');
    s.write('/box', 'memory.max', '1M');
    const cache = s.spawn({ workload: { kind: 'alloc', pagesPerTick: 32, totalPages: 320, cache: true }, cgroup: '/box' });
    s.run(10_000);
    expect(s.k.processes[cache]!.state).toBe('alive');
    expect(Number(s.read('/box', 'memory.current'))).toBeLessThanOrEqual(1 * MiB);
    expect(events(s, '/box')).toMatchObject({ max: 2, oom: 0, oom_kill: 0 });
  });

  it('the OOM killer picks inside the cgroup that hit its limit, never outside it', () => {
    const s = tree('/big', '/box');
    const outside = s.spawn({ workload: { kind: 'alloc', pagesPerTick: 512, totalPages: 1024 }, cgroup: '/big' });
    s.run(3000);
    s.write('/box', 'memory.max', '2M');
    const inside = s.spawn({ workload: { kind: 'alloc', pagesPerTick: 64 }, cgroup: '/box' });
    s.run(30_000);
    expect(s.k.processes[outside]!.state, 'the biggest process of the system is outside /box').toBe('alive');
    expect(s.k.processes[inside]!.exit).toMatchObject({ signal: 'SIGKILL', reason: 'oom' });
  });

  it('the victim is the process of the cgroup holding the most pages (ties: the highest pid)', () => {
    const s = tree('/box');
    const small = s.spawn({ workload: { kind: 'alloc', pagesPerTick: 10, totalPages: 10 }, cgroup: '/box' });
    const large = s.spawn({ workload: { kind: 'alloc', pagesPerTick: 50, totalPages: 50 }, cgroup: '/box' });
    s.run(5000);
    expect(pickOomVictim(s.k, '/box')).toBe(large);
    s.write('/box', 'memory.max', `${70 * PAGE_SIZE}`);
    s.spawn({ workload: { kind: 'alloc', pagesPerTick: 20 }, cgroup: '/box' });
    s.run(5000);
    expect(s.k.processes[large]!.exit?.reason, 'the largest was killed, not the one allocating').toBe('oom');
    expect(s.k.processes[small]!.state).toBe('alive');
    const twin = tree('/t');
    const first = twin.spawn({ workload: { kind: 'alloc', pagesPerTick: 5, totalPages: 5 }, cgroup: '/t' });
    const second = twin.spawn({ workload: { kind: 'alloc', pagesPerTick: 5, totalPages: 5 }, cgroup: '/t' });
    twin.run(5000);
    expect(pickOomVictim(twin.k, '/t'), `${first} and ${second} hold as much`).toBe(second);
  });

  it("a parent's memory.max caps a child whose own limit is max: the effective limit is the tightest", () => {
    const s = tree('/p');
    s.write('/p', 'cgroup.subtree_control', '+memory');
    s.mkdir('/p/c');
    s.write('/p', 'memory.max', '100M');
    expect(s.read('/p/c', 'memory.max')).toBe('max\n');
    const pid = s.spawn({ workload: { kind: 'alloc', pagesPerTick: 1024 }, cgroup: '/p/c' });
    s.run(100_000);
    expect(s.k.processes[pid]!.exit?.reason).toBe('oom');
    expect(events(s, '/p', true)).toMatchObject({ max: 1, oom: 1, oom_kill: 0 });
    expect(events(s, '/p/c', true)).toMatchObject({ max: 0, oom: 0, oom_kill: 1 });
  });
});

describe('memory.high', () => {
  it('throttles and never kills: the same program under memory.high 64M lives, high counts, oom_kill stays 0', () => {
    const s = tree('/box');
    s.write('/box', 'memory.high', '64M');
    const pid = s.spawn({ workload: { kind: 'alloc', pagesPerTick: 256, totalPages: 20_000 }, cgroup: '/box' });
    s.run(300_000);
    expect(s.k.processes[pid]!.state).toBe('alive');
    const e = events(s, '/box');
    expect(e.high).toBeGreaterThan(0);
    expect(e.oom_kill).toBe(0);
    expect(e.oom).toBe(0);
    expect(s.k.processes[pid]!.allocatedPages, 'held back 10 ms per allocation over high: slower than 256 pages a tick').toBeLessThan(256 * 100);
  });

  it('with page cache, usage hovers at memory.high: reclaim keeps it there', () => {
    const s = tree('/box');
    s.write('/box', 'memory.high', '4M');
    s.spawn({ workload: { kind: 'alloc', pagesPerTick: 64, cache: true }, cgroup: '/box' });
    s.run(200_000);
    expect(Number(s.read('/box', 'memory.current'))).toBe(4 * MiB);
    expect(events(s, '/box').high).toBeGreaterThan(10);
    expect(events(s, '/box').oom_kill).toBe(0);
  });

  it('sizes take K, M and G suffixes and are rounded down to pages; garbage is EINVAL', () => {
    const s = tree('/box');
    s.write('/box', 'memory.high', '1G');
    expect(s.read('/box', 'memory.high')).toBe(`${1 << 30}\n`);
    s.write('/box', 'memory.max', '10000');
    expect(s.read('/box', 'memory.max')).toBe(`${2 * PAGE_SIZE}\n`);
    expect(s.errno(() => s.write('/box', 'memory.max', 'lots'))).toBe('EINVAL');
    const pid = s.spawn({ workload: { kind: 'alloc', pagesPerTick: 1, totalPages: 3 }, cgroup: '/box' });
    s.run(5000);
    expect(s.k.processes[pid]!.exit?.reason, 'two pages fit in 10000 bytes, not three').toBe('oom');
    s.write('/box', 'memory.max', 'max');
    expect(s.read('/box', 'memory.max')).toBe('max\n');
  });
});
