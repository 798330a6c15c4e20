/**
 * Reading and changing the student's progress from the TUI. Progress is App's caller's state
 * (lifted up): the TUI never mutates the object it was given; a change is progress.ts's own
 * helper (`revealHint`, `markTests`, `recordPrediction`) applied to a copy, and the copy is
 * handed to `onProgress`.
 *
 * Interface: `labProgressOf(progress, lab)`, `labScore(manifest, labProgress)`, `changed(progress, change)`.
 */

import type { LabManifest } from '@virtlab/core';
import type { LabProgress, Progress } from '../progress.ts';

const EMPTY: LabProgress = { passed: [], hints: {}, predictions: { right: 0, wrong: 0 } };

/** A lab's progress, read only (an empty one when the student has not started the lab). */
export function labProgressOf(progress: Progress, lab: string): Readonly<LabProgress> {
  return progress.labs[lab] ?? EMPTY;
}

/** Steps passed and the points they carry, of the lab's steps and points. */
export function labScore(manifest: LabManifest, lab: Readonly<LabProgress>): { done: number; steps: number; points: number; total: number } {
  const passed = manifest.steps.filter((s) => lab.passed.includes(s.id));
  return { done: passed.length, steps: manifest.steps.length, points: passed.reduce((sum, s) => sum + s.points, 0), total: manifest.points };
}

/** A copy of `progress` with `change` (one of progress.ts's mutating helpers) applied to it. */
export function changed(progress: Progress, change: (copy: Progress) => void): Progress {
  const copy = structuredClone(progress);
  change(copy);
  return copy;
}
