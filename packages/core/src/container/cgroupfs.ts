/**
 * The cgroup v2 filesystem of the container kernel: mkdir, rmdir, and reads and writes of the
 * interface files with Linux's names, value formats, units and errno values.
 *
 *   cgMkdir(k, '/a')                       mkdir /sys/fs/cgroup/a
 *   cgWrite(k, policy, '/a', 'cpu.max', '50000 100000')
 *   cgRead(k, policy, '/a', 'cpu.stat')    "usage_usec 0\nuser_usec 0\nsystem_usec 0\nnr_periods 0\n…"
 *
 * Which files a cgroup has: the core files (`cgroup.*`) always; `cpu.stat` always (its
 * nr_periods, nr_throttled and throttled_usec lines once cpu is enabled); a controller's other
 * files in a non-root cgroup once its parent's cgroup.subtree_control enables it. Anything else
 * is ENOENT. Read-only files refuse writes with EACCES, as kernfs does.
 *
 * Where the model differs from Linux: lowering memory.max or pids.max never reclaims or kills
 * at once; the new limit applies at the next charge (for pids, that is Linux's behaviour).
 * rmdir of a cgroup whose pages are still charged (their processes moved away) hands the pages
 * to its parent, as Linux does.
 */
import { fail } from './errno.ts';
import { ancestors, cgroupAt, memoryCurrent, newCgroup, notePopulated, processAt } from './kernel.ts';
import type { CgroupPolicy } from './policy.ts';
import { CG_CONTROLLERS, type CgController, type Cgroup, CPU_LIMITS, type Kernel, type Limit, type MemoryEvents, PAGE_SIZE } from './types.ts';

/** The interface files the model has, read-only ones marked. */
export const CGROUP_FILES = {
  'cgroup.procs': { controller: null, readOnly: false },
  'cgroup.controllers': { controller: null, readOnly: true },
  'cgroup.subtree_control': { controller: null, readOnly: false },
  'cgroup.events': { controller: null, readOnly: true },
  'cpu.stat': { controller: null, readOnly: true },
  'cpu.weight': { controller: 'cpu', readOnly: false },
  'cpu.max': { controller: 'cpu', readOnly: false },
  'memory.current': { controller: 'memory', readOnly: true },
  'memory.high': { controller: 'memory', readOnly: false },
  'memory.max': { controller: 'memory', readOnly: false },
  'memory.events': { controller: 'memory', readOnly: true },
  'memory.events.local': { controller: 'memory', readOnly: true },
  'pids.max': { controller: 'pids', readOnly: false },
  'pids.current': { controller: 'pids', readOnly: true },
  'pids.events': { controller: 'pids', readOnly: true },
} as const satisfies Record<string, { controller: CgController | null; readOnly: boolean }>;

/** An interface file's name. */
export type CgroupFile = keyof typeof CGROUP_FILES;

/** The controllers available in `path` (cgroup.controllers): all of them at the root, else the parent's subtree_control. */
export function availableControllers(k: Kernel, path: string): CgController[] {
  const cg = cgroupAt(k, path);
  if (cg.parent === null) return [...CG_CONTROLLERS];
  const enabled = cgroupAt(k, cg.parent).subtreeControl;
  return CG_CONTROLLERS.filter((c) => enabled.includes(c));
}

/** The files `path` has now, in the order of CGROUP_FILES. */
export function cgroupFiles(k: Kernel, path: string): CgroupFile[] {
  const root = cgroupAt(k, path).parent === null;
  const on = availableControllers(k, path);
  return (Object.keys(CGROUP_FILES) as CgroupFile[]).filter((f) => {
    const c = CGROUP_FILES[f].controller;
    return c === null || (!root && on.includes(c));
  });
}

const PATH = /^(\/[^/\s]+)+$/;

/** mkdir: a new cgroup at `path` with Linux's defaults. ENOENT without a parent, EEXIST if taken, EINVAL for a bad name. */
export function cgMkdir(k: Kernel, path: string): Cgroup {
  const at = path.lastIndexOf('/');
  const parentPath = at <= 0 ? '/' : path.slice(0, at);
  const name = path.slice(at + 1);
  if (!PATH.test(path) || name === '.' || name === '..') fail('EINVAL', `mkdir ${path}: not a cgroup name (an absolute path whose last part has no "/" or space)`);
  if (k.cgroups[parentPath] === undefined) fail('ENOENT', `mkdir ${path}: no parent cgroup ${parentPath}`);
  if (k.cgroups[path] !== undefined) fail('EEXIST', `mkdir ${path}: the cgroup exists`);
  if ((cgroupFiles(k, parentPath) as string[]).includes(name)) fail('EEXIST', `mkdir ${path}: an interface file has that name`);
  const cg = newCgroup(path, parentPath);
  k.cgroups[path] = cg;
  k.cgroups[parentPath]!.children.push(path);
  return cg;
}

