/**
 * Batch grading: a folder of submissions in, a gradebook, Gradescope results, feedback pages and a
 * summary out. The composer of collect → runner → score → writers.
 *
 *   out/
 *     grades.csv                     student,total,max,<step>… (written at the end, from the state)
 *     results/<student>.json         Gradescope results.json
 *     feedback/<student>.md          for the student, English; .zh-CN.md, Chinese
 *     summary.json                   statistics (deterministic)
 *     timing.json                    how long each submission took (the only output that varies)
 *     .state/<student>.json          what was graded, for --resume (written last, atomically)
 *
 * Every file is written atomically the moment its submission is graded, so a crash or `kill -9`
 * loses nothing; `--resume` skips a student whose state matches the same submission and the same
 * grading setup, so a resumed run's outputs equal an uninterrupted run's. A failure of the grader's
 * own machinery writes nothing for that student (an earlier result stays as it was) and makes the
 * exit code 1.
 */

import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { collectSubmissions } from './collect-submissions.ts';
import type { GradedSubmission, Submission } from './grade-types.ts';
import { IN_FLIGHT } from './pool.ts';
import { createProgress } from './progress.ts';
import { createRunner, type Lab, type RunReport, type Runner, type TestKinds } from './runner.ts';
import { scoreTests } from './score.ts';
import type { JobLimits } from './sandbox/protocol.ts';
import { writeFileAtomic, writeFileAtomicAsync } from './write/atomic-write.ts';
import { feedbackMarkdown } from './write/feedback.ts';
import { gradebookCsv } from './write/gradebook.ts';
import { gradescopeResults, toJson } from './write/gradescope.ts';
import { formatSummary, summarize } from './write/summary.ts';

/** Options of `gradeBatch`. */
export interface GradeOptions {
  /** The lab. */
  lab: Lab;
  /** Folder of submissions. */
  submissionsDir: string;
  /** Output folder. */
  outDir: string;
  /** Sandbox processes in parallel. */
  jobs: number;
  /** Skip students already graded with the same submission and setup. */
  resume: boolean;
  /** Which tests. */
  kinds: TestKinds;
  /** Limit overrides. */
  limits: Partial<JobLimits>;
  /** Where progress and notes go (default stderr). */
  log?: (line: string) => void;
  /** Show a progress bar (default: when stderr is a terminal, else periodic lines). */
  progress?: boolean;
}

/** What a batch came to. */
export interface GradeOutcome {
  /** 0 every submission graded; 1 some could not be. */
  exitCode: 0 | 1;
  /** The printed summary. */
  summaryText: string;
  /** Graded submissions, by student. */
  graded: GradedSubmission[];
  /** Students that could not be graded, with the reason. */
  errors: { student: string; reason: string }[];
}

interface State {
  setup: string;
  hash: string;
  graded: GradedSubmission;
  ms: number;
}

/** Grades one submission's run (or its unreadability) into the record the writers use. */
export function gradeRecord(lab: Lab, runner: Runner, kinds: TestKinds, s: Submission, report: RunReport | undefined): GradedSubmission {
  const outcomes =
    report?.tests ??
    runner.canonical.map((t) => ({
      file: t.file,
      name: t.name,
      steps: lab.manifest.steps.filter((st) => st.public.includes(t.file) || st.hidden.includes(t.file)).map((st) => st.id),
      visibility: (lab.manifest.steps.some((st) => st.public.includes(t.file)) ? 'public' : 'hidden') as 'public' | 'hidden',
      status: 'error' as const,
      message: `not graded: ${s.unreadable ?? 'unknown reason'}`,
      output: '',
      durationMs: 0,
    }));
  const { tests, steps } = scoreTests(lab.manifest, outcomes);
  const notes = [...s.notes];
  return {
    student: s.student,
    lab: lab.manifest.id,
    labVersion: lab.version,
    hash: s.hash,
    kinds,
    status: report === undefined ? 'unreadable' : 'graded',
    cents: steps.reduce((a, st) => a + st.cents, 0),
    maxCents: steps.reduce((a, st) => a + st.maxCents, 0),
    steps,
    tests,
    notes,
    compileError: report?.compileError ?? '',
    loadError: report?.loadError ?? '',
  };
}

/** Student ids become file names: refuse those that cannot be one safely. */
function safeName(student: string): string | undefined {
  if (student.length === 0 || student.length > 200 || /[/\\\u0000-\u001f]/.test(student) || student === '.' || student === '..') {
    return `the student id "${student}" cannot be used as a file name`;
  }
  return undefined;
}

