// Every mutant (the reference solution with one typical mistake, in mutants/<name>/src/) must fail
// at least one hidden test, and the reference solution must pass them all: the hidden tests can tell.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRunner, describeMutant, labMutantFiles, labMutants, labSolutionFiles, loadLab, type Runner, withMutant } from '@virtlab/grader';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const labDir = fileURLToPath(new URL('..', import.meta.url));
const lab = loadLab(labDir);
const mutants = labMutants(labDir);

let runner: Runner;

beforeAll(async () => {
  runner = await createRunner(lab, { kinds: 'hidden' });
});

afterAll(async () => {
  await runner?.close();
});

describe('the hidden tests against the mutants', () => {
  it('there are mutants, each replacing editable files with files that differ from the solution', () => {
    expect(mutants.length).toBeGreaterThanOrEqual(15);
    const solution = labSolutionFiles(labDir);
    for (const name of mutants) {
      const files = labMutantFiles(labDir, name);
      expect(files.size, `${name} replaces no file`).toBeGreaterThan(0);
      for (const [path, text] of files) {
        expect(lab.manifest.editable, `${name}: ${path} is not an editable file`).toContain(path);
        expect(existsSync(join(labDir, 'solution', path)), `${name}: no solution/${path}`).toBe(true);
        expect(text === solution.get(path), `${name}: ${path} is the same as the solution`).toBe(false);
      }
    }
  });

  it('the reference solution passes every hidden test', async () => {
    const report = await runner.run(labSolutionFiles(labDir));
    const failing = report.tests.filter((t) => t.status !== 'passed').map((t) => `${t.file} > ${t.name}: ${t.status}: ${t.message.split('\n')[0]}`);
    expect(report.tests.length, 'hidden tests').toBeGreaterThan(0);
    expect(failing).toEqual([]);
  });

  it.each(mutants)('mutant %s fails at least one hidden test', async (name) => {
    const report = await runner.run(withMutant(labDir, name));
    expect(report.compileError + report.loadError, `${name} must compile and load: it is caught by a test, not by a crash`).toBe('');
    const caughtBy = report.tests.filter((t) => t.status !== 'passed').map((t) => `${t.file.replace(/^tests\/hidden\//, '')} > ${t.name.replace(/^[^>]*> /, '')}`);
    expect(caughtBy.length, `${describeMutant(labDir, name)}\ncaught by ${caughtBy.length} of ${report.tests.length} hidden tests:\n  ${caughtBy.join('\n  ') || '(none)'}`).toBeGreaterThan(0);
  });
});
