/**
 * Every limit and tunable of the test harness, each with its unit (xv6's param.h).
 *
 * The harness runs trusted lab tests against untrusted student values; these limits bound how
 * much work a hostile value can make the harness do, and how much text a failure can report.
 */

/** Deepest nesting `sanitize` copies, in objects: the value given to `expect()` is level 1. */
export const SANITIZE_MAX_DEPTH = 64;

/** Most values `sanitize` visits for one `expect()` (objects, elements and property values). */
export const SANITIZE_MAX_NODES = 100_000;

/** Most bytes `sanitize` copies out of typed arrays and ArrayBuffers for one `expect()`. */
export const SANITIZE_MAX_BYTES = 64 * 1024 * 1024;

/** Longest message a test result carries, in UTF-16 code units (the diff included). */
export const MESSAGE_MAX_CHARS = 4000;

/** Time limit of a test or hook when the harness is created without one, in milliseconds (vitest's default). */
export const DEFAULT_TEST_TIMEOUT_MS = 5000;
