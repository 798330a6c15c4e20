/**
 * `lab run <lab> <scenario> [--seed n] [--steps n] [--json]`: runs the lab's simulator on the
 * student's own files and prints the trace, one row per step (step, time, kind, event), like
 * OSTEP's per-tick traces; with --json, the frames themselves.
 *
 *   <lab>/src/simulate.ts ──@virtlab/grader importLabBundle (esbuild: simulator + src/ + core)──►
 *   <lab>/node_modules/.cache/virtlab/simulate-<hash>.mjs ──import, then removed──► openScenario
 *
 * The simulator imports the student's files, so it is bundled afresh on every run: the trace is
 * always of the code as it is now. Exit codes: 0 printed; 1 the student's files do not compile,
 * or the simulator failed; 2 the lab has no simulator, no such scenario, or a bad option.
 *
 * Real runs: when <scenario> is no scenario of lab.json but <lab>/real/<scenario>.ts exists (every
 * real/*.ts is a run; helpers go in real/lib/), that file is bundled the same way (it sees the
 * student's src/ as it is now), imported, and its export is called:
 *
 *   main(io: { out(line), err(line) }, options: { lang, json?, args? }): Promise<number> | number
 *
 * `args` are the words after the run's name; the result is the exit code (0 printed, 1 failed,
 * 2 bad option; a run that measures the host documents its own, e.g. 130 after SIGINT).
 */

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { type LabSimulation, parseLabManifest, type SimFrame } from '@virtlab/core';
import type { Lang } from '../lang.ts';

/** Where a command prints. */
interface RunIo {
  out(line: string): void;
  err(line: string): void;
}

/** Options of `lab run`. */
export interface RunOptions {
  /** Passed to `openScenario` (labs whose scenarios are fixed ignore it). */
  seed?: number;
  /** Print steps 0..steps only (default: every step recorded). */
  steps?: number;
  /** Print the frames as JSON instead of a table. */
  json?: boolean;
  /** Language of the events and messages. */
  lang: Lang;
  /** The words after the scenario's name, for a real run (real/<name>.ts) to read. */
  args?: readonly string[];
}

/** What a lab's `src/simulate.ts` exports (see @virtlab/core's lab-simulator.ts). */
export type OpenScenario = (id: string, seed?: number) => LabSimulation;

/** The lab's simulator bundled with the student's files, or why it could not be (one line). */
export type LoadedSimulator = { ok: true; openScenario: OpenScenario } | { ok: false; error: string };

const MESSAGES = {
  en: {
    noSimulator: (lab: string, ids: string[]) => `lab run: ${lab} has no simulator (src/simulate.ts is missing); its scenarios: ${ids.join(', ') || 'none'}`,
    needScenario: (lab: string, ids: string[]) => `lab run: name a scenario of ${lab}: ${ids.join(', ') || 'none'}`,
    unknownScenario: (lab: string, id: string, ids: string[], reals: string[]) =>
      `lab run: ${lab} has no scenario "${id}" (scenarios: ${ids.join(', ') || 'none'}${reals.length > 0 ? `; real runs: ${reals.join(', ')}` : ''})`,
    badSteps: (n: number) => `lab run: --steps must be a whole number >= 0, not ${n}`,
    badLab: (why: string) => `lab run: ${why}`,
    compile: (why: string) => `lab run: your code does not compile: ${why}`,
    failed: (why: string) => `lab run: the simulator failed: ${why}`,
    realFailed: (name: string, why: string) => `lab run: ${name} failed: ${why}`,
    header: ['step', 'time', 'kind', 'event'],
    title: (id: string, title: string, n: number) => `${id}: ${title} (${n} step${n === 1 ? '' : 's'})`,
    more: (n: number) => `… ${n} more step${n === 1 ? '' : 's'} (--steps to show them)`,
  },
  zh: {
    noSimulator: (lab: string, ids: string[]) => `lab run：${lab} 没有模拟器（缺少 src/simulate.ts）；它的场景：${ids.join('、') || '无'}`,
    needScenario: (lab: string, ids: string[]) => `lab run：请指定 ${lab} 的一个场景：${ids.join('、') || '无'}`,
    unknownScenario: (lab: string, id: string, ids: string[], reals: string[]) =>
      `lab run：${lab} 没有场景 "${id}"（场景：${ids.join('、') || '无'}${reals.length > 0 ? `；真实运行：${reals.join('、')}` : ''}）`,
    badSteps: (n: number) => `lab run：--steps 必须是 >= 0 的整数，而不是 ${n}`,
    badLab: (why: string) => `lab run：${why}`,
    compile: (why: string) => `lab run：你的代码无法编译：${why}`,
    failed: (why: string) => `lab run：模拟器出错：${why}`,
    realFailed: (name: string, why: string) => `lab run：${name} 出错：${why}`,
    header: ['步骤', '时间', '类型', '事件'],
    title: (id: string, title: string, n: number) => `${id}：${title}（${n} 步）`,
    more: (n: number) => `…… 还有 ${n} 步（用 --steps 显示）`,
  },
} as const;

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error)).split('\n')[0]!;

/** Bundles `entry` (a path inside `labDir`) with the student's files as they are now, and imports it. */
async function bundleAndImport(labDir: string, entry: string, name: string): Promise<{ ok: true; module: Record<string, unknown> } | { ok: false; error: string }> {
  const { importLabBundle } = await import('@virtlab/grader');
  return importLabBundle(labDir, { file: entry }, { name });
}

