/**
 * ustar, the tape archive inside a .tar.gz: read and written as plain (uncompressed) bytes.
 *
 * Interface: `readTar(tar, archive, limits?)` gives the ArchiveContents (entry policy applied);
 * `tarEntries(tar, archive)` yields the raw entries; `encodeTar(files)` writes files in the order
 * given. `archive` is the file name used in error messages.
 *
 * Layout: 512-byte blocks, ended by two zero blocks (a lone zero block at the end is accepted):
 *
 *   | header | data, padded to 512 | header | data … | 512 zero bytes | 512 zero bytes |
 *
 *   header:   0 name[100]    100 mode[8]     108 uid[8]       116 gid[8]      124 size[12]
 *           136 mtime[12]    148 chksum[8]   156 typeflag     157 linkname[100]
 *           257 magic "ustar\0" 263 version "00"  265 uname[32]  297 gname[32]
 *           329 devmajor[8]  337 devminor[8]  345 prefix[155]  (500..511 unused)
 *
 * Numbers are octal text (GNU base-256 accepted for sizes). chksum is the sum of the header's
 * bytes with chksum itself counted as eight spaces. typeflag: '0' or NUL file ('7' too), '1' hard
 * link, '2' symlink, '3' and '4' devices, '5' folder, '6' FIFO. A long name comes from the POSIX
 * prefix ('prefix/name'), a pax 'x' header before the entry ("27 path=src/…\n" records), or a
 * GNU 'L' header before it. A pax 'size' overrides the header's size; pax 'linkpath' and GNU 'K'
 * only name a link's target in its skip reason; the entry's own typeflag always decides its kind.
 * Pax 'g' headers are checked and ignored. Only files and unknown types have data blocks.
 *
 * Invariants: every header's checksum is verified and every member must fit in the input, else
 * ArchiveError; each step advances at least one block, so any input is read in linear time.
 * Writing gives each file a '0' header with mode 0644, uid and gid 0, mtime 0 and no user or group
 * names; a path that is not ASCII or is over 100 bytes goes in a pax 'path' record.
 */

import { collectEntries } from './collect-entries.ts';
import { printableName, storablePath } from './entry-path.ts';
import { ArchiveError } from './errors.ts';
import { DEFAULT_ARCHIVE_LIMITS, TAR_BLOCK_BYTES } from './params.ts';
import type { ArchiveContents, ArchiveEntry, ArchiveLimits, EntryKind } from './types.ts';

const BLOCK = TAR_BLOCK_BYTES;
const USTAR_MAGIC = [0x75, 0x73, 0x74, 0x61, 0x72, 0x00]; // "ustar\0"
const PAX_HEADER_NAME = '././@PaxHeader';

/** What pax and GNU long-name headers said about the entry that follows them. */
interface PendingMeta {
  /** Byte offset of the first such header, or -1 when there is none. */
  at: number;
  /** Replacement name (pax `path` or GNU 'L'), as stored. */
  path: Uint8Array | undefined;
  /** Replacement link target (pax `linkpath` or GNU 'K'), as stored. */
  linkpath: Uint8Array | undefined;
  /** Replacement size in bytes (pax `size`). */
  size: number | undefined;
}

/** Reads a plain tar archive and applies the entry policy; throws ArchiveError when it is refused. */
export function readTar(tar: Uint8Array, archive: string, limits: ArchiveLimits = DEFAULT_ARCHIVE_LIMITS): ArchiveContents {
  return collectEntries(tarEntries(tar, archive), archive, limits);
}

/** Yields the entries of a plain tar archive as stored, checking its structure as it goes. */
export function* tarEntries(tar: Uint8Array, archive: string): Generator<ArchiveEntry> {
  let offset = 0;
  let meta = noMeta();
  for (;;) {
    if (offset + BLOCK > tar.length) {
      throw new ArchiveError(archive, `tar data is truncated at byte ${offset} (no end-of-archive marker)`, 'the archive is incomplete');
    }
    const header = tar.subarray(offset, offset + BLOCK);
    if (header.every((byte) => byte === 0)) {
      if (meta.at >= 0) throw new ArchiveError(archive, `tar header at byte ${meta.at} is not followed by an entry`);
      return;
    }
    checkChecksum(header, offset, archive);
    const flag = header[156]!;
    const headerSize = readNumber(header.subarray(124, 136), true);
    if (headerSize < 0) {
      throw new ArchiveError(archive, `tar header at byte ${offset} has an unreadable size field`, 'the archive is corrupt');
    }
    const flagChar = String.fromCharCode(flag);
    if ('xgLK'.includes(flagChar)) {
      const data = member(tar, offset, headerSize, ustarName(header), archive);
      if (meta.at < 0) meta.at = offset;
      if (flagChar === 'L') meta.path = cString(data);
      else if (flagChar === 'K') meta.linkpath = cString(data);
      else {
        const records = parsePax(data);
        if (records === undefined) throw new ArchiveError(archive, `pax header at byte ${offset} is malformed`, 'the archive is corrupt');
        if (flagChar === 'x') applyPax(records, meta, offset, archive);
      }
      offset += BLOCK + padded(headerSize);
      continue;
    }
    const rawName = meta.path ?? ustarName(header);
    const kind = kindOf(flagChar, rawName);
    const hasData = !'123456'.includes(flagChar);
    const size = hasData ? (meta.size ?? headerSize) : 0;
    const data = member(tar, offset, size, rawName, archive);
    const linkName = meta.linkpath ?? cString(header.subarray(157, 257));
    yield {
      rawName,
      kind,
      detail: detailOf(kind, flagChar, linkName),
      size: kind === 'file' ? size : 0,
      read: () => new Uint8Array(data),
    };
    offset += BLOCK + padded(size);
    meta = noMeta();
  }
}

