// `pnpm grade cgroups <folder>` on two students: the reference solution and the untouched stubs.
import { fileURLToPath } from 'node:url';
import { gradeSolutionAndStubs } from '@virtlab/grader';
import { expect, it } from 'vitest';

const labDir = fileURLToPath(new URL('..', import.meta.url));

it('grades the solution with full marks and the stubs with zero hidden marks', async () => {
  const { exitCode, csv } = await gradeSolutionAndStubs(labDir);
  expect(exitCode).toBe(0);
  expect(csv).toBe(
    'student,total,max,hierarchy,cpu-weight,cpu-max,memory,pids,namespaces\nsolution,100,100,15,20,20,20,10,15\nstub,0,100,0,0,0,0,0,0\n',
  );
});
