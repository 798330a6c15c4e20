/**
 * `pnpm lab run cgroups real-quota [--seconds n]`: cpu.max "50000 100000" (half a CPU) on this
 * machine's kernel, beside your model (src/, through src/system.ts) for the same setup.
 *
 *   real:   <root>/virtlab-<pid>/q (cpu.max "50000 100000"; v1: cpu.cfs_quota_us 50000,
 *           cpu.cfs_period_us 100000) ◄─ one busy process; its CPU time over n seconds of wall
 *           time, and cpu.stat's nr_periods, nr_throttled, throttled_usec (v1: throttled_time, ns)
 *   model:  boot({ cpus: 1 }), +cpu at /, /q with the same cpu.max, one busy process, n seconds of
 *           virtual time, cpu.stat usage_usec, nr_periods, nr_throttled, throttled_usec
 *
 * What to expect from both: usage near 50 % of one CPU, about one period per 100 ms, nearly every
 * period throttled, and about half the time throttled. The real kernel hands out quota in slices
 * (5 ms by default) and its period timer is not in step with the measurement, so a period or two
 * and a few ms differ. See lib/real-main.ts for `main`'s contract.
 */
import { boot } from '../src/system.ts';
import { MESSAGES, table } from './lib/messages.ts';
import { type RealIo, type RealOptions, type RealRun, realMain } from './lib/real-main.ts';
import type { CpuSource } from './lib/real-kernel.ts';

/** cpu.max of the group: quota and period, µs. */
export const QUOTA_USEC = 50_000;
export const PERIOD_USEC = 100_000;

/** The bandwidth figures of the group. */
export interface QuotaUsage {
  /** CPU time the group used, µs. */
  usageUsec: number;
  nrPeriods: number;
  nrThrottled: number;
  throttledUsec: number;
}

/** What the real kernel gave. */
export interface RealQuota extends QuotaUsage {
  /** The folder made for the run. */
  parent: string;
  cpuSource: CpuSource;
  /** Wall time measured, µs. */
  wallUsec: number;
  /** v1 throttled_time as read, ns (undefined on v2). */
  throttledNs?: number;
}

/** The model's cpu.stat of /q after `seconds` of virtual time on one CPU. */
export function modelQuota(seconds: number): QuotaUsage {
  const s = boot({ cpus: 1 });
  s.write('/', 'cgroup.subtree_control', '+cpu');
  s.mkdir('/q');
  s.write('/q', 'cpu.max', `${QUOTA_USEC} ${PERIOD_USEC}`);
  s.spawn({ workload: { kind: 'busy' }, cgroup: '/q' });
  s.run(Math.round(seconds * 1000) * 1000);
  const stat = s.stat('/q', 'cpu.stat');
  return {
    usageUsec: stat.usage_usec ?? Number.NaN,
    nrPeriods: stat.nr_periods ?? Number.NaN,
    nrThrottled: stat.nr_throttled ?? Number.NaN,
    throttledUsec: stat.throttled_usec ?? Number.NaN,
  };
}

const run: RealRun<QuotaUsage, RealQuota> = {
  name: 'real-quota',
  scenario: 'quota-half',
  model: modelQuota,
  async measure(s, seconds) {
    const q = s.group('q', { max: { quotaUsec: QUOTA_USEC, periodUsec: PERIOD_USEC } });
    const pid = await s.busy();
    s.move(q, pid);
    const cpu0 = s.cpuUsec(pid);
    const stat0 = s.cpuStat(q);
    const start = performance.now();
    await s.sleep(seconds * 1000);
    const cpu1 = s.cpuUsec(pid);
    const stat1 = s.cpuStat(q);
    const wallUsec = (performance.now() - start) * 1000;
    return {
      parent: s.parent,
      cpuSource: s.cpuSource,
      wallUsec,
      usageUsec: cpu1 - cpu0,
      nrPeriods: stat1.nrPeriods - stat0.nrPeriods,
      nrThrottled: stat1.nrThrottled - stat0.nrThrottled,
      throttledUsec: stat1.throttledUsec - stat0.throttledUsec,
      ...(stat1.throttledNs !== undefined ? { throttledNs: stat1.throttledNs - stat0.throttledNs! } : {}),
    };
  },
  report(lang, { seconds, hierarchy, real, model }) {
    const t = MESSAGES[lang];
    const realPercent = (100 * real.usageUsec) / real.wallUsec;
    const modelPercent = model === undefined ? undefined : (100 * model.usageUsec) / (Math.round(seconds * 1000) * 1000);
    const num = (n: number | undefined) => (n === undefined || Number.isNaN(n) ? t.none : String(n));
    const lines = [
      t.quota.title(seconds),
      t.realKernel(hierarchy.version, `${real.parent}/q`, t.quota.settings(hierarchy.version)),
      t.model(seconds),
      '',
      ...table([
        t.quota.header,
        [t.quota.usage, t.percent(realPercent), modelPercent === undefined ? t.none : t.percent(modelPercent)],
        ['nr_periods', num(real.nrPeriods), num(model?.nrPeriods)],
        ['nr_throttled', num(real.nrThrottled), num(model?.nrThrottled)],
        [t.quota.throttled, t.ms(real.throttledUsec), model === undefined || Number.isNaN(model.throttledUsec) ? t.none : t.ms(model.throttledUsec)],
      ]),
      '',
      t.source(real.cpuSource, (real.wallUsec / 1e6).toFixed(2)),
      ...(real.throttledNs !== undefined ? [t.quota.throttledNs(real.throttledNs, t.ms(real.throttledUsec))] : []),
    ];
    const json = {
      run: 'real-quota',
      available: true,
      seconds,
      hierarchy: { version: hierarchy.version, root: hierarchy.root, parent: real.parent },
      cpuSource: real.cpuSource,
      wallUsec: Math.round(real.wallUsec),
      real: {
        usageUsec: Math.round(real.usageUsec),
        usagePercent: realPercent,
        nrPeriods: real.nrPeriods,
        nrThrottled: real.nrThrottled,
        throttledUsec: Math.round(real.throttledUsec),
        ...(real.throttledNs !== undefined ? { throttledTimeNs: real.throttledNs } : {}),
      },
      model: model === undefined ? null : { ...model, usagePercent: modelPercent },
    };
    return { lines, json };
  },
};

/** Runs real-quota (the contract is in lib/real-main.ts); resolves to the exit code. */
export function main(io: RealIo, options: RealOptions): Promise<number> {
  return realMain(run, io, options);
}
