/**
 * What the real runs print, in English and Simplified Chinese (as `lab run` prints its own
 * lines). Numbers come formatted; each function returns one line or one table row.
 */
import type { NoHierarchy } from './real-kernel.ts';

/** A language every line exists in. */
export type Lang = 'en' | 'zh';

const whyEn = (why: NoHierarchy): string => {
  switch (why.kind) {
    case 'none':
      return 'no cgroup2 mount lists cpu in its cgroup.controllers, and no cgroup v1 mount has the cpu controller';
    case 'not-cgroup':
      return `${why.path} is not a cgroup file system`;
    case 'no-cpu':
      return `${why.path} has no cpu controller`;
    case 'not-writable':
      return why.code === 'EROFS' ? `${why.path} is read-only (EROFS)` : `${why.path} is not writable (${why.code}; the real runs need root)`;
  }
};

const whyZh = (why: NoHierarchy): string => {
  switch (why.kind) {
    case 'none':
      return '没有哪个 cgroup2 挂载的 cgroup.controllers 含 cpu，也没有挂载了 cpu 控制器的 cgroup v1';
    case 'not-cgroup':
      return `${why.path} 不是 cgroup 文件系统`;
    case 'no-cpu':
      return `${why.path} 没有 cpu 控制器`;
    case 'not-writable':
      return why.code === 'EROFS' ? `${why.path} 是只读的（EROFS）` : `${why.path} 不可写（${why.code}；真实运行需要 root 权限）`;
  }
};

/** A difference in points with its sign, to one decimal ("+0.3", "−1.2", "0.0"). */
const signed = (d: number) => {
  const text = Math.abs(d).toFixed(1);
  return Number(text) === 0 ? text : `${d > 0 ? '+' : '−'}${text}`;
};

