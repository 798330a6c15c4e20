/**
 * `pnpm lab run cgroups real-weights [--seconds n]`: cpu.weight 100 against 300 on this machine's
 * kernel, beside your model (src/, through src/system.ts) for the same setup.
 *
 *   real:   <root>/virtlab-<pid>/w100 (cpu.weight 100)  ◄─ a busy process ┐ both pinned to one CPU
 *           <root>/virtlab-<pid>/w300 (cpu.weight 300)  ◄─ a busy process ┘ (taskset -c <cpu>)
 *           each group's CPU time over n seconds of wall time (/proc/<pid>/schedstat or stat)
 *   model:  boot({ cpus: 1 }), +cpu at /, /w100 and /w300 with the same weights, one busy process
 *           each, n seconds of virtual time, cpu.stat usage_usec
 *
 * Then each group's share of the two, real and model, and how far apart they are. On cgroup v1
 * the weight is written as cpu.shares = weight·1024/100. Without taskset, each group gets as many
 * busy processes as there are CPUs, so that the groups still contend. See lib/real-main.ts for
 * `main`'s contract and lib/real-kernel.ts for the hierarchy, the busy processes and the cleanup.
 */
import { availableParallelism } from 'node:os';
import { boot } from '../src/system.ts';
import { MESSAGES, table } from './lib/messages.ts';
import { type RealIo, type RealOptions, type RealRun, realMain } from './lib/real-main.ts';
import { type CpuSource, findTaskset, firstAllowedCpu } from './lib/real-kernel.ts';

/** The two groups, by name and cpu.weight. */
export const GROUPS = [
  { name: 'w100', weight: 100 },
  { name: 'w300', weight: 300 },
] as const;

/** CPU time each group had, µs. */
export interface GroupUsage {
  name: string;
  weight: number;
  usec: number;
}

/** What the real kernel gave. */
export interface RealWeights {
  /** The folder made for the run. */
  parent: string;
  cpuSource: CpuSource;
  /** The CPU both processes were pinned to, or null without taskset. */
  pinnedCpu: number | null;
  /** Busy processes in each group. */
  busyPerGroup: number;
  /** CPUs the groups contended for. */
  cpus: number;
  /** Wall time measured, µs. */
  wallUsec: number;
  groups: GroupUsage[];
}

/** The model's usage_usec of each group after `seconds` of virtual time on one CPU. */
export function modelWeights(seconds: number): GroupUsage[] {
  const s = boot({ cpus: 1 });
  s.write('/', 'cgroup.subtree_control', '+cpu');
  for (const g of GROUPS) {
    s.mkdir(`/${g.name}`);
    s.write(`/${g.name}`, 'cpu.weight', String(g.weight));
    s.spawn({ workload: { kind: 'busy' }, cgroup: `/${g.name}` });
  }
  s.run(Math.round(seconds * 1000) * 1000);
  return GROUPS.map((g) => ({ name: g.name, weight: g.weight, usec: s.stat(`/${g.name}`, 'cpu.stat').usage_usec ?? Number.NaN }));
}

/** Each group's percentage of the two groups' total. */
export const sharesOf = (groups: readonly GroupUsage[]): number[] => {
  const total = groups.reduce((sum, g) => sum + g.usec, 0);
  return groups.map((g) => (total > 0 ? (100 * g.usec) / total : Number.NaN));
};

const run: RealRun<GroupUsage[], RealWeights> = {
  name: 'real-weights',
  scenario: 'weights-100-300',
  model: modelWeights,
  async measure(s, seconds) {
    const taskset = findTaskset();
    const cpu = firstAllowedCpu();
    const cpus = taskset !== undefined ? 1 : Math.max(1, availableParallelism());
    const groups = GROUPS.map((g) => ({ ...g, dir: s.group(g.name, { weight: g.weight }), pids: [] as number[] }));
    const started = await Promise.all(groups.map(() => Promise.all(Array.from({ length: cpus }, () => s.busy(taskset !== undefined ? { cpu, taskset } : {})))));
    groups.forEach((g, i) => {
      for (const pid of started[i]!) {
        s.move(g.dir, pid);
        g.pids.push(pid);
      }
    });
    const usage = () => groups.map((g) => g.pids.reduce((sum, pid) => sum + s.cpuUsec(pid), 0));
    const before = usage();
    const start = performance.now();
    await s.sleep(seconds * 1000);
    const after = usage();
    const wallUsec = (performance.now() - start) * 1000;
    return {
      parent: s.parent,
      cpuSource: s.cpuSource,
      pinnedCpu: taskset !== undefined ? cpu : null,
      busyPerGroup: cpus,
      cpus,
      wallUsec,
      groups: groups.map((g, i) => ({ name: g.name, weight: g.weight, usec: after[i]! - before[i]! })),
    };
  },
  report(lang, { seconds, hierarchy, real, model }) {
    const t = MESSAGES[lang];
    const realShares = sharesOf(real.groups);
    const modelShares = model === undefined ? undefined : sharesOf(model);
    const rows = real.groups.map((g, i) => {
      const m = model?.[i];
      const diff = modelShares === undefined ? undefined : realShares[i]! - modelShares[i]!;
      return {
        name: g.name,
        weight: g.weight,
        realUsec: g.usec,
        realShare: realShares[i]!,
        modelUsec: m?.usec ?? null,
        modelShare: modelShares?.[i] ?? null,
        differencePoints: diff ?? null,
      };
    });
    const used = real.groups.reduce((sum, g) => sum + g.usec, 0);
    const lines = [
      t.weights.title(seconds),
      t.realKernel(hierarchy.version, real.parent, t.weights.settings(hierarchy.version)),
      real.pinnedCpu !== null ? t.weights.pinned(real.pinnedCpu) : t.weights.notPinned(real.busyPerGroup),
      t.model(seconds),
      '',
      ...table([
        t.weights.header,
        ...rows.map((r) => [
          r.name,
          String(r.weight),
          t.ms(r.realUsec),
          t.percent(r.realShare),
          r.modelUsec === null ? t.none : t.ms(r.modelUsec),
          r.modelShare === null ? t.none : t.percent(r.modelShare),
          r.differencePoints === null ? t.none : t.weights.points(r.differencePoints),
        ]),
      ]),
      '',
      t.source(real.cpuSource, (real.wallUsec / 1e6).toFixed(2)),
      t.weights.together(t.percent((100 * used) / (real.wallUsec * real.cpus)), real.cpus),
    ];
    const json = {
      run: 'real-weights',
      available: true,
      seconds,
      hierarchy: { version: hierarchy.version, root: hierarchy.root, parent: real.parent },
      pinnedCpu: real.pinnedCpu,
      busyPerGroup: real.busyPerGroup,
      cpuSource: real.cpuSource,
      wallUsec: Math.round(real.wallUsec),
      groups: rows,
    };
    return { lines, json };
  },
};

/** Runs real-weights (the contract is in lib/real-main.ts); resolves to the exit code. */
export function main(io: RealIo, options: RealOptions): Promise<number> {
  return realMain(run, io, options);
}
