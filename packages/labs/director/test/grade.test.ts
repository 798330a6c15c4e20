// `pnpm grade director <folder>` on two students: the reference solution and the untouched stubs.
import { fileURLToPath } from 'node:url';
import { gradeSolutionAndStubs } from '@virtlab/grader';
import { expect, it } from 'vitest';

const labDir = fileURLToPath(new URL('..', import.meta.url));

it('grades the solution with full marks and the stubs with zero hidden marks', async () => {
  const { exitCode, csv } = await gradeSolutionAndStubs(labDir);
  expect(exitCode).toBe(0);
  expect(csv).toBe(
    'student,total,max,context,peripherals,time-slice,space-sharing\nsolution,100,100,25,25,25,25\nstub,0,100,0,0,0,0\n',
  );
});
