/**
 * `lab validate`: the checks a lab must pass before students see it (rustlings' `dev check`).
 *
 *   files      every file lab.json names exists; every test file in the lab is named in lab.json
 *   docs       every step's page exists in English and Chinese
 *   points     the steps' points add up to the lab's
 *   solution   the reference solution passes every public and hidden test (full marks)
 *   stub       the stubs fail every hidden test (so the hidden tests can fail)
 *   stable     each suite gives identical results three times in a row
 *
 * Interface: `validateLab(dir)` → a report of named checks, each ok or not with the details;
 * `formatValidation(report)` → the lines to print. It runs the tests through the same runner as
 * `grade`, in the same sandbox.
 */

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { labFiles, stepDocPath } from '@virtlab/core';
import { createRunner, loadLab, type RunReport } from './runner.ts';

/** One check's outcome. */
export interface Check {
  /** Short name (files, docs, points, solution, stub, stable). */
  name: string;
  /** Passed. */
  ok: boolean;
  /** One line saying what was checked, or what is wrong. */
  summary: string;
  /** Further lines: each problem found. */
  problems: string[];
}

/** All checks of one lab. */
export interface ValidationReport {
  /** Lab id (or the folder name when lab.json does not load). */
  lab: string;
  /** The checks, in order. */
  checks: Check[];
  /** Every check passed. */
  ok: boolean;
}

function testFilesOnDisk(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    if (!existsSync(d)) return;
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const full = join(d, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.name.endsWith('.test.ts')) out.push(relative(dir, full).split(sep).join('/'));
    }
  };
  walk(join(dir, 'tests'));
  return out.sort();
}

function comparable(report: RunReport): string {
  return JSON.stringify(report.tests.map(({ durationMs: _d, ...rest }) => rest));
}

/** Runs every check on the lab in `dir` (see the header). */
export async function validateLab(dir: string, runs = 3): Promise<ValidationReport> {
  const checks: Check[] = [];
  let lab: ReturnType<typeof loadLab>;
  try {
    lab = loadLab(dir);
  } catch (error) {
    const name = dir.split(sep).filter(Boolean).pop() ?? dir;
    return { lab: name, ok: false, checks: [{ name: 'manifest', ok: false, summary: (error as Error).message, problems: [] }] };
  }
  const { manifest } = lab;

  const missing = labFiles(manifest).filter((f) => !existsSync(join(dir, f)));
  for (const s of manifest.scenarios ?? []) if (!existsSync(join(dir, s.file))) missing.push(s.file);
  const named = new Set(manifest.steps.flatMap((s) => [...s.public, ...s.hidden]));
  const unnamed = testFilesOnDisk(dir).filter((f) => !named.has(f));
  checks.push({
    name: 'files',
    ok: missing.length === 0 && unnamed.length === 0,
    summary: missing.length + unnamed.length === 0 ? 'every file lab.json names exists, and every test file is named in lab.json' : 'files are missing or not named in lab.json',
    problems: [...missing.map((f) => `missing: ${f} (named in lab.json)`), ...unnamed.map((f) => `not named in lab.json: ${f} (add it to a step's public or hidden list, or delete it)`)],
  });

  const docProblems: string[] = [];
  for (const step of manifest.steps) {
    for (const lang of ['en', 'zh'] as const) {
      const path = stepDocPath(step, lang);
      if (!existsSync(join(dir, path))) docProblems.push(`missing: ${path} (step ${step.id}, ${lang === 'en' ? 'English' : 'Chinese'})`);
      else if (readFileSync(join(dir, path), 'utf8').trim() === '') docProblems.push(`empty: ${path}`);
    }
  }
  checks.push({ name: 'docs', ok: docProblems.length === 0, summary: docProblems.length === 0 ? `every step's page exists in English and Chinese (${manifest.steps.length} steps)` : "some steps' pages are missing", problems: docProblems });

  const sum = manifest.steps.reduce((a, s) => a + s.points, 0);
  checks.push({ name: 'points', ok: sum === manifest.points, summary: `the steps' points add up to ${sum} of the lab's ${manifest.points}`, problems: [] });

  const solution = new Map<string, string>();
  for (const path of manifest.editable) {
    const file = join(dir, 'solution', path);
    if (existsSync(file)) solution.set(path, readFileSync(file, 'utf8'));
  }
  const runner = await createRunner(lab, { kinds: 'all' });
  try {
    const solutionRuns: RunReport[] = [];
    const stubRuns: RunReport[] = [];
    for (let i = 0; i < runs; i++) {
      solutionRuns.push(await runner.run(solution));
      stubRuns.push(await runner.run(new Map()));
    }
    const sol = solutionRuns[0]!;
    const failing = sol.tests.filter((t) => t.status !== 'passed');
    checks.push({
      name: 'solution',
      ok: sol.machinery === undefined && failing.length === 0 && sol.tests.length > 0,
      summary:
        sol.machinery !== undefined
          ? `the grader failed: ${sol.machinery}`
          : failing.length === 0
            ? `the solution passes all ${sol.tests.length} public and hidden tests (${manifest.points} of ${manifest.points} points)`
            : `the solution fails ${failing.length} of ${sol.tests.length} tests`,
      problems: failing.map((t) => `${t.file} > ${t.name}: ${t.status}: ${t.message.split('\n')[0]}`),
    });
    const stub = stubRuns[0]!;
    const hidden = stub.tests.filter((t) => t.visibility === 'hidden');
    const passing = hidden.filter((t) => t.status === 'passed');
    checks.push({
      name: 'stub',
      ok: stub.machinery === undefined && passing.length === 0 && hidden.length > 0,
      summary:
        passing.length === 0
          ? `the stubs fail all ${hidden.length} hidden tests (0 points)`
          : `the stubs pass ${passing.length} of ${hidden.length} hidden tests: each hidden test must be able to fail`,
      problems: passing.map((t) => `passes on the stub: ${t.file} > ${t.name}`),
    });
    const unstable: string[] = [];
    if (solutionRuns.some((r) => comparable(r) !== comparable(sol))) unstable.push('the solution gave different results in different runs');
    if (stubRuns.some((r) => comparable(r) !== comparable(stub))) unstable.push('the stubs gave different results in different runs');
    checks.push({ name: 'stable', ok: unstable.length === 0, summary: unstable.length === 0 ? `each suite gave identical results ${runs} times` : 'results differ between runs', problems: unstable });
  } finally {
    await runner.close();
  }
  return { lab: manifest.id, checks, ok: checks.every((c) => c.ok) };
}

/** The lines to print for a report. */
export function formatValidation(report: ValidationReport): string[] {
  const lines = [`${report.lab}: ${report.ok ? 'valid' : 'NOT valid'}`];
  for (const c of report.checks) {
    lines.push(`  ${c.ok ? '✓' : '✗'} ${c.name}: ${c.summary}`);
    for (const p of c.problems) lines.push(`      ${p}`);
  }
  return lines;
}
