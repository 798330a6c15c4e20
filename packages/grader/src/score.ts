/**
 * Turning test outcomes into points.
 *
 * A step's points are shared equally among the tests that carry them (the tests of every file the
 * step lists, of the kinds that ran), in hundredths of a point: a step of 10 points with 3 tests
 * gives 3.34, 3.33, 3.33, so the shares always add up to the step exactly. A test earns its whole
 * share when it passed and nothing otherwise. A step with no test among those that ran (say, only
 * public tests ran and it has none) is left out of the maximum.
 *
 * Interface: `scoreSubmission(manifest, report, kinds, steps?)`, and `formatPoints(cents)`.
 */

import type { LabManifest } from '@virtlab/core';
import type { GradedTest, StepScore } from './grade-types.ts';
import type { TestOutcome } from './runner.ts';

/** Hundredths of a point as the shortest decimal: 600 → "6", 350 → "3.5", 333 → "3.33". */
export function formatPoints(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const whole = Math.floor(abs / 100);
  const frac = abs % 100;
  if (frac === 0) return `${sign}${whole}`;
  return `${sign}${whole}.${String(frac).padStart(2, '0').replace(/0$/, '')}`;
}

/** The scored tests and steps of one submission's outcomes. */
export function scoreTests(manifest: LabManifest, outcomes: readonly TestOutcome[], steps?: readonly string[]): { tests: GradedTest[]; steps: StepScore[] } {
  const tests: GradedTest[] = [];
  const stepScores: StepScore[] = [];
  manifest.steps.forEach((step, stepIndex) => {
    if (steps !== undefined && !steps.includes(step.id)) return;
    const mine = outcomes.filter((o) => o.steps.includes(step.id));
    if (mine.length === 0) return;
    const total = step.points * 100;
    const base = Math.floor(total / mine.length);
    let extra = total - base * mine.length;
    let cents = 0;
    mine.forEach((o, i) => {
      const maxCents = base + (extra > 0 ? 1 : 0);
      if (extra > 0) extra--;
      const earned = o.status === 'passed' ? maxCents : 0;
      cents += earned;
      const { steps: _steps, ...rest } = o;
      tests.push({ ...rest, step: step.id, number: `${stepIndex + 1}.${i + 1}`, cents: earned, maxCents });
    });
    stepScores.push({ id: step.id, cents, maxCents: total });
  });
  return { tests, steps: stepScores };
}
