/**
 * zip: read through the central directory (stored and deflate entries), and write deflated entries.
 *
 * Interface: `readZip(zip, archive, limits?)` gives the ArchiveContents (entry policy applied);
 * `zipEntries(zip, archive)` checks the whole structure and returns the raw entries, whose
 * contents are inflated and CRC-checked only when read; `encodeZip(files)` writes files in the
 * order given. `archive` is the file name used in error messages.
 *
 * Layout (all numbers little-endian; @n is a byte offset within the record):
 *
 *   | local 1 | data 1 | local 2 | data 2 | … | central 1 | central 2 | … | end record |
 *     ^                  ^                       │ offset      │ offset      │ count, cd size, cd offset
 *     └──────────────────┼───────────────────────┘             │             │
 *                        └─────────────────────────────────────┘             │
 *                                                ^───────────────────────────┘
 *
 *   local   30+n+e    50 4b 03 04  flags@6 method@8 crc@14 csize@18 size@22 n@26 e@28, name, extra
 *   central 46+n+e+c  50 4b 01 02  madeby@4 flags@8 method@10 time@12 date@14 crc@16 csize@20
 *                                  size@24 n@28 e@30 c@32 external@38 local@42, name, extra, comment
 *   end     22+c      50 4b 05 06  disk@4 cddisk@6 here@8 count@10 cdsize@12 cdoffset@16 c@20
 *
 * Reading trusts only the central directory, and checks that: the end record is the last thing in
 * the file; the directory lies before it; each local header agrees with its central entry (name,
 * method, CRC-32 and sizes; those three may be 0 when flag bit 3 puts them in a data descriptor);
 * every entry lies before the directory and no two overlap; no entry is encrypted, zip64 or
 * compressed other than stored (0) or deflate (8). Anything else refuses the whole archive.
 * A name ending in '/' is a folder; a Unix mode (made by Unix or macOS) gives the other kinds.
 *
 * Invariants: every read is bounds-checked first; work is linear in the size of the central
 * directory plus the bytes actually inflated, which never exceed an entry's declared size.
 * Writing: deflate level 9, flag bit 11 (UTF-8 names), DOS time 1980-01-01 00:00, made by Unix
 * with mode 0644, no extra fields or comments.
 */

import { crc32, inflateRawSync, deflateRawSync } from 'node:zlib';
import { collectEntries } from './collect-entries.ts';
import { printableName, printableText, storablePath } from './entry-path.ts';
import { ArchiveError } from './errors.ts';
import { DEFAULT_ARCHIVE_LIMITS, ZIP_MAX_ENTRIES, ZIP_MAX_OFFSET } from './params.ts';
import type { ArchiveContents, ArchiveEntry, ArchiveLimits, EntryKind } from './types.ts';

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_END = 0x06054b50;
const SIG_ZIP64_LOCATOR = 0x07064b50;
const LOCAL_BYTES = 30;
const CENTRAL_BYTES = 46;
const END_BYTES = 22;
const FLAG_ENCRYPTED = 0x0001;
const FLAG_DESCRIPTOR = 0x0008;
const FLAG_STRONG_ENCRYPTION = 0x0040;
const FLAG_UTF8 = 0x0800;
const METHOD_STORED = 0;
const METHOD_DEFLATE = 8;
const METHOD_AES = 99;
const DOS_DATE_1980_01_01 = (0 << 9) | (1 << 5) | 1;
const MADE_BY_UNIX = (3 << 8) | 20;
const VERSION_DEFLATE = 20;
const MODE_FILE_0644 = 0o100644;

const METHOD_NAMES: Readonly<Record<number, string>> = {
  1: 'shrink', 2: 'reduce', 3: 'reduce', 4: 'reduce', 5: 'reduce', 6: 'implode', 9: 'deflate64',
  10: 'PKWARE DCL implode', 12: 'bzip2', 14: 'LZMA', 18: 'IBM TERSE', 19: 'IBM LZ77', 93: 'Zstandard',
  94: 'MP3', 95: 'xz', 96: 'JPEG', 97: 'WavPack', 98: 'PPMd',
};

