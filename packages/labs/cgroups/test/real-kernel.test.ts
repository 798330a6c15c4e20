// The real kernel beside the model (real/): real-weights and real-quota on this machine's cgroups,
// with the reference solution as the model. Both runs are bundled with esbuild the way `lab run`
// bundles them (solution/src in place of src/), and run as child processes, so that exit codes,
// signals and what is left behind are those a student sees.
//
// Where no writable cgroup hierarchy with the cpu controller exists (or not root), only the
// "not available" path and the option checks run. The machine may be noisy (2 cores, other tests):
// the real figures are checked within ±12 points, the model's (deterministic) ones closely.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleLab } from '@virtlab/grader';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findHierarchy, type Hierarchy } from '../real/lib/real-kernel.ts';
import type { QuotaUsage } from '../real/real-quota.ts';
import type { GroupUsage } from '../real/real-weights.ts';

const labDir = fileURLToPath(new URL('..', import.meta.url));
const editable = (JSON.parse(readFileSync(join(labDir, 'lab.json'), 'utf8')) as { editable: string[] }).editable;

/** The environment of a runner: no override, no default seconds, no slow CA certificates. */
const baseEnv = Object.fromEntries(
  Object.entries(process.env).filter(([k]) => !['VIRTLAB_CGROUP_ROOT', 'VIRTLAB_REAL_SECONDS', 'NODE_EXTRA_CA_CERTS', 'LAB_LANG'].includes(k)),
);
const found = findHierarchy(baseEnv);
const hierarchy: Hierarchy | undefined = found.ok && process.getuid?.() === 0 ? found.hierarchy : undefined;

/** Tolerance of a real share or usage against its target, in percentage points. */
const REAL_POINTS = 12;

const temps: string[] = [];
let runnerFile: string;

beforeAll(async () => {
  const solution = new Map(editable.map((path) => [path, readFileSync(join(labDir, 'solution', path), 'utf8')]));
  const contents = `import { main as weights } from './real/real-weights.ts';
import { main as quota } from './real/real-quota.ts';
const [run, ...args] = process.argv.slice(2);
const io = { out: (line) => process.stdout.write(line + '\\n'), err: (line) => process.stderr.write(line + '\\n') };
process.exitCode = await (run === 'real-weights' ? weights : quota)(io, { lang: process.env.LAB_LANG === 'zh' ? 'zh' : 'en', args });`;
  const bundle = await bundleLab(labDir, { contents }, { name: 'real-test', files: solution });
  if (!bundle.ok) throw new Error(bundle.error);
  runnerFile = bundle.file;
  temps.push(runnerFile);
});

afterAll(() => {
  for (const path of temps) rmSync(path, { recursive: true, force: true });
});

interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  out: string;
  err: string;
}

/** Starts the runner: `run` with `args`, in `env` (over baseEnv). */
function start(run: string, args: string[], env: Record<string, string> = {}): { child: ChildProcess; done: Promise<Finished> } {
  const child = spawn(process.execPath, [runnerFile, run, ...args], { env: { ...baseEnv, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => {
    out += d.toString();
  });
  child.stderr!.on('data', (d: Buffer) => {
    err += d.toString();
  });
  const done = new Promise<Finished>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, out, err })));
  return { child, done };
}

/** What runner `pid` left behind: its parent cgroup, if still there, and its busy processes still alive. */
function leftovers(pid: number): { group: boolean; busy: number[] } {
  const busy: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      if (readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0').includes(`virtlab-busy-${pid}`)) busy.push(Number(name));
    } catch {}
  }
  return { group: hierarchy !== undefined && existsSync(join(hierarchy.root, `virtlab-${pid}`)), busy };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('without a writable cgroup hierarchy', () => {
  it.each([
    ['en', /^real-weights: no writable cgroup hierarchy with the cpu controller here \(.+ is not a cgroup file system\): nothing measured\. The model alone: pnpm lab run cgroups weights-100-300$/],
    ['zh', /^real-weights：本机没有可写且带 cpu 控制器的 cgroup 层级（.+ 不是 cgroup 文件系统），未做测量。只看模型：pnpm lab run cgroups weights-100-300$/],
  ])('VIRTLAB_CGROUP_ROOT at a plain folder (%s): one line, exit 0, nothing written there', async (lang, line) => {
    const fake = mkdtempSync(join(tmpdir(), 'virtlab-fake-cgroup-'));
    temps.push(fake);
    writeFileSync(join(fake, 'cgroup.controllers'), 'cpu memory pids\n');
    const { child, done } = start('real-weights', [], { VIRTLAB_CGROUP_ROOT: fake, LAB_LANG: lang });
    const r = await done;
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out.trimEnd().split('\n')).toEqual([expect.stringMatching(line)]);
    expect(readdirSync(fake)).toEqual(['cgroup.controllers']);
    expect(leftovers(child.pid!)).toEqual({ group: false, busy: [] });
  });

  it('real-quota says the same for a folder that does not exist', async () => {
    const r = await start('real-quota', ['--seconds', '1'], { VIRTLAB_CGROUP_ROOT: join(tmpdir(), 'virtlab-no-such-folder') }).done;
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^real-quota: no writable cgroup hierarchy .* The model alone: pnpm lab run cgroups quota-half\n$/);
  });

  it.each([
    [['--seconds', 'soon'], 'real-quota: --seconds must be a number of seconds from 0.5 to 60, not "soon"'],
    [['--seconds=0.1'], 'real-quota: --seconds must be a number of seconds from 0.5 to 60, not "0.1"'],
    [['--fast'], 'real-quota: unknown option "--fast" (options: --seconds n, --json)'],
  ])('%j: a bad option is one line and exit 2, before anything is made', async (args, line) => {
    const r = await start('real-quota', args).done;
    expect(r).toMatchObject({ code: 2, out: '', err: `${line}\n` });
  });
});

