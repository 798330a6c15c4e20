/**
 * Reading a submission archive: pick the format from the file name, check the bytes agree, and
 * hand them to the tar or zip reader. Nothing is written to disk; the result is bytes in memory.
 *
 * Interface: `readArchive(bytes, fileName, limits?)` gives the ArchiveContents or throws
 * ArchiveError. `archiveFormat(fileName)` tells whether a name is an archive at all.
 *
 *   name ends in   first bytes must be            then
 *   .zip           50 4b 03 04 (or 05 06: empty)  readZip
 *   .tar.gz .tgz   1f 8b                          gunzip (at most maxTotalBytes + TAR_OVERHEAD_BYTES) ─> readTar
 *
 * Invariants: for any bytes, either contents come back or ArchiveError is thrown, in time linear
 * in the input and the bytes inflated; a gzip bomb is stopped as soon as zlib passes the limit.
 * Names are matched without regard to case (`ALICE.ZIP` is a zip).
 */

import { gunzipSync } from 'node:zlib';
import { printableText } from './entry-path.ts';
import { ArchiveError } from './errors.ts';
import { DEFAULT_ARCHIVE_LIMITS, TAR_OVERHEAD_BYTES } from './params.ts';
import { readTar } from './tar.ts';
import type { ArchiveContents, ArchiveLimits } from './types.ts';
import { readZip } from './zip.ts';

/** The archive formats a submission may come in. */
export type ArchiveFormat = 'zip' | 'tar.gz';

/** The format a file name promises (`.zip`, `.tar.gz`, `.tgz`, any case), or undefined for any other name. */
export function archiveFormat(fileName: string): ArchiveFormat | undefined {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.zip')) return 'zip';
  if (lower.endsWith('.tar.gz') || lower.endsWith('.tgz')) return 'tar.gz';
  return undefined;
}

/** Reads a submission archive from its bytes; `fileName` picks the format and names it in errors. */
export function readArchive(bytes: Uint8Array, fileName: string, limits: ArchiveLimits = DEFAULT_ARCHIVE_LIMITS): ArchiveContents {
  const archive = printableText(fileName);
  const format = archiveFormat(fileName);
  if (format === undefined) throw new ArchiveError(archive, 'unknown archive type', 'name it .zip, .tar.gz or .tgz');
  if (bytes.length === 0) throw new ArchiveError(archive, 'the file is empty (0 bytes)');
  const found = sniff(bytes);
  if (format === 'zip') {
    if (found === 'tar.gz') throw new ArchiveError(archive, 'is named .zip but holds gzip data', 'rename it to .tar.gz');
    if (found !== 'zip') throw new ArchiveError(archive, `is not a zip archive (it starts with ${firstBytes(bytes)}, not 50 4b 03 04)`);
    return readZip(bytes, archive, limits);
  }
  if (found === 'zip') throw new ArchiveError(archive, 'is named .tar.gz or .tgz but holds a zip archive', 'rename it to .zip');
  if (found !== 'tar.gz') throw new ArchiveError(archive, `is not gzip data (it starts with ${firstBytes(bytes)}, not 1f 8b)`);
  return readTar(gunzip(bytes, archive, limits), archive, limits);
}

/** The format the first bytes announce: gzip's 1f 8b, or a zip's first local header or empty end record. */
function sniff(bytes: Uint8Array): ArchiveFormat | undefined {
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) return 'tar.gz';
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && ((bytes[2] === 3 && bytes[3] === 4) || (bytes[2] === 5 && bytes[3] === 6))) return 'zip';
  return undefined;
}

/** Gunzips with a ceiling on the output, so that a small bomb cannot fill memory. */
function gunzip(bytes: Uint8Array, archive: string, limits: ArchiveLimits): Uint8Array {
  const ceiling = limits.maxTotalBytes + TAR_OVERHEAD_BYTES;
  try {
    const out = gunzipSync(bytes, { maxOutputLength: ceiling });
    return new Uint8Array(out.buffer, out.byteOffset, out.length);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'ERR_BUFFER_TOO_LARGE') {
      throw new ArchiveError(
        archive,
        `decompresses to more than ${ceiling} bytes (${limits.maxTotalBytes} of files and ${TAR_OVERHEAD_BYTES} of tar overhead)`,
        'it is too large or a gzip bomb',
      );
    }
    if (code === 'Z_BUF_ERROR') throw new ArchiveError(archive, 'gzip data ends early', 'the file is truncated');
    throw new ArchiveError(archive, `gzip data is corrupt (zlib: ${printableText(String((error as Error).message))})`);
  }
}

function firstBytes(bytes: Uint8Array): string {
  return [...bytes.subarray(0, 4)].map((byte) => byte.toString(16).padStart(2, '0')).join(' ');
}
