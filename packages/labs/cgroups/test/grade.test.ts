// `pnpm grade cgroups <folder>` on two students: the reference solution and the untouched stubs.
import { cpSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gradeBatch, loadLab } from '@virtlab/grader';
import { expect, it } from 'vitest';

const labDir = fileURLToPath(new URL('..', import.meta.url));

it('grades the solution with full marks and the stubs with zero hidden marks', async () => {
  const lab = loadLab(labDir);
  const subs = mkdtempSync(join(tmpdir(), 'cgroups-subs-'));
  for (const [student, from] of [
    ['solution', join(labDir, 'solution')],
    ['stub', labDir],
  ] as const) {
    mkdirSync(join(subs, student, 'src'), { recursive: true });
    for (const path of lab.manifest.editable) cpSync(join(from, path), join(subs, student, path));
  }
  const out = mkdtempSync(join(tmpdir(), 'cgroups-out-'));
  const outcome = await gradeBatch({ lab, submissionsDir: subs, outDir: out, jobs: 2, resume: false, kinds: 'hidden', limits: {}, log: () => {} });
  expect(outcome.exitCode).toBe(0);
  expect(readFileSync(join(out, 'grades.csv'), 'utf8')).toBe(
    'student,total,max,hierarchy,cpu-weight,cpu-max,memory,pids,namespaces\nsolution,100,100,15,20,20,20,10,15\nstub,0,100,0,0,0,0,0,0\n',
  );
});
