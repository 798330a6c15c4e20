import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ArchiveError } from './errors.ts';
import { DEFAULT_ARCHIVE_LIMITS } from './params.ts';
import { bytes, rawZip } from './testing/craft.ts';
import { encodeZip, readZip } from './zip.ts';

/** The message of the ArchiveError that `run` throws; fails the test on any other outcome. */
function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof ArchiveError) return error.message;
    throw error;
  }
  throw new Error('expected an ArchiveError, but nothing was thrown');
}

const read = (zip: Uint8Array) => readZip(zip, 'a.zip');
const refuse = (zip: Uint8Array) => refusal(() => read(zip));

describe('encodeZip', () => {
  it('round-trips files through readZip, including Chinese names and empty files', () => {
    const files = new Map<string, Uint8Array>([
      ['src/实验.ts', bytes('export const 实验 = 1;\n'.repeat(50))],
      ['empty.txt', new Uint8Array(0)],
      ['bin/random', Uint8Array.from({ length: 1000 }, (_, i) => (i * 7919) % 251)],
    ]);
    expect(read(encodeZip(files))).toEqual({ files, skipped: [] });
    expect(read(encodeZip([]))).toEqual({ files: new Map(), skipped: [] });
  });

  it('writes fixed metadata: deflate, UTF-8 flag, 1980-01-01 00:00, made by Unix, mode 0644', () => {
    const zip = encodeZip([['a.ts', bytes('x')]]);
    const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
    expect(view.getUint16(6, true)).toBe(0x0800);
    expect(view.getUint16(8, true)).toBe(8);
    expect(view.getUint16(10, true)).toBe(0);
    expect(view.getUint16(12, true)).toBe((1 << 5) | 1);
    const central = zip.length - 22 - 46 - 4;
    expect(view.getUint32(central, true)).toBe(0x02014b50);
    expect(view.getUint16(central + 4, true)).toBe(0x0314);
    expect(view.getUint32(central + 38, true) >>> 16).toBe(0o100644);
  });

  it('refuses to store an unsafe, unnormalized or repeated path', () => {
    const data = new Uint8Array(0);
    expect(refusal(() => encodeZip([['../evil.ts', data]]))).toBe("new zip archive: cannot store '../evil.ts': path has a '..' segment");
    expect(refusal(() => encodeZip([['C:\\x.ts', data]]))).toBe("new zip archive: cannot store 'C:\\\\x.ts': path is absolute");
    expect(refusal(() => encodeZip([['src//a.ts', data]]))).toBe(
      "new zip archive: cannot store 'src//a.ts': path is not normalized; write it as 'src/a.ts'",
    );
    expect(refusal(() => encodeZip([['a.ts', data], ['a.ts', data]]))).toBe("new zip archive: cannot store 'a.ts' twice");
  });

  it('refuses 65535 files, which only zip64 can count', () => {
    const many = Array.from({ length: 0xffff }, (_, i) => [`f${i}`, new Uint8Array(0)] as const);
    expect(refusal(() => encodeZip(many))).toBe('new zip archive: is too large for a zip without zip64 (65535 files or 4 GiB)');
  });
});

