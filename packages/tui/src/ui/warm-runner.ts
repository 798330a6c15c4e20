/**
 * Runs a step's public tests for the TUI on the student's files as they are on disk, in the
 * grader's runner and sandbox (so the TUI shows what `lab test` shows). One runner is kept warm
 * for the step last tested, so re-runs in watch mode skip compiling the tests and starting the
 * sandbox; testing another step closes it and starts that step's. Runs go one at a time.
 *
 * Interface: `const r = createWarmRunner()`; `await r.run(labDir, stepId)` → RunReport; `await r.close()`.
 */

import type { RunReport, Runner } from '@virtlab/grader';

/** A runner of one step's public tests at a time. */
export interface WarmRunner {
  /** Runs the public tests of `stepId` on the lab's editable files as they are now. */
  run(labDir: string, stepId: string): Promise<RunReport>;
  /** Waits for the run in progress and stops the sandbox. */
  close(): Promise<void>;
}

/** A warm runner (the grader is loaded on the first run, so the TUI starts fast). */
export function createWarmRunner(): WarmRunner {
  let current: { key: string; runner: Promise<Runner> } | undefined;
  let queue: Promise<unknown> = Promise.resolve();
  const closeCurrent = async () => {
    const old = current;
    current = undefined;
    if (old !== undefined) await old.runner.then((r) => r.close(), () => {});
  };

  const run = (labDir: string, stepId: string): Promise<RunReport> => {
    const job = queue.then(async () => {
      const { createRunner, loadLab } = await import('@virtlab/grader');
      const { readEditable } = await import('../lab-test.ts');
      const key = `${labDir}\u0000${stepId}`;
      if (current?.key !== key) {
        await closeCurrent();
        current = { key, runner: createRunner(loadLab(labDir), { kinds: 'public', steps: [stepId] }) };
      }
      let runner: Runner;
      try {
        runner = await current.runner;
      } catch (error) {
        current = undefined; // try afresh next time (the lab's tests may have been fixed)
        throw error;
      }
      return runner.run(readEditable(labDir, runner.lab.manifest.editable));
    });
    queue = job.catch(() => {});
    return job;
  };

  const close = async () => {
    await queue;
    await closeCurrent();
  };
  return { run, close };
}
