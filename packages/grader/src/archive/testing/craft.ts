/**
 * Hand-made archives for tests: tar members and zip entries with any name, type, field or flaw,
 * which the real writers (rightly) refuse to produce.
 *
 * Interface: `rawTar(members, { end })` builds plain tar bytes; `paxData(records)` builds the data
 * of a pax header; `rawZip(entries, options)` builds zip bytes. Every field has a sane default,
 * so a test spells out only the flaw it is about.
 */

import { crc32, deflateRawSync } from 'node:zlib';

/** One tar member as a test wants it; unset fields get valid defaults. */
export interface RawTarMember {
  /** Name field bytes (at most 100). */
  name: string | Uint8Array;
  /** Type flag character (default '0'). */
  type?: string;
  /** Data blocks following the header (default none). */
  data?: string | Uint8Array;
  /** Size field, when it should differ from the data's length. */
  size?: number;
  /** Raw 12-byte size field, overriding `size`. */
  sizeField?: Uint8Array;
  /** Link name field. */
  linkname?: string;
  /** POSIX prefix field (only read with the POSIX magic). */
  prefix?: string;
  /** Magic: POSIX 'ustar\0' + '00' (default), GNU 'ustar  \0', or none (v7). */
  magic?: 'posix' | 'gnu' | 'v7';
  /** Added to the correct checksum (0 keeps it right). */
  checksumError?: number;
}

/** Plain tar bytes for the members, followed by two zero blocks unless `end` is false. */
export function rawTar(members: readonly RawTarMember[], { end = true } = {}): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const member of members) {
    const data = bytes(member.data ?? '');
    const header = new Uint8Array(512);
    header.set(bytes(member.name).subarray(0, 100), 0);
    octal(header, 100, 8, 0o644);
    octal(header, 108, 8, 1000);
    octal(header, 116, 8, 1000);
    if (member.sizeField !== undefined) header.set(member.sizeField, 124);
    else octal(header, 124, 12, member.size ?? data.length);
    octal(header, 136, 12, 1_700_000_000);
    header[156] = (member.type ?? '0').charCodeAt(0);
    header.set(bytes(member.linkname ?? '').subarray(0, 100), 157);
    const magic = member.magic ?? 'posix';
    if (magic === 'posix') header.set(bytes('ustar\u000000'), 257);
    if (magic === 'gnu') header.set(bytes('ustar  \u0000'), 257);
    header.set(bytes('student'), 265);
    header.set(bytes(member.prefix ?? '').subarray(0, 155), 345);
    header.fill(0x20, 148, 156);
    const sum = header.reduce((total, byte) => total + byte, 0) + (member.checksumError ?? 0);
    octal(header, 148, 7, sum);
    parts.push(header, data, new Uint8Array((512 - (data.length % 512)) % 512));
  }
  if (end) parts.push(new Uint8Array(1024));
  return concat(parts);
}

/** The data of a pax header: one `length key=value\n` record per entry. */
export function paxData(records: Readonly<Record<string, string | Uint8Array>>): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const [key, value] of Object.entries(records)) {
    const body = concat([bytes(` ${key}=`), bytes(value), bytes('\n')]);
    let length = body.length + 1;
    while (length !== body.length + String(length).length) length = body.length + String(length).length;
    parts.push(bytes(String(length)), body);
  }
  return concat(parts);
}

/** One zip entry as a test wants it; unset fields get valid defaults (stored, Unix mode 0644, UTF-8 flag). */
export interface RawZipEntry {
  /** Name in the central directory (and the local header unless `localName` is set). */
  name: string | Uint8Array;
  /** Uncompressed contents (default empty). */
  data?: string | Uint8Array;
  /** Method field (default 0, stored); 8 deflates `data` unless `compressed` is set. */
  method?: number;
  /** Bytes to store as the compressed data, as they are. */
  compressed?: Uint8Array;
  /** General-purpose flags (default 0x0800, UTF-8 names). */
  flags?: number;
  /** Version made by (default 0x0314: Unix). */
  madeBy?: number;
  /** Unix mode including the type bits (default 0o100644), put in the external attributes. */
  mode?: number;
  /** External attributes, overriding `mode`. */
  external?: number;
  /** CRC-32 field, when it should be wrong. */
  crc?: number;
  /** Uncompressed size field, when it should be wrong. */
  size?: number;
  /** Compressed size field, when it should be wrong. */
  compressedSize?: number;
  /** Name in the local header, when it should differ. */
  localName?: string;
  /** Method in the local header, when it should differ. */
  localMethod?: number;
  /** Extra field bytes (central and local). */
  extra?: Uint8Array;
  /** Write zeros for CRC-32 and sizes in the local header and put them in a data descriptor after the data (flag bit 3). */
  descriptor?: boolean;
  /** Share the local header and data of the entry at this index instead of writing its own. */
  sameLocalAs?: number;
}