describe('readZip: entries', () => {
  it('reads stored and deflated entries, and entries whose sizes are in a data descriptor', () => {
    const zip = rawZip([
      { name: 'stored.ts', data: 'S' },
      { name: 'deflated.ts', data: 'D'.repeat(100), method: 8 },
      { name: 'described.ts', data: 'X'.repeat(100), method: 8, descriptor: true },
      { name: 'after.ts', data: 'after' },
    ]);
    expect(read(zip).files).toEqual(
      new Map([
        ['stored.ts', bytes('S')],
        ['deflated.ts', bytes('D'.repeat(100))],
        ['described.ts', bytes('X'.repeat(100))],
        ['after.ts', bytes('after')],
      ]),
    );
  });

  it('skips every kind of unsafe path with its reason', () => {
    const zip = rawZip([
      { name: '../evil.ts', data: 'e' },
      { name: 'src/../../evil.ts', data: 'e' },
      { name: '/etc/passwd', data: 'e' },
      { name: 'C:\\Windows\\evil.ts', data: 'e' },
      { name: 'C:/Windows/evil.ts', data: 'e' },
      { name: 'src\\a.ts', data: 'e' },
      { name: 'a\0.ts', data: 'e' },
      { name: 'a\n.ts', data: 'e' },
      { name: 'evil\u202esj.ts', data: 'e' },
      { name: Uint8Array.from([0x72, 0xe9, 0x73, 0x75, 0x6d, 0xe9, 0x2e, 0x74, 0x73]), data: 'e' },
      { name: './', data: 'e', mode: 0o100644 },
      { name: './/.', data: 'e' },
      { name: `${'d/'.repeat(2100)}x`, data: 'e' },
      { name: './ok//fine.ts', data: 'ok' },
    ]);
    expect(read(zip)).toEqual({
      files: new Map([['ok/fine.ts', bytes('ok')]]),
      skipped: [
        { name: '../evil.ts', reason: "path has a '..' segment" },
        { name: 'src/../../evil.ts', reason: "path has a '..' segment" },
        { name: '/etc/passwd', reason: 'path is absolute' },
        { name: 'C:\\\\Windows\\\\evil.ts', reason: 'path is absolute' },
        { name: 'C:/Windows/evil.ts', reason: 'path is absolute' },
        { name: 'src\\\\a.ts', reason: 'path contains a backslash' },
        { name: 'a\\x00.ts', reason: 'path contains control character U+0000' },
        { name: 'a\\x0a.ts', reason: 'path contains control character U+000A' },
        { name: 'evil\\u202esj.ts', reason: 'path contains control character U+202E' },
        { name: 'r\\xe9sum\\xe9.ts', reason: 'name is not valid UTF-8' },
        { name: './/.', reason: 'path is empty after normalizing' },
        { name: `${'d/'.repeat(2100)}x`, reason: 'path is 4201 bytes long, over the 4096-byte limit' },
      ],
    });
  });

  it('skips links, devices, FIFOs and sockets by their Unix mode, and ignores folders', () => {
    const zip = rawZip([
      { name: 'src/', mode: 0o040755 },
      { name: 'folder-by-mode', mode: 0o040755 },
      { name: 'folder-by-dos-attribute', madeBy: 0x0014, external: 0x10 },
      { name: 'dos-file.ts', madeBy: 0x0014, external: 0x20, data: 'dos' },
      { name: 'no-type-bits.ts', mode: 0o644, data: 'plain' },
      { name: 'link.ts', mode: 0o120777, data: '/etc/passwd' },
      { name: 'tty', mode: 0o020644 },
      { name: 'sda', mode: 0o060644 },
      { name: 'fifo', mode: 0o010644 },
      { name: 'socket', mode: 0o140644 },
      { name: 'whiteout', mode: 0o160644 },
    ]);
    expect(read(zip)).toEqual({
      files: new Map([
        ['dos-file.ts', bytes('dos')],
        ['no-type-bits.ts', bytes('plain')],
      ]),
      skipped: [
        { name: 'link.ts', reason: 'is a symbolic link' },
        { name: 'tty', reason: 'is a character device' },
        { name: 'sda', reason: 'is a block device' },
        { name: 'fifo', reason: 'is a FIFO (named pipe)' },
        { name: 'socket', reason: 'is a socket' },
        { name: 'whiteout', reason: 'is of an unsupported type (Unix mode 0o160644)' },
      ],
    });
  });

  it('keeps the first of two files with one path, and refuses a path that is both a file and a folder', () => {
    const zip = rawZip([
      { name: 'src/a.ts', data: 'first' },
      { name: 'src//a.ts', data: 'second' },
      { name: 'src/a.ts/inner.ts', data: 'under a file' },
      { name: 'lib/x.ts', data: 'x' },
      { name: 'lib', data: 'over a folder' },
    ]);
    expect(read(zip)).toEqual({
      files: new Map([
        ['src/a.ts', bytes('first')],
        ['lib/x.ts', bytes('x')],
      ]),
      skipped: [
        { name: 'src//a.ts', reason: "duplicates the earlier file 'src/a.ts'" },
        { name: 'src/a.ts/inner.ts', reason: "conflicts with the earlier file 'src/a.ts' (a path cannot be both a file and a folder)" },
        { name: 'lib', reason: "conflicts with the earlier file 'lib/x.ts' (a path cannot be both a file and a folder)" },
      ],
    });
  });

  it('skips a file over maxFileBytes without inflating it', () => {
    const zip = rawZip([
      { name: 'big.bin', method: 8, size: 300_000, compressed: Uint8Array.of(0xff, 0xff) },
      { name: 'small.ts', data: 's' },
    ]);
    expect(read(zip)).toEqual({
      files: new Map([['small.ts', bytes('s')]]),
      skipped: [{ name: 'big.bin', reason: 'is 300000 bytes, over the 262144-byte limit per file' }],
    });
  });
});

