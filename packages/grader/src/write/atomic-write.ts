/**
 * Writing a file so that a crash never leaves half of it: every output of `grade` (results,
 * feedback, grades.csv, summary.json) goes through here, which is what makes a killed run safe to
 * `--resume`.
 *
 *   dir/.name.<pid>.<counter>.tmp   1. create (exclusive), write every byte, fsync
 *   dir/name                        2. rename the temp file over it (atomic on one file system)
 *   dir                             3. fsync the folder, so the rename itself survives a power cut
 *
 * Interface: `writeFileAtomic(path, text)`; synchronous, creates missing parent folders.
 *
 * Invariants: at every instant `path` holds either its old content or the new one, whole; a
 * failed write removes its temp file and rethrows. The temp file sits in the target's folder
 * because a rename is atomic only within one file system; pid and counter keep two writers (two
 * processes, or two writes in one) from sharing a temp file.
 */

import { Buffer } from 'node:buffer';
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

let counter = 0;

/** Writes `text` (UTF-8) to `path` through a temp file and a rename, so readers see the old file or the new one, never a mix. */
export function writeFileAtomic(path: string, text: string): void {
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true });
  counter += 1;
  const temp = join(dir, `.${basename(path)}.${process.pid}.${counter}.tmp`);
  try {
    const fd = openSync(temp, 'wx');
    try {
      const bytes = Buffer.from(text, 'utf8');
      let done = 0;
      while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  syncFolder(dir);
}

/** Flushes a folder's entries (the rename) to disk; some systems (Windows) cannot, and lose only durability. */
function syncFolder(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Not supported here: the rename is still atomic, just not yet durable.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