/** One central-directory entry, checked against its local header. */
interface CentralEntry {
  /** The name as stored. */
  name: Uint8Array;
  /** The name as printable text, for messages. */
  label: string;
  /** Compression method: 0 stored or 8 deflate. */
  method: number;
  /** CRC-32 of the uncompressed contents. */
  crc: number;
  /** Uncompressed size, in bytes. */
  size: number;
  /** Byte offset of the local header. */
  localOffset: number;
  /** Byte offsets of the compressed data: [dataStart, dataEnd). */
  dataStart: number;
  /** End of the compressed data (exclusive). */
  dataEnd: number;
}

/** Reads a zip archive and applies the entry policy; throws ArchiveError when it is refused. */
export function readZip(zip: Uint8Array, archive: string, limits: ArchiveLimits = DEFAULT_ARCHIVE_LIMITS): ArchiveContents {
  return collectEntries(zipEntries(zip, archive), archive, limits);
}

/** Checks a zip archive's structure and returns its entries as stored (contents are checked when read). */
export function zipEntries(zip: Uint8Array, archive: string): ArchiveEntry[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const u16 = (at: number) => view.getUint16(at, true);
  const u32 = (at: number) => view.getUint32(at, true);
  const refuse = (problem: string, fix?: string): never => {
    throw new ArchiveError(archive, problem, fix);
  };

  const end = findEndRecord(view);
  if (end < 0) refuse('has no valid end-of-central-directory record', 'the file is truncated or is not a zip archive');
  const here = u16(end + 8);
  const count = u16(end + 10);
  const cdSize = u32(end + 12);
  const cdOffset = u32(end + 16);
  const zip64 = (end >= 20 && u32(end - 20) === SIG_ZIP64_LOCATOR) || count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff;
  if (zip64) refuse('uses zip64, which is not supported', 'submit an archive under 4 GiB with fewer than 65535 entries');
  if (u16(end + 4) !== 0 || u16(end + 6) !== 0 || here !== count) refuse('spans several disks (a split zip), which is not supported');
  const cdEnd = cdOffset + cdSize;
  if (cdEnd > end) refuse(`central directory at bytes ${cdOffset}..${cdEnd} lies outside the file (it must end by byte ${end})`);

  const entries: ArchiveEntry[] = [];
  const ranges: CentralEntry[] = [];
  let at = cdOffset;
  for (let index = 0; index < count; index++) {
    if (at + CENTRAL_BYTES > cdEnd || u32(at) !== SIG_CENTRAL) refuse(`central directory entry ${index} (at byte ${at}) is corrupt`);
    const nameLength = u16(at + 28);
    const next = at + CENTRAL_BYTES + nameLength + u16(at + 30) + u16(at + 32);
    if (next > cdEnd) refuse(`central directory entry ${index} (at byte ${at}) is corrupt`);
    const name = zip.subarray(at + CENTRAL_BYTES, at + CENTRAL_BYTES + nameLength);
    const extra = zip.subarray(at + CENTRAL_BYTES + nameLength, at + CENTRAL_BYTES + nameLength + u16(at + 30));
    const label = printableName(name);
    const flags = u16(at + 8);
    const method = u16(at + 10);
    const crc = u32(at + 16);
    const compressedSize = u32(at + 20);
    const size = u32(at + 24);
    const localOffset = u32(at + 42);
    if (compressedSize === 0xffffffff || size === 0xffffffff || localOffset === 0xffffffff || hasZip64Extra(extra)) {
      refuse(`entry '${label}' uses zip64, which is not supported`, 'submit an archive under 4 GiB with fewer than 65535 entries');
    }
    if (flags & (FLAG_ENCRYPTED | FLAG_STRONG_ENCRYPTION) || method === METHOD_AES) {
      refuse(`entry '${label}' is encrypted`, 'submit an archive without a password');
    }
    if (method !== METHOD_STORED && method !== METHOD_DEFLATE) {
      const methodName = METHOD_NAMES[method] ?? 'unknown';
      refuse(`entry '${label}' uses compression method ${method} (${methodName}); only stored (0) and deflate (8) are supported`);
    }
    if (method === METHOD_STORED && compressedSize !== size) {
      refuse(`entry '${label}' is stored but its sizes differ (${compressedSize} compressed, ${size} uncompressed)`, 'the archive is corrupt');
    }

    if (localOffset + LOCAL_BYTES > cdOffset) {
      refuse(`entry '${label}' points at a local header at byte ${localOffset}, past the start of the central directory (byte ${cdOffset})`);
    }
    const localNameLength = u16(localOffset + 26);
    const dataStart = localOffset + LOCAL_BYTES + localNameLength + u16(localOffset + 28);
    const dataEnd = dataStart + compressedSize;
    const localName = zip.subarray(localOffset + LOCAL_BYTES, Math.min(localOffset + LOCAL_BYTES + localNameLength, cdOffset));
    const localFlags = u16(localOffset + 6);
    const agrees = (field: number, value: number) => field === value || (localFlags & FLAG_DESCRIPTOR && field === 0);
    const mismatch =
      u32(localOffset) !== SIG_LOCAL ? 'signature'
      : !sameBytes(localName, name) ? 'name'
      : u16(localOffset + 8) !== method ? 'method'
      : !agrees(u32(localOffset + 14), crc) ? 'CRC-32'
      : !agrees(u32(localOffset + 18), compressedSize) ? 'compressed size'
      : !agrees(u32(localOffset + 22), size) ? 'size'
      : undefined;
    if (mismatch !== undefined) {
      refuse(`entry '${label}' has a local header (at byte ${localOffset}) whose ${mismatch} does not match the central directory`, 'the archive is corrupt');
    }
    if (dataEnd > cdOffset) refuse(`entry '${label}' has data (bytes ${dataStart}..${dataEnd}) running into the central directory`, 'the archive is corrupt');

    const entry: CentralEntry = { name, label, method, crc, size, localOffset, dataStart, dataEnd };
    ranges.push(entry);
    const { kind, detail } = kindOf(name, u16(at + 4), u32(at + 38));
    entries.push({ rawName: name, kind, detail, size: kind === 'file' ? size : 0, read: () => readData(zip, entry, archive) });
    at = next;
  }
  checkOverlaps(ranges, archive);
  return entries;
}

