/**
 * The named errors the harness throws itself. Everything else a test reports comes from chai,
 * @vitest/expect, the lab's tests or the student's code.
 */

/** A value given to `expect()` is too deep or too big to copy (see `params.ts`). */
export class SanitizeLimitError extends Error {
  override name = 'SanitizeLimitError';
}

/** The vitest API was used in a way the harness does not allow (for example `it()` inside a test). */
export class HarnessUsageError extends Error {
  override name = 'HarnessUsageError';
}