export const MESSAGES = {
  en: {
    unavailable: (run: string, why: NoHierarchy, scenario: string) =>
      `${run}: no writable cgroup hierarchy with the cpu controller here (${whyEn(why)}): nothing measured. The model alone: pnpm lab run cgroups ${scenario}`,
    badSeconds: (run: string, from: string, value: string) => `${run}: ${from} must be a number of seconds from 0.5 to 60, not "${value}"`,
    unknownOption: (run: string, arg: string) => `${run}: unknown option "${arg}" (options: --seconds n, --json)`,
    interrupted: (run: string, signal: string) => `${run}: interrupted by ${signal}; the busy processes are killed and the cgroups removed`,
    failed: (run: string, why: string) => `${run}: measuring failed: ${why}`,
    modelFailed: (run: string, why: string) => `${run}: the model (your src/) failed: ${why}`,
    realKernel: (version: number, dir: string, settings: string) => `  real kernel: cgroup v${version} at ${dir} (${settings})`,
    model: (seconds: number) => `  model: your src/ through src/system.ts, boot({ cpus: 1 }), ${seconds} s of virtual time`,
    source: (source: string, wall: string) => `CPU time per process from /proc/<pid>/${source}, over ${wall} s of wall time.`,
    ms: (usec: number) => (usec / 1000).toFixed(1),
    percent: (p: number) => `${p.toFixed(1)} %`,
    none: '—',
    weights: {
      title: (seconds: number) => `real-weights: two busy processes contending for one CPU, in cgroups with cpu.weight 100 and 300, for ${seconds} s`,
      settings: (version: number) => (version === 2 ? 'cpu.weight 100 and 300' : 'cpu.shares 1024 and 3072, that is weight·1024/100'),
      pinned: (cpu: number) => `  both pinned to CPU ${cpu} (taskset -c ${cpu})`,
      notPinned: (n: number) => `  taskset not found: ${n} busy processes in each group instead, so that the groups still contend for the CPUs`,
      header: ['group', 'weight', 'real CPU ms', 'real share', 'model CPU ms', 'model share', 'difference'],
      points: (d: number) => `${signed(d)} points`,
      together: (p: string, cpus: number) =>
        `Together the two groups used ${p} of ${cpus === 1 ? 'that CPU' : `the ${cpus} CPUs`}; the rest went to other work on this machine.`,
    },
    quota: {
      title: (seconds: number) => `real-quota: one busy process in a cgroup with cpu.max "50000 100000" (half a CPU), for ${seconds} s`,
      settings: (version: number) => (version === 2 ? 'cpu.max "50000 100000"' : 'cpu.cfs_quota_us 50000, cpu.cfs_period_us 100000'),
      header: ['', 'real', 'model'],
      usage: 'CPU usage (of one CPU)',
      throttled: 'throttled ms',
      throttledNs: (ns: number, ms: string) => `v1's cpu.stat gives throttled_time in ns: ${ns} ns = ${ms} ms (v2 gives throttled_usec).`,
    },
  },
  zh: {
    unavailable: (run: string, why: NoHierarchy, scenario: string) =>
      `${run}：本机没有可写且带 cpu 控制器的 cgroup 层级（${whyZh(why)}），未做测量。只看模型：pnpm lab run cgroups ${scenario}`,
    badSeconds: (run: string, from: string, value: string) => `${run}：${from} 必须是 0.5 到 60 之间的秒数，而不是 "${value}"`,
    unknownOption: (run: string, arg: string) => `${run}：未知选项 "${arg}"（可用选项：--seconds n、--json）`,
    interrupted: (run: string, signal: string) => `${run}：被 ${signal} 中断；繁忙进程已结束，所建的 cgroup 已删除`,
    failed: (run: string, why: string) => `${run}：测量失败：${why}`,
    modelFailed: (run: string, why: string) => `${run}：模型（你的 src/）出错：${why}`,
    realKernel: (version: number, dir: string, settings: string) => `  真实内核：cgroup v${version}，位于 ${dir}（${settings}）`,
    model: (seconds: number) => `  模型：你的 src/ 经由 src/system.ts，boot({ cpus: 1 })，虚拟时间 ${seconds} 秒`,
    source: (source: string, wall: string) => `每个进程的 CPU 时间取自 /proc/<pid>/${source}，墙钟时间共 ${wall} 秒。`,
    ms: (usec: number) => (usec / 1000).toFixed(1),
    percent: (p: number) => `${p.toFixed(1)}%`,
    none: '—',
    weights: {
      title: (seconds: number) => `real-weights：两个繁忙进程争用同一个 CPU，所在 cgroup 的 cpu.weight 分别为 100 和 300，运行 ${seconds} 秒`,
      settings: (version: number) => (version === 2 ? 'cpu.weight 100 与 300' : 'cpu.shares 1024 与 3072，即 权重×1024/100'),
      pinned: (cpu: number) => `  两个进程都用 taskset -c ${cpu} 绑定到 CPU ${cpu}`,
      notPinned: (n: number) => `  找不到 taskset：改为每组 ${n} 个繁忙进程，让两组仍然争用 CPU`,
      header: ['组', '权重', '真实 CPU 毫秒', '真实占比', '模型 CPU 毫秒', '模型占比', '差值'],
      points: (d: number) => `${signed(d)} 个百分点`,
      together: (p: string, cpus: number) => `两组合计使用了${cpus === 1 ? '该 CPU' : ` ${cpus} 个 CPU`}的 ${p}；其余时间给了本机上的其他工作。`,
    },
    quota: {
      title: (seconds: number) => `real-quota：一个繁忙进程，所在 cgroup 的 cpu.max 为 "50000 100000"（半个 CPU），运行 ${seconds} 秒`,
      settings: (version: number) => (version === 2 ? 'cpu.max "50000 100000"' : 'cpu.cfs_quota_us 50000，cpu.cfs_period_us 100000'),
      header: ['', '真实', '模型'],
      usage: 'CPU 使用率（占一个 CPU）',
      throttled: '被节流的毫秒数',
      throttledNs: (ns: number, ms: string) => `v1 的 cpu.stat 以纳秒给出 throttled_time：${ns} ns = ${ms} 毫秒（v2 给出 throttled_usec）。`,
    },
  },
} as const;

/** Columns a string takes in a terminal: East Asian wide characters take two. */
function width(s: string): number {
  let n = 0;
  for (const ch of s) n += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(ch) ? 2 : 1;
  return n;
}

/** Rows as aligned lines: the first column to the left, the others to the right, two spaces apart. */
export function table(rows: readonly (readonly string[])[]): string[] {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => width(r[c] ?? ''))));
  return rows.map((r) =>
    r
      .map((cell, c) => {
        const pad = ' '.repeat(widths[c]! - width(cell));
        return c === 0 ? cell + pad : pad + cell;
      })
      .join('  ')
      .trimEnd(),
  );
}