/** Deletes temp files a killed run left behind (`.name.<pid>.<n>.tmp`). */
function removeStaleTemps(outDir: string): void {
  for (const sub of ['', 'results', 'feedback', '.state']) {
    const dir = join(outDir, sub);
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir)) if (/^\..+\.\d+\.\d+\.tmp$/.test(name)) rmSync(join(dir, name), { force: true });
  }
}

/** Grades a folder of submissions (see the header). */
export async function gradeBatch(options: GradeOptions): Promise<GradeOutcome> {
  const { lab, outDir, kinds } = options;
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const collected = collectSubmissions(options.submissionsDir, lab.manifest);
  for (const line of collected.ignored) log(`grade: ignored ${line}`);

  const runner = await createRunner(lab, { kinds, jobs: options.jobs, limits: options.limits });
  const setup = createHash('sha256')
    .update(JSON.stringify({ lab: lab.manifest.id, version: lab.version, kinds, limits: runner.limits, tests: runner.canonical }))
    .digest('hex');

  removeStaleTemps(outDir);
  const errors: { student: string; reason: string }[] = [];
  const timing = new Map<string, number>();
  const graded = new Map<string, GradedSubmission>();
  const statePath = (student: string) => join(outDir, '.state', `${student}.json`);

  const todo: Submission[] = [];
  for (const s of collected.submissions) {
    const bad = safeName(s.student);
    if (bad !== undefined) {
      errors.push({ student: s.student, reason: bad });
      continue;
    }
    if (options.resume && existsSync(statePath(s.student))) {
      try {
        const state = JSON.parse(readFileSync(statePath(s.student), 'utf8')) as State;
        if (state.setup === setup && state.hash === s.hash) {
          graded.set(s.student, state.graded);
          timing.set(s.student, state.ms);
          continue;
        }
      } catch {
        // A state file we cannot read is graded again.
      }
    }
    todo.push(s);
  }

  const writes: Promise<unknown>[] = [];
  const progress = createProgress({ total: collected.submissions.length, already: collected.submissions.length - todo.length });
  let next = 0;
  const worker = async () => {
    for (;;) {
      const s = todo[next++];
      if (s === undefined) return;
      const started = Date.now();
      const report = s.unreadable === undefined ? await runner.run(s.files) : undefined;
      if (report?.machinery !== undefined) {
        errors.push({ student: s.student, reason: `the grader failed (nothing was recorded): ${report.machinery}` });
        progress.tick(true);
        continue;
      }
      const g = gradeRecord(lab, runner, kinds, s, report);
      const ms = Date.now() - started;
      // The disk works while the next submission runs; the state goes last, so a run killed before
      // it grades the student again on --resume.
      writes.push(
        Promise.all([
          writeFileAtomicAsync(join(outDir, 'results', `${s.student}.json`), toJson(gradescopeResults(g, lab.manifest))),
          writeFileAtomicAsync(join(outDir, 'feedback', `${s.student}.md`), feedbackMarkdown(g, lab.manifest, 'en')),
          writeFileAtomicAsync(join(outDir, 'feedback', `${s.student}.zh-CN.md`), feedbackMarkdown(g, lab.manifest, 'zh')),
        ]).then(() => writeFileAtomicAsync(statePath(s.student), JSON.stringify({ setup, hash: s.hash, graded: g, ms } satisfies State))),
      );
      graded.set(s.student, g);
      timing.set(s.student, ms);
      if (g.status === 'unreadable') errors.push({ student: s.student, reason: s.unreadable ?? 'unreadable' });
      progress.tick(g.status === 'unreadable');
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, options.jobs * IN_FLIGHT) }, () => worker()));
  } finally {
    await runner.close();
    await Promise.all(writes);
  }
  progress.done();

  for (const s of collected.submissions) {
    if (s.unreadable !== undefined && graded.has(s.student) && !errors.some((e) => e.student === s.student)) {
      errors.push({ student: s.student, reason: s.unreadable });
    }
  }
  const all = collected.submissions.map((s) => graded.get(s.student)).filter((g): g is GradedSubmission => g !== undefined);
  errors.sort((a, b) => (a.student < b.student ? -1 : a.student > b.student ? 1 : 0));
  writeFileAtomic(join(outDir, 'grades.csv'), gradebookCsv(all, lab.manifest, kinds), { durable: true });
  const summary = summarize(all, lab.manifest, timing, errors);
  const { slowest, ...deterministic } = summary as typeof summary & { slowest?: unknown };
  writeFileAtomic(join(outDir, 'summary.json'), toJson(deterministic), { durable: true });
  writeFileAtomic(join(outDir, 'timing.json'), toJson({ slowest, ms: Object.fromEntries([...timing].sort(([a], [b]) => (a < b ? -1 : 1))) }));
  const summaryText = formatSummary(summary);
  return { exitCode: errors.length === 0 ? 0 : 1, summaryText, graded: all, errors };
}