/** A tar archive of the given files, in the given order, with fixed metadata (see the header above). */
export function encodeTar(files: Iterable<readonly [string, Uint8Array]>, archive = 'new tar archive'): Uint8Array {
  const parts: Uint8Array[] = [];
  const seen = new Set<string>();
  for (const [path, data] of files) {
    const name = storablePath(path, archive);
    if (seen.has(path)) throw new ArchiveError(archive, `cannot store '${path}' twice`);
    seen.add(path);
    if (name.length > 100 || name.some((byte) => byte >= 0x80)) {
      const record = paxRecord('path', name);
      parts.push(headerBlock(new TextEncoder().encode(PAX_HEADER_NAME), record.length, 'x'), record, zeroPad(record.length));
    }
    parts.push(headerBlock(truncateUtf8(name, 100), data.length, '0'), data, zeroPad(data.length));
  }
  parts.push(new Uint8Array(2 * BLOCK));
  return concat(parts);
}

function noMeta(): PendingMeta {
  return { at: -1, path: undefined, linkpath: undefined, size: undefined };
}

/** The data of the member whose header is at `offset`; throws when it runs past the input. */
function member(tar: Uint8Array, offset: number, size: number, rawName: Uint8Array, archive: string): Uint8Array {
  const start = offset + BLOCK;
  const needed = padded(size);
  if (needed > tar.length - start) {
    const name = printableName(rawName);
    throw new ArchiveError(
      archive,
      `tar entry '${name}' at byte ${offset} is truncated (needs ${needed} bytes, ${tar.length - start} remain)`,
      'the archive is incomplete',
    );
  }
  return tar.subarray(start, start + size);
}

function checkChecksum(header: Uint8Array, offset: number, archive: string): void {
  let unsigned = 0;
  let signed = 0;
  for (let i = 0; i < BLOCK; i++) {
    const byte = i >= 148 && i < 156 ? 0x20 : header[i]!;
    unsigned += byte;
    signed += byte >= 0x80 ? byte - 0x100 : byte; // some old tars summed signed chars
  }
  const stored = readNumber(header.subarray(148, 156), false);
  if (stored === unsigned || stored === signed) return;
  const storedText = stored < 0 ? 'unreadable' : `0o${stored.toString(8)}`;
  throw new ArchiveError(
    archive,
    `tar header at byte ${offset} has a wrong checksum (stored ${storedText}, computed 0o${unsigned.toString(8)})`,
    'the archive is corrupt',
  );
}

/** An octal field (or GNU base-256 when the top bit is set); -1 when unreadable. */
function readNumber(field: Uint8Array, emptyIsZero: boolean): number {
  const first = field[0]!;
  if (first & 0x80) {
    if (first & 0x40) return -1; // negative
    let value = first & 0x3f;
    for (let i = 1; i < field.length; i++) value = Math.min(value * 256 + field[i]!, Number.MAX_SAFE_INTEGER);
    return value;
  }
  let i = 0;
  while (i < field.length && field[i] === 0x20) i++;
  let value = 0;
  let digits = 0;
  while (i < field.length && field[i]! >= 0x30 && field[i]! <= 0x37) {
    value = value * 8 + (field[i]! - 0x30);
    digits++;
    i++;
  }
  while (i < field.length && (field[i] === 0x20 || field[i] === 0)) i++;
  if (i < field.length) return -1;
  if (digits === 0 && !emptyIsZero) return -1;
  return value;
}

/** The pax records `length key=value\n` of one header's data; undefined when malformed. */
function parsePax(data: Uint8Array): Map<string, Uint8Array> | undefined {
  const records = new Map<string, Uint8Array>();
  let at = 0;
  while (at < data.length) {
    let length = 0;
    let i = at;
    while (i < data.length && i - at < 10 && data[i]! >= 0x30 && data[i]! <= 0x39) length = length * 10 + (data[i++]! - 0x30);
    if (i === at || data[i] !== 0x20) return undefined;
    const end = at + length;
    const keyStart = i + 1;
    if (end > data.length || end <= keyStart || data[end - 1] !== 0x0a) return undefined;
    const equals = data.subarray(keyStart, end - 1).indexOf(0x3d);
    if (equals <= 0) return undefined;
    const key = String.fromCharCode(...data.subarray(keyStart, keyStart + Math.min(equals, 64)));
    records.set(key, data.subarray(keyStart + equals + 1, end - 1));
    at = end;
  }
  return records;
}