interface WeightsJson {
  hierarchy: { version: number; parent: string };
  pinnedCpu: number | null;
  groups: (Pick<GroupUsage, 'name' | 'weight'> & { realShare: number; modelShare: number; differencePoints: number })[];
}

interface QuotaJson {
  real: QuotaUsage & { usagePercent: number };
  model: QuotaUsage & { usagePercent: number };
}

describe.runIf(hierarchy !== undefined)(`on this machine's cgroups (${hierarchy === undefined ? 'none' : `cgroup v${hierarchy.version} at ${hierarchy.root}`})`, () => {
  it(`real-weights for 2 s: weight 300 gets 75 % ± ${REAL_POINTS} points of the CPU, as the model says; nothing left behind`, async () => {
    const { child, done } = start('real-weights', ['--seconds', '2', '--json']);
    const r = await done;
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as WeightsJson;
    expect(j.hierarchy.parent).toBe(join(hierarchy!.root, `virtlab-${child.pid}`));
    const [w100, w300] = j.groups;
    expect([w100!.name, w300!.name]).toEqual(['w100', 'w300']);
    expect(w100!.modelShare).toBeCloseTo(25, 1);
    expect(w300!.modelShare).toBeCloseTo(75, 1);
    expect(Math.abs(w300!.realShare - 75), `real split ${w100!.realShare.toFixed(1)} / ${w300!.realShare.toFixed(1)}`).toBeLessThanOrEqual(REAL_POINTS);
    expect(w300!.differencePoints).toBeCloseTo(w300!.realShare - w300!.modelShare, 6);
    expect(leftovers(child.pid!)).toEqual({ group: false, busy: [] });
  });

  it(`real-quota for 2 s: usage 50 % ± ${REAL_POINTS} points of one CPU and throttled periods, as the model says; nothing left behind`, async () => {
    const { child, done } = start('real-quota', ['--seconds', '2', '--json']);
    const r = await done;
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const { real, model } = JSON.parse(r.out) as QuotaJson;
    expect(model.usagePercent).toBeCloseTo(50, 0);
    expect(model.nrPeriods).toBeGreaterThanOrEqual(19);
    expect(model.nrPeriods).toBeLessThanOrEqual(21);
    expect(model.nrThrottled).toBeGreaterThanOrEqual(19);
    expect(Math.abs(real.usagePercent - 50), `real usage ${real.usagePercent.toFixed(1)} %`).toBeLessThanOrEqual(REAL_POINTS);
    expect(real.nrThrottled).toBeGreaterThan(0);
    expect(real.nrPeriods).toBeGreaterThanOrEqual(real.nrThrottled);
    expect(real.throttledUsec).toBeGreaterThan(0);
    expect(leftovers(child.pid!)).toEqual({ group: false, busy: [] });
  });

  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('%s in the middle of a run: the busy processes are killed and every cgroup removed (exit %d)', async (signal, code) => {
    const { child, done } = start('real-weights', ['--seconds', '30']);
    const parent = join(hierarchy!.root, `virtlab-${child.pid}`);
    const procs = (group: string) => {
      try {
        return readFileSync(join(parent, group, 'cgroup.procs'), 'utf8').trim();
      } catch {
        return '';
      }
    };
    let exited = false;
    void done.then(() => {
      exited = true;
    });
    // Wait until both groups hold their busy process, then a little more.
    const until = Date.now() + 20_000;
    while (!exited && Date.now() < until && (procs('w100') === '' || procs('w300') === '')) await sleep(50);
    expect(exited).toBe(false);
    expect(procs('w100')).not.toBe('');
    await sleep(500);
    expect(leftovers(child.pid!).busy).toHaveLength(2);
    child.kill(signal);
    const r = await done;
    expect(r.code).toBe(code);
    expect(r.err).toBe(`real-weights: interrupted by ${signal}; the busy processes are killed and the cgroups removed\n`);
    expect(r.out).toBe('');
    expect(existsSync(parent)).toBe(false);
    expect(leftovers(child.pid!)).toEqual({ group: false, busy: [] });
  });
});
