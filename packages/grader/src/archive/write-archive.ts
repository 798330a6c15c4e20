/**
 * Writing a submission archive, deterministically: the same files always give the same bytes, on
 * any machine and at any time, so an archive's hash identifies its contents.
 *
 * Interface: `writeTarGz(files)` and `writeZip(files)`, where `files` is any iterable of
 * `[path, contents]` (an ArchiveContents' `files` map works), give the archive's bytes.
 *
 *   files ──sort by path──> encodeTar ──gzip level 9, OS byte pinned──> .tar.gz
 *         ──sort by path──> encodeZip ───────────────────────────────> .zip
 *
 * Invariants: entries are in path order (UTF-16 code unit order, never the locale's); every
 * timestamp is fixed (tar mtime 0, zip 1980-01-01 00:00, gzip header mtime 0), every mode 0644,
 * uid and gid 0, no user names. A path must be safe and normalized (see entry-path.ts) and appear
 * once, else ArchiveError: the writers never make an archive the readers would skip entries of.
 */

import { gzipSync } from 'node:zlib';
import { encodeTar } from './tar.ts';
import { encodeZip } from './zip.ts';

/** Byte 9 of a gzip header names the OS that wrote it; zlib fills in its own, so it is pinned to Unix (3). */
const GZIP_OS_BYTE = 9;
const GZIP_OS_UNIX = 3;

/** A deterministic .tar.gz of the files; throws ArchiveError for a bad or repeated path. */
export function writeTarGz(files: Iterable<readonly [string, Uint8Array]>, archive = 'new .tar.gz archive'): Uint8Array {
  const gz = gzipSync(encodeTar(sortedByPath(files), archive), { level: 9 });
  gz[GZIP_OS_BYTE] = GZIP_OS_UNIX;
  return new Uint8Array(gz.buffer, gz.byteOffset, gz.length);
}

/** A deterministic .zip of the files; throws ArchiveError for a bad or repeated path. */
export function writeZip(files: Iterable<readonly [string, Uint8Array]>, archive = 'new .zip archive'): Uint8Array {
  return encodeZip(sortedByPath(files), archive);
}

function sortedByPath(files: Iterable<readonly [string, Uint8Array]>): (readonly [string, Uint8Array])[] {
  return [...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
