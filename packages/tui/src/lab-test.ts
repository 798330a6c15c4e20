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

/** Runs the public tests (of one step, or all) on the files in the lab folder; resolves to the exit code. */
export async function labTest(dir: string, step: string | undefined, lang: Lang, json: boolean, io: CommandIo): Promise<number> {
  const t = messages(lang);
  const lab = loadLab(dir);
  if (step !== undefined && !lab.manifest.steps.some((s) => s.id === step)) {
    io.err(t.unknownStep(step, lab.manifest.steps.map((s) => s.id)));
    return 2;
  }
  const files = new Map<string, string>();
  for (const path of lab.manifest.editable) {
    const file = join(dir, path);
    if (existsSync(file)) files.set(path, readFileSync(file, 'utf8'));
  }
  const runner = await createRunner(lab, { kinds: 'public', steps: step === undefined ? undefined : [step] });
  try {
    const report = await runner.run(files);
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
    io.out(`${passed} passed, ${failed} failed`);
    return failed === 0 ? 0 : 1;
  } finally {
    await runner.close();
  }
}
