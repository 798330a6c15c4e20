/**
 * Reads a folder of submissions: one entry per student, named by student id.
 *
 *   submissions/
 *     alice/            a folder holding the lab's editable paths (src/adder.ts …)
 *     bob.tar.gz        an archive written by `lab submit` (files + virtlab-submission.json)
 *     carol.zip         the same as a zip
 *
 * Only the lab's editable files are taken, and only as UTF-8 text within the size limit; anything
 * else is ignored and noted (other files, symbolic links, unsafe archive entries). An editable
 * file that is missing is graded as the stub, and noted. A corrupt archive makes the submission
 * `unreadable` (nothing graded, the reason noted). Nothing here writes anywhere or follows a link.
 *
 * An archive whose files all sit in one top-level folder (a student zipped their folder) is read
 * as if that folder were the root. A `virtlab-submission.json` manifest, when present, is checked:
 * another lab's id or a file whose hash differs is noted.
 */

import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LabManifest } from '@virtlab/core';
import { ArchiveError } from './archive/errors.ts';
import { DEFAULT_ARCHIVE_LIMITS } from './archive/params.ts';
import { archiveFormat, readArchive } from './archive/read-archive.ts';
import type { Submission } from './grade-types.ts';

/** Name of the manifest `lab submit` puts in its archives. */
export const SUBMISSION_MANIFEST = 'virtlab-submission.json';

/** What `lab submit` writes into virtlab-submission.json. */
export interface SubmissionManifest {
  /** Lab id. */
  lab: string;
  /** Lab version. */
  version: string;
  /** Editable path → sha256 (hex) of its bytes. */
  files: Record<string, string>;
}