/** Bundles `<labDir>/src/simulate.ts` with the student's files as they are now, and imports it. */
export async function loadSimulator(labDir: string): Promise<LoadedSimulator> {
  const loaded = await bundleAndImport(labDir, join(labDir, 'src', 'simulate.ts'), 'simulate');
  if (!loaded.ok) return loaded;
  if (typeof loaded.module.openScenario !== 'function') return { ok: false, error: 'src/simulate.ts does not export openScenario' };
  return { ok: true, openScenario: loaded.module.openScenario as OpenScenario };
}

/** What a real run (`<lab>/real/<name>.ts`) exports: see the header. */
export type RealMain = (io: RunIo, options: { lang: Lang; json?: boolean; args?: readonly string[] }) => Promise<number> | number;

/** The real runs of a lab: the names of real/*.ts (helpers live in real/lib/). */
export function realRuns(labDir: string): string[] {
  try {
    return readdirSync(join(labDir, 'real'))
      .filter((f) => /^[a-z0-9][a-z0-9-]*\.ts$/.test(f))
      .map((f) => f.slice(0, -'.ts'.length))
      .sort();
  } catch {
    return [];
  }
}

/** Runs `<labDir>/real/<name>.ts` on the student's files as they are now; resolves to its exit code. */
async function runReal(labDir: string, name: string, options: RunOptions, io: RunIo): Promise<number> {
  const t = MESSAGES[options.lang];
  const loaded = await bundleAndImport(labDir, join(labDir, 'real', `${name}.ts`), name);
  if (!loaded.ok) {
    io.err(t.compile(loaded.error));
    return 1;
  }
  if (typeof loaded.module.main !== 'function') {
    io.err(t.realFailed(name, `real/${name}.ts does not export main`));
    return 1;
  }
  try {
    return await (loaded.module.main as RealMain)(io, { lang: options.lang, json: options.json, args: options.args ?? [] });
  } catch (error) {
    io.err(t.realFailed(name, errorText(error)));
    return 1;
  }
}

/** Columns a string takes in a terminal: East Asian wide characters take two. */
function width(s: string): number {
  let n = 0;
  for (const ch of s) n += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(ch) ? 2 : 1;
  return n;
}

const padStart = (s: string, w: number) => ' '.repeat(Math.max(0, w - width(s))) + s;
const padEnd = (s: string, w: number) => s + ' '.repeat(Math.max(0, w - width(s)));

/** The trace as lines: a title, a header, then one row per frame (step, time, kind, event). */
export function formatTrace(sim: LabSimulation, frames: readonly SimFrame[], lang: Lang): string[] {
  const t = MESSAGES[lang];
  const [hStep, hTime, hKind, hEvent] = t.header;
  const wStep = Math.max(width(hStep), ...frames.map((f) => String(f.step).length));
  const wTime = Math.max(width(hTime), ...frames.map((f) => String(f.time).length));
  const wKind = Math.max(width(hKind), ...frames.map((f) => f.kind.length));
  const row = (step: string, time: string, kind: string, event: string) => `${padStart(step, wStep)}  ${padStart(time, wTime)}  ${padEnd(kind, wKind)}  ${event}`;
  const lines = [t.title(sim.scenario, sim.title[lang], sim.length), row(hStep, hTime, hKind, hEvent)];
  for (const f of frames) lines.push(row(String(f.step), String(f.time), f.kind, f.event[lang]));
  const last = frames.at(-1)?.step ?? 0;
  if (last < sim.length) lines.push(t.more(sim.length - last));
  return lines;
}

/** Runs `lab run`: prints the trace of `scenario` as the student's code plays it; resolves to the exit code. */
export async function runScenario(labDir: string, scenario: string, options: RunOptions, io: RunIo): Promise<number> {
  const t = MESSAGES[options.lang];
  let lab: string;
  let ids: string[];
  try {
    const manifest = parseLabManifest(readFileSync(join(labDir, 'lab.json'), 'utf8'), { file: `${basename(labDir)}/lab.json` });
    lab = manifest.id;
    ids = (manifest.scenarios ?? []).map((s) => s.id);
  } catch (error) {
    io.err(t.badLab(errorText(error)));
    return 2;
  }
  const reals = realRuns(labDir);
  if (scenario !== undefined && !ids.includes(scenario) && reals.includes(scenario)) return runReal(labDir, scenario, options, io);
  if (!existsSync(join(labDir, 'src', 'simulate.ts'))) {
    io.err(t.noSimulator(lab, ids));
    return 2;
  }
  if (scenario === undefined || scenario === '') {
    io.err(t.needScenario(lab, [...ids, ...reals]));
    return 2;
  }
  if (!ids.includes(scenario)) {
    io.err(t.unknownScenario(lab, scenario, ids, reals));
    return 2;
  }
  if (options.steps !== undefined && !(Number.isInteger(options.steps) && options.steps >= 0)) {
    io.err(t.badSteps(options.steps));
    return 2;
  }
  const loaded = await loadSimulator(labDir);
  if (!loaded.ok) {
    io.err(t.compile(loaded.error));
    return 1;
  }
  let sim: LabSimulation;
  let frames: SimFrame[];
  try {
    sim = loaded.openScenario(scenario, options.seed);
    const last = Math.min(sim.length, options.steps ?? sim.length);
    frames = Array.from({ length: last + 1 }, (_, k) => sim.frame(k));
  } catch (error) {
    io.err(t.failed(errorText(error)));
    return 1;
  }
  if (options.json === true) {
    io.out(JSON.stringify({ scenario: sim.scenario, title: sim.title, length: sim.length, kinds: sim.kinds, frames }, null, 2));
    return 0;
  }
  for (const line of formatTrace(sim, frames, options.lang)) io.out(line);
  return 0;
}
