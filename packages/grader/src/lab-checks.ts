/**
 * What every lab's own checks (its test/ folder) need from the grader, so that each lab does not
 * write them again: the reference solution's files, the mutants (mutants/<name>/src/<file>: the
 * solution with one typical mistake), a mutant put in place of the solution, and the gradebook of
 * two students, the solution and the untouched stubs.
 *
 * Interface: `labSolutionFiles(labDir)`, `labMutants(labDir)`, `labMutantFiles(labDir, name)`,
 * `withMutant(labDir, name)`, `describeMutant(labDir, name)`, `mutantLayoutProblems(labDir)`,
 * `failingTests(report)`, `caughtBy(report)`, `gradeSolutionAndStubs(labDir)`.
 */

import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gradeBatch } from './grade.ts';
import { loadLab, type RunReport } from './runner.ts';

/** The reference solution's editable files, by their path in the lab (src/…). */
export function labSolutionFiles(labDir: string): Map<string, string> {
  const lab = loadLab(labDir);
  return new Map(lab.manifest.editable.map((path) => [path, readFileSync(join(labDir, 'solution', path), 'utf8')]));
}

/** The mutants' names (folders of mutants/), sorted. */
export function labMutants(labDir: string): string[] {
  return readdirSync(join(labDir, 'mutants'), { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

/** mutants/<name>/src/<file>, as editable paths (src/<file>) → text. */
export function labMutantFiles(labDir: string, name: string): Map<string, string> {
  const dir = join(labDir, 'mutants', name, 'src');
  return new Map(readdirSync(dir).map((file) => [`src/${file}`, readFileSync(join(dir, file), 'utf8')]));
}

/** The solution's editable files with the mutant's in place of theirs. */
export function withMutant(labDir: string, name: string): Map<string, string> {
  const files = labSolutionFiles(labDir);
  for (const [path, text] of labMutantFiles(labDir, name)) files.set(path, text);
  return files;
}

/** The mutant's own description: the first line of its first file ("// Mutant name: … one mistake: …"). */
export function describeMutant(labDir: string, name: string): string {
  const [first = ''] = [...labMutantFiles(labDir, name).values()];
  return first.split('\n')[0]!;
}

/** What is wrong with the mutants' layout: a mutant replacing no file, a file that is not editable or equals the solution. */
export function mutantLayoutProblems(labDir: string): string[] {
  const lab = loadLab(labDir);
  const solution = labSolutionFiles(labDir);
  const problems: string[] = [];
  for (const name of labMutants(labDir)) {
    const files = labMutantFiles(labDir, name);
    if (files.size === 0) problems.push(`${name} replaces no file`);
    for (const [path, text] of files) {
      if (!lab.manifest.editable.includes(path)) problems.push(`${name}: ${path} is not an editable file`);
      else if (!existsSync(join(labDir, 'solution', path))) problems.push(`${name}: no solution/${path}`);
      else if (text === solution.get(path)) problems.push(`${name}: ${path} is the same as the solution`);
    }
  }
  return problems;
}

/** The tests of a run that did not pass, one line each: "file > name: status: first line of the message". */
export function failingTests(report: RunReport): string[] {
  return report.tests.filter((t) => t.status !== 'passed').map((t) => `${t.file} > ${t.name}: ${t.status}: ${t.message.split('\n')[0]}`);
}

/** The hidden tests a run failed, short: "step.test.ts > test name". */
export function caughtBy(report: RunReport): string[] {
  return report.tests.filter((t) => t.status !== 'passed').map((t) => `${t.file.replace(/^tests\/hidden\//, '')} > ${t.name.replace(/^[^>]*> /, '')}`);
}

/**
 * Grades two submissions with the hidden tests, "solution" (the reference solution's files) and
 * "stub" (the lab's src/ as students get it), in a temporary folder, and returns grades.csv.
 */
export async function gradeSolutionAndStubs(labDir: string): Promise<{ exitCode: number; csv: string }> {
  const lab = loadLab(labDir);
  const work = mkdtempSync(join(tmpdir(), `virtlab-${lab.manifest.id}-grade-`));
  try {
    const subs = join(work, 'submissions');
    for (const [student, from] of [
      ['solution', join(labDir, 'solution')],
      ['stub', labDir],
    ] as const) {
      mkdirSync(join(subs, student, 'src'), { recursive: true });
      for (const path of lab.manifest.editable) cpSync(join(from, path), join(subs, student, path));
    }
    const out = join(work, 'out');
    const outcome = await gradeBatch({ lab, submissionsDir: subs, outDir: out, jobs: 2, resume: false, kinds: 'hidden', limits: {}, log: () => {} });
    return { exitCode: outcome.exitCode, csv: readFileSync(join(out, 'grades.csv'), 'utf8') };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
