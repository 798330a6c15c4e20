// ../../work/main/packages/grader/src/grade.ts
import { createHash as createHash4 } from "node:crypto";
import { existsSync as existsSync3, readFileSync as readFileSync4 } from "node:fs";
import { join as join5 } from "node:path";

// ../../work/main/packages/grader/src/collect-submissions.ts
import { createHash } from "node:crypto";
import { lstatSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

// ../../work/main/packages/grader/src/archive/errors.ts
var ArchiveError = class extends Error {
  name = "ArchiveError";
  /** The archive's file name as the TA or student knows it, e.g. `alice.zip`. */
  archive;
  /** What is wrong, e.g. `tar header at byte 512 has a wrong checksum (stored 0o6543, computed 0o6544)`. */
  problem;
  /** What to do about it, shown after a semicolon, or undefined when there is nothing useful to say. */
  fix;
  constructor(archive, problem, fix) {
    super(`${archive}: ${problem}${fix === void 0 ? "" : `; ${fix}`}`);
    this.archive = archive;
    this.problem = problem;
    this.fix = fix;
  }
};

// ../../work/main/packages/grader/src/archive/params.ts
var DEFAULT_ARCHIVE_LIMITS = Object.freeze({
  maxFileBytes: 256 * 1024,
  maxTotalBytes: 8 * 1024 * 1024,
  maxEntries: 1e3
});
var TAR_OVERHEAD_BYTES = 1024 * 1024;
var MAX_PATH_BYTES = 4096;
var TAR_BLOCK_BYTES = 512;

// ../../work/main/packages/grader/src/archive/read-archive.ts
import { gunzipSync } from "node:zlib";

// ../../work/main/packages/grader/src/archive/entry-path.ts
import { Buffer } from "node:buffer";
var strictUtf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
var DRIVE = /^[A-Za-z]:$/;
var CONTROL = /[\p{Cc}\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/u;
var CONTROL_OR_BACKSLASH = /[\p{Cc}\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\\]/gu;
function checkEntryPath(raw) {
  let text;
  try {
    text = strictUtf8.decode(raw);
  } catch {
    return { problem: "name is not valid UTF-8" };
  }
  return checkPathText(text);
}
function checkPathText(text) {
  const control = CONTROL.exec(text);
  if (control !== null) return { problem: `path contains control character ${codePointLabel(control[0])}` };
  if (text.startsWith("/") || /^[A-Za-z]:[\\/]/.test(text)) return { problem: "path is absolute" };
  if (text.includes("\\")) return { problem: "path contains a backslash" };
  const segments = text.split("/").filter((segment) => segment !== "" && segment !== ".");
  if (DRIVE.test(segments[0] ?? "")) return { problem: "path is absolute" };
  if (segments.includes("..")) return { problem: "path has a '..' segment" };
  if (segments.length === 0) return { problem: "path is empty after normalizing" };
  const path = segments.join("/");
  const bytes = Buffer.byteLength(path, "utf8");
  if (bytes > MAX_PATH_BYTES) return { problem: `path is ${bytes} bytes long, over the ${MAX_PATH_BYTES}-byte limit` };
  return { path };
}
function printableName(raw) {
  let out = "";
  let runStart = 0;
  let i = 0;
  while (i < raw.length) {
    const length = utf8SequenceLength(raw, i);
    if (length > 0) {
      i += length;
      continue;
    }
    out += printableText(strictUtf8.decode(raw.subarray(runStart, i)));
    out += `\\x${hex2(raw[i])}`;
    i += 1;
    runStart = i;
  }
  return out + printableText(strictUtf8.decode(raw.subarray(runStart)));
}
function printableText(text) {
  return text.replace(CONTROL_OR_BACKSLASH, (c) => {
    if (c === "\\") return "\\\\";
    const code = c.codePointAt(0);
    return code < 128 ? `\\x${hex2(code)}` : `\\u${code.toString(16).padStart(4, "0")}`;
  });
}
function utf8SequenceLength(bytes, i) {
  const first = bytes[i];
  if (first < 128) return 1;
  let length;
  let low = 128;
  let high = 191;
  if (first >= 194 && first <= 223) length = 2;
  else if (first >= 224 && first <= 239) {
    length = 3;
    if (first === 224) low = 160;
    if (first === 237) high = 159;
  } else if (first >= 240 && first <= 244) {
    length = 4;
    if (first === 240) low = 144;
    if (first === 244) high = 143;
  } else return 0;
  for (let k = 1; k < length; k++) {
    const next = bytes[i + k];
    if (next === void 0 || next < (k === 1 ? low : 128) || next > (k === 1 ? high : 191)) return 0;
  }
  return length;
}
function codePointLabel(c) {
  return `U+${c.codePointAt(0).toString(16).toUpperCase().padStart(4, "0")}`;
}
function hex2(byte) {
  return byte.toString(16).padStart(2, "0");
}

// ../../work/main/packages/grader/src/archive/collect-entries.ts
function collectEntries(entries, archive, limits) {
  const files = /* @__PURE__ */ new Map();
  const skipped = [];
  const taken = newNode();
  let count = 0;
  let total = 0;
  for (const entry of entries) {
    count += 1;
    if (count > limits.maxEntries) {
      throw new ArchiveError(archive, `has more than ${limits.maxEntries} entries (the limit)`, "submit only the lab files");
    }
    if (entry.kind === "directory") continue;
    const name = printableName(entry.rawName);
    if (entry.kind !== "file") {
      skipped.push({ name, reason: kindReason(entry) });
      continue;
    }
    total += entry.size;
    if (total > limits.maxTotalBytes) {
      throw new ArchiveError(archive, `holds more than ${limits.maxTotalBytes} bytes of files (the limit)`, "submit only the lab files");
    }
    const checked = checkEntryPath(entry.rawName);
    if ("problem" in checked) {
      skipped.push({ name, reason: checked.problem });
      continue;
    }
    const conflict = take(taken, checked.path);
    if (conflict !== void 0) {
      skipped.push({ name, reason: conflict });
      continue;
    }
    if (entry.size > limits.maxFileBytes) {
      skipped.push({ name, reason: `is ${entry.size} bytes, over the ${limits.maxFileBytes}-byte limit per file` });
      continue;
    }
    files.set(checked.path, entry.read());
  }
  return { files, skipped };
}
function kindReason(entry) {
  switch (entry.kind) {
    case "symlink":
      return entry.detail === "" ? "is a symbolic link" : `is a symbolic link to '${entry.detail}'`;
    case "hardlink":
      return `is a hard link to '${entry.detail}'`;
    case "character-device":
      return "is a character device";
    case "block-device":
      return "is a block device";
    case "fifo":
      return "is a FIFO (named pipe)";
    case "socket":
      return "is a socket";
    default:
      return `is of an unsupported type (${entry.detail})`;
  }
}
function take(root, path) {
  const segments = path.split("/");
  const last = segments.pop();
  let node = root;
  const folders = [];
  for (const segment of segments) {
    let child = node.children.get(segment);
    if (child === void 0) {
      child = newNode();
      node.children.set(segment, child);
    }
    if (child.file !== void 0) return conflictWith(child.file);
    folders.push(child);
    node = child;
  }
  const existing = node.children.get(last);
  if (existing?.file !== void 0) return `duplicates the earlier file '${existing.file}'`;
  if (existing?.firstBelow !== void 0) return conflictWith(existing.firstBelow);
  const leaf = existing ?? newNode();
  leaf.file = path;
  node.children.set(last, leaf);
  for (const folder of folders) folder.firstBelow ??= path;
  return void 0;
}
function conflictWith(file) {
  return `conflicts with the earlier file '${file}' (a path cannot be both a file and a folder)`;
}
function newNode() {
  return { file: void 0, firstBelow: void 0, children: /* @__PURE__ */ new Map() };
}

// ../../work/main/packages/grader/src/archive/tar.ts
var BLOCK = TAR_BLOCK_BYTES;
var USTAR_MAGIC = [117, 115, 116, 97, 114, 0];
function readTar(tar, archive, limits = DEFAULT_ARCHIVE_LIMITS) {
  return collectEntries(tarEntries(tar, archive), archive, limits);
}
function* tarEntries(tar, archive) {
  let offset = 0;
  let meta = noMeta();
  for (; ; ) {
    if (offset + BLOCK > tar.length) {
      throw new ArchiveError(archive, `tar data is truncated at byte ${offset} (no end-of-archive marker)`, "the archive is incomplete");
    }
    const header = tar.subarray(offset, offset + BLOCK);
    if (header.every((byte) => byte === 0)) {
      if (meta.at >= 0) throw new ArchiveError(archive, `tar header at byte ${meta.at} is not followed by an entry`);
      return;
    }
    checkChecksum(header, offset, archive);
    const flag = header[156];
    const headerSize = readNumber(header.subarray(124, 136), true);
    if (headerSize < 0) {
      throw new ArchiveError(archive, `tar header at byte ${offset} has an unreadable size field`, "the archive is corrupt");
    }
    const flagChar = String.fromCharCode(flag);
    if ("xgLK".includes(flagChar)) {
      const data2 = member(tar, offset, headerSize, ustarName(header), archive);
      if (meta.at < 0) meta.at = offset;
      if (flagChar === "L") meta.path = cString(data2);
      else if (flagChar === "K") meta.linkpath = cString(data2);
      else {
        const records = parsePax(data2);
        if (records === void 0) throw new ArchiveError(archive, `pax header at byte ${offset} is malformed`, "the archive is corrupt");
        if (flagChar === "x") applyPax(records, meta, offset, archive);
      }
      offset += BLOCK + padded(headerSize);
      continue;
    }
    const rawName = meta.path ?? ustarName(header);
    const kind = kindOf(flagChar, rawName);
    const hasData = !"123456".includes(flagChar);
    const size = hasData ? meta.size ?? headerSize : 0;
    const data = member(tar, offset, size, rawName, archive);
    const linkName = meta.linkpath ?? cString(header.subarray(157, 257));
    yield {
      rawName,
      kind,
      detail: detailOf(kind, flagChar, linkName),
      size: kind === "file" ? size : 0,
      read: () => new Uint8Array(data)
    };
    offset += BLOCK + padded(size);
    meta = noMeta();
  }
}
function noMeta() {
  return { at: -1, path: void 0, linkpath: void 0, size: void 0 };
}
function member(tar, offset, size, rawName, archive) {
  const start = offset + BLOCK;
  const needed = padded(size);
  if (needed > tar.length - start) {
    const name = printableName(rawName);
    throw new ArchiveError(
      archive,
      `tar entry '${name}' at byte ${offset} is truncated (needs ${needed} bytes, ${tar.length - start} remain)`,
      "the archive is incomplete"
    );
  }
  return tar.subarray(start, start + size);
}
function checkChecksum(header, offset, archive) {
  let unsigned = 0;
  let signed = 0;
  for (let i = 0; i < BLOCK; i++) {
    const byte = i >= 148 && i < 156 ? 32 : header[i];
    unsigned += byte;
    signed += byte >= 128 ? byte - 256 : byte;
  }
  const stored = readNumber(header.subarray(148, 156), false);
  if (stored === unsigned || stored === signed) return;
  const storedText = stored < 0 ? "unreadable" : `0o${stored.toString(8)}`;
  throw new ArchiveError(
    archive,
    `tar header at byte ${offset} has a wrong checksum (stored ${storedText}, computed 0o${unsigned.toString(8)})`,
    "the archive is corrupt"
  );
}
function readNumber(field, emptyIsZero) {
  const first = field[0];
  if (first & 128) {
    if (first & 64) return -1;
    let value2 = first & 63;
    for (let i2 = 1; i2 < field.length; i2++) value2 = Math.min(value2 * 256 + field[i2], Number.MAX_SAFE_INTEGER);
    return value2;
  }
  let i = 0;
  while (i < field.length && field[i] === 32) i++;
  let value = 0;
  let digits = 0;
  while (i < field.length && field[i] >= 48 && field[i] <= 55) {
    value = value * 8 + (field[i] - 48);
    digits++;
    i++;
  }
  while (i < field.length && (field[i] === 32 || field[i] === 0)) i++;
  if (i < field.length) return -1;
  if (digits === 0 && !emptyIsZero) return -1;
  return value;
}
function parsePax(data) {
  const records = /* @__PURE__ */ new Map();
  let at = 0;
  while (at < data.length) {
    let length = 0;
    let i = at;
    while (i < data.length && i - at < 10 && data[i] >= 48 && data[i] <= 57) length = length * 10 + (data[i++] - 48);
    if (i === at || data[i] !== 32) return void 0;
    const end = at + length;
    const keyStart = i + 1;
    if (end > data.length || end <= keyStart || data[end - 1] !== 10) return void 0;
    const equals = data.subarray(keyStart, end - 1).indexOf(61);
    if (equals <= 0) return void 0;
    const key = String.fromCharCode(...data.subarray(keyStart, keyStart + Math.min(equals, 64)));
    records.set(key, data.subarray(keyStart + equals + 1, end - 1));
    at = end;
  }
  return records;
}
function applyPax(records, meta, offset, archive) {
  const path = records.get("path");
  if (path !== void 0) meta.path = path.length > 0 ? path : void 0;
  const linkpath = records.get("linkpath");
  if (linkpath !== void 0) meta.linkpath = linkpath.length > 0 ? linkpath : void 0;
  const size = records.get("size");
  if (size !== void 0) {
    if (size.length > 15 || !size.every((byte) => byte >= 48 && byte <= 57)) {
      throw new ArchiveError(archive, `pax header at byte ${offset} is malformed`, "the archive is corrupt");
    }
    meta.size = size.length > 0 ? Number(String.fromCharCode(...size)) : void 0;
  }
}
function ustarName(header) {
  const name = cString(header.subarray(0, 100));
  const posix = USTAR_MAGIC.every((byte, i) => header[257 + i] === byte);
  const prefix = posix ? cString(header.subarray(345, 500)) : new Uint8Array(0);
  return prefix.length === 0 ? name : concat([prefix, new Uint8Array([47]), name]);
}
function kindOf(flag, rawName) {
  switch (flag) {
    case "0":
    case "\0":
    case "7":
      return rawName[rawName.length - 1] === 47 ? "directory" : "file";
    // old tars mark folders by '/'
    case "1":
      return "hardlink";
    case "2":
      return "symlink";
    case "3":
      return "character-device";
    case "4":
      return "block-device";
    case "5":
      return "directory";
    case "6":
      return "fifo";
    default:
      return "other";
  }
}
function detailOf(kind, flag, linkName) {
  if (kind === "symlink" || kind === "hardlink") return printableName(linkName);
  if (kind === "other") return `tar type '${printableName(new Uint8Array([flag.charCodeAt(0)]))}'`;
  return "";
}
function cString(field) {
  const end = field.indexOf(0);
  return end < 0 ? field : field.subarray(0, end);
}
function padded(size) {
  return Math.ceil(size / BLOCK) * BLOCK;
}
function concat(parts) {
  const out = new Uint8Array(parts.reduce((total, part) => total + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

// ../../work/main/packages/grader/src/archive/zip.ts
import { crc32, inflateRawSync, deflateRawSync } from "node:zlib";
var SIG_LOCAL = 67324752;
var SIG_CENTRAL = 33639248;
var SIG_END = 101010256;
var SIG_ZIP64_LOCATOR = 117853008;
var LOCAL_BYTES = 30;
var CENTRAL_BYTES = 46;
var END_BYTES = 22;
var FLAG_ENCRYPTED = 1;
var FLAG_DESCRIPTOR = 8;
var FLAG_STRONG_ENCRYPTION = 64;
var METHOD_STORED = 0;
var METHOD_DEFLATE = 8;
var METHOD_AES = 99;
var DOS_DATE_1980_01_01 = 0 << 9 | 1 << 5 | 1;
var MADE_BY_UNIX = 3 << 8 | 20;
var METHOD_NAMES = {
  1: "shrink",
  2: "reduce",
  3: "reduce",
  4: "reduce",
  5: "reduce",
  6: "implode",
  9: "deflate64",
  10: "PKWARE DCL implode",
  12: "bzip2",
  14: "LZMA",
  18: "IBM TERSE",
  19: "IBM LZ77",
  93: "Zstandard",
  94: "MP3",
  95: "xz",
  96: "JPEG",
  97: "WavPack",
  98: "PPMd"
};
function readZip(zip, archive, limits = DEFAULT_ARCHIVE_LIMITS) {
  return collectEntries(zipEntries(zip, archive), archive, limits);
}
function zipEntries(zip, archive) {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const u16 = (at2) => view.getUint16(at2, true);
  const u32 = (at2) => view.getUint32(at2, true);
  const refuse = (problem, fix) => {
    throw new ArchiveError(archive, problem, fix);
  };
  const end = findEndRecord(view);
  if (end < 0) refuse("has no valid end-of-central-directory record", "the file is truncated or is not a zip archive");
  const here = u16(end + 8);
  const count = u16(end + 10);
  const cdSize = u32(end + 12);
  const cdOffset = u32(end + 16);
  const zip64 = end >= 20 && u32(end - 20) === SIG_ZIP64_LOCATOR || count === 65535 || cdSize === 4294967295 || cdOffset === 4294967295;
  if (zip64) refuse("uses zip64, which is not supported", "submit an archive under 4 GiB with fewer than 65535 entries");
  if (u16(end + 4) !== 0 || u16(end + 6) !== 0 || here !== count) refuse("spans several disks (a split zip), which is not supported");
  const cdEnd = cdOffset + cdSize;
  if (cdEnd > end) refuse(`central directory at bytes ${cdOffset}..${cdEnd} lies outside the file (it must end by byte ${end})`);
  const entries = [];
  const ranges = [];
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
    if (compressedSize === 4294967295 || size === 4294967295 || localOffset === 4294967295 || hasZip64Extra(extra)) {
      refuse(`entry '${label}' uses zip64, which is not supported`, "submit an archive under 4 GiB with fewer than 65535 entries");
    }
    if (flags & (FLAG_ENCRYPTED | FLAG_STRONG_ENCRYPTION) || method === METHOD_AES) {
      refuse(`entry '${label}' is encrypted`, "submit an archive without a password");
    }
    if (method !== METHOD_STORED && method !== METHOD_DEFLATE) {
      const methodName = METHOD_NAMES[method] ?? "unknown";
      refuse(`entry '${label}' uses compression method ${method} (${methodName}); only stored (0) and deflate (8) are supported`);
    }
    if (method === METHOD_STORED && compressedSize !== size) {
      refuse(`entry '${label}' is stored but its sizes differ (${compressedSize} compressed, ${size} uncompressed)`, "the archive is corrupt");
    }
    if (localOffset + LOCAL_BYTES > cdOffset) {
      refuse(`entry '${label}' points at a local header at byte ${localOffset}, past the start of the central directory (byte ${cdOffset})`);
    }
    const localNameLength = u16(localOffset + 26);
    const dataStart = localOffset + LOCAL_BYTES + localNameLength + u16(localOffset + 28);
    const dataEnd = dataStart + compressedSize;
    const localName = zip.subarray(localOffset + LOCAL_BYTES, Math.min(localOffset + LOCAL_BYTES + localNameLength, cdOffset));
    const localFlags = u16(localOffset + 6);
    const agrees = (field, value) => field === value || localFlags & FLAG_DESCRIPTOR && field === 0;
    const mismatch = u32(localOffset) !== SIG_LOCAL ? "signature" : !sameBytes(localName, name) ? "name" : u16(localOffset + 8) !== method ? "method" : !agrees(u32(localOffset + 14), crc) ? "CRC-32" : !agrees(u32(localOffset + 18), compressedSize) ? "compressed size" : !agrees(u32(localOffset + 22), size) ? "size" : void 0;
    if (mismatch !== void 0) {
      refuse(`entry '${label}' has a local header (at byte ${localOffset}) whose ${mismatch} does not match the central directory`, "the archive is corrupt");
    }
    if (dataEnd > cdOffset) refuse(`entry '${label}' has data (bytes ${dataStart}..${dataEnd}) running into the central directory`, "the archive is corrupt");
    const entry = { name, label, method, crc, size, localOffset, dataStart, dataEnd };
    ranges.push(entry);
    const { kind, detail } = kindOf2(name, u16(at + 4), u32(at + 38));
    entries.push({ rawName: name, kind, detail, size: kind === "file" ? size : 0, read: () => readData(zip, entry, archive) });
    at = next;
  }
  checkOverlaps(ranges, archive);
  return entries;
}
function findEndRecord(view) {
  const lowest = Math.max(0, view.byteLength - END_BYTES - 65535);
  for (let at = view.byteLength - END_BYTES; at >= lowest; at--) {
    if (view.getUint32(at, true) === SIG_END && view.getUint16(at + 20, true) === view.byteLength - at - END_BYTES) return at;
  }
  return -1;
}
function hasZip64Extra(extra) {
  const view = new DataView(extra.buffer, extra.byteOffset, extra.byteLength);
  for (let at = 0; at + 4 <= extra.length; at += 4 + view.getUint16(at + 2, true)) {
    if (view.getUint16(at, true) === 1) return true;
  }
  return false;
}
function kindOf2(name, madeBy, external) {
  if (name[name.length - 1] === 47) return { kind: "directory", detail: "" };
  const host = madeBy >>> 8;
  const mode = external >>> 16;
  if ((host === 3 || host === 19) && (mode & 61440) !== 0) {
    const kind = unixKind(mode & 61440);
    return { kind, detail: kind === "other" ? `Unix mode 0o${mode.toString(8)}` : "" };
  }
  return { kind: external & 16 ? "directory" : "file", detail: "" };
}
function unixKind(type) {
  switch (type) {
    case 4096:
      return "fifo";
    case 8192:
      return "character-device";
    case 16384:
      return "directory";
    case 24576:
      return "block-device";
    case 32768:
      return "file";
    case 40960:
      return "symlink";
    case 49152:
      return "socket";
    default:
      return "other";
  }
}
function checkOverlaps(entries, archive) {
  const sorted = [...entries].sort((a, b) => a.localOffset - b.localOffset);
  let previous;
  for (const entry of sorted) {
    if (previous !== void 0 && entry.localOffset < previous.dataEnd) {
      throw new ArchiveError(archive, `entries '${previous.label}' and '${entry.label}' overlap`, "the archive is corrupt or a zip bomb");
    }
    if (previous === void 0 || entry.dataEnd > previous.dataEnd) previous = entry;
  }
}
function readData(zip, entry, archive) {
  const stored = zip.subarray(entry.dataStart, entry.dataEnd);
  let data;
  if (entry.method === METHOD_STORED) data = new Uint8Array(stored);
  else {
    let inflated;
    try {
      inflated = inflateRawSync(stored, { maxOutputLength: Math.max(1, entry.size) });
    } catch (error) {
      if (error.code === "ERR_BUFFER_TOO_LARGE") {
        throw new ArchiveError(archive, `entry '${entry.label}' inflates to more than its declared ${entry.size} bytes`, "the archive is corrupt or a zip bomb");
      }
      throw new ArchiveError(archive, `entry '${entry.label}' has corrupt deflate data (zlib: ${printableText(String(error.message))})`, "the archive is corrupt");
    }
    if (inflated.length !== entry.size) {
      throw new ArchiveError(archive, `entry '${entry.label}' inflates to ${inflated.length} bytes, not its declared ${entry.size}`, "the archive is corrupt");
    }
    data = new Uint8Array(inflated);
  }
  const crc = crc32(data) >>> 0;
  if (crc !== entry.crc) {
    throw new ArchiveError(archive, `entry '${entry.label}' fails its CRC-32 check (stored ${hex8(entry.crc)}, computed ${hex8(crc)})`, "the archive is corrupt");
  }
  return data;
}
function sameBytes(a, b) {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}
function hex8(value) {
  return value.toString(16).padStart(8, "0");
}

// ../../work/main/packages/grader/src/archive/read-archive.ts
function archiveFormat(fileName) {
  const lower = fileName.toLowerCase();
  if (lower.endsWith(".zip")) return "zip";
  if (lower.endsWith(".tar.gz") || lower.endsWith(".tgz")) return "tar.gz";
  return void 0;
}
function readArchive(bytes, fileName, limits = DEFAULT_ARCHIVE_LIMITS) {
  const archive = printableText(fileName);
  const format = archiveFormat(fileName);
  if (format === void 0) throw new ArchiveError(archive, "unknown archive type", "name it .zip, .tar.gz or .tgz");
  if (bytes.length === 0) throw new ArchiveError(archive, "the file is empty (0 bytes)");
  const found = sniff(bytes);
  if (format === "zip") {
    if (found === "tar.gz") throw new ArchiveError(archive, "is named .zip but holds gzip data", "rename it to .tar.gz");
    if (found !== "zip") throw new ArchiveError(archive, `is not a zip archive (it starts with ${firstBytes(bytes)}, not 50 4b 03 04)`);
    return readZip(bytes, archive, limits);
  }
  if (found === "zip") throw new ArchiveError(archive, "is named .tar.gz or .tgz but holds a zip archive", "rename it to .zip");
  if (found !== "tar.gz") throw new ArchiveError(archive, `is not gzip data (it starts with ${firstBytes(bytes)}, not 1f 8b)`);
  return readTar(gunzip(bytes, archive, limits), archive, limits);
}
function sniff(bytes) {
  if (bytes[0] === 31 && bytes[1] === 139) return "tar.gz";
  if (bytes[0] === 80 && bytes[1] === 75 && (bytes[2] === 3 && bytes[3] === 4 || bytes[2] === 5 && bytes[3] === 6)) return "zip";
  return void 0;
}
function gunzip(bytes, archive, limits) {
  const ceiling = limits.maxTotalBytes + TAR_OVERHEAD_BYTES;
  try {
    const out = gunzipSync(bytes, { maxOutputLength: ceiling });
    return new Uint8Array(out.buffer, out.byteOffset, out.length);
  } catch (error) {
    const code = error.code;
    if (code === "ERR_BUFFER_TOO_LARGE") {
      throw new ArchiveError(
        archive,
        `decompresses to more than ${ceiling} bytes (${limits.maxTotalBytes} of files and ${TAR_OVERHEAD_BYTES} of tar overhead)`,
        "it is too large or a gzip bomb"
      );
    }
    if (code === "Z_BUF_ERROR") throw new ArchiveError(archive, "gzip data ends early", "the file is truncated");
    throw new ArchiveError(archive, `gzip data is corrupt (zlib: ${printableText(String(error.message))})`);
  }
}
function firstBytes(bytes) {
  return [...bytes.subarray(0, 4)].map((byte) => byte.toString(16).padStart(2, "0")).join(" ");
}

// ../../work/main/packages/grader/src/collect-submissions.ts
var SUBMISSION_MANIFEST = "virtlab-submission.json";
var utf8 = new TextDecoder("utf-8", { fatal: true });
function sha256(bytes) {
  return createHash("sha256").update(bytes).digest("hex");
}
function submissionHash(labId, files) {
  const h = createHash("sha256").update(`${labId}
`);
  for (const path of [...files.keys()].sort()) h.update(`${path}
${sha256(files.get(path))}
`);
  return h.digest("hex");
}
function pickEditable(manifest, found, maxFileBytes, notes, tooLarge = /* @__PURE__ */ new Set()) {
  const files = /* @__PURE__ */ new Map();
  for (const path of manifest.editable) {
    const bytes = found.get(path);
    if (tooLarge.has(path)) {
      notes.push(`ignored: ${path} is over the size limit of ${maxFileBytes} bytes (graded as the stub)`);
      continue;
    }
    if (bytes === void 0) {
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
function readFolder(root, maxFileBytes, notes, tooLarge) {
  const found = /* @__PURE__ */ new Map();
  let budget = 1e3;
  const walk = (dir, prefix) => {
    for (const name of readdirSync(dir).sort()) {
      if (--budget < 0) {
        if (budget === -1) notes.push("ignored: more than 1000 entries in the folder; the rest were not read");
        return;
      }
      const path = prefix === "" ? name : `${prefix}/${name}`;
      if (name === "node_modules" || name === ".git") {
        notes.push(`ignored: ${path}/ (not part of a submission)`);
        continue;
      }
      const full = join(dir, name);
      const st = lstatSync(full);
      if (st.isSymbolicLink()) notes.push(`ignored: ${path} is a symbolic link`);
      else if (st.isDirectory()) walk(full, path);
      else if (!st.isFile()) notes.push(`ignored: ${path} is not a regular file`);
      else if (st.size > maxFileBytes) tooLarge.add(path);
      else found.set(path, readFileSync(full));
    }
  };
  walk(root, "");
  return found;
}
function unwrap(manifest, found) {
  if (manifest.editable.some((p) => found.has(p))) return found;
  const tops = new Set([...found.keys()].map((p) => p.split("/")[0]));
  if (tops.size !== 1) return found;
  const top = `${[...tops][0]}/`;
  if (![...found.keys()].every((p) => p.startsWith(top))) return found;
  return new Map([...found].map(([p, b]) => [p.slice(top.length), b]));
}
function checkManifest(manifest, found, notes) {
  const raw = found.get(SUBMISSION_MANIFEST);
  if (raw === void 0) return;
  let m;
  try {
    m = JSON.parse(utf8.decode(raw));
  } catch {
    notes.push(`note: ${SUBMISSION_MANIFEST} is not valid JSON; it was not checked`);
    return;
  }
  if (m.lab !== manifest.id) notes.push(`note: this submission was made for lab "${String(m.lab)}", not "${manifest.id}"`);
  for (const [path, hash] of Object.entries(m.files ?? {})) {
    const bytes = found.get(path);
    if (bytes !== void 0 && sha256(bytes) !== hash) notes.push(`note: ${path} differs from the hash recorded by lab submit (changed after submitting?)`);
  }
}
function collectSubmissions(dir, manifest) {
  const maxFileBytes = manifest.limits.maxFileBytes;
  const submissions = [];
  const ignored = [];
  const names = readdirSync(dir, { encoding: "buffer" });
  const entries = [];
  for (const raw of names) {
    let name;
    try {
      name = utf8.decode(raw);
    } catch {
      ignored.push(`${[...raw].map((b) => b >= 32 && b < 127 ? String.fromCharCode(b) : `\\x${b.toString(16).padStart(2, "0")}`).join("")}: the name is not valid UTF-8; rename it to the student id`);
      continue;
    }
    entries.push({ name, raw });
  }
  entries.sort((a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  for (const { name } of entries) {
    if (name.startsWith(".")) continue;
    const full = join(dir, name);
    const st = lstatSync(full);
    const notes = [];
    if (st.isSymbolicLink()) {
      ignored.push(`${name}: a symbolic link, not a submission`);
      continue;
    }
    if (st.isDirectory()) {
      const tooLarge = /* @__PURE__ */ new Set();
      const found = readFolder(full, maxFileBytes, notes, tooLarge);
      if (found.size === 0 && tooLarge.size === 0) notes.push("note: the folder is empty");
      const files = pickEditable(manifest, found, maxFileBytes, notes, tooLarge);
      submissions.push({ student: name, source: `${name}/`, files, notes, hash: submissionHash(manifest.id, files) });
      continue;
    }
    const format = st.isFile() ? archiveFormat(name) : void 0;
    if (format === void 0) {
      ignored.push(`${name}: not a folder, .zip or .tar.gz`);
      continue;
    }
    const student = name.replace(/\.(zip|tar\.gz|tgz)$/i, "");
    try {
      const contents = readArchive(readFileSync(full), name, { ...DEFAULT_ARCHIVE_LIMITS, maxFileBytes });
      for (const s of contents.skipped) notes.push(`ignored: ${s.name} (${s.reason})`);
      const found = unwrap(manifest, contents.files);
      checkManifest(manifest, found, notes);
      const files = pickEditable(manifest, found, maxFileBytes, notes);
      submissions.push({ student, source: name, files, notes, hash: submissionHash(manifest.id, files) });
    } catch (error) {
      if (!(error instanceof ArchiveError)) throw error;
      submissions.push({ student, source: name, files: /* @__PURE__ */ new Map(), notes: [error.message], hash: sha256(readFileSync(full)), unreadable: error.message });
    }
  }
  const seen = /* @__PURE__ */ new Map();
  for (const s of submissions) {
    const other = seen.get(s.student);
    if (other !== void 0) {
      s.unreadable = `two submissions for student "${s.student}" (${other} and ${s.source}); keep one`;
      s.notes.push(s.unreadable);
    }
    seen.set(s.student, s.source);
  }
  return { submissions, ignored };
}

// ../../work/main/packages/grader/src/progress.ts
function clock(seconds) {
  if (!Number.isFinite(seconds)) return "?";
  const s = Math.max(0, Math.round(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}
function createProgress(options) {
  const stream = options.stream ?? process.stderr;
  const now = options.now ?? (() => Date.now());
  const tty = stream.isTTY === true;
  const start = now();
  let done = options.already ?? 0;
  const startDone = done;
  let failed = 0;
  let lastLine = 0;
  let lastPercent = -1;
  const line = () => {
    const rate = (done - startDone) / Math.max(1, now() - start);
    const eta = rate > 0 ? (options.total - done) / rate / 1e3 : Number.POSITIVE_INFINITY;
    const percent = options.total === 0 ? 100 : Math.floor(100 * done / options.total);
    const errors = failed === 0 ? "" : `  ${failed} error${failed === 1 ? "" : "s"}`;
    return { percent, text: `${done}/${options.total}  ${String(percent).padStart(3)}%  ETA ${clock(eta)}${errors}` };
  };
  const draw = () => {
    const { percent, text } = line();
    if (tty) {
      const width = 20;
      const filled = Math.round(width * percent / 100);
      stream.write(`\r[${"#".repeat(filled)}${"\xB7".repeat(width - filled)}]  ${text}\x1B[K`);
    } else if (now() - lastLine >= 1e4 || Math.floor(percent / 10) > Math.floor(lastPercent / 10)) {
      stream.write(`grade: ${text}
`);
      lastLine = now();
      lastPercent = percent;
    }
  };
  return {
    tick(isFailure = false) {
      done++;
      if (isFailure) failed++;
      draw();
    },
    done() {
      if (tty) stream.write("\r\x1B[K");
      stream.write(`grade: ${done}/${options.total} done${failed === 0 ? "" : `, ${failed} could not be graded`}
`);
    }
  };
}

// ../../work/main/packages/grader/src/runner.ts
import { createHash as createHash3 } from "node:crypto";
import { existsSync as existsSync2, readFileSync as readFileSync3 } from "node:fs";
import { basename, join as join3 } from "node:path";
import { fileURLToPath } from "node:url";
import { parseLabManifest } from "@virtlab/core";

// ../../work/main/packages/grader/src/bundle.ts
import { createHash as createHash2 } from "node:crypto";
import { existsSync, readdirSync as readdirSync2, readFileSync as readFileSync2 } from "node:fs";
import { join as join2, relative, resolve, sep } from "node:path";
import { build, transform } from "esbuild";
function labSourceFiles(labDir2) {
  const out = [];
  const walk = (dir) => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync2(dir, { withFileTypes: true }).sort((a, b) => a.name < b.name ? -1 : 1)) {
      const full = join2(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(ts|tsx|js|mjs|cjs|json)$/.test(entry.name)) out.push(relative(labDir2, full).split(sep).join("/"));
    }
  };
  walk(join2(labDir2, "src"));
  return out;
}
function relToLab(labDir2, abs) {
  const rel = relative(labDir2, abs);
  if (rel.startsWith("..") || rel === "") return void 0;
  return rel.split(sep).join("/");
}
function describeMessages(labDir2, messages) {
  return messages.slice(0, 5).map((m) => {
    const loc = m.location;
    const file = loc === null ? "" : `${relToLab(labDir2, resolve(labDir2, loc.file)) ?? loc.file.replace(/^student:/, "")}:${loc.line}:${loc.column + 1}: `;
    return `${file}${m.text}`;
  }).join("\n");
}
var BUILTIN = /^(node:|(assert|buffer|child_process|cluster|crypto|dgram|dns|events|fs|fs\/promises|http|http2|https|inspector|module|net|os|path|perf_hooks|process|readline|repl|stream|string_decoder|timers|tls|tty|url|util|v8|vm|wasi|worker_threads|zlib)$)/;
async function buildTestBundle(labDir2, testFiles) {
  const srcDir = join2(labDir2, "src") + sep;
  const entry = testFiles.map((f) => `__setFile(${JSON.stringify(f)}); try { require(${JSON.stringify(join2(labDir2, f))}); } catch (e) { __fileError(${JSON.stringify(f)}, e); }`).join("\n");
  const plugin = {
    name: "virtlab-tests",
    setup(b) {
      b.onResolve({ filter: /^vitest$|^@virtlab\/core$/ }, (args) => ({ path: args.path, external: true }));
      b.onResolve({ filter: BUILTIN }, (args) => ({ path: args.path, external: true }));
      b.onResolve({ filter: /^\./ }, (args) => {
        const abs = resolve(args.resolveDir, args.path);
        if (!abs.startsWith(srcDir)) return void 0;
        return { path: relToLab(labDir2, abs), namespace: "student" };
      });
      b.onLoad({ filter: /.*/, namespace: "student" }, (args) => ({
        contents: `module.exports = __student(${JSON.stringify(args.path)});`,
        loader: "js"
      }));
    }
  };
  const result = await build({
    stdin: { contents: entry, resolveDir: labDir2, sourcefile: "virtlab-tests-entry.js", loader: "js" },
    bundle: true,
    write: false,
    format: "cjs",
    platform: "node",
    target: "node20",
    logLevel: "silent",
    plugins: [plugin]
  });
  return result.outputFiles[0].text;
}
var LOADER = `
const __cache = Object.create(null);
function __resolve(from, spec) {
  const parts = from.split('/').slice(0, -1);
  for (const p of spec.split('/')) { if (p === '..') parts.pop(); else if (p !== '.' && p !== '') parts.push(p); }
  const base = parts.join('/');
  for (const c of [base, base + '.ts', base + '.tsx', base + '.js', base + '/index.ts', base + '/index.js']) if (Object.hasOwn(__defs, c)) return c;
  throw new Error("cannot find '" + spec + "' (imported by " + from + ")");
}
function __load(path) {
  if (Object.hasOwn(__cache, path)) return __cache[path].exports;
  const module = { exports: {} };
  __cache[path] = module;
  __defs[path].call(module.exports, module, module.exports, (spec) => (spec.startsWith('.') ? __load(__resolve(path, spec)) : require(spec)));
  return module.exports;
}
module.exports = Object.fromEntries(Object.keys(__defs).map((p) => [p, __load(p)]));
`;
function createStudentCompiler(labDir2) {
  const sources = labSourceFiles(labDir2);
  const pristine = new Map(sources.map((f) => [f, readFileSync2(join2(labDir2, f), "utf8")]));
  const cache = /* @__PURE__ */ new Map();
  const compileOne = (path, text) => {
    const key = `${path}\0${createHash2("sha256").update(text).digest("hex")}`;
    let hit = cache.get(key);
    if (hit === void 0) {
      const loader = path.endsWith(".tsx") ? "tsx" : path.endsWith(".ts") ? "ts" : path.endsWith(".json") ? "json" : "js";
      hit = transform(text, { loader, format: "cjs", target: "node20", sourcefile: path, logLevel: "silent" }).then(
        (r) => ({ ok: true, code: r.code }),
        (error) => ({ ok: false, error: error.errors === void 0 ? String(error) : describeMessages(labDir2, error.errors) })
      );
      if (cache.size > 2e3) cache.clear();
      cache.set(key, hit);
    }
    return hit;
  };
  return {
    async compile(files) {
      const parts = await Promise.all(sources.map((f) => compileOne(f, files.get(f) ?? pristine.get(f))));
      const errors = parts.filter((p) => !p.ok).map((p) => p.error);
      if (errors.length > 0) return { ok: false, error: errors.join("\n") };
      const defs = sources.map((f, i) => `  ${JSON.stringify(f)}: function (module, exports, require) {
${parts[i].code}
},`);
      return { ok: true, code: `const __defs = {
${defs.join("\n")}
};
${LOADER}` };
    }
  };
}

// ../../work/main/packages/grader/src/pool.ts
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";

// ../../work/main/packages/grader/src/layers.ts
import { spawnSync } from "node:child_process";
import { dirname } from "node:path";
var cached;
function detectLayers() {
  if (cached !== void 0) return cached;
  const env = { PATH: process.env.PATH ?? "/usr/bin:/bin" };
  let bwrap = false;
  let bwrapWhy = "";
  if (process.platform !== "linux") bwrapWhy = `bubblewrap exists only on Linux (this is ${process.platform})`;
  else {
    const probe = spawnSync("bwrap", ["--unshare-all", "--die-with-parent", "--ro-bind", "/", "/", "true"], { env, timeout: 5e3 });
    if (probe.error !== void 0) bwrapWhy = "bubblewrap is not installed (Debian/Ubuntu: apt-get install bubblewrap)";
    else if (probe.status !== 0) bwrapWhy = `bubblewrap cannot create namespaces here: ${String(probe.stderr).trim().split("\n")[0]}`;
    else bwrap = true;
  }
  const prlimit = process.platform === "linux" && spawnSync("prlimit", ["--version"], { env, timeout: 5e3 }).status === 0;
  const flags = process.allowedNodeEnvironmentFlags;
  const permissionFlag = flags.has("--permission") ? "--permission" : flags.has("--experimental-permission") ? "--experimental-permission" : "";
  cached = { bwrap, bwrapWhy, prlimit, permissionFlag };
  return cached;
}
function sandboxCommand(options, s = detectLayers()) {
  const node = process.execPath;
  const inside = s.bwrap ? "/sandbox" : options.runtimeDir;
  const nodeArgs = ["--max-old-space-size=128", "--disable-warning=ExperimentalWarning", "--no-warnings"];
  if (s.permissionFlag !== "") nodeArgs.push(s.permissionFlag, "--allow-worker", `--allow-fs-read=${inside}/*`);
  nodeArgs.push(`${inside}/supervisor.js`);
  let command = node;
  let args = nodeArgs;
  if (s.bwrap) {
    const nodeDir = dirname(node);
    const bind = ["--ro-bind", "/usr", "/usr", "--symlink", "usr/lib", "/lib", "--symlink", "usr/lib64", "/lib64", "--symlink", "usr/bin", "/bin"];
    if (!nodeDir.startsWith("/usr/")) bind.push("--ro-bind", dirname(nodeDir), dirname(nodeDir));
    args = [
      "--unshare-all",
      "--unshare-user",
      "--uid",
      "65534",
      "--gid",
      "65534",
      "--die-with-parent",
      "--new-session",
      "--clearenv",
      "--setenv",
      "PATH",
      "/usr/bin:/bin",
      ...bind,
      "--proc",
      "/proc",
      "--dev",
      "/dev",
      "--tmpfs",
      "/tmp",
      "--ro-bind",
      options.runtimeDir,
      "/sandbox",
      "--chdir",
      "/sandbox",
      node,
      ...nodeArgs
    ];
    command = "bwrap";
  }
  if (s.prlimit) {
    args = [`--as=${options.addressSpaceMb * 1024 * 1024}`, "--nofile=256", "--fsize=16777216", "--core=0", command, ...args];
    command = "prlimit";
  }
  return { command, args };
}

// ../../work/main/packages/grader/src/pool.ts
var IN_FLIGHT = 2;
function createPool(options) {
  const size = Math.max(1, options.size ?? 1);
  const { command, args } = sandboxCommand({ runtimeDir: options.runtimeDir, addressSpaceMb: options.addressSpaceMb ?? 4096 });
  const slots = new Array(size).fill(void 0);
  const busy = new Array(size).fill(0);
  const waiting = [];
  let nextId = 1;
  let closed = false;
  function startSlot() {
    const child = spawn(command, args, {
      env: { PATH: process.env.PATH ?? "/usr/bin:/bin" },
      stdio: ["pipe", "pipe", "pipe"],
      detached: true
    });
    const slot = { child, ready: Promise.resolve(), labs: /* @__PURE__ */ new Set(), pending: /* @__PURE__ */ new Map(), stderr: "", dead: false };
    slot.ready = new Promise((resolve2, reject) => {
      const lines = createInterface({ input: child.stdout });
      lines.on("line", (line) => {
        let m;
        try {
          m = JSON.parse(line);
        } catch {
          return;
        }
        if (m.type === "ready") resolve2();
        else if (m.type === "result") {
          const done = slot.pending.get(m.id);
          slot.pending.delete(m.id);
          done?.({ ok: true, result: m });
        } else if (m.type === "fatal") {
          slot.stderr += `${m.message}
`;
          kill(slot);
        }
      });
      child.stderr.on("data", (chunk) => {
        if (slot.stderr.length < 8192) slot.stderr += chunk.toString("utf8");
      });
      child.on("error", (error) => {
        slot.stderr += `${error.message}
`;
        reject(error);
      });
      child.on("exit", (code, signal) => {
        slot.dead = true;
        const why = `the sandbox process exited (${signal ?? `code ${code}`})${slot.stderr.trim() === "" ? "" : `: ${slot.stderr.trim().split("\n").slice(-3).join(" | ")}`}`;
        reject(new Error(why));
        for (const done of slot.pending.values()) done({ ok: false, machinery: why, crashed: true });
        slot.pending.clear();
      });
    });
    slot.ready.catch(() => void 0);
    return slot;
  }
  function kill(slot) {
    if (slot.dead) return;
    slot.dead = true;
    try {
      if (slot.child.pid !== void 0) process.kill(-slot.child.pid, "SIGKILL");
    } catch {
      slot.child.kill("SIGKILL");
    }
  }
  async function acquire() {
    const least = Math.min(...busy);
    if (least < IN_FLIGHT) {
      const index = busy.indexOf(least);
      busy[index]++;
      return index;
    }
    return new Promise((resolve2) => waiting.push(resolve2));
  }
  function release(index) {
    const next = waiting.shift();
    if (next !== void 0) next(index);
    else busy[index]--;
  }
  async function once(index, job) {
    let slot = slots[index];
    if (slot === void 0 || slot.dead) {
      slot = startSlot();
      slots[index] = slot;
    }
    try {
      await slot.ready;
    } catch (error) {
      return { ok: false, machinery: `cannot start the sandbox: ${error.message}`, crashed: false };
    }
    const send = (m) => slot.child.stdin.write(`${JSON.stringify(m)}
`);
    if (!slot.labs.has(job.key)) {
      send({ type: "lab", key: job.key, testCode: job.testCode });
      slot.labs.add(job.key);
    }
    const id = nextId++;
    const answer = new Promise((resolve2) => slot.pending.set(id, resolve2));
    const backstop = setTimeout(() => {
      slot.stderr += "the sandbox stopped answering\n";
      kill(slot);
    }, job.limits.submissionTimeoutMs + 15e3);
    send({ type: "job", id, key: job.key, studentCode: job.studentCode, files: job.files, limits: job.limits });
    const result = await answer;
    clearTimeout(backstop);
    return result;
  }
  return {
    async run(job) {
      if (closed) return { ok: false, machinery: "the pool is closed", crashed: false };
      const index = await acquire();
      try {
        const first = await once(index, job);
        if (first.ok) return first;
        const second = await once(index, job);
        if (second.ok) return second;
        if (first.crashed && second.crashed) {
          const loadError = "the sandbox process was killed while running your code, twice (an ArrayBuffer or memory bomb?)";
          return { ok: true, result: { type: "result", id: 0, results: [], loadError, fileErrors: {}, restarts: 2, timedOut: true } };
        }
        return { ok: false, machinery: `${first.machinery}; tried again: ${second.machinery}`, crashed: false };
      } finally {
        release(index);
      }
    },
    async close() {
      closed = true;
      await Promise.all(
        slots.map(async (slot) => {
          if (slot === void 0 || slot.dead) return;
          const exited = new Promise((resolve2) => slot.child.once("exit", () => resolve2()));
          slot.child.stdin.end();
          const timer = setTimeout(() => kill(slot), 2e3);
          await exited;
          clearTimeout(timer);
        })
      );
    }
  };
}

// ../../work/main/packages/grader/src/runner.ts
function loadLab(dir) {
  const manifest = parseLabManifest(readFileSync3(join3(dir, "lab.json"), "utf8"), { file: `${basename(dir)}/lab.json`, folderName: basename(dir) });
  let version = "0.0.0";
  try {
    version = JSON.parse(readFileSync3(join3(dir, "package.json"), "utf8")).version ?? version;
  } catch {
  }
  return { dir, manifest, version };
}
function selectTestFiles(manifest, kinds, steps) {
  const files = [];
  for (const step of manifest.steps) {
    if (steps !== void 0 && !steps.includes(step.id)) continue;
    const chosen = kinds === "public" ? step.public : kinds === "hidden" ? step.hidden : [...step.public, ...step.hidden];
    for (const f of chosen) if (!files.includes(f)) files.push(f);
  }
  return files;
}
function runtimeDir() {
  return fileURLToPath(new URL("../dist/sandbox/", import.meta.url));
}
function visibilityOf(manifest, file) {
  return manifest.steps.some((s) => s.public.includes(file)) ? "public" : "hidden";
}
async function createRunner(lab2, options = {}) {
  const { manifest } = lab2;
  const files = selectTestFiles(manifest, options.kinds ?? "all", options.steps);
  const limits = {
    testTimeoutMs: manifest.limits.testTimeoutMs,
    submissionTimeoutMs: manifest.limits.submissionTimeoutMs,
    memoryMb: manifest.limits.memoryMb,
    maxOutputBytes: manifest.limits.maxOutputBytes,
    ...options.limits
  };
  if (!existsSync2(join3(runtimeDir(), "worker.js"))) {
    throw new Error(`the grader's sandbox runtime is not built (${runtimeDir()} has no worker.js): run pnpm build`);
  }
  const testCode = await buildTestBundle(lab2.dir, files);
  const key = createHash3("sha256").update(testCode).digest("hex").slice(0, 16);
  const compiler = createStudentCompiler(lab2.dir);
  const pool = createPool({ size: options.jobs ?? 1, runtimeDir: runtimeDir() });
  const stepsOf = (file) => manifest.steps.filter((s) => (options.steps === void 0 || options.steps.includes(s.id)) && (s.public.includes(file) || s.hidden.includes(file))).map((s) => s.id);
  async function execute(studentFiles, canonical2) {
    const bundle = await compiler.compile(studentFiles);
    const blank = (status, message) => (canonical2 ?? []).map((t) => ({ ...t, steps: stepsOf(t.file), visibility: visibilityOf(manifest, t.file), status, message, output: "", durationMs: 0 }));
    if (!bundle.ok) {
      return { tests: blank("error", `your code does not compile:
${bundle.error}`), compileError: bundle.error, loadError: "", restarts: 0, raw: [] };
    }
    const answer = await pool.run({ key, testCode, studentCode: bundle.code, files, limits });
    if (!answer.ok) return { tests: [], compileError: "", loadError: "", restarts: 0, machinery: answer.machinery, raw: [] };
    const r = answer.result;
    const byKey = new Map(r.results.map((t) => [`${t.file}\0${t.name}`, t]));
    const tests = (canonical2 ?? r.results).map((t) => {
      const got = byKey.get(`${t.file}\0${t.name}`);
      const base = { file: t.file, name: t.name, steps: stepsOf(t.file), visibility: visibilityOf(manifest, t.file) };
      if (got !== void 0) return { ...base, status: got.status, message: got.message, output: got.output, durationMs: got.durationMs };
      const message = r.loadError !== "" ? `your code failed to load: ${r.loadError}` : r.fileErrors[t.file] !== void 0 ? `the test file failed to load: ${r.fileErrors[t.file]}` : r.timedOut ? `not run: the submission used up its time limit (${limits.submissionTimeoutMs} ms)` : "not run";
      return { ...base, status: r.timedOut && r.loadError === "" && r.fileErrors[t.file] === void 0 ? "timeout" : "error", message, output: "", durationMs: 0 };
    });
    return { tests, compileError: "", loadError: r.loadError, restarts: r.restarts, raw: r.results };
  }
  const stub = await execute(/* @__PURE__ */ new Map(), void 0);
  if (stub.machinery !== void 0) {
    await pool.close();
    throw new Error(`cannot run the lab's tests: ${stub.machinery}`);
  }
  if (stub.loadError !== "" || stub.compileError !== "") {
    await pool.close();
    throw new Error(`${manifest.id}: the stub itself does not load (${stub.compileError || stub.loadError}); fix the lab's src/ files`);
  }
  const canonical = stub.raw.map((t) => ({ file: t.file, name: t.name }));
  const seen = /* @__PURE__ */ new Set();
  for (const t of canonical) {
    const k = `${t.file} > ${t.name}`;
    if (seen.has(k)) {
      await pool.close();
      throw new Error(`${manifest.id}: two tests are both named "${k}"; give each test a distinct name`);
    }
    seen.add(k);
  }
  return {
    lab: lab2,
    canonical,
    limits,
    async run(studentFiles) {
      const { raw: _raw, ...report } = await execute(studentFiles, canonical);
      return report;
    },
    close: () => pool.close()
  };
}

// ../../work/main/packages/grader/src/score.ts
function formatPoints(cents) {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  const whole = Math.floor(abs / 100);
  const frac = abs % 100;
  if (frac === 0) return `${sign}${whole}`;
  return `${sign}${whole}.${String(frac).padStart(2, "0").replace(/0$/, "")}`;
}
function scoreTests(manifest, outcomes, steps) {
  const tests = [];
  const stepScores = [];
  manifest.steps.forEach((step, stepIndex) => {
    if (steps !== void 0 && !steps.includes(step.id)) return;
    const mine = outcomes.filter((o) => o.steps.includes(step.id));
    if (mine.length === 0) return;
    const total = step.points * 100;
    const base = Math.floor(total / mine.length);
    let extra = total - base * mine.length;
    let cents = 0;
    mine.forEach((o, i) => {
      const maxCents = base + (extra > 0 ? 1 : 0);
      if (extra > 0) extra--;
      const earned = o.status === "passed" ? maxCents : 0;
      cents += earned;
      const { steps: _steps, ...rest } = o;
      tests.push({ ...rest, step: step.id, number: `${stepIndex + 1}.${i + 1}`, cents: earned, maxCents });
    });
    stepScores.push({ id: step.id, cents, maxCents: total });
  });
  return { tests, steps: stepScores };
}

// ../../work/main/packages/grader/src/write/atomic-write.ts
import { Buffer as Buffer2 } from "node:buffer";
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from "node:fs";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import { basename as basename2, dirname as dirname2, join as join4 } from "node:path";
var counter = 0;
var made = /* @__PURE__ */ new Set();
function writeFileAtomic(path, text, options = {}) {
  const durable = options.durable === true;
  const dir = dirname2(path);
  if (!made.has(dir)) {
    mkdirSync(dir, { recursive: true });
    made.add(dir);
  }
  counter += 1;
  const temp = join4(dir, `.${basename2(path)}.${process.pid}.${counter}.tmp`);
  try {
    const fd = openTemp(temp, dir);
    try {
      const bytes = Buffer2.from(text, "utf8");
      let done = 0;
      while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done);
      if (durable) fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  if (durable) syncFolder(dir);
}
async function writeFileAtomicAsync(path, text) {
  const dir = dirname2(path);
  if (!made.has(dir)) {
    await mkdir(dir, { recursive: true });
    made.add(dir);
  }
  counter += 1;
  const temp = join4(dir, `.${basename2(path)}.${process.pid}.${counter}.tmp`);
  try {
    try {
      await writeFile(temp, text, { flag: "wx" });
    } catch (error) {
      if (error.code !== "ENOENT") throw error;
      await mkdir(dir, { recursive: true });
      await writeFile(temp, text, { flag: "wx" });
    }
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
function openTemp(temp, dir) {
  try {
    return openSync(temp, "wx");
  } catch (error) {
    if (error.code !== "ENOENT") throw error;
    mkdirSync(dir, { recursive: true });
    made.add(dir);
    return openSync(temp, "wx");
  }
}
function syncFolder(dir) {
  let fd;
  try {
    fd = openSync(dir, "r");
    fsyncSync(fd);
  } catch {
  } finally {
    if (fd !== void 0) closeSync(fd);
  }
}

// ../../work/main/packages/grader/src/write/feedback.ts
var MAX_PRINTED_CHARS = 2e3;
var TEXT = {
  en: {
    title: (lab2, student) => `# Feedback: ${lab2} \u2014 ${student}`,
    labLine: (id, version, kinds) => `Lab \`${id}\`, version ${version}; tests: ${kinds}.`,
    kinds: { all: "public and hidden", public: "public only", hidden: "hidden only" },
    total: (earned, max, passed, count) => `**Total: ${earned} / ${max} points** (${passed} of ${count} tests passed)`,
    unreadable: "**Your submission could not be read**, so nothing in it was graded. The notes below say why.",
    compileError: "**Your code does not compile**, so no test could pass. The compiler said:",
    loadError: "**Your code failed to load**, so its tests could not run. The error was:",
    notes: "## Notes on your submission",
    step: (number, title, earned, max) => `## ${number}. ${title} \u2014 ${earned} / ${max} points`,
    labels: (labels) => ` (${labels.join(", ")})`,
    hiddenTest: "hidden test",
    status: { passed: "passed", failed: "failed", error: "error", timeout: "timed out", skipped: "skipped", todo: "not written yet" },
    seeAbove: "Not run: see the error at the top of this page.",
    printed: "What your code printed:",
    cut: (more) => `\u2026 (${more} more characters not shown)`,
    hints: "### Hints"
  },
  zh: {
    title: (lab2, student) => `# \u8BC4\u5206\u53CD\u9988\uFF1A${lab2} \u2014 ${student}`,
    labLine: (id, version, kinds) => `\u5B9E\u9A8C \`${id}\`\uFF0C\u7248\u672C ${version}\uFF1B\u8FD0\u884C\u7684\u6D4B\u8BD5\uFF1A${kinds}\u3002`,
    kinds: { all: "\u516C\u5F00\u6D4B\u8BD5\u548C\u9690\u85CF\u6D4B\u8BD5", public: "\u4EC5\u516C\u5F00\u6D4B\u8BD5", hidden: "\u4EC5\u9690\u85CF\u6D4B\u8BD5" },
    total: (earned, max, passed, count) => `**\u603B\u5206\uFF1A${earned} / ${max} \u5206**\uFF08\u5171 ${count} \u9879\u6D4B\u8BD5\uFF0C\u901A\u8FC7 ${passed} \u9879\uFF09`,
    unreadable: "**\u65E0\u6CD5\u8BFB\u53D6\u4F60\u7684\u63D0\u4EA4**\uFF0C\u56E0\u6B64\u5176\u4E2D\u7684\u5185\u5BB9\u90FD\u6CA1\u6709\u8BC4\u5206\u3002\u539F\u56E0\u89C1\u4E0B\u65B9\u8BF4\u660E\u3002",
    compileError: "**\u4F60\u7684\u4EE3\u7801\u65E0\u6CD5\u7F16\u8BD1**\uFF0C\u56E0\u6B64\u6240\u6709\u6D4B\u8BD5\u90FD\u65E0\u6CD5\u901A\u8FC7\u3002\u7F16\u8BD1\u5668\u7684\u62A5\u9519\u5982\u4E0B\uFF1A",
    loadError: "**\u4F60\u7684\u4EE3\u7801\u52A0\u8F7D\u5931\u8D25**\uFF0C\u56E0\u6B64\u6D4B\u8BD5\u65E0\u6CD5\u8FD0\u884C\u3002\u9519\u8BEF\u4FE1\u606F\u5982\u4E0B\uFF1A",
    notes: "## \u5173\u4E8E\u4F60\u7684\u63D0\u4EA4\u7684\u8BF4\u660E",
    step: (number, title, earned, max) => `## ${number}. ${title} \u2014 ${earned} / ${max} \u5206`,
    labels: (labels) => `\uFF08${labels.join("\uFF0C")}\uFF09`,
    hiddenTest: "\u9690\u85CF\u6D4B\u8BD5",
    status: { passed: "\u901A\u8FC7", failed: "\u672A\u901A\u8FC7", error: "\u51FA\u9519", timeout: "\u8D85\u65F6", skipped: "\u5DF2\u8DF3\u8FC7", todo: "\u5C1A\u672A\u7F16\u5199" },
    seeAbove: "\u672A\u8FD0\u884C\uFF1A\u539F\u56E0\u89C1\u672C\u9875\u9876\u90E8\u7684\u9519\u8BEF\u4FE1\u606F\u3002",
    printed: "\u4F60\u7684\u4EE3\u7801\u8F93\u51FA\u4E86\uFF1A",
    cut: (more) => `\u2026\uFF08\u53E6\u6709 ${more} \u4E2A\u5B57\u7B26\u672A\u663E\u793A\uFF09`,
    hints: "### \u63D0\u793A"
  }
};
function feedbackMarkdown(g, manifest, lang) {
  const t = TEXT[lang];
  const passed = g.tests.filter((x) => x.status === "passed").length;
  const out = [
    t.title(escapeMarkdown(manifest.title[lang]), escapeMarkdown(g.student)),
    "",
    t.labLine(manifest.id, escapeMarkdown(g.labVersion), t.kinds[g.kinds]),
    "",
    t.total(formatPoints(g.cents), formatPoints(g.maxCents), passed, g.tests.length),
    ""
  ];
  const error = g.compileError !== "" ? g.compileError : g.loadError;
  if (g.status === "unreadable") out.push(t.unreadable, "");
  else if (error !== "") out.push(g.compileError !== "" ? t.compileError : t.loadError, "", ...fenced(cut(error, t), ""), "");
  if (g.notes.length > 0) out.push(t.notes, "", ...fenced(g.notes.join("\n"), ""), "");
  manifest.steps.forEach((step, index) => {
    const score = g.steps.find((s) => s.id === step.id);
    if (score === void 0) return;
    out.push(t.step(index + 1, escapeMarkdown(step.title[lang]), formatPoints(score.cents), formatPoints(score.maxCents)), "");
    for (const test of g.tests.filter((x) => x.step === step.id)) out.push(...testLines(test, error, t));
    if (out.at(-1) !== "") out.push("");
    if (score.cents < score.maxCents) {
      out.push(t.hints, "");
      step.hints.forEach((hint, i) => {
        out.push(`${i + 1}. ${hint[lang].replaceAll("\n", "\n   ")}`);
      });
      out.push("");
    }
  });
  return `${out.join("\n").trimEnd()}
`;
}
function testLines(test, error, t) {
  const ok = test.status === "passed";
  const labels = [];
  if (test.visibility === "hidden") labels.push(t.hiddenTest);
  if (test.status !== "passed" && test.status !== "failed") labels.push(t.status[test.status]);
  const lines = [`- ${ok ? "\u2713" : "\u2717"} ${escapeMarkdown(test.name)}${labels.length > 0 ? t.labels(labels) : ""}`];
  if (ok) return lines;
  lines.push("");
  if (error !== "" && test.message.includes(error)) lines.push(`  ${t.seeAbove}`, "");
  else if (test.message !== "") lines.push(...fenced(cut(test.message, t), "  "), "");
  if (test.output !== "") lines.push(`  ${t.printed}`, "", ...fenced(cut(test.output, t), "  "), "");
  return lines;
}
function cut(text, t) {
  const chars = Array.from(text);
  if (chars.length <= MAX_PRINTED_CHARS) return text;
  return `${chars.slice(0, MAX_PRINTED_CHARS).join("")}
${t.cut(chars.length - MAX_PRINTED_CHARS)}`;
}
function fenced(text, indent) {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(Math.max(3, longest + 1));
  const body = text.replace(/\n$/, "").split("\n");
  return [`${indent}${fence}text`, ...body.map((line) => line === "" ? "" : `${indent}${line}`), `${indent}${fence}`];
}
function escapeMarkdown(text) {
  return text.replace(/[\\`*_[\]<]/g, "\\$&").replace(/[\r\n]+/g, " ");
}

// ../../work/main/packages/grader/src/write/gradebook.ts
import { Buffer as Buffer3 } from "node:buffer";
function gradebookCsv(all, manifest, kinds) {
  const header = ["student", "total", "max", ...manifest.steps.map((s) => s.id)];
  const rows = [...all].sort((a, b) => Buffer3.compare(Buffer3.from(a.student, "utf8"), Buffer3.from(b.student, "utf8")));
  const lines = [header.map(csvField).join(",")];
  for (const g of rows) {
    if (g.kinds !== kinds) {
      throw new Error(`grades.csv: "${g.student}" was graded with --tests ${g.kinds}, this run with --tests ${kinds}; grade it again (without --resume)`);
    }
    const byStep = new Map(g.steps.map((s) => [s.id, s.cents]));
    const cells = manifest.steps.map((s) => {
      const cents = byStep.get(s.id);
      return cents === void 0 ? "" : formatPoints(cents);
    });
    lines.push([g.student, formatPoints(g.cents), formatPoints(g.maxCents), ...cells].map(csvField).join(","));
  }
  return `${lines.join("\n")}
`;
}
function csvField(value) {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

// ../../work/main/packages/grader/src/write/gradescope.ts
function gradescopeResults(g, manifest) {
  const passed = g.tests.filter((t) => t.status === "passed").length;
  let summary = `${formatPoints(g.cents)} / ${formatPoints(g.maxCents)} points: ${passed} of ${g.tests.length} tests passed.`;
  if (g.status === "unreadable") summary += " The submission could not be read.";
  else if (g.compileError !== "") summary += " Your code does not compile.";
  else if (g.loadError !== "") summary += " Your code failed to load.";
  return {
    score: g.cents / 100,
    output: [summary, ...g.notes.map((n) => `- ${n}`)].join("\n"),
    visibility: "visible",
    stdout_visibility: "hidden",
    extra_data: { lab: manifest.id, lab_version: g.labVersion, tests: g.kinds, status: g.status, submission_hash: g.hash },
    tests: g.tests.map(gradescopeTest)
  };
}
function gradescopeTest(t) {
  const reason = t.status === "passed" ? t.message : t.message || `(${t.status})`;
  const printed = t.output === "" ? "" : `What your code printed:
${t.output}`;
  return {
    name: `[${t.step}] ${t.name}`,
    number: t.number,
    score: t.cents / 100,
    max_score: t.maxCents / 100,
    status: t.status === "passed" ? "passed" : "failed",
    output: [reason, printed].filter((s) => s !== "").join("\n\n"),
    visibility: t.visibility === "public" ? "visible" : "after_published",
    tags: [t.step]
  };
}
function toJson(value) {
  return `${JSON.stringify(value, null, 2)}
`;
}

// ../../work/main/packages/grader/src/write/summary.ts
import { Buffer as Buffer4 } from "node:buffer";
var SLOWEST_SHOWN = 5;
var SUMMARY_COLUMNS = 80;
var BAR_WIDTH = 50;
var byBytes = (a, b) => Buffer4.compare(Buffer4.from(a, "utf8"), Buffer4.from(b, "utf8"));
function meanPoints(cents) {
  if (cents.length === 0) return null;
  return Math.round(cents.reduce((s, c) => s + c, 0) / cents.length) / 100;
}
function medianPoints(cents) {
  const sorted = [...cents].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return null;
  if (sorted.length % 2 === 1) return sorted[mid] / 100;
  return Math.round((sorted[mid - 1] + sorted[mid]) / 2) / 100;
}
function bucketOf(cents, maxCents) {
  if (maxCents <= 0) return 9;
  return Math.min(9, Math.max(0, Math.floor(cents * 10 / maxCents)));
}
function summarize(all, manifest, timing, errors) {
  const totals = all.map((g) => g.cents);
  const steps = manifest.steps.map((step) => {
    const scores = all.flatMap((g) => g.steps.filter((s) => s.id === step.id));
    const histogram = new Array(10).fill(0);
    for (const s of scores) histogram[bucketOf(s.cents, s.maxCents)] += 1;
    return { id: step.id, max: step.points, graded: scores.length, mean: meanPoints(scores.map((s) => s.cents)), histogram };
  });
  const slowest = [...timing].map(([student, ms]) => ({ student, ms: Math.round(ms) })).sort((a, b) => b.ms - a.ms || byBytes(a.student, b.student)).slice(0, SLOWEST_SHOWN);
  return {
    lab: manifest.id,
    count: all.length + errors.length,
    graded: all.filter((g) => g.status === "graded").length,
    unreadable: all.filter((g) => g.status === "unreadable").length,
    errors: [...errors].sort((a, b) => byBytes(a.student, b.student)).map(({ student, reason }) => ({ student, reason })),
    max: Math.max(0, ...all.map((g) => g.maxCents)) / 100,
    mean: meanPoints(totals),
    median: medianPoints(totals),
    steps,
    slowest
  };
}
function fit(line) {
  const clean = Array.from(line.replace(/\p{Cc}/gu, "?"));
  return clean.length <= SUMMARY_COLUMNS ? clean.join("") : `${clean.slice(0, SUMMARY_COLUMNS - 1).join("")}\u2026`;
}
function points(value) {
  return value === null ? "-" : formatPoints(Math.round(value * 100));
}
function formatSummary(s) {
  const lines = [];
  const counts = [`${s.graded} graded`];
  if (s.unreadable > 0) counts.push(`${s.unreadable} unreadable`);
  if (s.errors.length > 0) counts.push(`${s.errors.length} not graded`);
  lines.push(`${s.lab}: ${s.count} submission${s.count === 1 ? "" : "s"}: ${counts.join(", ")}`);
  lines.push(`total of ${points(s.max)} points: mean ${points(s.mean)}, median ${points(s.median)}`);
  s.steps.forEach((step, i) => {
    lines.push("", `${i + 1}. ${step.id} (${step.max} points): mean ${points(step.mean)} over ${step.graded}`);
    const top = Math.max(1, ...step.histogram);
    step.histogram.forEach((n, b) => {
      const label = `${b * 10}-${b * 10 + 10}%`.padStart(9);
      const bar = n === 0 ? "" : "#".repeat(Math.max(1, Math.round(n / top * BAR_WIDTH)));
      lines.push(`  ${label} |${bar.padEnd(BAR_WIDTH)}  ${n}`);
    });
  });
  if (s.errors.length > 0) {
    lines.push("", "not graded (the grader failed, not the submission):");
    for (const e of s.errors) lines.push(`  ${e.student}: ${e.reason.split("\n")[0]}`);
  }
  if (s.slowest.length > 0) {
    const width = Math.min(30, Math.max(...s.slowest.map((x) => x.student.length)));
    const msWidth = Math.max(...s.slowest.map((x) => String(x.ms).length));
    lines.push("", "slowest:");
    for (const x of s.slowest) lines.push(`  ${x.student.padEnd(width)}  ${String(x.ms).padStart(msWidth)} ms`);
  }
  return `${lines.map(fit).join("\n")}
`;
}

// ../../work/main/packages/grader/src/grade.ts
function gradeRecord(lab2, runner, kinds, s, report) {
  const outcomes = report?.tests ?? runner.canonical.map((t) => ({
    file: t.file,
    name: t.name,
    steps: lab2.manifest.steps.filter((st) => st.public.includes(t.file) || st.hidden.includes(t.file)).map((st) => st.id),
    visibility: lab2.manifest.steps.some((st) => st.public.includes(t.file)) ? "public" : "hidden",
    status: "error",
    message: `not graded: ${s.unreadable ?? "unknown reason"}`,
    output: "",
    durationMs: 0
  }));
  const { tests, steps } = scoreTests(lab2.manifest, outcomes);
  const notes = [...s.notes];
  return {
    student: s.student,
    lab: lab2.manifest.id,
    labVersion: lab2.version,
    hash: s.hash,
    kinds,
    status: report === void 0 ? "unreadable" : "graded",
    cents: steps.reduce((a, st) => a + st.cents, 0),
    maxCents: steps.reduce((a, st) => a + st.maxCents, 0),
    steps,
    tests,
    notes,
    compileError: report?.compileError ?? "",
    loadError: report?.loadError ?? ""
  };
}
function safeName(student) {
  if (student.length === 0 || student.length > 200 || /[/\\\u0000-\u001f]/.test(student) || student === "." || student === "..") {
    return `the student id "${student}" cannot be used as a file name`;
  }
  return void 0;
}
async function gradeBatch(options) {
  const { lab: lab2, outDir, kinds } = options;
  const log = options.log ?? ((line) => process.stderr.write(`${line}
`));
  const collected = collectSubmissions(options.submissionsDir, lab2.manifest);
  for (const line of collected.ignored) log(`grade: ignored ${line}`);
  const runner = await createRunner(lab2, { kinds, jobs: options.jobs, limits: options.limits });
  const setup = createHash4("sha256").update(JSON.stringify({ lab: lab2.manifest.id, version: lab2.version, kinds, limits: runner.limits, tests: runner.canonical })).digest("hex");
  const errors = [];
  const timing = /* @__PURE__ */ new Map();
  const graded = /* @__PURE__ */ new Map();
  const statePath = (student) => join5(outDir, ".state", `${student}.json`);
  const todo = [];
  for (const s of collected.submissions) {
    const bad = safeName(s.student);
    if (bad !== void 0) {
      errors.push({ student: s.student, reason: bad });
      continue;
    }
    if (options.resume && existsSync3(statePath(s.student))) {
      try {
        const state = JSON.parse(readFileSync4(statePath(s.student), "utf8"));
        if (state.setup === setup && state.hash === s.hash) {
          graded.set(s.student, state.graded);
          timing.set(s.student, state.ms);
          continue;
        }
      } catch {
      }
    }
    todo.push(s);
  }
  const writes = [];
  const progress = createProgress({ total: collected.submissions.length, already: collected.submissions.length - todo.length });
  let next = 0;
  const worker = async () => {
    for (; ; ) {
      const s = todo[next++];
      if (s === void 0) return;
      const started = Date.now();
      const report = s.unreadable === void 0 ? await runner.run(s.files) : void 0;
      if (report?.machinery !== void 0) {
        errors.push({ student: s.student, reason: `the grader failed (nothing was recorded): ${report.machinery}` });
        progress.tick(true);
        continue;
      }
      const g = gradeRecord(lab2, runner, kinds, s, report);
      const ms = Date.now() - started;
      writes.push(
        Promise.all([
          writeFileAtomicAsync(join5(outDir, "results", `${s.student}.json`), toJson(gradescopeResults(g, lab2.manifest))),
          writeFileAtomicAsync(join5(outDir, "feedback", `${s.student}.md`), feedbackMarkdown(g, lab2.manifest, "en")),
          writeFileAtomicAsync(join5(outDir, "feedback", `${s.student}.zh-CN.md`), feedbackMarkdown(g, lab2.manifest, "zh"))
        ]).then(() => writeFileAtomicAsync(statePath(s.student), JSON.stringify({ setup, hash: s.hash, graded: g, ms })))
      );
      graded.set(s.student, g);
      timing.set(s.student, ms);
      if (g.status === "unreadable") errors.push({ student: s.student, reason: s.unreadable ?? "unreadable" });
      progress.tick(g.status === "unreadable");
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, options.jobs * 2) }, () => worker()));
  } finally {
    await runner.close();
    await Promise.all(writes);
  }
  progress.done();
  for (const s of collected.submissions) {
    if (s.unreadable !== void 0 && graded.has(s.student) && !errors.some((e) => e.student === s.student)) {
      errors.push({ student: s.student, reason: s.unreadable });
    }
  }
  const all = collected.submissions.map((s) => graded.get(s.student)).filter((g) => g !== void 0);
  errors.sort((a, b) => a.student < b.student ? -1 : a.student > b.student ? 1 : 0);
  writeFileAtomic(join5(outDir, "grades.csv"), gradebookCsv(all, lab2.manifest, kinds), { durable: true });
  const summary = summarize(all, lab2.manifest, timing, errors);
  const { slowest, ...deterministic } = summary;
  writeFileAtomic(join5(outDir, "summary.json"), toJson(deterministic), { durable: true });
  writeFileAtomic(join5(outDir, "timing.json"), toJson({ slowest, ms: Object.fromEntries([...timing].sort(([a], [b]) => a < b ? -1 : 1)) }));
  const summaryText = formatSummary(summary);
  return { exitCode: errors.length === 0 ? 0 : 1, summaryText, graded: all, errors };
}

// gb4.ts
import { mkdirSync as mkdirSync2, writeFileSync, readFileSync as readFileSync5, rmSync as rmSync2 } from "node:fs";
var labDir = "/work/main/packages/grader/test/fixtures/labs/adder";
var lab = loadLab(labDir);
var sol = readFileSync5(labDir + "/solution/src/adder.ts", "utf8");
rmSync2("/tmp/gbsubs", { recursive: true, force: true });
for (let i = 0; i < 600; i++) {
  mkdirSync2(`/tmp/gbsubs/s${i}/src`, { recursive: true });
  writeFileSync(`/tmp/gbsubs/s${i}/src/adder.ts`, sol);
}
rmSync2("/tmp/gbout", { recursive: true, force: true });
for (const round of [1, 2, 3]) {
  rmSync2("/tmp/gbout", { recursive: true, force: true });
  const t = performance.now();
  await gradeBatch({ lab, submissionsDir: "/tmp/gbsubs", outDir: "/tmp/gbout", jobs: 2, resume: false, kinds: "all", limits: {}, log: () => {
  } });
  console.log("gradeBatch per second", (600 / ((performance.now() - t) / 1e3)).toFixed(0));
}