/** Applies the pax records that matter to the pending entry (an empty value reverts to the header's). */
function applyPax(records: Map<string, Uint8Array>, meta: PendingMeta, offset: number, archive: string): void {
  const path = records.get('path');
  if (path !== undefined) meta.path = path.length > 0 ? path : undefined;
  const linkpath = records.get('linkpath');
  if (linkpath !== undefined) meta.linkpath = linkpath.length > 0 ? linkpath : undefined;
  const size = records.get('size');
  if (size !== undefined) {
    if (size.length > 15 || !size.every((byte) => byte >= 0x30 && byte <= 0x39)) {
      throw new ArchiveError(archive, `pax header at byte ${offset} is malformed`, 'the archive is corrupt');
    }
    meta.size = size.length > 0 ? Number(String.fromCharCode(...size)) : undefined;
  }
}

/** The name from the header: 'prefix/name' in POSIX ustar, else just the name field. */
function ustarName(header: Uint8Array): Uint8Array {
  const name = cString(header.subarray(0, 100));
  const posix = USTAR_MAGIC.every((byte, i) => header[257 + i] === byte);
  const prefix = posix ? cString(header.subarray(345, 500)) : new Uint8Array(0);
  return prefix.length === 0 ? name : concat([prefix, new Uint8Array([0x2f]), name]);
}

function kindOf(flag: string, rawName: Uint8Array): EntryKind {
  switch (flag) {
    case '0':
    case '\0':
    case '7': // contiguous file: POSIX lets readers treat it as a regular file
      return rawName[rawName.length - 1] === 0x2f ? 'directory' : 'file'; // old tars mark folders by '/'
    case '1':
      return 'hardlink';
    case '2':
      return 'symlink';
    case '3':
      return 'character-device';
    case '4':
      return 'block-device';
    case '5':
      return 'directory';
    case '6':
      return 'fifo';
    default:
      return 'other';
  }
}

function detailOf(kind: EntryKind, flag: string, linkName: Uint8Array): string {
  if (kind === 'symlink' || kind === 'hardlink') return printableName(linkName);
  if (kind === 'other') return `tar type '${printableName(new Uint8Array([flag.charCodeAt(0)]))}'`;
  return '';
}

function headerBlock(name: Uint8Array, size: number, flag: string): Uint8Array {
  const header = new Uint8Array(BLOCK);
  header.set(name, 0);
  putOctal(header, 100, 8, 0o644);
  putOctal(header, 108, 8, 0);
  putOctal(header, 116, 8, 0);
  putOctal(header, 124, 12, size);
  putOctal(header, 136, 12, 0);
  header[156] = flag.charCodeAt(0);
  header.set([...USTAR_MAGIC, 0x30, 0x30], 257);
  putOctal(header, 329, 8, 0);
  putOctal(header, 337, 8, 0);
  header.fill(0x20, 148, 156);
  const sum = header.reduce((total, byte) => total + byte, 0);
  putOctal(header, 148, 7, sum); // six digits and a NUL, then the space already there
  return header;
}

/** Writes `value` as zero-padded octal digits filling `width - 1` bytes, then a NUL. */
function putOctal(header: Uint8Array, at: number, width: number, value: number): void {
  const digits = value.toString(8).padStart(width - 1, '0');
  if (digits.length > width - 1) throw new RangeError(`${value} does not fit a ${width}-byte tar field`);
  for (let i = 0; i < digits.length; i++) header[at + i] = digits.charCodeAt(i);
  header[at + width - 1] = 0;
}

/** One pax record, `length key=value\n`, where length counts the whole record including its own digits. */
function paxRecord(key: string, value: Uint8Array): Uint8Array {
  const base = key.length + value.length + 3; // space, '=' and newline
  let length = base + 1;
  while (length !== base + String(length).length) length = base + String(length).length;
  const head = new TextEncoder().encode(`${length} ${key}=`);
  return concat([head, value, new Uint8Array([0x0a])]);
}

/** The bytes before the first NUL. */
function cString(field: Uint8Array): Uint8Array {
  const end = field.indexOf(0);
  return end < 0 ? field : field.subarray(0, end);
}

/** At most `max` bytes of a UTF-8 string, cut between characters. */
function truncateUtf8(bytes: Uint8Array, max: number): Uint8Array {
  if (bytes.length <= max) return bytes;
  let cut = max;
  while (cut > 0 && (bytes[cut]! & 0xc0) === 0x80) cut--;
  return bytes.subarray(0, cut);
}

function padded(size: number): number {
  return Math.ceil(size / BLOCK) * BLOCK;
}

function zeroPad(size: number): Uint8Array {
  return new Uint8Array(padded(size) - size);
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((total, part) => total + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
