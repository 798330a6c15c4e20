/**
 * The real kernel beside the model (host side; not part of the lab's model). Finds a writable
 * cgroup hierarchy with the cpu controller, makes cgroups under a parent of its own, starts busy
 * processes in them, measures them, and removes everything it made, whatever happens.
 *
 *   findHierarchy(env) ──► { ok: true, hierarchy } | { ok: false, why }      nothing is written yet
 *   withCgroups(hierarchy, { marker, budgetMs }, async (s) => {
 *     const g = s.group('w100', { weight: 100 });    mkdir <root>/virtlab-<pid>/w100, cpu.weight (v1: cpu.shares)
 *     const pid = await s.busy({ cpu: 0, taskset });  a busy process, pinned (taskset -c 0), spinning
 *     s.move(g, pid);                                 echo <pid> > g/cgroup.procs (start them all first)
 *     s.cpuUsec(pid); s.cpuStat(g); await s.sleep(ms) CPU time so far; cpu.stat; a wait that a signal ends
 *   })                                               ──► kill the busy processes, wait for them, rmdir all
 *
 * The parent <root>/virtlab-<pid> gets cpu.weight PARENT_WEIGHT, so that the rest of a busy
 * machine disturbs the measurement less (the model has nothing else running).
 *
 * Hierarchies, in the order tried (VIRTLAB_CGROUP_ROOT=<folder> tries that folder only):
 *   cgroup v2: a cgroup2 mount whose cgroup.controllers lists cpu; +cpu is written to its
 *              cgroup.subtree_control if missing (and taken back afterwards), and to our parent's.
 *   cgroup v1: a cgroup mount with the cpu controller: cpu.shares = weight·1024/100,
 *              cpu.cfs_quota_us / cpu.cfs_period_us; cpu.stat's throttled_time is in ns.
 * A folder counts only if statfs says it is a cgroup file system, so a fake root is never written.
 *
 * Cleanup, in every path out of withCgroups (return, throw, SIGINT, SIGTERM, SIGHUP): SIGKILL every
 * busy process and wait for it, then rmdir the groups, deepest first, then the parent. A busy
 * process also ends by itself when its parent (this runner) is gone or after its time limit, so
 * even a SIGKILLed runner leaves no busy loop behind; its empty groups are removed by the next run
 * (a `virtlab-<pid>` whose pid no longer exists).
 *
 * CPU time of a process: /proc/<pid>/schedstat (ns on the CPU), else /proc/<pid>/stat
 * utime + stime in clock ticks (getconf CLK_TCK, else 100).
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync, readdirSync, readFileSync, rmdirSync, statfsSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** statfs f_type of cgroup v1 and of cgroup2 (linux/magic.h). */
const CGROUP_SUPER_MAGIC = 0x27e0eb;
const CGROUP2_SUPER_MAGIC = 0x63677270;

/**
 * cpu.weight of the run's own parent (v1: cpu.shares 102400): the highest v2 allows, so that other
 * work on the machine takes little from the groups below it. It changes no ratio among them, and
 * no quota.
 */
export const PARENT_WEIGHT = 10_000;
/** How long a busy process spins at most, beyond the run's own seconds (ms). */
const BUSY_GRACE_MS = 20_000;
/** How long to wait for a busy process to start, or to end once killed (ms). */
const START_TIMEOUT_MS = 15_000;
const EXIT_TIMEOUT_MS = 5_000;
/** How long rmdir is retried while the kernel still counts a task that just died (ms). */
const RMDIR_RETRY_MS = 3_000;

/** A cgroup hierarchy with the cpu controller. */
export interface Hierarchy {
  /** 2: cgroup2 (cpu.weight, cpu.max); 1: the v1 cpu controller (cpu.shares, cpu.cfs_*). */
  version: 1 | 2;
  /** Its mount point (or the folder of VIRTLAB_CGROUP_ROOT). */
  root: string;
}

/** Why there is no hierarchy to measure on. */
export type NoHierarchy =
  | { kind: 'none' }
  | { kind: 'not-cgroup'; path: string }
  | { kind: 'no-cpu'; path: string }
  | { kind: 'not-writable'; path: string; code: string };

export type FoundHierarchy = { ok: true; hierarchy: Hierarchy } | { ok: false; why: NoHierarchy };