/** rmdir: removes an empty cgroup. EBUSY while it has children or live processes (or for the root), ENOENT if missing. */
export function cgRmdir(k: Kernel, path: string): void {
  const cg = cgroupAt(k, path);
  if (cg.parent === null) fail('EBUSY', 'rmdir /: the root cgroup cannot be removed');
  if (cg.children.length > 0) fail('EBUSY', `rmdir ${path}: it has child cgroups (${cg.children.join(', ')})`);
  if (cg.procs.length > 0) fail('EBUSY', `rmdir ${path}: it has processes (${cg.procs.join(', ')})`);
  const parent = cgroupAt(k, cg.parent);
  parent.children = parent.children.filter((c) => c !== path);
  // Pages still charged here (their processes moved away) go to the parent, as Linux reparents them.
  parent.memory.anonPages += cg.memory.anonPages;
  parent.memory.cachePages += cg.memory.cachePages;
  for (const p of Object.values(k.processes)) {
    const held = p.charges[path];
    if (held === undefined) continue;
    p.charges[cg.parent] ??= { anon: 0, cache: 0 };
    p.charges[cg.parent]!.anon += held.anon;
    p.charges[cg.parent]!.cache += held.cache;
    delete p.charges[path];
  }
  delete k.cgroups[path];
}

const limitText = (v: Limit) => (v === 'max' ? 'max' : String(v));
const lines = (pairs: [string, number][]) => pairs.map(([key, v]) => `${key} ${v}\n`).join('');
const eventsText = (e: MemoryEvents) => lines([['low', e.low], ['high', e.high], ['max', e.max], ['oom', e.oom], ['oom_kill', e.oom_kill]]);

function fileOf(k: Kernel, path: string, file: string): CgroupFile {
  cgroupAt(k, path);
  if (!(cgroupFiles(k, path) as string[]).includes(file)) {
    const c = (CGROUP_FILES as Record<string, { controller: string | null }>)[file]?.controller;
    const why =
      c === undefined || c === null
        ? 'no such interface file'
        : cgroupAt(k, path).parent === null
          ? `the root cgroup has no ${file}`
          : `the ${c} controller is not enabled in the parent's cgroup.subtree_control`;
    fail('ENOENT', `${path === '/' ? '' : path}/${file}: ${why}`);
  }
  return file as CgroupFile;
}

/** Reads an interface file as Linux prints it (every line ends in "\n"). ENOENT for a file the cgroup does not have. */
export function cgRead(k: Kernel, policy: CgroupPolicy, path: string, file: string): string {
  const f = fileOf(k, path, file);
  const cg = cgroupAt(k, path);
  switch (f) {
    case 'cgroup.procs':
      return cg.procs.map((pid) => `${pid}\n`).join('');
    case 'cgroup.controllers':
      return `${availableControllers(k, path).join(' ')}\n`;
    case 'cgroup.subtree_control':
      return `${CG_CONTROLLERS.filter((c) => cg.subtreeControl.includes(c)).join(' ')}\n`;
    case 'cgroup.events':
      return lines([
        ['populated', policy.populated(k, path) ? 1 : 0],
        ['frozen', 0],
      ]);
    case 'cpu.stat': {
      const base = lines([
        ['usage_usec', cg.cpu.usageUsec],
        ['user_usec', cg.cpu.usageUsec],
        ['system_usec', 0],
      ]);
      if (cg.parent === null || !availableControllers(k, path).includes('cpu')) return base;
      return (
        base +
        lines([
          ['nr_periods', cg.cpu.nrPeriods],
          ['nr_throttled', cg.cpu.nrThrottled],
          ['throttled_usec', cg.cpu.throttledUsec],
        ])
      );
    }
    case 'cpu.weight':
      return `${cg.cpu.weight}\n`;
    case 'cpu.max':
      return `${limitText(cg.cpu.quota)} ${cg.cpu.period}\n`;
    case 'memory.current':
      return `${memoryCurrent(k, path)}\n`;
    case 'memory.high':
      return `${limitText(cg.memory.high)}\n`;
    case 'memory.max':
      return `${limitText(cg.memory.max)}\n`;
    case 'memory.events':
      return eventsText(policy.memoryEvents(k, path, false));
    case 'memory.events.local':
      return eventsText(policy.memoryEvents(k, path, true));
    case 'pids.max':
      return `${limitText(cg.pids.max)}\n`;
    case 'pids.current':
      return `${policy.pidsCurrent(k, path)}\n`;
    case 'pids.events':
      return lines([['max', cg.pids.eventsMax]]);
  }
}

const INTEGER = /^\d+$/;

/** Parses bytes as memparse does: digits with an optional K, M, G or T suffix; rounded down to whole pages. */
export function parseBytes(text: string): number | undefined {
  const m = /^(\d+)([KMGT]?)$/i.exec(text);
  if (m === null) return undefined;
  const scale = { '': 1, K: 1 << 10, M: 1 << 20, G: 1 << 30, T: 2 ** 40 }[m[2]!.toUpperCase() as '' | 'K' | 'M' | 'G' | 'T'];
  return Math.floor((Number(m[1]) * scale) / PAGE_SIZE) * PAGE_SIZE;
}

