/**
 * `lab submit <lab> [--out file]`: packs the lab's editable files, and a manifest of their
 * hashes, into the archive a student hands in and the grader reads (collect-submissions.ts).
 *
 *   <id>-submission.tar.gz        (or --out x.tar.gz | x.tgz | x.zip)
 *     src/context.ts …            every editable file, as it is on disk
 *     virtlab-submission.json     { "lab": id, "version": the lab's package.json version,
 *                                   "files": { path: sha256 hex of its bytes } }
 *
 * Nothing is written unless every editable file is there, not empty, UTF-8 text and within the
 * lab's size limit, since the grader would grade any other file as the stub. The archive is
 * written deterministically (the grader's writers) and atomically (temp file and rename).
 * A relative --out, and the default, are taken from the folder the student ran pnpm in
 * (INIT_CWD), not the package folder pnpm runs the script in. Exit codes: 0 written, 1 refused
 * or not written, 2 bad --out.
 */

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadLab, SUBMISSION_MANIFEST, type SubmissionManifest, writeTarGz, writeZip } from '@virtlab/grader';
import { commandMessages } from '../command-messages.ts';
import type { Lang } from '../lang.ts';
import type { CommandIo } from '../lab-test.ts';
import { writeFileAtomic } from '../progress.ts';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Writes the lab's submission archive (default `<id>-submission.tar.gz` in the student's folder); resolves to the exit code. */
export async function labSubmit(labDir: string, out: string | undefined, lang: Lang, io: CommandIo): Promise<number> {
  const t = commandMessages(lang);
  const { manifest, version } = loadLab(labDir);
  const target = resolve(process.env.INIT_CWD ?? process.cwd(), out ?? `${manifest.id}-submission.tar.gz`);
  const zip = /\.zip$/i.test(target);
  if (!zip && !/\.(tar\.gz|tgz)$/i.test(target)) {
    io.err(t.submitBadOut(out ?? target));
    return 2;
  }

  const files = new Map<string, Uint8Array>();
  for (const path of manifest.editable) {
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(join(labDir, path));
    } catch (error) {
      const e = error as NodeJS.ErrnoException;
      io.err(e.code === 'ENOENT' ? t.submitMissing(path, manifest.id) : t.submitUnreadable(path, e.code ?? e.message));
      return 1;
    }
    let text: string;
    try {
      text = utf8.decode(bytes);
    } catch {
      io.err(t.submitNotText(path));
      return 1;
    }
    if (text.trim() === '') {
      io.err(t.submitEmpty(path));
      return 1;
    }
    if (bytes.length > manifest.limits.maxFileBytes) {
      io.err(t.submitTooLarge(path, bytes.length, manifest.limits.maxFileBytes));
      return 1;
    }
    files.set(path, bytes);
  }

  const hashes: Record<string, string> = {};
  for (const [path, bytes] of files) hashes[path] = createHash('sha256').update(bytes).digest('hex');
  const record: SubmissionManifest = { lab: manifest.id, version, files: hashes };
  const entries = new Map(files).set(SUBMISSION_MANIFEST, new TextEncoder().encode(`${JSON.stringify(record, null, 2)}\n`));
  try {
    writeFileAtomic(target, zip ? writeZip(entries) : writeTarGz(entries));
  } catch (error) {
    io.err(t.submitWriteFailed(target, error instanceof Error ? error.message : String(error)));
    return 1;
  }

  io.out(t.submitWrote(target, manifest.id, version, files.size));
  for (const [path, bytes] of files) io.out(t.submitFile(path, bytes.length, hashes[path]!.slice(0, 12)));
  io.out(t.submitManifest(SUBMISSION_MANIFEST));
  io.out(t.submitNext);
  return 0;
}
