/**
 * Application state: the latest public-test run of each step, keyed "lab/step". A run asked for
 * while the same step's tests are running is not started twice: it runs once more when the
 * current one ends (watch mode saves a file several times in a row).
 */

import type { RunReport } from '@virtlab/grader';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { TestRun, UiLab } from './types.ts';

/** The key of a step's run. */
export const runKey = (lab: string, step: string): string => `${lab}/${step}`;

/** Test runs and a way to start one. */
export interface TestRuns {
  /** The latest run of each step, by `runKey`. */
  runs: Readonly<Record<string, TestRun>>;
  /** Runs a step's public tests. */
  run(lab: UiLab, step: string): void;
}

/**
 * Holds the runs; `runTests` runs one step's public tests, `onReport` hears each finished run
 * (to update progress).
 */
export function useTestRuns(
  runTests: (labDir: string, stepId: string) => Promise<RunReport>,
  onReport: (lab: UiLab, step: string, report: RunReport) => void,
): TestRuns {
  const [runs, setRuns] = useState<Record<string, TestRun>>({});
  const running = useRef(new Set<string>());
  const again = useRef(new Set<string>());
  const latest = useRef({ runTests, onReport });
  useEffect(() => {
    latest.current = { runTests, onReport };
  });

  const run = useCallback((lab: UiLab, step: string) => {
    const key = runKey(lab.manifest.id, step);
    if (running.current.has(key)) {
      again.current.add(key);
      return;
    }
    running.current.add(key);
    setRuns((r) => {
      const before = r[key];
      const previous = before?.state === 'done' ? before.report : before?.state === 'running' ? before.previous : undefined;
      return { ...r, [key]: { state: 'running', previous } };
    });
    const finish = (result: TestRun) => {
      setRuns((r) => ({ ...r, [key]: result }));
      running.current.delete(key);
      if (again.current.delete(key)) run(lab, step);
    };
    let started: Promise<RunReport>;
    try {
      started = latest.current.runTests(lab.dir, step);
    } catch (error) {
      started = Promise.reject(error);
    }
    started.then(
      (report) => {
        finish({ state: 'done', report });
        latest.current.onReport(lab, step, report);
      },
      (error: unknown) => finish({ state: 'crashed', error: error instanceof Error ? error.message : String(error) }),
    );
  }, []);

  return { runs, run };
}