/** cgroup v1's cpu.shares for a v2 cpu.weight (100 ↔ 1024). */
export const sharesOf = (weight: number): number => Math.round((weight * 1024) / 100);

/** Thrown by withCgroups when the hierarchy turns out not to be writable (nothing was measured). */
export class NotWritable extends Error {
  constructor(
    readonly path: string,
    readonly code: string,
  ) {
    super(`${path}: ${code}`);
  }
}

/** Thrown into the work of withCgroups when a signal asks the runner to stop. */
export class Interrupted extends Error {
  constructor(readonly signal: NodeJS.Signals) {
    super(signal);
  }
}

/** The exit code of a process ended by `signal` (128 + its number). */
export const exitCodeOf = (signal: NodeJS.Signals): number => (({ SIGHUP: 129, SIGINT: 130, SIGTERM: 143 }) as Record<string, number>)[signal] ?? 130;

const errnoOf = (error: unknown): string => (error as { code?: string }).code ?? (error instanceof Error ? error.message : String(error));

function fsType(path: string): number | undefined {
  try {
    return statfsSync(path).type;
  } catch {
    return undefined;
  }
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** What kind of hierarchy `path` is, judged by the file system itself and its cpu files. */
function classify(path: string): FoundHierarchy {
  const type = fsType(path);
  if (type === CGROUP2_SUPER_MAGIC) {
    const controllers = (readText(join(path, 'cgroup.controllers')) ?? '').split(/\s+/);
    return controllers.includes('cpu') ? { ok: true, hierarchy: { version: 2, root: path } } : { ok: false, why: { kind: 'no-cpu', path } };
  }
  if (type === CGROUP_SUPER_MAGIC) {
    return existsSync(join(path, 'cpu.shares')) ? { ok: true, hierarchy: { version: 1, root: path } } : { ok: false, why: { kind: 'no-cpu', path } };
  }
  return { ok: false, why: { kind: 'not-cgroup', path } };
}

/** Decodes the octal escapes of /proc/mounts (\040 for a space). */
const unescapeMount = (s: string) => s.replace(/\\([0-7]{3})/g, (_, oct: string) => String.fromCharCode(Number.parseInt(oct, 8)));

/**
 * A hierarchy with the cpu controller that this process may write, without writing anything:
 * VIRTLAB_CGROUP_ROOT if set, else cgroup v2 mounts first, then v1 mounts with the cpu controller.
 */
export function findHierarchy(env: Readonly<Record<string, string | undefined>> = process.env): FoundHierarchy {
  const forced = env.VIRTLAB_CGROUP_ROOT;
  const candidates: string[] = [];
  if (forced !== undefined && forced !== '') candidates.push(forced);
  else {
    const mounts = (readText('/proc/mounts') ?? '')
      .split('\n')
      .map((line) => line.split(' '))
      .filter((f) => f.length >= 4)
      .map(([, target, type, opts]) => ({ target: unescapeMount(target!), type: type!, opts: opts!.split(',') }));
    for (const m of mounts) if (m.type === 'cgroup2') candidates.push(m.target);
    for (const m of mounts) if (m.type === 'cgroup' && m.opts.includes('cpu')) candidates.push(m.target);
  }
  let first: NoHierarchy | undefined;
  for (const path of candidates) {
    const found = classify(path);
    if (!found.ok) {
      first ??= found.why;
      continue;
    }
    try {
      accessSync(path, constants.W_OK);
    } catch (error) {
      first = { kind: 'not-writable', path, code: errnoOf(error) };
      continue;
    }
    return found;
  }
  // Without an override, a v2 mount without cpu (cpu is bound to v1 elsewhere) says little: say "none".
  if (first === undefined || (forced === undefined && first.kind !== 'not-writable')) return { ok: false, why: { kind: 'none' } };
  return { ok: false, why: first };
}

/** The first CPU this process may run on (Cpus_allowed_list), else 0. */
export function firstAllowedCpu(): number {
  const line = (readText('/proc/self/status') ?? '').split('\n').find((l) => l.startsWith('Cpus_allowed_list:'));
  const n = Number.parseInt(line?.split(':')[1]?.trim() ?? '', 10);
  return Number.isInteger(n) ? n : 0;
}

/** The path of `taskset` on PATH, or undefined. */
export function findTaskset(env: Readonly<Record<string, string | undefined>> = process.env): string | undefined {
  for (const dir of (env.PATH ?? '/usr/bin:/bin').split(delimiter)) {
    const path = join(dir, 'taskset');
    try {
      accessSync(path, constants.X_OK);
      return path;
    } catch {}
  }
  return undefined;
}

let clockTicks: number | undefined;
/** Clock ticks per second of /proc/<pid>/stat (getconf CLK_TCK, else 100). */
function clkTck(): number {
  if (clockTicks === undefined) {
    try {
      const n = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
      clockTicks = Number.isInteger(n) && n > 0 ? n : 100;
    } catch {
      clockTicks = 100;
    }
  }
  return clockTicks;
}

/** Where a process's CPU time is read from. */
export type CpuSource = 'schedstat' | 'stat';

/** CPU time `pid` has used so far, µs, from `source`. */
export function cpuUsecOf(pid: number, source: CpuSource): number {
  if (source === 'schedstat') return Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[0]) / 1000;
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after "(comm)": state is field 3, utime 14, stime 15 (comm may hold spaces and parentheses).
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1_000_000) / clkTck();
}