/** Options for the end record of a hand-made zip. */
export interface RawZipOptions {
  /** Put a zip64 end-of-central-directory locator before the end record. */
  zip64Locator?: boolean;
  /** Disk number field (default 0). */
  disk?: number;
  /** Added to the central directory offset field. */
  cdOffsetError?: number;
  /** Archive comment. */
  comment?: string;
}

/** Zip bytes for the entries: local headers and data, central directory, end record. */
export function rawZip(entries: readonly RawZipEntry[], options: RawZipOptions = {}): Uint8Array {
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  const offsets: number[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = bytes(entry.name);
    const data = bytes(entry.data ?? '');
    const method = entry.method ?? 0;
    const compressed = entry.compressed ?? (method === 8 ? new Uint8Array(deflateRawSync(data)) : data);
    const extra = entry.extra ?? new Uint8Array(0);
    const fields = {
      flags: entry.flags ?? (entry.descriptor ? 0x0808 : 0x0800),
      crc: entry.crc ?? crc32(data) >>> 0,
      compressedSize: entry.compressedSize ?? compressed.length,
      size: entry.size ?? data.length,
    };
    let localOffset = offset;
    if (entry.sameLocalAs === undefined) {
      const localName = bytes(entry.localName ?? entry.name);
      const local = new Uint8Array(30 + localName.length + extra.length);
      const lv = new DataView(local.buffer);
      lv.setUint32(0, 0x04034b50, true);
      lv.setUint16(4, 20, true);
      lv.setUint16(6, fields.flags, true);
      lv.setUint16(8, entry.localMethod ?? method, true);
      lv.setUint16(12, 0x21, true);
      if (!entry.descriptor) {
        lv.setUint32(14, fields.crc, true);
        lv.setUint32(18, fields.compressedSize, true);
        lv.setUint32(22, fields.size, true);
      }
      lv.setUint16(26, localName.length, true);
      lv.setUint16(28, extra.length, true);
      local.set(localName, 30);
      local.set(extra, 30 + localName.length);
      const descriptor = new Uint8Array(entry.descriptor ? 16 : 0);
      if (entry.descriptor) {
        const dv = new DataView(descriptor.buffer);
        dv.setUint32(0, 0x08074b50, true);
        dv.setUint32(4, fields.crc, true);
        dv.setUint32(8, fields.compressedSize, true);
        dv.setUint32(12, fields.size, true);
      }
      locals.push(local, compressed, descriptor);
      offset += local.length + compressed.length + descriptor.length;
    } else localOffset = offsets[entry.sameLocalAs]!;
    offsets.push(localOffset);
    const central = new Uint8Array(46 + name.length + extra.length);
    const cv = new DataView(central.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(4, entry.madeBy ?? 0x0314, true);
    cv.setUint16(6, 20, true);
    cv.setUint16(8, fields.flags, true);
    cv.setUint16(10, method, true);
    cv.setUint16(14, 0x21, true);
    cv.setUint32(16, fields.crc, true);
    cv.setUint32(20, fields.compressedSize, true);
    cv.setUint32(24, fields.size, true);
    cv.setUint16(28, name.length, true);
    cv.setUint16(30, extra.length, true);
    cv.setUint32(38, entry.external ?? ((entry.mode ?? 0o100644) << 16) >>> 0, true);
    cv.setUint32(42, localOffset, true);
    central.set(name, 46);
    central.set(extra, 46 + name.length);
    centrals.push(central);
  }
  const cd = concat(centrals);
  const locator = new Uint8Array(options.zip64Locator ? 20 : 0);
  if (options.zip64Locator) new DataView(locator.buffer).setUint32(0, 0x07064b50, true);
  const comment = bytes(options.comment ?? '');
  const end = new Uint8Array(22 + comment.length);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(4, options.disk ?? 0, true);
  ev.setUint16(8, entries.length, true);
  ev.setUint16(10, entries.length, true);
  ev.setUint32(12, cd.length, true);
  ev.setUint32(16, offset + (options.cdOffsetError ?? 0), true);
  ev.setUint16(20, comment.length, true);
  end.set(comment, 22);
  return concat([...locals, cd, locator, end]);
}

/** UTF-8 bytes of a string; bytes unchanged. */
export function bytes(value: string | Uint8Array): Uint8Array {
  return typeof value === 'string' ? new TextEncoder().encode(value) : value;
}

/** The bytes of all parts, one after another. */
export function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((total, part) => total + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

function octal(header: Uint8Array, at: number, width: number, value: number): void {
  header.set(bytes(`${value.toString(8).padStart(width - 1, '0')}\u0000`), at);
}
