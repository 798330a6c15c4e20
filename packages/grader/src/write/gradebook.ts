/**
 * The gradebook: grades.csv, one row per student, for a spreadsheet or an LMS import.
 *
 *   student,total,max,<step id>,<step id>,…        one column per step, in lab.json order
 *   alice,7.5,10,6,1.5
 *   bob,0,10,0,0
 *   "o'brien, pat",10,10,6,4
 *   '=cmd,3,10,3,0                                  an id that starts with = + - @ gets a '
 *
 * `student` is the student id (the submission's folder or archive name); `total` and `max` are the
 * points earned and possible with the tests that ran; each step column holds the step's points
 * earned, and is empty when the step was not graded (no test of the kinds that ran). Points are
 * written like `formatPoints`: "6", "1.5", "3.33".
 *
 * Interface: `gradebookCsv(all, manifest, kinds)` → the whole file's text.
 *
 * Invariants: rows are sorted by student id in UTF-8 byte order, so the file does not depend on
 * the order submissions finished in; fields are quoted as RFC 4180 says (a field holding `,`, `"`,
 * CR or LF is put in double quotes, its quotes doubled); lines end in LF, the last one too; a
 * field that a spreadsheet would run as a formula (first character `=`, `+`, `-`, `@`, tab or CR)
 * is prefixed with `'`. Every row was graded with the same tests (`kinds`): a mix would compare
 * grades out of different maxima, so it throws.
 */

import { Buffer } from 'node:buffer';
import type { LabManifest } from '@virtlab/core';
import type { GradedSubmission } from '../grade-types.ts';
import { formatPoints } from '../score.ts';

/** The text of grades.csv for these submissions, graded with the tests of `kinds`. */
export function gradebookCsv(all: readonly GradedSubmission[], manifest: LabManifest, kinds: GradedSubmission['kinds']): string {
  const header = ['student', 'total', 'max', ...manifest.steps.map((s) => s.id)];
  const rows = [...all].sort((a, b) => Buffer.compare(Buffer.from(a.student, 'utf8'), Buffer.from(b.student, 'utf8')));
  const lines = [header.map(csvField).join(',')];
  for (const g of rows) {
    if (g.kinds !== kinds) {
      throw new Error(`grades.csv: "${g.student}" was graded with --tests ${g.kinds}, this run with --tests ${kinds}; grade it again (without --resume)`);
    }
    const byStep = new Map(g.steps.map((s) => [s.id, s.cents]));
    const cells = manifest.steps.map((s) => {
      const cents = byStep.get(s.id);
      return cents === undefined ? '' : formatPoints(cents);
    });
    lines.push([g.student, formatPoints(g.cents), formatPoints(g.maxCents), ...cells].map(csvField).join(','));
  }
  return `${lines.join('\n')}\n`;
}

/** One CSV field: guarded against formula injection, then quoted when RFC 4180 requires it. */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}
