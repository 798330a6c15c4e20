/**
 * The one error the archive module throws: this archive as a whole cannot be used.
 *
 * Interface: `new ArchiveError(archive, problem, fix?)`; read `.archive`, `.problem`, `.fix`, or
 * show `.message`, which is one line:
 *
 *   alice.zip: entry 'src/a.ts' fails its CRC-32 check (stored 1a2b3c4d, computed 5e6f7a8b); the archive is corrupt
 *   bob.rar: unknown archive type; name it .zip, .tar.gz or .tgz
 *
 * Invariants: thrown only for a refusal of the whole archive (corrupt, hostile, over a limit, or a
 * name a writer cannot store); a single bad entry is never an error but a `SkippedEntry`. Every
 * part is already printable (no newlines or control characters), so the message stays one line.
 */

/** A whole archive is refused (or cannot be written); the message names the archive, the problem and the fix. */
export class ArchiveError extends Error {
  override name = 'ArchiveError';
  /** The archive's file name as the TA or student knows it, e.g. `alice.zip`. */
  readonly archive: string;
  /** What is wrong, e.g. `tar header at byte 512 has a wrong checksum (stored 0o6543, computed 0o6544)`. */
  readonly problem: string;
  /** What to do about it, shown after a semicolon, or undefined when there is nothing useful to say. */
  readonly fix: string | undefined;

  constructor(archive: string, problem: string, fix?: string) {
    super(`${archive}: ${problem}${fix === undefined ? '' : `; ${fix}`}`);
    this.archive = archive;
    this.problem = problem;
    this.fix = fix;
  }
}