/** /proc/<pid>/schedstat when this kernel has it, else /proc/<pid>/stat. */
export function cpuSource(): CpuSource {
  const first = Number((readText('/proc/self/schedstat') ?? '').split(' ')[0]);
  return Number.isFinite(first) && first > 0 ? 'schedstat' : 'stat';
}

/** cpu.stat's bandwidth counters, in the model's units. */
export interface CpuStat {
  nrPeriods: number;
  nrThrottled: number;
  /** v2 throttled_usec, or v1 throttled_time / 1000. */
  throttledUsec: number;
  /** v1 throttled_time as read (ns); undefined on v2. */
  throttledNs?: number;
}

/** Limits for a group. */
export interface GroupSettings {
  /** cpu.weight (v1: cpu.shares = weight·1024/100). */
  weight?: number;
  /** cpu.max "quota period" (v1: cpu.cfs_quota_us, cpu.cfs_period_us), µs. */
  max?: { quotaUsec: number; periodUsec: number };
}

/** The cgroups and busy processes of one run. */
export interface Session {
  hierarchy: Hierarchy;
  /** The folder made for this run: <root>/virtlab-<pid>. */
  parent: string;
  /** Where process CPU time is read from. */
  cpuSource: CpuSource;
  /** Makes `<parent>/<name>` with `settings`; returns its folder. */
  group(name: string, settings: GroupSettings): string;
  /**
   * Starts a busy process (pinned to `cpu` with `taskset` when given) and waits until it spins; its
   * pid. Start them all before moving any: one moved under the heavy parent would starve the
   * start of the next on the same CPU.
   */
  busy(options?: { cpu?: number; taskset?: string }): Promise<number>;
  /** Moves `pid` into `group` (its cgroup.procs). */
  move(group: string, pid: number): void;
  /** CPU time `pid` has used so far, µs. */
  cpuUsec(pid: number): number;
  /** cpu.stat of `group`. */
  cpuStat(group: string): CpuStat;
  /** Waits `ms`; a signal ends the wait with Interrupted. */
  sleep(ms: number): Promise<void>;
}

/** The file of the busy process: spin until the runner is gone or the time is up; say "ready" first. */
const busyScript = (limitMs: number) =>
  `const end=Date.now()+${Math.round(limitMs)},ppid=process.ppid;process.stdout.write('ready\\n');` +
  `for(let i=1;;i++){if((i&0xfffff)===0&&(Date.now()>end||process.ppid!==ppid))break}`;

/**
 * A promise settled by `start`'s callbacks, or rejected with `signal`'s reason when it aborts
 * first. `start` returns how to stop what it started (timers, listeners): called however it ends.
 */
function abortable<T>(signal: AbortSignal, start: (resolve: (value: T) => void, reject: (error: unknown) => void) => () => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    let stop: (() => void) | undefined;
    let settled = false;
    const settle = (f: () => void) => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      stop?.();
      f();
    };
    const onAbort = () => settle(() => reject(signal.reason));
    signal.addEventListener('abort', onAbort, { once: true });
    stop = start(
      (value) => settle(() => resolve(value)),
      (error) => settle(() => reject(error)),
    );
    // `start` may have settled at once, before `stop` was known.
    if (settled) stop();
  });
}

