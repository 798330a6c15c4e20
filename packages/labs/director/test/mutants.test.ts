// Every mutant (the reference solution with one typical mistake, in mutants/<name>/src/) must fail
// at least one hidden test, and the reference solution must pass them all: the hidden tests can tell.
import { fileURLToPath } from 'node:url';
import { caughtBy, createRunner, describeMutant, failingTests, labMutants, labSolutionFiles, loadLab, mutantLayoutProblems, type Runner, withMutant } from '@virtlab/grader';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const labDir = fileURLToPath(new URL('..', import.meta.url));
const mutants = labMutants(labDir);

let runner: Runner;

beforeAll(async () => {
  runner = await createRunner(loadLab(labDir), { kinds: 'hidden' });
});

afterAll(async () => {
  await runner?.close();
});

describe('the hidden tests against the mutants', () => {
  it('there are mutants, each replacing editable files with files that differ from the solution', () => {
    expect(mutants.length).toBeGreaterThanOrEqual(9);
    expect(mutantLayoutProblems(labDir)).toEqual([]);
  });

  it('the reference solution passes every hidden test', async () => {
    const report = await runner.run(labSolutionFiles(labDir));
    expect(report.tests.length, 'hidden tests').toBeGreaterThan(0);
    expect(failingTests(report)).toEqual([]);
  });

  it.each(mutants)('mutant %s fails at least one hidden test', async (name) => {
    const report = await runner.run(withMutant(labDir, name));
    expect(report.compileError + report.loadError, `${name} must compile and load: it is caught by a test, not by a crash`).toBe('');
    const caught = caughtBy(report);
    expect(caught.length, `${describeMutant(labDir, name)}\ncaught by ${caught.length} of ${report.tests.length} hidden tests:\n  ${caught.join('\n  ') || '(none)'}`).toBeGreaterThan(0);
  });
});
