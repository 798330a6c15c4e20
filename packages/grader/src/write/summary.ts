/**
 * The run's summary: summary.json (the only output that holds timings) and the report printed
 * when grading ends.
 *
 *   adder: 5 submissions: 3 graded, 1 unreadable, 1 not graded
 *   total of 10 points: mean 3.73, median 2.47
 *
 *   1. add (6 points): mean 2.4 over 4
 *         0-10% |##################################################  1
 *        10-20% |##################################################  1
 *        20-30% |                                                    0
 *         …
 *       90-100% |##################################################  1
 *
 *   not graded (the grader failed, not the submission):
 *     carol: the sandbox process exited (signal SIGKILL)
 *
 *   slowest:
 *     bob    2346 ms
 *     alice   812 ms
 *
 * Interface: `summarize(all, manifest, timing, errors)` → Summary (plain data: write it with
 * `toJson`); `formatSummary(summary)` → the text for the terminal.
 *
 * Invariants: means and medians are computed on integer hundredths and rounded once; a step's
 * histogram has 10 buckets of its maximum (0–10 %, 10–20 %, …, 90–100 %; a bucket holds its lower
 * bound, and full marks fall in the last one) and counts only submissions where the step was
 * graded; every printed line is at most 80 columns, with control characters shown as `?`.
 */

import { Buffer } from 'node:buffer';
import type { LabManifest } from '@virtlab/core';
import type { GradedSubmission } from '../grade-types.ts';
import { formatPoints } from '../score.ts';

/** How many of the slowest submissions the summary names. */
export const SLOWEST_SHOWN = 5;

/** Widest line `formatSummary` prints, in columns. */
export const SUMMARY_COLUMNS = 80;

/** Longest histogram bar, in characters. */
const BAR_WIDTH = 50;

/** One step's results across the submissions. */
export interface StepSummary {
  /** Step id. */
  id: string;
  /** The step's points. */
  max: number;
  /** Submissions in which the step was graded. */
  graded: number;
  /** Mean points earned, to the hundredth; null when no submission graded the step. */
  mean: number | null;
  /** Submissions per tenth of the maximum: [0–10 %, 10–20 %, …, 90–100 %]. */
  histogram: number[];
}

/** Everything summary.json holds. */
export interface Summary {
  /** Lab id. */
  lab: string;
  /** Submissions found: graded, unreadable and not graded. */
  count: number;
  /** Submissions graded. */
  graded: number;
  /** Submissions that could not be read (graded as zero). */
  unreadable: number;
  /** Submissions the grader itself failed on (not in the gradebook), by student id. */
  errors: { student: string; reason: string }[];
  /** Points possible (the largest maximum among the submissions). */
  max: number;
  /** Mean total in points over graded and unreadable submissions, to the hundredth; null when there are none. */
  mean: number | null;
  /** Median total, likewise. */
  median: number | null;
  /** Per step, in lab.json order. */
  steps: StepSummary[];
  /** The slowest submissions, slowest first, with their grading time in whole milliseconds. */
  slowest: { student: string; ms: number }[];
}

const byBytes = (a: string, b: string) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));

/** Hundredths averaged and rounded to a whole hundredth, as points; null for no values. */
function meanPoints(cents: readonly number[]): number | null {
  if (cents.length === 0) return null;
  return Math.round(cents.reduce((s, c) => s + c, 0) / cents.length) / 100;
}

/** The median of hundredths (the mean of the middle two for an even count), as points. */
function medianPoints(cents: readonly number[]): number | null {
  const sorted = [...cents].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return null;
  if (sorted.length % 2 === 1) return sorted[mid]! / 100;
  return Math.round((sorted[mid - 1]! + sorted[mid]!) / 2) / 100;
}

/** The bucket (0 to 9) of `cents` out of `maxCents`. */
function bucketOf(cents: number, maxCents: number): number {
  if (maxCents <= 0) return 9;
  return Math.min(9, Math.max(0, Math.floor((cents * 10) / maxCents)));
}

