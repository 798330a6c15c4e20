/**
 * A builder of GradedTest records for the writers' tests (test support only; not exported).
 */

import type { GradedTest } from '../grade-types.ts';

/** A function that builds a test line: passed ones earn `maxCents`, failed ones carry `failMessage`. */
export function gradedTestBuilder(failMessage: string, durationMs: number) {
  return (step: string, number: string, file: string, name: string, passed: boolean, maxCents: number, extra: Partial<GradedTest> = {}): GradedTest => ({
    file,
    name,
    visibility: file.startsWith('tests/public/') ? 'public' : 'hidden',
    status: passed ? 'passed' : 'failed',
    message: passed ? '' : failMessage,
    output: '',
    durationMs,
    step,
    number,
    cents: passed ? maxCents : 0,
    maxCents,
    ...extra,
  });
}
