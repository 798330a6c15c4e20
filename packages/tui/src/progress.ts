/**
 * The student's progress: which steps' public tests passed, how many hints of each step were
 * revealed, how their predictions went. Kept in the student's checkout, git-ignored:
 *
 *   <repoRoot>/.virtlab/progress.json
 *     { "version": 1,
 *       "labs": { "director": { "passed": ["context"], "hints": { "peripherals": 2 },
 *                               "predictions": { "right": 3, "wrong": 1 },
 *                               "lastRun": { "passed": 4, "failed": 2 } } } }
 *
 * Interface: `loadProgress(root)` → change it with `revealHint`, `markTests`, `recordPrediction`
 * → `saveProgress(root, progress)`. The progress is plain data (it survives JSON.stringify).
 *
 * Invariants: a missing file is empty progress; a file that is not JSON or not of this shape is
 * never deleted, only renamed to `progress.json.corrupt-<n>` (the first free n) and reported in
 * one line; a save goes through a temp file and a rename, so the file is always the old progress
 * or the new one, whole.
 */

import { Buffer } from 'node:buffer';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { commandMessages } from './command-messages.ts';

/** One lab's progress. */
export interface LabProgress {
  /** Ids of the steps whose public tests passed on the last run of that step. */
  passed: string[];
  /** Step id → number of hint levels revealed (1 = the first hint). */
  hints: Record<string, number>;
  /** Answers to "what happens next?" in the simulator. */
  predictions: { right: number; wrong: number };
  /** Public tests passed and failed on the last `lab test`. */
  lastRun?: { passed: number; failed: number };
}

/** The whole progress file. */
export interface Progress {
  /** Format version of the file. */
  version: 1;
  /** Lab id → its progress. */
  labs: Record<string, LabProgress>;
}

/** The result of `loadProgress`. */
export interface LoadedProgress {
  /** The progress read (empty when the file is missing or was set aside). */
  progress: Progress;
  /** When the file was corrupt: one line saying where it went, in both languages. */
  warning?: { en: string; zh: string };
}

/** The folder holding `packages/labs/`, seen from a lab folder `<root>/packages/labs/<id>`. */
export function repoRootOf(labDir: string): string {
  return resolve(labDir, '..', '..', '..');
}

/** Where the progress file lives. */
export function progressPath(root: string): string {
  return join(root, '.virtlab', 'progress.json');
}

/** Progress with no lab started. */
export function emptyProgress(): Progress {
  return { version: 1, labs: {} };
}

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function isLabProgress(v: unknown): v is LabProgress {
  if (!isObject(v)) return false;
  const { passed, hints, predictions, lastRun } = v;
  if (!Array.isArray(passed) || !passed.every((s) => typeof s === 'string')) return false;
  if (!isObject(hints) || !Object.values(hints).every(isCount)) return false;
  if (!isObject(predictions) || !isCount(predictions.right) || !isCount(predictions.wrong)) return false;
  return lastRun === undefined || (isObject(lastRun) && isCount(lastRun.passed) && isCount(lastRun.failed));
}

function isProgress(v: unknown): v is Progress {
  return isObject(v) && v.version === 1 && isObject(v.labs) && Object.values(v.labs).every(isLabProgress);
}

/** Reads the progress file; a corrupt one is renamed aside (never deleted) and reported. */
export function loadProgress(root: string): LoadedProgress {
  const file = progressPath(root);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { progress: emptyProgress() };
    throw error;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  if (isProgress(parsed)) return { progress: parsed };
  let n = 1;
  while (existsSync(`${file}.corrupt-${n}`)) n++;
  const keptAs = `${file}.corrupt-${n}`;
  renameSync(file, keptAs);
  const shown = (p: string) => relative(root, p).split('\\').join('/');
  return {
    progress: emptyProgress(),
    warning: {
      en: commandMessages('en').progressCorrupt(shown(file), shown(keptAs)),
      zh: commandMessages('zh').progressCorrupt(shown(file), shown(keptAs)),
    },
  };
}

/** Writes the progress file atomically (see writeFileAtomic). */
export function saveProgress(root: string, progress: Progress): void {
  writeFileAtomic(progressPath(root), `${JSON.stringify(progress, null, 2)}\n`);
}

let counter = 0;

/**
 * Writes `data` to `path` through a temp file in the same folder and a rename, so a reader sees
 * the old file or the new one, never a mix; creates the folder; a failed write removes its temp file.
 */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true });
  counter += 1;
  const temp = join(dir, `.${basename(path)}.${process.pid}.${counter}.tmp`);
  try {
    const fd = openSync(temp, 'wx');
    try {
      const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
      let done = 0;
      while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

/** The lab's entry, created empty when the lab has none yet. */
export function labProgress(progress: Progress, lab: string): LabProgress {
  let entry = progress.labs[lab];
  if (entry === undefined) {
    entry = { passed: [], hints: {}, predictions: { right: 0, wrong: 0 } };
    progress.labs[lab] = entry;
  }
  return entry;
}

/** Reveals one more hint level of the step (never past `max`); returns how many are now revealed. */
export function revealHint(progress: Progress, lab: string, step: string, max = Number.POSITIVE_INFINITY): number {
  const entry = labProgress(progress, lab);
  const shown = Math.min((entry.hints[step] ?? 0) + 1, max);
  entry.hints[step] = shown;
  return shown;
}

/** Records a run of the step's public tests: the step counts as passed only while its last run passed. */
export function markTests(progress: Progress, lab: string, step: string, passed: boolean, counts: { passed: number; failed: number }): void {
  const entry = labProgress(progress, lab);
  const had = entry.passed.includes(step);
  if (passed && !had) entry.passed.push(step);
  if (!passed && had) entry.passed = entry.passed.filter((s) => s !== step);
  entry.lastRun = { passed: counts.passed, failed: counts.failed };
}

/** Counts one answer to a "what happens next?" question. */
export function recordPrediction(progress: Progress, lab: string, right: boolean): void {
  const { predictions } = labProgress(progress, lab);
  if (right) predictions.right += 1;
  else predictions.wrong += 1;
}
