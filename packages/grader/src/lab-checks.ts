/**
 * What every lab's own checks (its test/ folder) need from the grader, so that each lab does not
 * write them again: the reference solution's files, the mutants (mutants/<name>/src/<file>: the
 * solution with one typical mistake), a mutant put in place of the solution, and the gradebook of
 * two students, the solution and the untouched stubs.
 *
 * Interface: `labSolutionFiles(labDir)`, `labMutants(labDir)`, `labMutantFiles(labDir, name)`,
 * `withMutant(labDir, name)`, `describeMutant(labDir, name)`, `gradeSolutionAndStubs(labDir)`.
 */

import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gradeBatch } from './grade.ts';
import { loadLab } from './runner.ts';

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