/** The summary of a run: counts, totals, per-step means and histograms, and the slowest submissions. */
export function summarize(
  all: readonly GradedSubmission[],
  manifest: LabManifest,
  timing: ReadonlyMap<string, number>,
  errors: readonly { student: string; reason: string }[],
): Summary {
  const totals = all.map((g) => g.cents);
  const steps = manifest.steps.map((step): StepSummary => {
    const scores = all.flatMap((g) => g.steps.filter((s) => s.id === step.id));
    const histogram = new Array<number>(10).fill(0);
    for (const s of scores) histogram[bucketOf(s.cents, s.maxCents)]! += 1;
    return { id: step.id, max: step.points, graded: scores.length, mean: meanPoints(scores.map((s) => s.cents)), histogram };
  });
  const slowest = [...timing]
    .map(([student, ms]) => ({ student, ms: Math.round(ms) }))
    .sort((a, b) => b.ms - a.ms || byBytes(a.student, b.student))
    .slice(0, SLOWEST_SHOWN);
  return {
    lab: manifest.id,
    count: all.length + errors.length,
    graded: all.filter((g) => g.status === 'graded').length,
    unreadable: all.filter((g) => g.status === 'unreadable').length,
    errors: [...errors].sort((a, b) => byBytes(a.student, b.student)).map(({ student, reason }) => ({ student, reason })),
    max: Math.max(0, ...all.map((g) => g.maxCents)) / 100,
    mean: meanPoints(totals),
    median: medianPoints(totals),
    steps,
    slowest,
  };
}

/** A line made safe for a terminal and cut to SUMMARY_COLUMNS. */
function fit(line: string): string {
  const clean = Array.from(line.replace(/\p{Cc}/gu, '?'));
  return clean.length <= SUMMARY_COLUMNS ? clean.join('') : `${clean.slice(0, SUMMARY_COLUMNS - 1).join('')}…`;
}

/** Points for display: "7.5", or "-" when there is nothing to show. */
function points(value: number | null): string {
  return value === null ? '-' : formatPoints(Math.round(value * 100));
}

/** The summary as a compact plain-text report (at most 80 columns), with a histogram per step. */
export function formatSummary(s: Summary): string {
  const lines: string[] = [];
  const counts = [`${s.graded} graded`];
  if (s.unreadable > 0) counts.push(`${s.unreadable} unreadable`);
  if (s.errors.length > 0) counts.push(`${s.errors.length} not graded`);
  lines.push(`${s.lab}: ${s.count} submission${s.count === 1 ? '' : 's'}: ${counts.join(', ')}`);
  lines.push(`total of ${points(s.max)} points: mean ${points(s.mean)}, median ${points(s.median)}`);
  s.steps.forEach((step, i) => {
    lines.push('', `${i + 1}. ${step.id} (${step.max} points): mean ${points(step.mean)} over ${step.graded}`);
    const top = Math.max(1, ...step.histogram);
    step.histogram.forEach((n, b) => {
      const label = `${b * 10}-${b * 10 + 10}%`.padStart(9);
      const bar = n === 0 ? '' : '#'.repeat(Math.max(1, Math.round((n / top) * BAR_WIDTH)));
      lines.push(`  ${label} |${bar.padEnd(BAR_WIDTH)}  ${n}`);
    });
  });
  if (s.errors.length > 0) {
    lines.push('', 'not graded (the grader failed, not the submission):');
    for (const e of s.errors) lines.push(`  ${e.student}: ${e.reason.split('\n')[0]}`);
  }
  if (s.slowest.length > 0) {
    const width = Math.min(30, Math.max(...s.slowest.map((x) => x.student.length)));
    const msWidth = Math.max(...s.slowest.map((x) => String(x.ms).length));
    lines.push('', 'slowest:');
    for (const x of s.slowest) lines.push(`  ${x.student.padEnd(width)}  ${String(x.ms).padStart(msWidth)} ms`);
  }
  return `${lines.map(fit).join('\n')}\n`;
}