/** A zip archive of the given files, in the given order, with fixed metadata (see the header above). */
export function encodeZip(files: Iterable<readonly [string, Uint8Array]>, archive = 'new zip archive'): Uint8Array {
  const list = [...files];
  const tooLarge = () => new ArchiveError(archive, 'is too large for a zip without zip64 (65535 files or 4 GiB)');
  if (list.length >= ZIP_MAX_ENTRIES) throw tooLarge(); // 0xffff itself means "see the zip64 record"
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  const seen = new Set<string>();
  let offset = 0;
  for (const [path, data] of list) {
    const name = storablePath(path, archive);
    if (seen.has(path)) throw new ArchiveError(archive, `cannot store '${path}' twice`);
    seen.add(path);
    const compressed = deflateRawSync(data, { level: 9 });
    const crc = crc32(data) >>> 0;
    const local = new Uint8Array(LOCAL_BYTES + name.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, SIG_LOCAL, true);
    lv.setUint16(4, VERSION_DEFLATE, true);
    lv.setUint16(6, FLAG_UTF8, true);
    lv.setUint16(8, METHOD_DEFLATE, true);
    lv.setUint16(10, 0, true); // 00:00:00
    lv.setUint16(12, DOS_DATE_1980_01_01, true);
    lv.setUint32(14, crc, true);
    lv.setUint32(18, compressed.length, true);
    lv.setUint32(22, data.length, true);
    lv.setUint16(26, name.length, true);
    local.set(name, LOCAL_BYTES);
    const central = new Uint8Array(CENTRAL_BYTES + name.length);
    const cv = new DataView(central.buffer);
    cv.setUint32(0, SIG_CENTRAL, true);
    cv.setUint16(4, MADE_BY_UNIX, true);
    central.set(local.subarray(4, 30), 6); // version needed … name length, as in the local header
    cv.setUint32(38, MODE_FILE_0644 << 16, true);
    cv.setUint32(42, offset, true);
    central.set(name, CENTRAL_BYTES);
    locals.push(local, compressed);
    centrals.push(central);
    offset += local.length + compressed.length;
  }
  const cdSize = centrals.reduce((total, central) => total + central.length, 0);
  if (offset + cdSize > ZIP_MAX_OFFSET) throw tooLarge();
  const end = new Uint8Array(END_BYTES);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, SIG_END, true);
  ev.setUint16(8, centrals.length, true);
  ev.setUint16(10, centrals.length, true);
  ev.setUint32(12, cdSize, true);
  ev.setUint32(16, offset, true);
  const out = new Uint8Array(offset + cdSize + END_BYTES);
  let at = 0;
  for (const part of [...locals, ...centrals, end]) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** Offset of the end record: the last signature whose comment length reaches exactly the end of the file; -1 if none. */
