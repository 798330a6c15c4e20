/**
 * `lab start`: the terminal UI on the installed labs. Wires App to the real world: the labs from
 * find-labs, pages read from each lab's docs/, tests run by the grader's runner (warm-runner),
 * scenarios from the lab's simulator bundled with the student's files (commands/run.ts), files
 * watched by watch.ts, progress loaded and saved by progress.ts.
 *
 * Interface: `await startTui({ labsDir, lang })` → exit code (0 once the student quits).
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { render } from 'ink';
import { findLabs } from '../find-labs.ts';
import type { Lang } from '../lang.ts';
import { loadProgress, repoRootOf, saveProgress } from '../progress.ts';
import { watchFiles } from '../watch.ts';
import { AppWithProgress } from './AppWithProgress.tsx';
import { createWarmRunner } from './warm-runner.ts';

/** Options of `startTui`. */
export interface StartOptions {
  /** The folder holding the labs (default: this checkout's packages/labs/). */
  labsDir?: string;
  /** The language of the UI. */
  lang: Lang;
}

/** Runs the terminal UI until the student quits; resolves to the exit code. */
export async function startTui({ labsDir, lang }: StartOptions): Promise<number> {
  const { labs, broken } = findLabs(labsDir);
  for (const b of broken) process.stderr.write(`lab: ${b.dir}: ${b.message}\n`);
  const root = labs[0] === undefined ? process.cwd() : repoRootOf(labs[0].dir);
  const { progress, warning } = loadProgress(root);
  if (warning !== undefined) process.stderr.write(`${warning[lang]}\n`);
  const runner = createWarmRunner();

  let quit = () => {};
  const instance = render(
    <AppWithProgress
      labs={labs}
      lang={lang}
      progress={progress}
      save={(next) => {
        try {
          saveProgress(root, next);
        } catch {
          // The progress stays in memory; the next change tries to save again.
        }
      }}
      readDoc={(labDir, path) => readFileSync(join(labDir, path), 'utf8')}
      runTests={runner.run}
      openScenario={async (labDir, id) => {
        const { loadSimulator } = await import('../commands/run.ts');
        const loaded = await loadSimulator(labDir);
        if (!loaded.ok) throw new Error(loaded.error);
        return loaded.openScenario(id);
      }}
      watch={(labDir, paths, onChange) =>
        watchFiles(
          paths.map((p) => join(labDir, p)),
          onChange,
        )
      }
      exit={() => quit()}
    />,
    { exitOnCtrlC: true },
  );
  quit = () => instance.unmount();
  try {
    await instance.waitUntilExit();
  } finally {
    await runner.close();
  }
  return 0;
}
