/**
 * One submission's results in Gradescope's autograder format (results/<student>.json, and
 * /autograder/results/results.json under `--gradescope`).
 *
 *   {
 *     "score": 7.5,                     the total, in points
 *     "output": "7.5 / 10 points: …",   one summary line, then the notes (ignored files…)
 *     "visibility": "visible",
 *     "stdout_visibility": "hidden",
 *     "extra_data": { lab, lab_version, tests, status, submission_hash },
 *     "tests": [{ "name": "[add] add > adds", "number": "1.1", "score": 2, "max_score": 2,
 *                 "status": "passed", "output": "", "visibility": "visible", "tags": ["add"] }, …]
 *   }
 *
 * Interface: `gradescopeResults(graded, manifest)` builds the object; `toJson(value)` serializes
 * any output file (2-space JSON and a final newline).
 *
 * Invariants: points are integer hundredths divided by 100 once, never sums of floats; the
 * tests' `max_score`s add up to the lab's points when every test ran (score.ts shares each
 * step's points exactly); nothing varies between runs — no timing, no date — so grading the same
 * submission twice gives the same bytes. Hidden tests are `after_published`: students see them
 * once the TA publishes the grades.
 */

import type { LabManifest } from '@virtlab/core';
import type { GradedSubmission, GradedTest } from '../grade-types.ts';
import { formatPoints } from '../score.ts';

/** One test in Gradescope's results.json. */
export interface GradescopeTest {
  /** "[step id] describe > test". */
  name: string;
  /** "step number.test number", e.g. "2.3". */
  number: string;
  /** Earned, in points. */
  score: number;
  /** Possible, in points. */
  max_score: number;
  /** Passed, or anything else (failed, error, timeout, skipped). */
  status: 'passed' | 'failed';
  /** Why it did not pass, and what the student's code printed during it. */
  output: string;
  /** Public tests are visible at once; hidden ones when the grades are published. */
  visibility: 'visible' | 'after_published';
  /** The step it counts for. */
  tags: string[];
}

/** A whole Gradescope results.json. */
export interface GradescopeResults {
  /** Total earned, in points. */
  score: number;
  /** One summary line, then one line per note. */
  output: string;
  /** The results are shown to the student. */
  visibility: 'visible';
  /** The autograder's own stdout is not. */
  stdout_visibility: 'hidden';
  /** What was graded, for the course staff (not shown to students). */
  extra_data: { lab: string; lab_version: string; tests: GradedSubmission['kinds']; status: GradedSubmission['status']; submission_hash: string };
  /** Every test, in order. */
  tests: GradescopeTest[];
}

/** The results.json object of one graded submission. */
export function gradescopeResults(g: GradedSubmission, manifest: LabManifest): GradescopeResults {
  const passed = g.tests.filter((t) => t.status === 'passed').length;
  let summary = `${formatPoints(g.cents)} / ${formatPoints(g.maxCents)} points: ${passed} of ${g.tests.length} tests passed.`;
  if (g.status === 'unreadable') summary += ' The submission could not be read.';
  else if (g.compileError !== '') summary += ' Your code does not compile.';
  else if (g.loadError !== '') summary += ' Your code failed to load.';
  return {
    score: g.cents / 100,
    output: [summary, ...g.notes.map((n) => `- ${n}`)].join('\n'),
    visibility: 'visible',
    stdout_visibility: 'hidden',
    extra_data: { lab: manifest.id, lab_version: g.labVersion, tests: g.kinds, status: g.status, submission_hash: g.hash },
    tests: g.tests.map(gradescopeTest),
  };
}

/** One graded test as a Gradescope test. */
function gradescopeTest(t: GradedTest): GradescopeTest {
  const reason = t.status === 'passed' ? t.message : t.message || `(${t.status})`;
  const printed = t.output === '' ? '' : `What your code printed:\n${t.output}`;
  return {
    name: `[${t.step}] ${t.name}`,
    number: t.number,
    score: t.cents / 100,
    max_score: t.maxCents / 100,
    status: t.status === 'passed' ? 'passed' : 'failed',
    output: [reason, printed].filter((s) => s !== '').join('\n\n'),
    visibility: t.visibility === 'public' ? 'visible' : 'after_published',
    tags: [t.step],
  };
}

/** Serializes an output file: JSON indented by 2 spaces, with a final newline. */
export function toJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
