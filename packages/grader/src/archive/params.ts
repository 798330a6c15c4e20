/**
 * Every limit of the archive module, each with its unit (xv6's param.h).
 *
 * The limits a caller may change per run are `DEFAULT_ARCHIVE_LIMITS` (passed to `readArchive`);
 * the others are fixed properties of the formats or of the file systems the grader writes to.
 */

import type { ArchiveLimits } from './types.ts';

/** Limits used when the caller gives none: 256 KiB per file, 8 MiB in all, 1000 entries. */
export const DEFAULT_ARCHIVE_LIMITS: Readonly<ArchiveLimits> = Object.freeze({
  maxFileBytes: 256 * 1024,
  maxTotalBytes: 8 * 1024 * 1024,
  maxEntries: 1000,
});

/** Bytes a .tar.gz may decompress to beyond `maxTotalBytes`, for tar headers and padding (1 MiB). */
export const TAR_OVERHEAD_BYTES = 1024 * 1024;

/** Longest accepted path, in UTF-8 bytes after normalizing (Linux PATH_MAX). */
export const MAX_PATH_BYTES = 4096;

/** Size of a tar block, in bytes: headers and data are padded to a multiple of it. */
export const TAR_BLOCK_BYTES = 512;

/** Entry count at which a zip needs zip64: the end record's 0xffff means "see the zip64 record", so at most 65534 without it. */
export const ZIP_MAX_ENTRIES = 0xffff;

/** Largest offset or size, in bytes, a zip without zip64 can record. */
export const ZIP_MAX_OFFSET = 0xffff_fffe;
