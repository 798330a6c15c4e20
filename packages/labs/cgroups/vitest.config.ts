import { configDefaults, mergeConfig } from 'vitest/config';
import shared from '../../../vitest.shared.ts';

// The lab's own checks (test/): the grader runs tests/public and tests/hidden, never vitest here.
export default mergeConfig(shared, {
  test: { include: ['test/**/*.test.ts'], exclude: [...configDefaults.exclude, 'tests/**'], testTimeout: 300_000, hookTimeout: 300_000 },
});
