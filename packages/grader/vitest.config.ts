import { configDefaults, mergeConfig } from 'vitest/config';
import shared from '../../vitest.shared.ts';

// test/fixtures holds labs whose own tests must not run here (they are the grader's input).
export default mergeConfig(shared, {
  // One file at a time: the sandbox tests measure time limits and memory bombs, which other
  // test files running beside them would make slower and less predictable.
  test: { exclude: [...configDefaults.exclude, 'test/fixtures/**'], testTimeout: 120_000, hookTimeout: 180_000, fileParallelism: false },
});