/**
 * Writes `value` to an interface file, as `echo value > file` would (one trailing newline is
 * ignored). Throws CgroupError with Linux's errno: EINVAL for a malformed value, ERANGE for a
 * weight out of range, EACCES for a read-only file, ENOENT for a missing one, ESRCH for an
 * unknown pid, and whatever the policy decides for cgroup.procs and cgroup.subtree_control.
 */
export function cgWrite(k: Kernel, policy: CgroupPolicy, path: string, file: string, value: string): void {
  const f = fileOf(k, path, file);
  const cg = cgroupAt(k, path);
  const v = value.replace(/\n$/, '').trim();
  const where = `${path === '/' ? '' : path}/${f}`;
  if (CGROUP_FILES[f].readOnly) fail('EACCES', `${where} is read-only`);
  switch (f) {
    case 'cgroup.procs': {
      if (!INTEGER.test(v)) fail('EINVAL', `${where}: "${v}" is not a pid`);
      const pid = Number(v);
      processAt(k, pid);
      policy.migrate(k, pid, path);
      notePopulated(k, policy);
      return;
    }
    case 'cgroup.subtree_control': {
      const before = [...cg.subtreeControl];
      policy.writeSubtreeControl(k, path, v);
      // A controller disabled for the children takes their settings with it, as Linux removes
      // its files: enabled again, it starts from the defaults.
      for (const c of before.filter((c) => !cg.subtreeControl.includes(c))) for (const child of cg.children) resetController(cgroupAt(k, child), c);
      return;
    }
    case 'cpu.weight': {
      if (!INTEGER.test(v)) fail('EINVAL', `${where}: "${v}" is not a whole number`);
      const w = Number(v);
      if (w < CPU_LIMITS.weightMin || w > CPU_LIMITS.weightMax) fail('ERANGE', `${where}: ${w} is out of range ${CPU_LIMITS.weightMin}..${CPU_LIMITS.weightMax}`);
      cg.cpu.weight = w;
      return;
    }
    case 'cpu.max': {
      const [maxText, periodText, extra] = v.split(/\s+/);
      if (maxText === undefined || maxText === '' || extra !== undefined) fail('EINVAL', `${where}: write "$MAX" or "$MAX $PERIOD", not "${v}"`);
      if (maxText !== 'max' && !INTEGER.test(maxText)) fail('EINVAL', `${where}: $MAX must be "max" or microseconds, not "${maxText}"`);
      if (periodText !== undefined && !INTEGER.test(periodText)) fail('EINVAL', `${where}: $PERIOD must be microseconds, not "${periodText}"`);
      const period = periodText === undefined ? cg.cpu.period : Number(periodText);
      const quota: Limit = maxText === 'max' ? 'max' : Number(maxText);
      if (period < CPU_LIMITS.periodMin || period > CPU_LIMITS.periodMax) fail('EINVAL', `${where}: the period must be ${CPU_LIMITS.periodMin}..${CPU_LIMITS.periodMax} µs, not ${period}`);
      if (quota !== 'max' && quota < CPU_LIMITS.quotaMin) fail('EINVAL', `${where}: the quota must be at least ${CPU_LIMITS.quotaMin} µs, not ${quota}`);
      cg.cpu.quota = quota;
      cg.cpu.period = period;
      cg.cpu.runtime = quota === 'max' ? 0 : quota;
      return;
    }
    case 'memory.high':
    case 'memory.max': {
      const bytes = v === 'max' ? 'max' : parseBytes(v);
      if (bytes === undefined) fail('EINVAL', `${where}: "${v}" is not "max" or a size in bytes (K, M, G suffixes allowed)`);
      if (f === 'memory.high') cg.memory.high = bytes;
      else cg.memory.max = bytes;
      return;
    }
    case 'pids.max': {
      if (v !== 'max' && !INTEGER.test(v)) fail('EINVAL', `${where}: "${v}" is not "max" or a whole number >= 0`);
      cg.pids.max = v === 'max' ? 'max' : Number(v);
      return;
    }
  }
}

/** Puts a controller's settings of one cgroup back to their defaults (its counters stay). */
function resetController(cg: Cgroup, c: CgController): void {
  const fresh = newCgroup(cg.path, cg.parent);
  if (c === 'cpu') Object.assign(cg.cpu, { weight: fresh.cpu.weight, quota: fresh.cpu.quota, period: fresh.cpu.period, runtime: fresh.cpu.runtime });
  if (c === 'memory') Object.assign(cg.memory, { high: fresh.memory.high, max: fresh.memory.max });
  if (c === 'pids') cg.pids.max = fresh.pids.max;
}

/** The tightest memory.max on the way from `path` to the root, in bytes ('max' if none). */
export function effectiveMemoryMax(k: Kernel, path: string): Limit {
  let tightest: Limit = 'max';
  for (const a of ancestors(k, path)) {
    const m = cgroupAt(k, a).memory.max;
    if (m !== 'max' && (tightest === 'max' || m < tightest)) tightest = m;
  }
  return tightest;
}
