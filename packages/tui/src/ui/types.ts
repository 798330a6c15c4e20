/**
 * The types the TUI's screens share: the labs it shows, the watcher it is given, and what it
 * holds while tests run and scenarios load. The student's progress is progress.ts's `Progress`.
 * Types only.
 */

import type { LabManifest, LabSimulation } from '@virtlab/core';
import type { RunReport } from '@virtlab/grader';
import type { WatchMode } from '../watch.ts';

export type { LabProgress, Progress } from '../progress.ts';
export type { WatchMode } from '../watch.ts';

/** A lab the TUI shows. */
export interface UiLab {
  /** The lab's folder (passed back to readDoc, runTests, openScenario and watch). */
  dir: string;
  /** Its parsed lab.json. */
  manifest: LabManifest;
}

/** A running file watcher (watch.ts's `Watcher` is one). */
export interface UiWatcher {
  /** `events` when the OS reports changes, `polling` when the watcher has to look itself. */
  readonly mode: WatchMode;
  /** The mode once the watcher knows it, when it starts by probing. */
  readonly ready?: Promise<WatchMode>;
  /** Stops watching. */
  close(): void;
}

/** A step's public tests: running, done, or unable to run. */
export type TestRun =
  | { state: 'running'; previous?: RunReport }
  | { state: 'done'; report: RunReport }
  | { state: 'crashed'; error: string };

/** A scenario being opened. */
export type SimulationLoad = { state: 'loading' } | { state: 'ready'; sim: LabSimulation } | { state: 'failed'; error: string };
