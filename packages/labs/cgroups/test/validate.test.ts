// lab validate on this lab: the solution passes every test, the stubs fail every hidden test, and
// every file lab.json names exists (the same checks as `pnpm lab validate cgroups`).
import { fileURLToPath } from 'node:url';
import { formatValidation, validateLab } from '@virtlab/grader';
import { describe, expect, it } from 'vitest';

const labDir = fileURLToPath(new URL('..', import.meta.url));

describe('lab validate', () => {
  it('reports the cgroups lab valid', async () => {
    const report = await validateLab(labDir);
    expect(report.ok, formatValidation(report).join('\n')).toBe(true);
  });
});