describe('readZip: refusals', () => {
  const one = rawZip([{ name: 'a.ts', data: 'A' }]);

  it('refuses a file without a valid end record', () => {
    const expected = 'a.zip: has no valid end-of-central-directory record; the file is truncated or is not a zip archive';
    expect(refuse(one.subarray(0, one.length - 1))).toBe(expected);
    expect(refuse(new Uint8Array([0x50, 0x4b, 0x05, 0x06]))).toBe(expected);
    expect(refuse(rawZip([{ name: 'a.ts' }], { comment: 'hi' }).subarray(0, -1))).toBe(expected);
  });

  it('reads an end record followed by its comment', () => {
    expect([...read(rawZip([{ name: 'a.ts' }], { comment: 'PK\u0005\u0006 looks like a record' })).files.keys()]).toEqual(['a.ts']);
  });

  it('refuses zip64 and split archives', () => {
    const zip64 = 'a.zip: uses zip64, which is not supported; submit an archive under 4 GiB with fewer than 65535 entries';
    expect(refuse(rawZip([{ name: 'a.ts' }], { zip64Locator: true }))).toBe(zip64);
    expect(refuse(rawZip([{ name: 'a.ts', size: 0xffffffff }]))).toBe(
      "a.zip: entry 'a.ts' uses zip64, which is not supported; submit an archive under 4 GiB with fewer than 65535 entries",
    );
    expect(refuse(rawZip([{ name: 'a.ts', extra: Uint8Array.of(1, 0, 0, 0) }]))).toBe(
      "a.zip: entry 'a.ts' uses zip64, which is not supported; submit an archive under 4 GiB with fewer than 65535 entries",
    );
    expect(refuse(rawZip([{ name: 'a.ts' }], { disk: 1 }))).toBe('a.zip: spans several disks (a split zip), which is not supported');
  });

  it('refuses a central directory outside the file, or corrupt', () => {
    expect(refuse(rawZip([{ name: 'a.ts', data: 'A' }], { cdOffsetError: 10 }))).toBe(
      'a.zip: central directory at bytes 45..95 lies outside the file (it must end by byte 85)',
    );
    const corrupt = Uint8Array.from(one);
    corrupt[35] = 0; // first byte of the central signature
    expect(refuse(corrupt)).toBe('a.zip: central directory entry 0 (at byte 35) is corrupt');
  });

  it('refuses a local header outside the file, or not matching the central directory', () => {
    const zip = rawZip([{ name: 'a.ts', data: 'A' }]);
    const far = Uint8Array.from(zip);
    new DataView(far.buffer).setUint32(35 + 42, 1000, true);
    expect(refuse(far)).toBe("a.zip: entry 'a.ts' points at a local header at byte 1000, past the start of the central directory (byte 35)");
    const cases: [Parameters<typeof rawZip>[0][0], string][] = [
      [{ name: 'a.ts', localName: 'b.ts' }, 'name'],
      [{ name: 'a.ts', method: 8, localMethod: 0 }, 'method'],
    ];
    for (const [entry, field] of cases) {
      expect(refuse(rawZip([entry]))).toBe(
        `a.zip: entry 'a.ts' has a local header (at byte 0) whose ${field} does not match the central directory; the archive is corrupt`,
      );
    }
    const badSignature = Uint8Array.from(zip);
    badSignature[3] = 0;
    const badCrc = Uint8Array.from(zip);
    badCrc[14]! ^= 1;
    const badSize = Uint8Array.from(zip);
    badSize[22] = 9;
    const badCompressedSize = Uint8Array.from(zip);
    badCompressedSize[18] = 9;
    for (const [flawed, field] of [
      [badSignature, 'signature'],
      [badCrc, 'CRC-32'],
      [badCompressedSize, 'compressed size'],
      [badSize, 'size'],
    ] as const) {
      expect(refuse(flawed)).toBe(
        `a.zip: entry 'a.ts' has a local header (at byte 0) whose ${field} does not match the central directory; the archive is corrupt`,
      );
    }
  });

  it('refuses data running into the central directory, and overlapping entries', () => {
    expect(refuse(rawZip([{ name: 'a.ts', data: 'A', compressedSize: 5, size: 5 }]))).toBe(
      "a.zip: entry 'a.ts' has data (bytes 34..39) running into the central directory; the archive is corrupt",
    );
    expect(refuse(rawZip([{ name: 'a.ts', data: 'A' }, { name: 'a.ts', data: 'A', sameLocalAs: 0 }]))).toBe(
      "a.zip: entries 'a.ts' and 'a.ts' overlap; the archive is corrupt or a zip bomb",
    );
  });

  it('refuses encrypted entries and unsupported methods, naming the method', () => {
    expect(refuse(rawZip([{ name: 'a.ts', flags: 0x0001 }]))).toBe("a.zip: entry 'a.ts' is encrypted; submit an archive without a password");
    expect(refuse(rawZip([{ name: 'a.ts', method: 99 }]))).toBe("a.zip: entry 'a.ts' is encrypted; submit an archive without a password");
    expect(refuse(rawZip([{ name: 'a.ts', method: 12 }]))).toBe(
      "a.zip: entry 'a.ts' uses compression method 12 (bzip2); only stored (0) and deflate (8) are supported",
    );
    expect(refuse(rawZip([{ name: 'a.ts', method: 77 }]))).toBe(
      "a.zip: entry 'a.ts' uses compression method 77 (unknown); only stored (0) and deflate (8) are supported",
    );
    expect(refuse(rawZip([{ name: 'a.ts', data: 'AB', size: 3 }]))).toBe(
      "a.zip: entry 'a.ts' is stored but its sizes differ (2 compressed, 3 uncompressed); the archive is corrupt",
    );
  });

  it('refuses corrupt deflate data, data that inflates to another size, and a CRC-32 mismatch', () => {
    expect(refuse(rawZip([{ name: 'a.ts', method: 8, size: 1, compressed: Uint8Array.of(0xff, 0xff) }]))).toBe(
      "a.zip: entry 'a.ts' has corrupt deflate data (zlib: invalid block type); the archive is corrupt",
    );
    expect(refuse(rawZip([{ name: 'a.ts', method: 8, data: 'hello', size: 4 }]))).toBe(
      "a.zip: entry 'a.ts' inflates to more than its declared 4 bytes; the archive is corrupt or a zip bomb",
    );
    expect(refuse(rawZip([{ name: 'a.ts', method: 8, data: 'hello', size: 6 }]))).toBe(
      "a.zip: entry 'a.ts' inflates to 5 bytes, not its declared 6; the archive is corrupt",
    );
    expect(refuse(rawZip([{ name: 'a.ts', data: 'hello', crc: 0x1234abcd }]))).toBe(
      "a.zip: entry 'a.ts' fails its CRC-32 check (stored 1234abcd, computed 3610a686); the archive is corrupt",
    );
  });

  it('stops a deflate bomb at the declared size', () => {
    const bomb = new Uint8Array(deflateRawSync(new Uint8Array(50_000_000)));
    expect(refuse(rawZip([{ name: 'bomb', method: 8, size: 1000, compressed: bomb }]))).toBe(
      "a.zip: entry 'bomb' inflates to more than its declared 1000 bytes; the archive is corrupt or a zip bomb",
    );
  });

  it('refuses more entries than maxEntries, and more bytes of files than maxTotalBytes', () => {
    const zip = rawZip([{ name: 'd/' }, { name: 'a', data: 'aaaa' }, { name: 'b', data: 'bbbb' }]);
    expect(refusal(() => readZip(zip, 'a.zip', { ...DEFAULT_ARCHIVE_LIMITS, maxEntries: 2 }))).toBe(
      'a.zip: has more than 2 entries (the limit); submit only the lab files',
    );
    expect(refusal(() => readZip(zip, 'a.zip', { ...DEFAULT_ARCHIVE_LIMITS, maxTotalBytes: 7 }))).toBe(
      'a.zip: holds more than 7 bytes of files (the limit); submit only the lab files',
    );
  });
});
