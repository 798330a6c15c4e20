// Every mutant (the reference solution with one typical mistake, in mutants/<name>/src/) must fail
// at least one hidden test, and the reference solution must pass them all: the hidden tests can tell.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRunner, loadLab, type Runner } from '@virtlab/grader';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const labDir = fileURLToPath(new URL('..', import.meta.url));
const lab = loadLab(labDir);
const mutantsDir = join(labDir, 'mutants');

/** The reference solution's editable files, by their path in the lab (src/…). */
function solutionFiles(): Map<string, string> {
  return new Map(lab.manifest.editable.map((path) => [path, readFileSync(join(labDir, 'solution', path), 'utf8')]));
}

/** mutants/<name>/src/<file>.ts, as editable paths → text. */
function mutantFiles(name: string): Map<string, string> {
  const dir = join(mutantsDir, name, 'src');
  return new Map(readdirSync(dir).map((file) => [`src/${file}`, readFileSync(join(dir, file), 'utf8')]));
}

const mutants = readdirSync(mutantsDir, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();

let runner: Runner;

beforeAll(async () => {
  runner = await createRunner(lab, { kinds: 'hidden' });
});

afterAll(async () => {
  await runner?.close();
});

describe('the hidden tests against the mutants', () => {
  it('there are mutants, each replacing editable files with files that differ from the solution', () => {
    expect(mutants.length).toBeGreaterThanOrEqual(9);
    const solution = solutionFiles();
    for (const name of mutants) {
      const files = mutantFiles(name);
      expect(files.size, `${name} replaces no file`).toBeGreaterThan(0);
      for (const [path, text] of files) {
        expect(lab.manifest.editable, `${name}: ${path} is not an editable file`).toContain(path);
        expect(existsSync(join(labDir, 'solution', path)), `${name}: no solution/${path}`).toBe(true);
        expect(text === solution.get(path), `${name}: ${path} is the same as the solution`).toBe(false);
      }
    }
  });

  it('the reference solution passes every hidden test', async () => {
    const report = await runner.run(solutionFiles());
    const failing = report.tests.filter((t) => t.status !== 'passed').map((t) => `${t.file} > ${t.name}: ${t.status}: ${t.message.split('\n')[0]}`);
    expect(report.tests.length, 'hidden tests').toBeGreaterThan(0);
    expect(failing).toEqual([]);
  });

  it.each(mutants)('mutant %s fails at least one hidden test', async (name) => {
    const files = solutionFiles();
    for (const [path, text] of mutantFiles(name)) files.set(path, text);
    const report = await runner.run(files);
    expect(report.compileError + report.loadError, `${name} must compile and load: it is caught by a test, not by a crash`).toBe('');
    const caughtBy = report.tests.filter((t) => t.status !== 'passed').map((t) => `${t.file.replace(/^tests\/hidden\//, '')} > ${t.name.replace(/^[^>]*> /, '')}`);
    const what = readFileSync(join(mutantsDir, name, 'src', readdirSync(join(mutantsDir, name, 'src'))[0]!), 'utf8').split('\n')[0];
    expect(caughtBy.length, `${what}\ncaught by ${caughtBy.length} of ${report.tests.length} hidden tests:\n  ${caughtBy.join('\n  ') || '(none)'}`).toBeGreaterThan(0);
  });
});