const sleepSync = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/** rmdir, retried while the kernel still counts a task that just died (EBUSY); the errno if it stays. */
function rmdirRetrying(path: string): string | undefined {
  const until = Date.now() + RMDIR_RETRY_MS;
  for (;;) {
    try {
      rmdirSync(path);
      return undefined;
    } catch (error) {
      const code = errnoOf(error);
      if (code === 'ENOENT') return undefined;
      if (code !== 'EBUSY' || Date.now() > until) return code;
      sleepSync(20);
    }
  }
}

/** Removes the empty `virtlab-<pid>` folders of runs whose process is gone (a runner killed with SIGKILL). */
function removeStale(root: string): void {
  let names: string[];
  try {
    names = readdirSync(root).filter((n) => /^virtlab-\d+$/.test(n) && n !== `virtlab-${process.pid}`);
  } catch {
    return;
  }
  for (const name of names) {
    if (existsSync(`/proc/${name.slice('virtlab-'.length)}`)) continue;
    const dir = join(root, name);
    try {
      for (const entry of readdirSync(dir, { withFileTypes: true })) if (entry.isDirectory()) rmdirSync(join(dir, entry.name));
      rmdirSync(dir);
    } catch {}
  }
}

/** How withCgroups runs the work. */
export interface SessionOptions {
  /** Put on each busy process's command line, to find it (e.g. virtlab-busy-<pid>). */
  marker: string;
  /** How long the work should take (ms): a busy process ends by itself BUSY_GRACE_MS after that. */
  budgetMs: number;
}

/**
 * Runs `work` with a session under `<root>/virtlab-<pid>`, then cleans up everything it made: on
 * return, on a throw, and on SIGINT / SIGTERM / SIGHUP (the work's waits then throw Interrupted,
 * and withCgroups rethrows it after cleaning up). Throws NotWritable when the parent cannot be
 * made (nothing measured), or an Error naming what could not be removed.
 */
