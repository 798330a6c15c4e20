// The cgroup v2 filesystem of the container kernel: which files exist where, what each read prints
// (byte for byte, as Linux prints it), and every refused mkdir, rmdir and write with its errno and message.
import { describe, expect, it } from 'vitest';
import { availableControllers, CGROUP_FILES, type CgroupFile, cgMkdir, cgRead, cgRmdir, cgroupFiles, cgWrite, effectiveMemoryMax, parseBytes } from './cgroupfs.ts';
import { CgroupError } from './errno.ts';
import { cloneThread, commitCharge, createKernel, killProcess, runKernel, spawn } from './kernel.ts';
import type { CgroupPolicy } from './policy.ts';
import { testingPolicy } from './testing-policy.ts';
import { type Kernel, PAGE_SIZE, type Workload } from './types.ts';

const policy = testingPolicy();
const busy: Workload = { kind: 'busy' };
const sleep: Workload = { kind: 'sleep' };

/** A kernel with /a (and /a/b when `nested`), the root handing `controllers` to its children. */
function withChild(controllers = '+cpu +memory +pids', nested = false): Kernel {
  const k = createKernel();
  cgMkdir(k, '/a');
  if (nested) cgMkdir(k, '/a/b');
  cgWrite(k, policy, '/', 'cgroup.subtree_control', controllers);
  return k;
}

