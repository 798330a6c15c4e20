/**
 * `lab test <lab> [--step id]`: runs the lab's public tests on the student's own files, in the
 * same runner and sandbox the grader uses, and prints each result. Exit 0 only when every test
 * passed. With --json, prints the results as JSON instead.
 */

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRunner, loadLab } from '@virtlab/grader';
import type { Lang } from './lang.ts';
import { messages } from './messages.ts';

/** Output channels of a command. */
export interface CommandIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

/** The lab's editable files as they are on disk now (missing ones are left out: graded as the stub). */
export function readEditable(dir: string, editable: readonly string[]): Map<string, string> {
  const files = new Map<string, string>();
  for (const path of editable) {
    const file = join(dir, path);
    if (existsSync(file)) files.set(path, readFileSync(file, 'utf8'));
  }
  return files;
}

/** Runs the public tests (of one step, or all) on the files in the lab folder; resolves to the exit code. */
export async function labTest(dir: string, step: string | undefined, lang: Lang, json: boolean, io: CommandIo, options: { watch?: boolean } = {}): Promise<number> {
  const t = messages(lang);
  const lab = loadLab(dir);
  if (step !== undefined && !lab.manifest.steps.some((s) => s.id === step)) {
    io.err(t.unknownStep(step, lab.manifest.steps.map((s) => s.id)));
    return 2;
  }
  const runner = await createRunner(lab, { kinds: 'public', steps: step === undefined ? undefined : [step] });
  if (options.watch === true) {
    // Watch mode: the same runner (its sandbox stays warm) re-runs the tests after every save.
    const { watchFiles } = await import('./watch.ts');
    const { commandMessages } = await import('./command-messages.ts');
    const c = commandMessages(lang);
    let running = Promise.resolve(0);
    const again = () => {
      running = running.then(() => once(runner, dir, lab.manifest.editable, lang, json, io));
    };
    again();
    const watcher = watchFiles(lab.manifest.editable.map((p) => join(dir, p)), again);
    const mode = await watcher.ready;
    io.out(mode === 'events' ? c.watchingEvents : c.watchingPolling);
    await new Promise<void>((resolve) => process.once('SIGINT', () => resolve()));
    watcher.close();
    await runner.close();
    return 0;
  }
  try {
    return await once(runner, dir, lab.manifest.editable, lang, json, io);
  } finally {
    await runner.close();
  }
}

/** Marks each step whose public tests all passed (and unmarks one that fails again) in the progress file. */
async function recordRun(dir: string, tests: readonly { steps: string[]; status: string }[]): Promise<void> {
  const { loadProgress, markTests, repoRootOf, saveProgress } = await import('./progress.ts');
  const root = repoRootOf(dir);
  const { progress } = loadProgress(root);
  const lab = loadLab(dir).manifest.id;
  const steps = new Set(tests.flatMap((t) => t.steps));
  for (const step of steps) {
    const mine = tests.filter((t) => t.steps.includes(step));
    const passed = mine.filter((t) => t.status === 'passed').length;
    markTests(progress, lab, step, passed === mine.length, { passed, failed: mine.length - passed });
  }
  try {
    saveProgress(root, progress);
  } catch {
    // Progress is a convenience: a read-only checkout still runs its tests.
  }
}

async function once(runner: Awaited<ReturnType<typeof createRunner>>, dir: string, editable: readonly string[], lang: Lang, json: boolean, io: CommandIo): Promise<number> {
  const t = messages(lang);
  {
    const report = await runner.run(readEditable(dir, editable));
    if (report.machinery !== undefined) {
      io.err(t.machinery(report.machinery));
      return 1;
    }
    const passed = report.tests.filter((r) => r.status === 'passed').length;
    const failed = report.tests.length - passed;
    if (json) {
      io.out(JSON.stringify({ passed, failed, tests: report.tests.map(({ durationMs: _d, ...r }) => r) }, null, 2));
      return failed === 0 ? 0 : 1;
    }
    if (report.compileError !== '') io.out(t.compileError(report.compileError));
    else if (report.loadError !== '') io.out(t.loadError(report.loadError));
    for (const r of report.tests) {
      io.out(`${r.status === 'passed' ? '✓' : '✗'} [${r.steps.join(', ')}] ${r.name}`);
      if (r.status !== 'passed' && report.compileError === '' && report.loadError === '') {
        for (const line of r.message.split('\n').slice(0, 12)) io.out(`    ${line}`);
        if (r.output.trim() !== '') io.out(`    ${t.printed}: ${r.output.trim().split('\n').slice(0, 5).join(' | ')}`);
      }
    }
    if (report.tests.length === 0) io.out(t.noPublicTests);
    io.out(t.testsSummary(passed, failed));
    await recordRun(dir, report.tests);
    return failed === 0 ? 0 : 1;
  }
}