function findEndRecord(view: DataView): number {
  const lowest = Math.max(0, view.byteLength - END_BYTES - 0xffff);
  for (let at = view.byteLength - END_BYTES; at >= lowest; at--) {
    if (view.getUint32(at, true) === SIG_END && view.getUint16(at + 20, true) === view.byteLength - at - END_BYTES) return at;
  }
  return -1;
}

/** Whether an extra field holds a zip64 block (header id 1); stops at the first malformed block. */
function hasZip64Extra(extra: Uint8Array): boolean {
  const view = new DataView(extra.buffer, extra.byteOffset, extra.byteLength);
  for (let at = 0; at + 4 <= extra.length; at += 4 + view.getUint16(at + 2, true)) {
    if (view.getUint16(at, true) === 0x0001) return true;
  }
  return false;
}

/** The kind of an entry: a folder by its trailing '/', else by its Unix mode when made on Unix or macOS. */
function kindOf(name: Uint8Array, madeBy: number, external: number): { kind: EntryKind; detail: string } {
  if (name[name.length - 1] === 0x2f) return { kind: 'directory', detail: '' };
  const host = madeBy >>> 8;
  const mode = external >>> 16;
  if ((host === 3 || host === 19) && (mode & 0o170000) !== 0) {
    const kind = unixKind(mode & 0o170000);
    return { kind, detail: kind === 'other' ? `Unix mode 0o${mode.toString(8)}` : '' };
  }
  return { kind: external & 0x10 ? 'directory' : 'file', detail: '' }; // 0x10: the MS-DOS folder attribute
}

/** The kind named by the file-type bits of a Unix mode (S_IFMT). */
function unixKind(type: number): EntryKind {
  switch (type) {
    case 0o010000:
      return 'fifo';
    case 0o020000:
      return 'character-device';
    case 0o040000:
      return 'directory';
    case 0o060000:
      return 'block-device';
    case 0o100000:
      return 'file';
    case 0o120000:
      return 'symlink';
    case 0o140000:
      return 'socket';
    default:
      return 'other';
  }
}

/** Refuses entries whose bytes overlap (the trick behind overlapping-file zip bombs). */
function checkOverlaps(entries: CentralEntry[], archive: string): void {
  const sorted = [...entries].sort((a, b) => a.localOffset - b.localOffset);
  let previous: CentralEntry | undefined;
  for (const entry of sorted) {
    if (previous !== undefined && entry.localOffset < previous.dataEnd) {
      throw new ArchiveError(archive, `entries '${previous.label}' and '${entry.label}' overlap`, 'the archive is corrupt or a zip bomb');
    }
    if (previous === undefined || entry.dataEnd > previous.dataEnd) previous = entry;
  }
}

/** An entry's contents, inflated if need be and checked against its size and CRC-32. */
function readData(zip: Uint8Array, entry: CentralEntry, archive: string): Uint8Array {
  const stored = zip.subarray(entry.dataStart, entry.dataEnd);
  let data: Uint8Array;
  if (entry.method === METHOD_STORED) data = new Uint8Array(stored);
  else {
    let inflated: Uint8Array;
    try {
      inflated = inflateRawSync(stored, { maxOutputLength: Math.max(1, entry.size) });
    } catch (error) {
      if ((error as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE') {
        throw new ArchiveError(archive, `entry '${entry.label}' inflates to more than its declared ${entry.size} bytes`, 'the archive is corrupt or a zip bomb');
      }
      throw new ArchiveError(archive, `entry '${entry.label}' has corrupt deflate data (zlib: ${printableText(String((error as Error).message))})`, 'the archive is corrupt');
    }
    if (inflated.length !== entry.size) {
      throw new ArchiveError(archive, `entry '${entry.label}' inflates to ${inflated.length} bytes, not its declared ${entry.size}`, 'the archive is corrupt');
    }
    data = new Uint8Array(inflated);
  }
  const crc = crc32(data) >>> 0;
  if (crc !== entry.crc) {
    throw new ArchiveError(archive, `entry '${entry.label}' fails its CRC-32 check (stored ${hex8(entry.crc)}, computed ${hex8(crc)})`, 'the archive is corrupt');
  }
  return data;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

function hex8(value: number): string {
  return value.toString(16).padStart(8, '0');
}
