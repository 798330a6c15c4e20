/**
 * The module lab test bundles import as 'vitest': the vitest API (describe, it, test, expect, the
 * hooks, vi) backed by our harness, which works after SES lockdown and resists student values;
 * plus createHarness for the runner. This file only re-exports.
 *
 *   const h = createHarness({ testTimeoutMs }); h.setCurrentFile(f); <test files use h.api>; await h.run(opts)
 */

export {
  afterAll,
  afterEach,
  beforeAll,
  beforeEach,
  createHarness,
  describe,
  expect,
  type Harness,
  type HarnessApi,
  it,
  setCurrentFile,
  suite,
  test,
  vi,
  vitest,
} from './harness.ts';
export type { HarnessOptions, RunOptions, TestInfo, TestResult, TestStatus } from './types.ts';
