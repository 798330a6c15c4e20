/**
 * The shapes that flow through batch grading, from a submission found on disk to the files
 * written for it. Types only.
 *
 *   collect ──► Submission ──► runner ──► RunReport ──► score ──► GradedSubmission ──► writers
 */

import type { TestOutcome } from './runner.ts';

/** One student's submission, read from the submissions folder. */
export interface Submission {
  /** Student id: the folder or archive name without its extension. */
  student: string;
  /** Where it came from (a folder or an archive), relative to the submissions folder. */
  source: string;
  /** Editable path → submitted text. Editable files that are missing are not here (graded as the stub). */
  files: Map<string, string>;
  /** One line each: files ignored (not editable, too large, unsafe), editable files missing, archive notes. */
  notes: string[];
  /** sha256 over the lab id and the files (sorted), so a resumed run knows whether it changed. */
  hash: string;
  /** Set when nothing can be graded (a corrupt archive, an empty folder): the one-line reason. */
  unreadable?: string;
}

/** Points of one step, in hundredths of a point (integers, so sums are exact). */
export interface StepScore {
  /** Step id. */
  id: string;
  /** Earned, in hundredths. */
  cents: number;
  /** Possible, in hundredths. */
  maxCents: number;
}

/** One test's line in the results: a test of one step (a test file listed by two steps appears twice). */
export interface GradedTest extends Omit<TestOutcome, 'steps'> {
  /** The step it counts for. */
  step: string;
  /** Gradescope's test number: "step number.test number", e.g. "2.3". */
  number: string;
  /** Earned, in hundredths. */
  cents: number;
  /** Possible, in hundredths. */
  maxCents: number;
}

/** Everything known about one graded submission: what the writers turn into files. */
export interface GradedSubmission {
  /** Student id. */
  student: string;
  /** Lab id. */
  lab: string;
  /** Lab version. */
  labVersion: string;
  /** The submission's hash (see Submission). */
  hash: string;
  /** Which tests ran. */
  kinds: 'public' | 'hidden' | 'all';
  /** `graded`, or `unreadable` (nothing could be graded; every test counts as failed). */
  status: 'graded' | 'unreadable';
  /** Total earned, in hundredths. */
  cents: number;
  /** Total possible, in hundredths. */
  maxCents: number;
  /** Per step, in lab.json order. */
  steps: StepScore[];
  /** Per test, in order. */
  tests: GradedTest[];
  /** Notes from reading the submission, and the compile or load error if any. */
  notes: string[];
  /** Why the student's code did not compile ('' if it did). */
  compileError: string;
  /** Why it did not load ('' if it did). */
  loadError: string;
}

/** Formats hundredths of a point as a number string without trailing zeros: 600 → "6", 333 → "3.33". */
export type FormatPoints = (cents: number) => string;