/** Expects `fn` to throw CgroupError `errno` with exactly `message` (after the "ERRNO: " prefix). */
function refuses(fn: () => unknown, errno: CgroupError['errno'], message: string): void {
  let thrown: unknown;
  try {
    fn();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(CgroupError);
  expect({ errno: (thrown as CgroupError).errno, message: (thrown as CgroupError).message }).toEqual({ errno, message: `${errno}: ${message}` });
}

const CORE_FILES: CgroupFile[] = ['cgroup.procs', 'cgroup.controllers', 'cgroup.subtree_control', 'cgroup.events', 'cpu.stat'];
const READ_ONLY: CgroupFile[] = ['cgroup.controllers', 'cgroup.events', 'cpu.stat', 'memory.current', 'memory.events', 'memory.events.local', 'pids.current', 'pids.events'];

describe('cgMkdir', () => {
  it('makes a cgroup with Linux’s defaults, listed in its parent’s children in creation order', () => {
    const k = createKernel();
    const a = cgMkdir(k, '/a');
    cgMkdir(k, '/c');
    cgMkdir(k, '/a/b');
    expect(a).toBe(k.cgroups['/a']);
    expect(k.cgroups['/a']).toMatchObject({ path: '/a', parent: '/', children: ['/a/b'], procs: [], subtreeControl: [], populatedChanges: 0, wasPopulated: false });
    expect(k.cgroups['/a/b']!.parent).toBe('/a');
    expect(k.cgroups['/']!.children).toEqual(['/a', '/c']);
    expect(k.cgroups['/a']!.cpu).toEqual(k.cgroups['/']!.cpu);
    expect(k.cgroups['/a']!.memory).toEqual(k.cgroups['/']!.memory);
    expect(k.cgroups['/a']!.pids).toEqual({ max: 'max', eventsMax: 0 });
  });

  it.each(['a', '/', '/a/', '/a b', '/tab\there', '/.', '/..', ''])('refuses the name %j with EINVAL', (path) => {
    const k = createKernel();
    cgMkdir(k, '/a');
    refuses(() => cgMkdir(k, path), 'EINVAL', `mkdir ${path}: not a cgroup name (an absolute path whose last part has no "/" or space)`);
  });

  it('is ENOENT without a parent and EEXIST for a cgroup or an interface file’s name', () => {
    const k = createKernel();
    cgMkdir(k, '/a');
    refuses(() => cgMkdir(k, '/x/y'), 'ENOENT', 'mkdir /x/y: no parent cgroup /x');
    refuses(() => cgMkdir(k, '/a/b/c'), 'ENOENT', 'mkdir /a/b/c: no parent cgroup /a/b');
    refuses(() => cgMkdir(k, '/a'), 'EEXIST', 'mkdir /a: the cgroup exists');
    for (const name of ['cgroup.procs', 'cgroup.events', 'cpu.stat']) {
      refuses(() => cgMkdir(k, `/a/${name}`), 'EEXIST', `mkdir /a/${name}: an interface file has that name`);
    }
    expect(Object.keys(k.cgroups)).toEqual(['/', '/a']);
    expect(cgMkdir(k, '/a/cpu.max').path, 'only the files /a has now are taken (cpu is not enabled)').toBe('/a/cpu.max');
    refuses(() => cgMkdir(k, '//a'), 'EINVAL', 'mkdir //a: not a cgroup name (an absolute path whose last part has no "/" or space)');
    expect(cgMkdir(k, '/cpuset').path).toBe('/cpuset');
    expect(cgMkdir(k, '/a/memory').path).toBe('/a/memory');
  });
});

describe('cgRmdir', () => {
  it('removes an empty cgroup, and a new one of the same name starts from the defaults', () => {
    const k = withChild();
    cgWrite(k, policy, '/a', 'cpu.weight', '500');
    cgRmdir(k, '/a');
    expect(k.cgroups['/a']).toBeUndefined();
    expect(k.cgroups['/']!.children).toEqual([]);
    cgMkdir(k, '/a');
    expect(cgRead(k, policy, '/a', 'cpu.weight')).toBe('100\n');
  });

  it('is EBUSY for the root, a cgroup with children or with live processes; ENOENT if missing', () => {
    const k = createKernel();
    cgMkdir(k, '/a');
    cgMkdir(k, '/a/b');
    cgMkdir(k, '/a/c');
    cgMkdir(k, '/d');
    refuses(() => cgRmdir(k, '/'), 'EBUSY', 'rmdir /: the root cgroup cannot be removed');
    refuses(() => cgRmdir(k, '/a'), 'EBUSY', 'rmdir /a: it has child cgroups (/a/b, /a/c)');
    const one = spawn(k, policy, { workload: sleep, cgroup: '/d' });
    const two = spawn(k, policy, { workload: sleep, cgroup: '/d' });
    refuses(() => cgRmdir(k, '/d'), 'EBUSY', 'rmdir /d: it has processes (1, 2)');
    refuses(() => cgRmdir(k, '/x'), 'ENOENT', 'no cgroup /x');
    killProcess(k, policy, one, 'killed');
    refuses(() => cgRmdir(k, '/d'), 'EBUSY', 'rmdir /d: it has processes (2)');
    killProcess(k, policy, two, 'killed');
    cgRmdir(k, '/d');
    cgRmdir(k, '/a/b');
    cgRmdir(k, '/a/c');
    cgRmdir(k, '/a');
    expect(Object.keys(k.cgroups)).toEqual(['/']);
  });
});

describe('which files exist', () => {
  it('the root has the core files and cpu.stat only', () => {
    const k = createKernel();
    expect(cgroupFiles(k, '/')).toEqual(CORE_FILES);
    cgWrite(k, policy, '/', 'cgroup.subtree_control', '+cpu +memory +pids');
    expect(cgroupFiles(k, '/')).toEqual(CORE_FILES);
  });

  it('a child has a controller’s files exactly when its parent’s subtree_control enables it', () => {
    const k = createKernel();
    cgMkdir(k, '/a');
    cgMkdir(k, '/a/b');
    expect(cgroupFiles(k, '/a')).toEqual(CORE_FILES);
    cgWrite(k, policy, '/', 'cgroup.subtree_control', '+pids +cpu');
    expect(cgroupFiles(k, '/a')).toEqual([...CORE_FILES, 'cpu.weight', 'cpu.max', 'pids.max', 'pids.current', 'pids.events']);
    expect(cgroupFiles(k, '/a/b')).toEqual(CORE_FILES);
    cgWrite(k, policy, '/', 'cgroup.subtree_control', '+memory');
    expect(cgroupFiles(k, '/a')).toEqual(Object.keys(CGROUP_FILES));
    cgWrite(k, policy, '/a', 'cgroup.subtree_control', '+memory');
    expect(cgroupFiles(k, '/a/b')).toEqual([...CORE_FILES, 'memory.current', 'memory.high', 'memory.max', 'memory.events', 'memory.events.local']);
    cgWrite(k, policy, '/', 'cgroup.subtree_control', '-cpu -pids');
    expect(cgroupFiles(k, '/a')).toEqual([...CORE_FILES, 'memory.current', 'memory.high', 'memory.max', 'memory.events', 'memory.events.local']);
  });

  it('cgroup.controllers lists every controller at the root and the parent’s subtree_control below', () => {
    const k = withChild('+cpu', true);
    expect(availableControllers(k, '/')).toEqual(['cpu', 'memory', 'pids']);
    expect(availableControllers(k, '/a')).toEqual(['cpu']);
    expect(availableControllers(k, '/a/b')).toEqual([]);
    refuses(() => availableControllers(k, '/x'), 'ENOENT', 'no cgroup /x');
  });

  it('marks the read-only files', () => {
    expect((Object.keys(CGROUP_FILES) as CgroupFile[]).filter((f) => CGROUP_FILES[f].readOnly)).toEqual(READ_ONLY);
  });

  it('reading or writing a file that is not there is ENOENT, saying why', () => {
    const k = withChild('+cpu');
    for (const [path, file, why] of [
      ['/', 'cpu.weight', 'the root cgroup has no cpu.weight'],
      ['/', 'memory.current', 'the root cgroup has no memory.current'],
      ['/', 'pids.max', 'the root cgroup has no pids.max'],
      ['/', 'cgroup.freeze', 'no such interface file'],
      ['/a', 'memory.max', "the memory controller is not enabled in the parent's cgroup.subtree_control"],
      ['/a', 'pids.current', "the pids controller is not enabled in the parent's cgroup.subtree_control"],
      ['/a', 'cgroup.threads', 'no such interface file'],
      ['/a', 'cpu.max.burst', 'no such interface file'],
      ['/a', 'toString', 'no such interface file'],
    ] as const) {
      const name = `${path === '/' ? '' : path}/${file}`;
      refuses(() => cgRead(k, policy, path, file), 'ENOENT', `${name}: ${why}`);
      refuses(() => cgWrite(k, policy, path, file, '1'), 'ENOENT', `${name}: ${why}`);
    }
    refuses(() => cgRead(k, policy, '/x', 'cgroup.procs'), 'ENOENT', 'no cgroup /x');
    refuses(() => cgWrite(k, policy, '/x', 'cgroup.procs', '1'), 'ENOENT', 'no cgroup /x');
  });
});

describe('reads', () => {
  it('cgroup.procs: one pid a line, ascending, live processes only', () => {
    const k = withChild();
    expect(cgRead(k, policy, '/a', 'cgroup.procs')).toBe('');
    spawn(k, policy, { workload: sleep, cgroup: '/a' });
    spawn(k, policy, { workload: sleep });
    cloneThread(k, policy, spawn(k, policy, { workload: sleep, cgroup: '/a' }));
    spawn(k, policy, { workload: sleep, cgroup: '/a' });
    expect(cgRead(k, policy, '/a', 'cgroup.procs')).toBe('1\n3\n5\n');
    expect(cgRead(k, policy, '/', 'cgroup.procs')).toBe('2\n');
    killProcess(k, policy, 3, 'killed');
    expect(cgRead(k, policy, '/a', 'cgroup.procs')).toBe('1\n5\n');
  });

  it('cgroup.controllers and cgroup.subtree_control: space-separated in Linux’s order, then a newline', () => {
    const k = createKernel();
    cgMkdir(k, '/a');
    expect(cgRead(k, policy, '/', 'cgroup.controllers')).toBe('cpu memory pids\n');
    expect(cgRead(k, policy, '/', 'cgroup.subtree_control')).toBe('\n');
    expect(cgRead(k, policy, '/a', 'cgroup.controllers')).toBe('\n');
    cgWrite(k, policy, '/', 'cgroup.subtree_control', '+pids +cpu');
    expect(k.cgroups['/']!.subtreeControl).toEqual(['pids', 'cpu']);
    expect(cgRead(k, policy, '/', 'cgroup.subtree_control')).toBe('cpu pids\n');
    expect(cgRead(k, policy, '/a', 'cgroup.subtree_control')).toBe('\n');
  });

  // Bug: availableControllers (cgroupfs.ts:47) copies the parent's subtreeControl in the order the
  // policy stored it, so cgroup.controllers prints "pids cpu" where Linux (and this file's own
  // cgroup.subtree_control read) prints "cpu pids".
  it('cgroup.controllers of a child is in Linux’s order whatever order the policy stored', () => {
    const k = createKernel();
    cgMkdir(k, '/a');
    cgWrite(k, policy, '/', 'cgroup.subtree_control', '+pids +cpu');
    expect(cgRead(k, policy, '/a', 'cgroup.controllers')).toBe('cpu pids\n');
  });

  it('cgroup.events: populated from the policy, frozen always 0', () => {
    const k = withChild('', true);
    expect(cgRead(k, policy, '/a', 'cgroup.events')).toBe('populated 0\nfrozen 0\n');
    const pid = spawn(k, policy, { workload: sleep, cgroup: '/a/b' });
    expect(cgRead(k, policy, '/a', 'cgroup.events')).toBe('populated 1\nfrozen 0\n');
    expect(cgRead(k, policy, '/', 'cgroup.events')).toBe('populated 1\nfrozen 0\n');
    killProcess(k, policy, pid, 'killed');
    expect(cgRead(k, policy, '/a', 'cgroup.events')).toBe('populated 0\nfrozen 0\n');
    const asked: string[] = [];
    const spy = testingPolicy({
      populated: (_k, path) => {
        asked.push(path);
        return true;
      },
    });
    expect(cgRead(k, spy, '/a/b', 'cgroup.events')).toBe('populated 1\nfrozen 0\n');
    expect(asked).toEqual(['/a/b']);
  });

  it('cpu.stat: usage, user and system always; nr_periods, nr_throttled, throttled_usec once cpu is enabled, never at the root', () => {
    const k = createKernel();
    cgMkdir(k, '/a');
    expect(cgRead(k, policy, '/', 'cpu.stat')).toBe('usage_usec 0\nuser_usec 0\nsystem_usec 0\n');
    expect(cgRead(k, policy, '/a', 'cpu.stat')).toBe('usage_usec 0\nuser_usec 0\nsystem_usec 0\n');
    spawn(k, policy, { workload: busy, cgroup: '/a' });
    runKernel(k, policy, 7000);
    expect(cgRead(k, policy, '/a', 'cpu.stat')).toBe('usage_usec 7000\nuser_usec 7000\nsystem_usec 0\n');
    cgWrite(k, policy, '/', 'cgroup.subtree_control', '+cpu');
    Object.assign(k.cgroups['/a']!.cpu, { nrPeriods: 4, nrThrottled: 3, throttledUsec: 2500 });
    expect(cgRead(k, policy, '/a', 'cpu.stat')).toBe('usage_usec 7000\nuser_usec 7000\nsystem_usec 0\nnr_periods 4\nnr_throttled 3\nthrottled_usec 2500\n');
    expect(cgRead(k, policy, '/', 'cpu.stat')).toBe('usage_usec 7000\nuser_usec 7000\nsystem_usec 0\n');
  });

  it('cpu.weight and cpu.max: their defaults, "100" and "max 100000"', () => {
    const k = withChild('+cpu');
    expect(cgRead(k, policy, '/a', 'cpu.weight')).toBe('100\n');
    expect(cgRead(k, policy, '/a', 'cpu.max')).toBe('max 100000\n');
  });

  it('memory.current: bytes of the cgroup and its descendants; memory.high and memory.max default "max"', () => {
    const k = withChild('+memory', true);
    cgWrite(k, policy, '/a', 'cgroup.subtree_control', '+memory');
    expect(cgRead(k, policy, '/a', 'memory.current')).toBe('0\n');
    const pid = spawn(k, policy, { workload: sleep, cgroup: '/a/b' });
    commitCharge(k, pid, 2, 'anon');
    commitCharge(k, pid, 1, 'cache');
    expect(cgRead(k, policy, '/a/b', 'memory.current')).toBe(`${3 * PAGE_SIZE}\n`);
    expect(cgRead(k, policy, '/a', 'memory.current')).toBe('12288\n');
    expect(cgRead(k, policy, '/a', 'memory.high')).toBe('max\n');
    expect(cgRead(k, policy, '/a', 'memory.max')).toBe('max\n');
  });

  it('memory.events and memory.events.local: the five keys, from the policy, asked for the right scope', () => {
    const k = withChild('+memory');
    expect(cgRead(k, policy, '/a', 'memory.events')).toBe('low 0\nhigh 0\nmax 0\noom 0\noom_kill 0\n');
    const asked: string[] = [];
    const spy: CgroupPolicy = testingPolicy({
      memoryEvents: (_k, path, local) => {
        asked.push(`${path} ${local}`);
        return { low: 0, high: local ? 1 : 10, max: 2, oom: 3, oom_kill: 4 };
      },
    });
    expect(cgRead(k, spy, '/a', 'memory.events')).toBe('low 0\nhigh 10\nmax 2\noom 3\noom_kill 4\n');
    expect(cgRead(k, spy, '/a', 'memory.events.local')).toBe('low 0\nhigh 1\nmax 2\noom 3\noom_kill 4\n');
    expect(asked).toEqual(['/a false', '/a true']);
  });

  it('pids.max, pids.current (tasks, from the policy) and pids.events', () => {
    const k = withChild('+pids');
    expect(cgRead(k, policy, '/a', 'pids.max')).toBe('max\n');
    expect(cgRead(k, policy, '/a', 'pids.current')).toBe('0\n');
    cloneThread(k, policy, spawn(k, policy, { workload: sleep, cgroup: '/a' }));
    expect(cgRead(k, policy, '/a', 'pids.current')).toBe('2\n');
    expect(cgRead(k, policy, '/a', 'pids.events')).toBe('max 0\n');
    k.cgroups['/a']!.pids.eventsMax = 3;
    expect(cgRead(k, policy, '/a', 'pids.events')).toBe('max 3\n');
  });

  it('every line of every file ends in a newline, and reading changes nothing', () => {
    const k = withChild('+cpu +memory +pids', true);
    cgWrite(k, policy, '/a', 'cgroup.subtree_control', '+cpu +memory +pids');
    spawn(k, policy, { workload: busy, cgroup: '/a/b' });
    runKernel(k, policy, 3000);
    const before = JSON.stringify(k);
    for (const path of ['/', '/a', '/a/b']) {
      for (const file of cgroupFiles(k, path)) {
        const text = cgRead(k, policy, path, file);
        if (text !== '') expect(text.endsWith('\n'), `${path}/${file}`).toBe(true);
        expect(text.includes('\n\n'), `${path}/${file}`).toBe(false);
      }
    }
    expect(JSON.stringify(k)).toBe(before);
  });
});

describe('writes', () => {
  it('cgroup.procs hands the pid to the policy’s migrate; a trailing newline is fine', () => {
    const k = withChild();
    const pid = spawn(k, policy, { workload: sleep });
    cgWrite(k, policy, '/a', 'cgroup.procs', `${pid}\n`);
    expect(k.processes[pid]!.cgroup).toBe('/a');
    expect(cgRead(k, policy, '/a', 'cgroup.procs')).toBe('1\n');
    const asked: string[] = [];
    const spy = testingPolicy({ migrate: (_k, p, path) => asked.push(`${p} ${path}`) });
    cgWrite(k, spy, '/', 'cgroup.procs', ' 1 ');
    expect(asked).toEqual(['1 /']);
  });

  it('cgroup.procs: EINVAL for what is not a pid, ESRCH for a missing or dead process', () => {
    const k = withChild();
    const pid = spawn(k, policy, { workload: sleep });
    for (const v of ['abc', '', '-1', '1.0', '1 2']) refuses(() => cgWrite(k, policy, '/a', 'cgroup.procs', v), 'EINVAL', `/a/cgroup.procs: "${v}" is not a pid`);
    refuses(() => cgWrite(k, policy, '/', 'cgroup.procs', 'x'), 'EINVAL', '/cgroup.procs: "x" is not a pid');
    refuses(() => cgWrite(k, policy, '/a', 'cgroup.procs', '42'), 'ESRCH', 'no process 42');
    killProcess(k, policy, pid, 'killed');
    refuses(() => cgWrite(k, policy, '/a', 'cgroup.procs', String(pid)), 'ESRCH', 'no process 1');
  });

  it('cgroup.subtree_control hands the trimmed text to the policy, and its errors come back unchanged', () => {
    const k = createKernel();
    const asked: string[] = [];
    const spy = testingPolicy({ writeSubtreeControl: (_k, path, text) => asked.push(`${path}|${text}`) });
    cgWrite(k, spy, '/', 'cgroup.subtree_control', '+cpu -memory\n');
    cgWrite(k, spy, '/', 'cgroup.subtree_control', '  +pids  ');
    expect(asked).toEqual(['/|+cpu -memory', '/|+pids']);
    refuses(() => cgWrite(k, policy, '/', 'cgroup.subtree_control', 'cpu'), 'EINVAL', 'bad token cpu');
  });

  it('cpu.weight takes 1..10000', () => {
    const k = withChild('+cpu');
    for (const [v, read] of [
      ['300', '300\n'],
      ['1', '1\n'],
      ['10000\n', '10000\n'],
      [' 50 ', '50\n'],
      ['0100', '100\n'],
    ]) {
      cgWrite(k, policy, '/a', 'cpu.weight', v!);
      expect(cgRead(k, policy, '/a', 'cpu.weight')).toBe(read);
    }
  });

  it('cpu.weight: ERANGE out of 1..10000, EINVAL for what is not a whole number; the weight stays', () => {
    const k = withChild('+cpu');
    cgWrite(k, policy, '/a', 'cpu.weight', '7');
    refuses(() => cgWrite(k, policy, '/a', 'cpu.weight', '0'), 'ERANGE', '/a/cpu.weight: 0 is out of range 1..10000');
    refuses(() => cgWrite(k, policy, '/a', 'cpu.weight', '10001'), 'ERANGE', '/a/cpu.weight: 10001 is out of range 1..10000');
    for (const v of ['abc', '', '-5', '1.5', '1e3', 'max', '10 20']) refuses(() => cgWrite(k, policy, '/a', 'cpu.weight', v), 'EINVAL', `/a/cpu.weight: "${v}" is not a whole number`);
    expect(k.cgroups['/a']!.cpu.weight).toBe(7);
  });

  it('cpu.max takes "$MAX $PERIOD", or "$MAX" alone keeping the period, and refills the runtime', () => {
    const k = withChild('+cpu');
    const cpu = k.cgroups['/a']!.cpu;
    cgWrite(k, policy, '/a', 'cpu.max', '50000 100000');
    expect(cgRead(k, policy, '/a', 'cpu.max')).toBe('50000 100000\n');
    expect(cpu).toMatchObject({ quota: 50_000, period: 100_000, runtime: 50_000 });
    cgWrite(k, policy, '/a', 'cpu.max', 'max 50000\n');
    expect(cgRead(k, policy, '/a', 'cpu.max')).toBe('max 50000\n');
    expect(cpu.runtime).toBe(0);
    cgWrite(k, policy, '/a', 'cpu.max', '20000');
    expect(cgRead(k, policy, '/a', 'cpu.max')).toBe('20000 50000\n');
    cgWrite(k, policy, '/a', 'cpu.max', '200000 100000');
    expect(cgRead(k, policy, '/a', 'cpu.max')).toBe('200000 100000\n');
    cgWrite(k, policy, '/a', 'cpu.max', 'max');
    expect(cgRead(k, policy, '/a', 'cpu.max')).toBe('max 100000\n');
    cgWrite(k, policy, '/a', 'cpu.max', '1000 1000');
    expect(cgRead(k, policy, '/a', 'cpu.max')).toBe('1000 1000\n');
    cgWrite(k, policy, '/a', 'cpu.max', '  3000   1000000 ');
    expect(cgRead(k, policy, '/a', 'cpu.max')).toBe('3000 1000000\n');
  });

  it('cpu.max: EINVAL for bad formats, a period outside 1000..1000000, a quota under 1000; nothing changes', () => {
    const k = withChild('+cpu');
    cgWrite(k, policy, '/a', 'cpu.max', '40000 80000');
    const before = JSON.stringify(k.cgroups['/a']!.cpu);
    const a = '/a/cpu.max';
    refuses(() => cgWrite(k, policy, '/a', 'cpu.max', ''), 'EINVAL', `${a}: write "$MAX" or "$MAX $PERIOD", not ""`);
    refuses(() => cgWrite(k, policy, '/a', 'cpu.max', '1 2 3'), 'EINVAL', `${a}: write "$MAX" or "$MAX $PERIOD", not "1 2 3"`);
    refuses(() => cgWrite(k, policy, '/a', 'cpu.max', 'abc'), 'EINVAL', `${a}: $MAX must be "max" or microseconds, not "abc"`);
    refuses(() => cgWrite(k, policy, '/a', 'cpu.max', '-1 100000'), 'EINVAL', `${a}: $MAX must be "max" or microseconds, not "-1"`);
    refuses(() => cgWrite(k, policy, '/a', 'cpu.max', 'MAX'), 'EINVAL', `${a}: $MAX must be "max" or microseconds, not "MAX"`);
    refuses(() => cgWrite(k, policy, '/a', 'cpu.max', '50000 abc'), 'EINVAL', `${a}: $PERIOD must be microseconds, not "abc"`);
    refuses(() => cgWrite(k, policy, '/a', 'cpu.max', '50000 max'), 'EINVAL', `${a}: $PERIOD must be microseconds, not "max"`);
    refuses(() => cgWrite(k, policy, '/a', 'cpu.max', '50000 999'), 'EINVAL', `${a}: the period must be 1000..1000000 µs, not 999`);
    refuses(() => cgWrite(k, policy, '/a', 'cpu.max', '50000 1000001'), 'EINVAL', `${a}: the period must be 1000..1000000 µs, not 1000001`);
    refuses(() => cgWrite(k, policy, '/a', 'cpu.max', 'max 999'), 'EINVAL', `${a}: the period must be 1000..1000000 µs, not 999`);
    refuses(() => cgWrite(k, policy, '/a', 'cpu.max', '999'), 'EINVAL', `${a}: the quota must be at least 1000 µs, not 999`);
    refuses(() => cgWrite(k, policy, '/a', 'cpu.max', '0 100000'), 'EINVAL', `${a}: the quota must be at least 1000 µs, not 0`);
    expect(JSON.stringify(k.cgroups['/a']!.cpu)).toBe(before);
  });

  it('memory.high and memory.max take "max" or bytes with K, M, G, T suffixes, rounded down to whole pages', () => {
    const k = withChild('+memory');
    for (const file of ['memory.high', 'memory.max'] as const) {
      for (const [v, read] of [
        ['1M', '1048576\n'],
        ['8193', '8192\n'],
        ['5000', '4096\n'],
        ['4096', '4096\n'],
        ['1k', '0\n'],
        ['6K', '4096\n'],
        ['2G', '2147483648\n'],
        ['1t', '1099511627776\n'],
        ['0', '0\n'],
        ['max\n', 'max\n'],
      ]) {
        cgWrite(k, policy, '/a', file, v!);
        expect(cgRead(k, policy, '/a', file), `${file} ${v}`).toBe(read);
      }
    }
    cgWrite(k, policy, '/a', 'memory.high', '64K');
    expect(k.cgroups['/a']!.memory).toMatchObject({ high: 65_536, max: 'max' });
  });

  it('memory.high and memory.max: EINVAL for anything else; the limit stays', () => {
    const k = withChild('+memory');
    cgWrite(k, policy, '/a', 'memory.max', '1M');
    for (const v of ['abc', '', '-1', '1.5M', '1P', '1MB', 'M', 'Max', '1 M']) {
      refuses(() => cgWrite(k, policy, '/a', 'memory.max', v), 'EINVAL', `/a/memory.max: "${v}" is not "max" or a size in bytes (K, M, G suffixes allowed)`);
    }
    refuses(() => cgWrite(k, policy, '/a', 'memory.high', 'lots'), 'EINVAL', '/a/memory.high: "lots" is not "max" or a size in bytes (K, M, G suffixes allowed)');
    expect(k.cgroups['/a']!.memory).toMatchObject({ high: 'max', max: 1_048_576 });
  });

  it('parseBytes: memparse suffixes, rounded down to pages; undefined for anything else', () => {
    expect(parseBytes('0')).toBe(0);
    expect(parseBytes('4095')).toBe(0);
    expect(parseBytes('4097')).toBe(PAGE_SIZE);
    expect(parseBytes('3m')).toBe(3 * 2 ** 20);
    expect(parseBytes('1G')).toBe(2 ** 30);
    expect(parseBytes('2T')).toBe(2 * 2 ** 40);
    expect(parseBytes('max')).toBeUndefined();
    expect(parseBytes(' 1')).toBeUndefined();
    expect(parseBytes('1KB')).toBeUndefined();
  });

  it('pids.max takes "max" or a whole number >= 0; EINVAL otherwise, the limit staying', () => {
    const k = withChild('+pids');
    for (const [v, read] of [
      ['0', '0\n'],
      ['10\n', '10\n'],
      ['max', 'max\n'],
      ['4194304', '4194304\n'],
    ]) {
      cgWrite(k, policy, '/a', 'pids.max', v!);
      expect(cgRead(k, policy, '/a', 'pids.max')).toBe(read);
    }
    cgWrite(k, policy, '/a', 'pids.max', '5');
    for (const v of ['-1', 'abc', '', '1.5', 'MAX', '5 6']) refuses(() => cgWrite(k, policy, '/a', 'pids.max', v), 'EINVAL', `/a/pids.max: "${v}" is not "max" or a whole number >= 0`);
    expect(k.cgroups['/a']!.pids.max).toBe(5);
  });

  it('lowering pids.max below pids.current is allowed and kills nothing', () => {
    const k = withChild('+pids');
    const pid = spawn(k, policy, { workload: sleep, cgroup: '/a' });
    cloneThread(k, policy, pid);
    cgWrite(k, policy, '/a', 'pids.max', '1');
    expect(cgRead(k, policy, '/a', 'pids.current')).toBe('2\n');
    expect(k.processes[pid]!.state).toBe('alive');
  });

  it('every read-only file refuses writes with EACCES, at the root and below', () => {
    const k = withChild();
    for (const file of READ_ONLY) refuses(() => cgWrite(k, policy, '/a', file, '1'), 'EACCES', `/a/${file} is read-only`);
    for (const file of ['cgroup.controllers', 'cgroup.events', 'cpu.stat']) refuses(() => cgWrite(k, policy, '/', file, '1'), 'EACCES', `/${file} is read-only`);
    // A file the cgroup does not have is ENOENT first.
    refuses(() => cgWrite(k, policy, '/', 'memory.current', '1'), 'ENOENT', '/memory.current: the root cgroup has no memory.current');
  });

  it('controller files of a child stay writable however deep it is', () => {
    const k = withChild('+cpu', true);
    cgWrite(k, policy, '/a', 'cgroup.subtree_control', '+cpu');
    cgWrite(k, policy, '/a/b', 'cpu.weight', '42');
    expect(cgRead(k, policy, '/a/b', 'cpu.weight')).toBe('42\n');
    refuses(() => cgWrite(k, policy, '/a/b', 'cpu.weight', '0'), 'ERANGE', '/a/b/cpu.weight: 0 is out of range 1..10000');
  });
});

describe('effectiveMemoryMax', () => {
  it('is the tightest memory.max from the cgroup up to the root', () => {
    const k = withChild('+memory', true);
    cgWrite(k, policy, '/a', 'cgroup.subtree_control', '+memory');
    expect(effectiveMemoryMax(k, '/a/b')).toBe('max');
    cgWrite(k, policy, '/a/b', 'memory.max', '2M');
    expect(effectiveMemoryMax(k, '/a/b')).toBe(2 * 2 ** 20);
    cgWrite(k, policy, '/a', 'memory.max', '1M');
    expect(effectiveMemoryMax(k, '/a/b')).toBe(2 ** 20);
    expect(effectiveMemoryMax(k, '/a')).toBe(2 ** 20);
    expect(effectiveMemoryMax(k, '/')).toBe('max');
    cgWrite(k, policy, '/a/b', 'memory.max', '0');
    expect(effectiveMemoryMax(k, '/a/b')).toBe(0);
  });
});
