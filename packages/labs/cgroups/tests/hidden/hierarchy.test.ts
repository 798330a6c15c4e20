// Step 1 — the hierarchy (hidden tests): cgroup.subtree_control, moving processes, populated.
import { describe, expect, it } from 'vitest';
import { boot } from '../../src/system.ts';

/** A system with `+cpu +memory +pids` at the root and the cgroups `paths` made in order. */
function tree(...paths: string[]) {
  const s = boot();
  s.write('/', 'cgroup.subtree_control', '+cpu +memory +pids');
  for (const p of paths) s.mkdir(p);
  return s;
}

describe('cgroup.subtree_control', () => {
  it('enables controllers for the children: their files appear and cgroup.controllers lists them', () => {
    const s = tree('/a', '/a/b');
    expect(s.read('/', 'cgroup.subtree_control')).toBe('cpu memory pids\n');
    expect(s.read('/a', 'cgroup.controllers')).toBe('cpu memory pids\n');
    expect(s.read('/a/b', 'cgroup.controllers'), '/a has enabled nothing for its children').toBe('\n');
    s.write('/a', 'cgroup.subtree_control', '+pids +cpu');
    expect(s.read('/a', 'cgroup.subtree_control')).toBe('cpu pids\n');
    expect(s.read('/a/b', 'cpu.weight')).toBe('100\n');
    expect(s.read('/a/b', 'pids.max')).toBe('max\n');
    expect(s.errno(() => s.read('/a/b', 'memory.max')), 'memory is not enabled in /a').toBe('ENOENT');
  });

  it('a controller the parent has not enabled cannot be enabled: ENOENT (top-down)', () => {
    const s = boot();
    s.write('/', 'cgroup.subtree_control', '+memory');
    s.mkdir('/a');
    expect(s.errno(() => s.write('/a', 'cgroup.subtree_control', '+cpu'))).toBe('ENOENT');
    expect(s.read('/a', 'cgroup.subtree_control')).toBe('\n');
  });

  it('a controller a child still enables cannot be disabled: EBUSY', () => {
    const s = tree('/a', '/a/b');
    s.write('/a', 'cgroup.subtree_control', '+cpu');
    expect(s.errno(() => s.write('/', 'cgroup.subtree_control', '-cpu'))).toBe('EBUSY');
    expect(s.read('/', 'cgroup.subtree_control')).toBe('cpu memory pids\n');
    s.write('/a', 'cgroup.subtree_control', '-cpu');
    s.write('/', 'cgroup.subtree_control', '-cpu');
    expect(s.read('/', 'cgroup.subtree_control')).toBe('memory pids\n');
  });

  it('needs + or - on every token and a known controller: EINVAL', () => {
    const s = tree('/a');
    for (const bad of ['cpu', '+io', '+cpu memory', '*cpu']) expect(s.errno(() => s.write('/a', 'cgroup.subtree_control', bad)), bad).toBe('EINVAL');
    expect(s.read('/a', 'cgroup.subtree_control')).toBe('\n');
  });

  it('the last mention of a controller wins', () => {
    const s = tree('/a');
    s.write('/a', 'cgroup.subtree_control', '+cpu -cpu +pids');
    expect(s.read('/a', 'cgroup.subtree_control')).toBe('pids\n');
    s.write('/a', 'cgroup.subtree_control', '-pids +cpu +pids');
    expect(s.read('/a', 'cgroup.subtree_control')).toBe('cpu pids\n');
  });

  it('a write is all or nothing: one refused token leaves every controller as it was', () => {
    const s = boot();
    s.write('/', 'cgroup.subtree_control', '+cpu +pids');
    s.mkdir('/a');
    expect(s.errno(() => s.write('/a', 'cgroup.subtree_control', '+cpu +pids +memory'))).toBe('ENOENT');
    expect(s.read('/a', 'cgroup.subtree_control')).toBe('\n');
    expect(s.errno(() => s.write('/a', 'cgroup.subtree_control', '+cpu +bogus'))).toBe('EINVAL');
    expect(s.read('/a', 'cgroup.subtree_control')).toBe('\n');
  });
});

