/**
 * `lab reset <lab> [--step id] [--yes]`: puts the original stub back in the lab's editable files,
 * or in one step's files: those whose original holds a `TODO(<step-id>)`.
 *
 * The original is the file in the repository's last commit (`git show HEAD:<path>`, run in the
 * lab folder). Before overwriting a file, the command asks (y, yes or 是; anything else keeps
 * the file) and copies the student's version to `<root>/.virtlab/backups/<time>/<lab>/<path>`.
 * Without a way to ask (no terminal: `io.ask` absent) and without --yes it changes nothing.
 * A file equal to its original is skipped; a missing one is restored without asking.
 * Exit codes: 0 done (files kept at the student's word included), 1 no git or no original,
 * 2 no such step, or confirmation needed.
 */

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadLab } from '@virtlab/grader';
import { commandMessages } from '../command-messages.ts';
import type { Lang } from '../lang.ts';
import type { CommandIo } from '../lab-test.ts';
import { repoRootOf, writeFileAtomic } from '../progress.ts';

/** Output channels, plus a way to ask the student a question (present only on a terminal). */
export interface AskIo extends CommandIo {
  /** Prints the question and resolves to the student's answer. */
  ask?: (question: string) => Promise<string>;
}

/** Options of `labReset`. */
export interface ResetOptions {
  /** Overwrite without asking (--yes). */
  yes?: boolean;
  /** The folder holding packages/labs (default: three levels above the lab folder). */
  root?: string;
  /** The time that names the backup folder (default: now). */
  now?: Date;
}

/** Whether an answer means yes, in either language. */
export function isYes(answer: string): boolean {
  return /^(y|yes|是)$/i.test(answer.trim());
}

/** The original text of a lab file from the last commit, or why there is none ('no-git' when git is not installed). */
function original(labDir: string, path: string): { text: string } | { error: string } {
  const r = spawnSync('git', ['show', `HEAD:./${path}`], { cwd: labDir, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.error !== undefined) return { error: (r.error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no-git' : r.error.message };
  if (r.status !== 0) return { error: r.stderr.trim().split('\n')[0] ?? `exit ${r.status}` };
  return { text: r.stdout };
}

/** Restores the stub of the lab's editable files (or one step's), asking and backing up first; resolves to the exit code. */
export async function labReset(labDir: string, step: string | undefined, lang: Lang, io: AskIo, options: ResetOptions = {}): Promise<number> {
  const t = commandMessages(lang);
  const { manifest } = loadLab(labDir);
  if (step !== undefined && !manifest.steps.some((s) => s.id === step)) {
    io.err(t.resetUnknownStep(step, manifest.steps.map((s) => s.id)));
    return 2;
  }
  const originals = new Map<string, string>();
  for (const path of manifest.editable) {
    const got = original(labDir, path);
    if ('error' in got) {
      io.err(got.error === 'no-git' ? t.resetNoGit : t.resetNoOriginal(path, got.error));
      return 1;
    }
    if (step === undefined || got.text.includes(`TODO(${step})`)) originals.set(path, got.text);
  }
  if (originals.size === 0) {
    io.err(t.resetNoFiles(step ?? ''));
    return 1;
  }

  // Decide everything before writing anything, so a refusal changes nothing.
  const current = new Map<string, string | undefined>();
  for (const path of originals.keys()) {
    const file = join(labDir, path);
    current.set(path, existsSync(file) ? readFileSync(file, 'utf8') : undefined);
  }
  const same = (a: string, b: string) => a.replace(/\r\n/g, '\n') === b.replace(/\r\n/g, '\n');
  const toOverwrite = [...originals].filter(([path, text]) => current.get(path) !== undefined && !same(current.get(path)!, text)).map(([p]) => p);
  if (toOverwrite.length > 0 && options.yes !== true && io.ask === undefined) {
    io.err(t.resetNeedsYes(toOverwrite));
    return 2;
  }

  const root = options.root ?? repoRootOf(labDir);
  const backupDir = backupFolder(root, options.now ?? new Date());
  for (const [path, text] of originals) {
    const mine = current.get(path);
    if (mine === undefined) {
      writeFileAtomic(join(labDir, path), text);
      io.out(t.resetRestoredMissing(path));
      continue;
    }
    if (same(mine, text)) {
      io.out(t.resetSame(path));
      continue;
    }
    if (options.yes !== true && !isYes(await io.ask!(t.resetAsk(path, backupDir)))) {
      io.out(t.resetKept(path));
      continue;
    }
    const backup = `${backupDir}/${manifest.id}/${path}`;
    writeFileAtomic(join(root, backup), mine);
    writeFileAtomic(join(labDir, path), text);
    io.out(t.resetRestored(path, backup));
  }
  return 0;
}

/** `.virtlab/backups/<time>` (relative to root), the time in UTC and safe in a file name; `-2`, `-3`… when taken. */
function backupFolder(root: string, now: Date): string {
  const time = now.toISOString().slice(0, 19).replace(/:/g, '-');
  let name = `.virtlab/backups/${time}`;
  for (let n = 2; existsSync(join(root, name)); n++) name = `.virtlab/backups/${time}-${n}`;
  return name;
}
