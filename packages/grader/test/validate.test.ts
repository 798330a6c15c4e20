// lab validate on the fixture lab, and on copies broken one way each.
import { cpSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatValidation, validateLab } from '../src/validate.ts';
import { ADDER, SOLUTION, tempDir } from './helpers.ts';

function copy(): string {
  const dir = join(tempDir(), 'adder');
  cpSync(ADDER, dir, { recursive: true });
  return dir;
}

describe('validateLab', () => {
  it('passes the fixture lab with every check', async () => {
    const report = await validateLab(ADDER);
    expect(report.ok).toBe(true);
    expect(formatValidation(report)).toEqual([
      'adder: valid',
      '  ✓ files: every file lab.json names exists, and every test file is named in lab.json',
      "  ✓ docs: every step's page exists in English and Chinese (2 steps)",
      "  ✓ points: the steps' points add up to 10 of the lab's 10",
      '  ✓ solution: the solution passes all 9 public and hidden tests (10 of 10 points)',
      '  ✓ stub: the stubs fail all 7 hidden tests (0 points)',
      '  ✓ stable: each suite gave identical results 3 times',
    ]);
  });

  it('fails a lab whose stub passes a hidden test, naming the test', async () => {
    const dir = copy();
    writeFileSync(join(dir, 'src', 'adder.ts'), SOLUTION.replace('m.cpu.regs[2] = b;', 'm.cpu.regs[2] = a;'));
    const report = await validateLab(dir);
    expect(report.ok).toBe(false);
    const stub = report.checks.find((c) => c.name === 'stub')!;
    expect(stub.summary).toBe('the stubs pass 3 of 7 hidden tests: each hidden test must be able to fail');
    expect(stub.problems).toEqual([
      'passes on the stub: tests/hidden/add.test.ts > add (hidden) > adds negative numbers',
      'passes on the stub: tests/hidden/add.test.ts > add (hidden) > add(1, 1) = 2',
      'passes on the stub: tests/hidden/add.test.ts > add (hidden) > add(100, -1) = 99',
    ]);
  });

  it('fails a lab with a missing Chinese page, a missing solution and an unlisted test file', async () => {
    const dir = copy();
    rmSync(join(dir, 'docs', 'zh', '02-machine.md'));
    rmSync(join(dir, 'solution', 'src', 'adder.ts'));
    writeFileSync(join(dir, 'tests', 'hidden', 'extra.test.ts'), "import { it } from 'vitest';\nit('x', () => {});\n");
    const report = await validateLab(dir);
    const byName = Object.fromEntries(report.checks.map((c) => [c.name, c]));
    expect(byName.files!.problems).toEqual([
      'missing: solution/src/adder.ts (named in lab.json)',
      'missing: docs/zh/02-machine.md (named in lab.json)',
      'not named in lab.json: tests/hidden/extra.test.ts (add it to a step\'s public or hidden list, or delete it)',
    ]);
    expect(byName.docs!.problems).toEqual(['missing: docs/zh/02-machine.md (step machine, Chinese)']);
    expect(byName.solution!.ok).toBe(false);
  });

  it('reports a broken lab.json as one failed check', async () => {
    const dir = copy();
    writeFileSync(join(dir, 'lab.json'), '{ "id": "adder", ');
    const report = await validateLab(dir);
    expect(report.ok).toBe(false);
    expect(report.checks).toHaveLength(1);
    expect(report.checks[0]!.summary).toMatch(/^adder\/lab\.json:1:/);
  });
});
