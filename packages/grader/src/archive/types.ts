/**
 * The shared types of the archive module (types only, no code).
 *
 * A format reader (`tar.ts`, `zip.ts`) turns bytes into a sequence of `ArchiveEntry` values, as
 * stored and unchecked; `collect-entries.ts` applies the policy to them and builds the
 * `ArchiveContents` that callers see:
 *
 *   bytes ──tarEntries / zipEntries──> ArchiveEntry* ──collectEntries──> ArchiveContents
 *                                                                          files   (accepted)
 *                                                                          skipped (name + reason)
 */

/** How much a single archive may hold; over any limit, an entry is skipped or the archive refused. */
export interface ArchiveLimits {
  /** Largest accepted file, in bytes; a larger file is skipped (default 262144). */
  maxFileBytes: number;
  /** Largest sum of the sizes of all regular files, in bytes; over it the archive is refused (default 8 MiB). */
  maxTotalBytes: number;
  /** Most entries (files, folders, links…) an archive may have; over it the archive is refused (default 1000). */
  maxEntries: number;
}

/** What an archive yields: the files it is safe to use, and what was left out and why. */
export interface ArchiveContents {
  /** Accepted regular files in archive order, keyed by normalized POSIX relative path (`src/a.ts`). */
  files: Map<string, Uint8Array>;
  /** Entries ignored, in archive order, each with its raw name as printable text and a one-line reason. */
  skipped: SkippedEntry[];
}

/** One entry that was not extracted, and why. */
export interface SkippedEntry {
  /** The entry's name as stored, made printable (invalid UTF-8 bytes and control characters as `\xNN`). */
  name: string;
  /** Why it was skipped, one line, e.g. `is a symbolic link to '/etc/passwd'`. */
  reason: string;
}

/** What kind of thing an archive entry is; only `file` can be extracted. */
export type EntryKind =
  | 'file'
  | 'directory'
  | 'symlink'
  | 'hardlink'
  | 'character-device'
  | 'block-device'
  | 'fifo'
  | 'socket'
  | 'other';

/** One entry as a format reader found it, before any policy is applied. */
export interface ArchiveEntry {
  /** The entry's name exactly as stored (after pax or GNU long-name headers), in bytes. */
  rawName: Uint8Array;
  /** What the entry is, from its type flag (tar) or its Unix mode and name (zip). */
  kind: EntryKind;
  /** For links, the printable target; for `other`, the printable type; otherwise empty. */
  detail: string;
  /** Size of a file's contents, in bytes, as the archive declares it (0 for non-files). */
  size: number;
  /** Returns a file's contents, exactly `size` bytes; may throw ArchiveError (bad CRC, corrupt deflate). */
  read(): Uint8Array;
}