export async function withCgroups<T>(hierarchy: Hierarchy, options: SessionOptions, work: (s: Session) => Promise<T>): Promise<T> {
  const { marker, budgetMs } = options;
  const { version, root } = hierarchy;
  const parent = join(root, `virtlab-${process.pid}`);
  const controller = new AbortController();
  const children = new Map<number, { child: ChildProcess; exited: Promise<void>; done: boolean }>();
  const made: string[] = [];
  const restore: { file: string; value: string }[] = [];
  const source = cpuSource();

  const onSignal = (signal: NodeJS.Signals) => {
    if (!controller.signal.aborted) controller.abort(new Interrupted(signal));
  };
  // Last resort if the process exits in the middle (process.exit elsewhere): no busy loop stays.
  const onExit = () => {
    for (const [pid, c] of children) if (!c.done) killQuietly(pid);
  };
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  for (const s of signals) process.on(s, onSignal);
  process.on('exit', onExit);

  const write = (dir: string, file: string, value: string) => writeFileSync(join(dir, file), value);

  const session: Session = {
    hierarchy,
    parent,
    cpuSource: source,
    group(name, settings) {
      const dir = join(parent, name);
      mkdirSync(dir);
      made.push(dir);
      if (settings.weight !== undefined) {
        if (version === 2) write(dir, 'cpu.weight', String(settings.weight));
        else write(dir, 'cpu.shares', String(sharesOf(settings.weight)));
      }
      if (settings.max !== undefined) {
        if (version === 2) write(dir, 'cpu.max', `${settings.max.quotaUsec} ${settings.max.periodUsec}`);
        else {
          write(dir, 'cpu.cfs_period_us', String(settings.max.periodUsec));
          write(dir, 'cpu.cfs_quota_us', String(settings.max.quotaUsec));
        }
      }
      return dir;
    },
    async busy(options = {}) {
      const pinned = options.taskset !== undefined && options.cpu !== undefined;
      const script = busyScript(budgetMs + START_TIMEOUT_MS + BUSY_GRACE_MS);
      const [command, args] = pinned
        ? [options.taskset!, ['-c', String(options.cpu), process.execPath, '-e', script, marker]]
        : [process.execPath, ['-e', script, marker]];
      const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'ignore'], env: { PATH: process.env.PATH ?? '/usr/bin:/bin' } });
      const entry = { child, done: false, exited: Promise.resolve() };
      entry.exited = new Promise<void>((resolve) => {
        const end = () => {
          entry.done = true;
          resolve();
        };
        child.once('exit', end);
        child.once('error', end);
      });
      if (child.pid !== undefined) children.set(child.pid, entry);
      await abortable<void>(controller.signal, (resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`a busy process did not start within ${START_TIMEOUT_MS / 1000} s`)), START_TIMEOUT_MS);
        const onData = () => resolve();
        const onError = (error: Error) => reject(error);
        const onEarlyExit = (code: number | null, signal: string | null) => reject(new Error(`the busy process ${command} exited at once (${signal ?? `exit ${code}`})`));
        child.stdout!.once('data', onData);
        child.once('error', onError);
        child.once('exit', onEarlyExit);
        return () => {
          clearTimeout(timer);
          child.stdout!.off('data', onData);
          child.off('error', onError);
          child.off('exit', onEarlyExit);
        };
      }).finally(() => child.stdout!.resume());
      return child.pid!;
    },
    move: (group, pid) => write(group, 'cgroup.procs', String(pid)),
    cpuUsec: (pid) => cpuUsecOf(pid, source),
    cpuStat(group) {
      const stat = Object.fromEntries(
        readFileSync(join(group, 'cpu.stat'), 'utf8')
          .split('\n')
          .filter((l) => l.includes(' '))
          .map((l) => [l.split(' ')[0]!, Number(l.split(' ')[1])]),
      );
      const base = { nrPeriods: stat.nr_periods ?? 0, nrThrottled: stat.nr_throttled ?? 0 };
      if (version === 2) return { ...base, throttledUsec: stat.throttled_usec ?? 0 };
      return { ...base, throttledUsec: (stat.throttled_time ?? 0) / 1000, throttledNs: stat.throttled_time ?? 0 };
    },
    sleep: (ms) =>
      abortable<void>(controller.signal, (resolve) => {
        const timer = setTimeout(resolve, ms);
        return () => clearTimeout(timer);
      }),
  };

  /** Kills and waits for the busy processes, removes the groups, puts back what was changed; what could not be undone. */
  const cleanUp = async (): Promise<string[]> => {
    const problems: string[] = [];
    for (const [pid, c] of children) if (!c.done) killQuietly(pid);
    const waited = await Promise.race([
      Promise.all([...children.values()].map((c) => c.exited)).then(() => true),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), EXIT_TIMEOUT_MS).unref()),
    ]);
    if (!waited) problems.push(`busy processes still running: ${[...children].filter(([, c]) => !c.done).map(([pid]) => pid).join(' ')}`);
    for (const dir of made.reverse()) {
      const code = rmdirRetrying(dir);
      if (code !== undefined) problems.push(`rmdir ${dir}: ${code}`);
    }
    for (const { file, value } of restore.reverse()) {
      try {
        writeFileSync(file, value);
      } catch {
        // Another cgroup may use cpu by now: leaving +cpu enabled changes no limit.
      }
    }
    return problems;
  };

  let outcome: { ok: true; value: T } | { ok: false; error: unknown };
  try {
    removeStale(root);
    if (version === 2) {
      const rootControl = join(root, 'cgroup.subtree_control');
      if (!(readText(rootControl) ?? '').split(/\s+/).includes('cpu')) {
        try {
          writeFileSync(rootControl, '+cpu');
        } catch (error) {
          throw new NotWritable(rootControl, errnoOf(error));
        }
        restore.push({ file: rootControl, value: '-cpu' });
      }
    }
    try {
      mkdirSync(parent);
    } catch (error) {
      throw new NotWritable(root, errnoOf(error));
    }
    made.push(parent);
    if (version === 2) {
      write(parent, 'cpu.weight', String(PARENT_WEIGHT));
      write(parent, 'cgroup.subtree_control', '+cpu');
    } else write(parent, 'cpu.shares', String(sharesOf(PARENT_WEIGHT)));
    outcome = { ok: true, value: await work(session) };
  } catch (error) {
    outcome = { ok: false, error };
  }
  let problems: string[];
  try {
    problems = await cleanUp();
  } finally {
    for (const s of signals) process.off(s, onSignal);
    process.off('exit', onExit);
  }
  // What is left behind matters more than why the work stopped.
  if (problems.length > 0) throw new Error(`could not clean up: ${problems.join('; ')}`);
  if (!outcome.ok) throw outcome.error;
  if (controller.signal.aborted) throw controller.signal.reason;
  return outcome.value;
}

function killQuietly(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {}
}