describe('the no-internal-process rule', () => {
  it('a cgroup with processes cannot hand memory to children (EBUSY); after moving them to a leaf it can', () => {
    const s = tree('/a', '/a/leaf');
    const pid = s.spawn({ workload: { kind: 'sleep' }, cgroup: '/a' });
    expect(s.errno(() => s.write('/a', 'cgroup.subtree_control', '+memory'))).toBe('EBUSY');
    s.write('/a/leaf', 'cgroup.procs', String(pid));
    s.write('/a', 'cgroup.subtree_control', '+memory');
    expect(s.read('/a', 'cgroup.subtree_control')).toBe('memory\n');
    expect(s.errno(() => s.write('/a', 'cgroup.procs', String(pid))), 'moving it back into /a').toBe('EBUSY');
    expect(s.read('/a/leaf', 'cgroup.procs')).toBe(`${pid}\n`);
  });

  it('threaded controllers (cpu, pids) may be enabled on a cgroup that has processes', () => {
    const s = tree('/a', '/a/b');
    s.spawn({ workload: { kind: 'sleep' }, cgroup: '/a' });
    s.write('/a', 'cgroup.subtree_control', '+cpu +pids');
    expect(s.read('/a', 'cgroup.subtree_control')).toBe('cpu pids\n');
  });

  it('the root is exempt: it keeps its processes and enables memory', () => {
    const s = boot();
    const pid = s.spawn({ workload: { kind: 'sleep' } });
    s.write('/', 'cgroup.subtree_control', '+memory');
    expect(s.read('/', 'cgroup.subtree_control')).toBe('memory\n');
    s.mkdir('/a');
    s.write('/a', 'cgroup.procs', String(pid));
    s.write('/', 'cgroup.procs', String(pid));
    expect(s.read('/', 'cgroup.procs')).toBe(`${pid}\n`);
  });
});

describe('moving processes', () => {
  it('writing a pid to cgroup.procs moves the process and all its threads', () => {
    const s = tree('/a', '/b');
    const pid = s.spawn({ workload: { kind: 'busy' }, cgroup: '/a' });
    s.thread(pid);
    s.thread(pid);
    s.write('/b', 'cgroup.procs', String(pid));
    expect(s.read('/a', 'cgroup.procs')).toBe('');
    expect(s.read('/b', 'cgroup.procs')).toBe(`${pid}\n`);
    expect(s.k.processes[pid]!.cgroup, 'the process (and so its three threads) is in /b').toBe('/b');
    expect(s.k.processes[pid]!.threads, 'its threads go with it').toHaveLength(3);
    expect(s.read('/a', 'cgroup.events'), '/a is empty now').toBe('populated 0\nfrozen 0\n');
  });

  it('cgroup.procs lists pids in ascending order after moves in any order', () => {
    const s = tree('/a');
    const pids = [1, 2, 3, 4].map(() => s.spawn({ workload: { kind: 'sleep' } }));
    for (const pid of [pids[2]!, pids[0]!, pids[3]!]) s.write('/a', 'cgroup.procs', String(pid));
    expect(s.read('/a', 'cgroup.procs')).toBe(`${pids[0]}\n${pids[2]}\n${pids[3]}\n`);
    expect(s.read('/', 'cgroup.procs')).toBe(`${pids[1]}\n`);
  });
});

describe('populated', () => {
  it('is 1 while the cgroup or a descendant holds a live process', () => {
    const s = tree('/a', '/a/b', '/c');
    const pid = s.spawn({ workload: { kind: 'busy', usec: 3000 }, cgroup: '/a/b' });
    expect(s.read('/a', 'cgroup.events')).toBe('populated 1\nfrozen 0\n');
    expect(s.read('/a/b', 'cgroup.events')).toBe('populated 1\nfrozen 0\n');
    expect(s.read('/c', 'cgroup.events')).toBe('populated 0\nfrozen 0\n');
    s.run(10_000);
    expect(s.k.processes[pid]!.state, 'the process ran its 3 ms and exited').toBe('dead');
    expect(s.read('/a', 'cgroup.events')).toBe('populated 0\nfrozen 0\n');
  });

  it('each change is an event: populated went 0 → 1 → 0 in the parent', () => {
    const s = tree('/a', '/a/b');
    s.step();
    const pid = s.spawn({ workload: { kind: 'busy', usec: 2000 }, cgroup: '/a/b' });
    s.run(10_000);
    const events = s.k.log.filter((e) => e.type === 'populated').map((e) => `${e.cgroup} ${e.detail}`);
    expect(events).toEqual(['/ populated 1', '/a populated 1', '/a/b populated 1', '/ populated 0', '/a populated 0', '/a/b populated 0']);
    expect(s.k.processes[pid]!.state).toBe('dead');
    expect(s.k.cgroups['/a']!.populatedChanges).toBe(2);
  });

  it('rmdir refuses a populated cgroup (EBUSY) and removes it once empty', () => {
    const s = tree('/a');
    const pid = s.spawn({ workload: { kind: 'sleep' }, cgroup: '/a' });
    expect(s.errno(() => s.rmdir('/a'))).toBe('EBUSY');
    s.write('/', 'cgroup.procs', String(pid));
    s.rmdir('/a');
    expect(s.errno(() => s.read('/a', 'cgroup.procs'))).toBe('ENOENT');
  });
});