/** The result of reading a submissions folder. */
export interface Collected {
  /** One per student, sorted by student id. */
  submissions: Submission[];
  /** Entries of the folder that are not submissions, one line each. */
  ignored: string[];
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function sha256(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The hash that identifies a submission's content for one lab. */
export function submissionHash(labId: string, files: ReadonlyMap<string, string>): string {
  const h = createHash('sha256').update(`${labId}\n`);
  for (const path of [...files.keys()].sort()) h.update(`${path}\n${sha256(files.get(path)!)}\n`);
  return h.digest('hex');
}

/** Takes the editable files out of a path → bytes map, noting everything else. */
export function pickEditable(
  manifest: LabManifest,
  found: ReadonlyMap<string, Uint8Array>,
  maxFileBytes: number,
  notes: string[],
  tooLarge: ReadonlySet<string> = new Set(),
): Map<string, string> {
  const files = new Map<string, string>();
  for (const path of manifest.editable) {
    const bytes = found.get(path);
    if (tooLarge.has(path)) {
      notes.push(`ignored: ${path} is over the size limit of ${maxFileBytes} bytes (graded as the stub)`);
      continue;
    }
    if (bytes === undefined) {
      notes.push(`missing: ${path} (graded as the stub)`);
      continue;
    }
    if (bytes.length > maxFileBytes) {
      notes.push(`ignored: ${path} is ${bytes.length} bytes, over the limit of ${maxFileBytes} (graded as the stub)`);
      continue;
    }
    try {
      files.set(path, utf8.decode(bytes));
    } catch {
      notes.push(`ignored: ${path} is not UTF-8 text (graded as the stub)`);
    }
  }
  for (const path of [...found.keys()].sort()) {
    if (!manifest.editable.includes(path) && path !== SUBMISSION_MANIFEST) notes.push(`ignored: ${path} (not an editable file of this lab)`);
  }
  for (const path of [...tooLarge].sort()) if (!manifest.editable.includes(path)) notes.push(`ignored: ${path} (over the size limit, and not an editable file)`);
  return files;
}

/** Reads a student's folder, without following links, into path → bytes. */
function readFolder(root: string, maxFileBytes: number, notes: string[], tooLarge: Set<string>): Map<string, Uint8Array> {
  const found = new Map<string, Uint8Array>();
  let budget = 1000;
  const walk = (dir: string, prefix: string) => {
    for (const name of readdirSync(dir).sort()) {
      if (--budget < 0) {
        if (budget === -1) notes.push('ignored: more than 1000 entries in the folder; the rest were not read');
        return;
      }
      const path = prefix === '' ? name : `${prefix}/${name}`;
      if (name === 'node_modules' || name === '.git') {
        notes.push(`ignored: ${path}/ (not part of a submission)`);
        continue;
      }
      const full = join(dir, name);
      const st = lstatSync(full);
      if (st.isSymbolicLink()) notes.push(`ignored: ${path} is a symbolic link`);
      else if (st.isDirectory()) walk(full, path);
      else if (!st.isFile()) notes.push(`ignored: ${path} is not a regular file`);
      else if (st.size > maxFileBytes) tooLarge.add(path); // never read: noted by pickEditable
      else found.set(path, readFileSync(full));
    }
  };
  walk(root, '');
  return found;
}

/** Strips one top-level folder shared by every entry, when the editable paths are found under it. */
function unwrap(manifest: LabManifest, found: Map<string, Uint8Array>): Map<string, Uint8Array> {
  if (manifest.editable.some((p) => found.has(p))) return found;
  const tops = new Set([...found.keys()].map((p) => p.split('/')[0]));
  if (tops.size !== 1) return found;
  const top = `${[...tops][0]}/`;
  if (![...found.keys()].every((p) => p.startsWith(top))) return found;
  return new Map([...found].map(([p, b]) => [p.slice(top.length), b]));
}

function checkManifest(manifest: LabManifest, found: ReadonlyMap<string, Uint8Array>, notes: string[]): void {
  const raw = found.get(SUBMISSION_MANIFEST);
  if (raw === undefined) return;
  let m: Partial<SubmissionManifest>;
  try {
    m = JSON.parse(utf8.decode(raw)) as Partial<SubmissionManifest>;
  } catch {
    notes.push(`note: ${SUBMISSION_MANIFEST} is not valid JSON; it was not checked`);
    return;
  }
  if (m.lab !== manifest.id) notes.push(`note: this submission was made for lab "${String(m.lab)}", not "${manifest.id}"`);
  for (const [path, hash] of Object.entries(m.files ?? {})) {
    const bytes = found.get(path);
    if (bytes !== undefined && sha256(bytes) !== hash) notes.push(`note: ${path} differs from the hash recorded by lab submit (changed after submitting?)`);
  }
}

/** Reads every submission in `dir` for the lab (see the header). Throws only when `dir` cannot be read. */
export function collectSubmissions(dir: string, manifest: LabManifest): Collected {
  const maxFileBytes = manifest.limits.maxFileBytes;
  const submissions: Submission[] = [];
  const ignored: string[] = [];
  const names = readdirSync(dir, { encoding: 'buffer' });
  const entries: { name: string; raw: Buffer }[] = [];
  for (const raw of names) {
    let name: string;
    try {
      name = utf8.decode(raw);
    } catch {
      ignored.push(`${[...raw].map((b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : `\\x${b.toString(16).padStart(2, '0')}`)).join('')}: the name is not valid UTF-8; rename it to the student id`);
      continue;
    }
    entries.push({ name, raw });
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const { name } of entries) {
    if (name.startsWith('.')) continue;
    const full = join(dir, name);
    const st = lstatSync(full);
    const notes: string[] = [];
    if (st.isSymbolicLink()) {
      ignored.push(`${name}: a symbolic link, not a submission`);
      continue;
    }
    if (st.isDirectory()) {
      const tooLarge = new Set<string>();
      const found = readFolder(full, maxFileBytes, notes, tooLarge);
      if (found.size === 0 && tooLarge.size === 0) notes.push('note: the folder is empty');
      const files = pickEditable(manifest, found, maxFileBytes, notes, tooLarge);
      submissions.push({ student: name, source: `${name}/`, files, notes, hash: submissionHash(manifest.id, files) });
      continue;
    }
    const format = st.isFile() ? archiveFormat(name) : undefined;
    if (format === undefined) {
      ignored.push(`${name}: not a folder, .zip or .tar.gz`);
      continue;
    }
    const student = name.replace(/\.(zip|tar\.gz|tgz)$/i, '');
    try {
      const contents = readArchive(readFileSync(full), name, { ...DEFAULT_ARCHIVE_LIMITS, maxFileBytes });
      for (const s of contents.skipped) notes.push(`ignored: ${s.name} (${s.reason})`);
      const found = unwrap(manifest, contents.files);
      checkManifest(manifest, found, notes);
      const files = pickEditable(manifest, found, maxFileBytes, notes);
      submissions.push({ student, source: name, files, notes, hash: submissionHash(manifest.id, files) });
    } catch (error) {
      if (!(error instanceof ArchiveError)) throw error;
      submissions.push({ student, source: name, files: new Map(), notes: [error.message], hash: sha256(readFileSync(full)), unreadable: error.message });
    }
  }
  const seen = new Map<string, string>();
  for (const s of submissions) {
    const other = seen.get(s.student);
    if (other !== undefined) {
      s.unreadable = `two submissions for student "${s.student}" (${other} and ${s.source}); keep one`;
      s.notes.push(s.unreadable);
    }
    seen.set(s.student, s.source);
  }
  return { submissions, ignored };
}
