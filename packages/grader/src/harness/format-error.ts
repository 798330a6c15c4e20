/**
 * format-error: turns what a test threw into a status and a deterministic, plain-text message.
 *
 * Interface: `describeFailure(thrown)` → { status: 'failed' | 'error', message };
 *            `limitMessage(text)` → the text without colour codes or trailing blanks, cut to MESSAGE_MAX_CHARS.
 *
 *   AssertionError: expected { a: 1 } to deeply equal { a: 2 }      ← name: message
 *                                                                    ← blank line
 *   - Expected                                                       ← diff, when the error
 *   + Received                                                         carries actual/expected
 *   …
 *
 * Invariants: no stack trace, no colour escape, no timing, at most MESSAGE_MAX_CHARS characters,
 * so the same failure gives the same message on every run. Assertion errors (chai's and
 * node:assert's AssertionError, @vitest/expect's matcher errors) are `failed`; anything else thrown
 * is `error`. A thrown value may be student-made: reading it can run its getters, and an error
 * from them only makes the message vaguer, it never escapes.
 */

import { chai } from '@vitest/expect';
import { type DiffOptions, printDiffOrStringify } from '@vitest/utils/diff';
import { stringify } from '@vitest/utils/display';
import { MESSAGE_MAX_CHARS } from './params.ts';
import { sanitize } from './sanitize.ts';

/** A failed test's status and message. */
export interface Failure {
  /** `failed` for an assertion error, `error` for anything else. */
  status: 'failed' | 'error';
  /** Plain text, deterministic, not yet cut to length (see `limitMessage`). */
  message: string;
}

const plain = (text: string) => text;
const DIFF_OPTIONS: DiffOptions = {
  expand: false,
  aAnnotation: 'Expected',
  bAnnotation: 'Received',
  aColor: plain,
  bColor: plain,
  changeColor: plain,
  commonColor: plain,
  patchColor: plain,
  changeLineTrailingSpaceColor: plain,
  commonLineTrailingSpaceColor: plain,
  truncateAnnotationColor: plain,
};
const ANSI_ESCAPES = /\x1b\[[0-9;]*[A-Za-z]/g;

/** Runs `read`, giving undefined if it throws (a student getter or trap). */
function quietly<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}

function isObjectLike(value: unknown): value is object {
  return (typeof value === 'object' && value !== null) || typeof value === 'function';
}

function field(value: object, key: string): unknown {
  return quietly(() => (value as Record<string, unknown>)[key]);
}

/** True for the errors an assertion throws when it fails. */
export function isAssertionError(thrown: unknown): boolean {
  if (thrown instanceof chai.AssertionError) return true;
  if (!isObjectLike(thrown)) return false;
  if (field(thrown, 'name') === 'AssertionError') return true;
  // expect.extend matchers throw @vitest/expect's JestExtendError, which keeps the name "Error".
  const ctor = quietly(() => Reflect.getPrototypeOf(thrown)?.constructor);
  return typeof ctor === 'function' && quietly(() => ctor.name) === 'JestExtendError';
}

function diffOf(thrown: object): string {
  const showDiff = field(thrown, 'showDiff');
  const actual = field(thrown, 'actual');
  const expected = field(thrown, 'expected');
  if (showDiff !== true && !(showDiff === undefined && actual !== undefined && expected !== undefined)) return '';
  const diff = quietly(() => printDiffOrStringify(actual, expected, DIFF_OPTIONS));
  return diff ? `\n\n${diff}` : '';
}

function preview(thrown: unknown): string {
  if (!isObjectLike(thrown)) return quietly(() => String(thrown)) ?? 'a value that cannot be shown';
  return quietly(() => stringify(sanitize(thrown), 3, { maxLength: MESSAGE_MAX_CHARS })) ?? 'a value that cannot be shown';
}

/** Classifies a thrown value and describes it (see the header). */
export function describeFailure(thrown: unknown): Failure {
  const status = isAssertionError(thrown) ? 'failed' : 'error';
  if (!isObjectLike(thrown)) return { status, message: `thrown value: ${preview(thrown)}` };
  const message = field(thrown, 'message');
  if (typeof message !== 'string') return { status, message: `thrown value: ${preview(thrown)}` };
  const name = field(thrown, 'name');
  const head = typeof name === 'string' && name !== '' ? `${name}: ${message}` : message;
  return { status, message: status === 'failed' ? head + diffOf(thrown) : head };
}

/** Removes colour escapes and trailing blanks, and cuts `text` to MESSAGE_MAX_CHARS characters. */
export function limitMessage(text: string): string {
  const clean = text.replace(ANSI_ESCAPES, '').trimEnd();
  return clean.length <= MESSAGE_MAX_CHARS ? clean : `${clean.slice(0, MESSAGE_MAX_CHARS - 1)}…`;
}
