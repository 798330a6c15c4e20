import { describe, expect, it } from 'vitest';
import { ArchiveError } from './errors.ts';
import { DEFAULT_ARCHIVE_LIMITS } from './params.ts';
import { encodeTar, readTar } from './tar.ts';
import { bytes, concat, paxData, rawTar } from './testing/craft.ts';

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

/** The sum a tar header's checksum field should hold. */
function headerSum(header: Uint8Array): number {
  return header.reduce((total, byte, i) => total + (i >= 148 && i < 156 ? 0x20 : byte), 0);
}

const read = (tar: Uint8Array) => readTar(tar, 'a.tar');
const fileText = (tar: Uint8Array, path: string) => new TextDecoder().decode(read(tar).files.get(path));

describe('encodeTar', () => {
  it('round-trips files through readTar: Chinese names, a 150-character path, sizes around a block', () => {
    const longPath = `src/${'deep/'.repeat(28)}x.ts`;
    expect(longPath.length).toBeGreaterThan(140);
    const files = new Map<string, Uint8Array>([
      ['src/实验.ts', bytes('export const 实验 = 1;\n')],
      [longPath, bytes('long\n')],
      ['empty.txt', new Uint8Array(0)],
      ['b511', new Uint8Array(511).fill(1)],
      ['b512', new Uint8Array(512).fill(2)],
      ['b513', new Uint8Array(513).fill(3)],
    ]);
    expect(read(encodeTar(files))).toEqual({ files, skipped: [] });
  });

  it('writes fixed metadata: mode 0644, uid and gid 0, mtime 0, no user or group names', () => {
    const header = encodeTar([['a.ts', bytes('x')]]).subarray(0, 512);
    const field = (from: number, to: number) => new TextDecoder().decode(header.subarray(from, to));
    expect(field(0, 100)).toBe(`a.ts${'\0'.repeat(96)}`);
    expect(field(100, 108)).toBe('0000644\0');
    expect(field(108, 116)).toBe('0000000\0');
    expect(field(116, 124)).toBe('0000000\0');
    expect(field(124, 136)).toBe('00000000001\0');
    expect(field(136, 148)).toBe('00000000000\0');
    expect(field(148, 156)).toBe(`${headerSum(header).toString(8).padStart(6, '0')}\0 `);
    expect(field(156, 157)).toBe('0');
    expect(field(257, 265)).toBe('ustar\u000000');
    expect(field(265, 329)).toBe('\0'.repeat(64));
  });

  it('puts a non-ASCII or long path in a pax header named ././@PaxHeader', () => {
    const tar = encodeTar([['src/实验.ts', bytes('x')]]);
    expect(String.fromCharCode(tar[156]!)).toBe('x');
    expect(new TextDecoder().decode(tar.subarray(0, 14))).toBe('././@PaxHeader');
    expect(new TextDecoder().decode(tar.subarray(512, 512 + 22))).toBe('22 path=src/实验.ts\n'); // 22 bytes: 实验 is 6
  });

  it('ends with two zero blocks and pads data to 512 bytes', () => {
    const tar = encodeTar([['a.ts', bytes('x')]]);
    expect(tar.length).toBe(512 + 512 + 1024);
    expect(tar.subarray(1024).every((byte) => byte === 0)).toBe(true);
  });

  it('refuses to store an unsafe, unnormalized or repeated path', () => {
    const data = new Uint8Array(0);
    expect(refusal(() => encodeTar([['../evil.ts', data]]))).toBe("new tar archive: cannot store '../evil.ts': path has a '..' segment");
    expect(refusal(() => encodeTar([['/etc/passwd', data]]))).toBe("new tar archive: cannot store '/etc/passwd': path is absolute");
    expect(refusal(() => encodeTar([['./a.ts', data]]))).toBe(
      "new tar archive: cannot store './a.ts': path is not normalized; write it as 'a.ts'",
    );
    expect(refusal(() => encodeTar([['a.ts', data], ['a.ts', data]]))).toBe("new tar archive: cannot store 'a.ts' twice");
  });
});

describe('readTar: names', () => {
  it('joins the POSIX prefix and name fields', () => {
    expect(fileText(rawTar([{ name: 'a.ts', prefix: 'src/lib', data: 'p' }]), 'src/lib/a.ts')).toBe('p');
  });

  it('ignores the prefix field in GNU and v7 headers, where it is not a prefix', () => {
    const tar = rawTar([
      { name: 'gnu.ts', prefix: 'junk', magic: 'gnu', data: 'g' },
      { name: 'v7.ts', prefix: 'junk', magic: 'v7', data: 'v' },
    ]);
    expect([...read(tar).files.keys()]).toEqual(['gnu.ts', 'v7.ts']);
  });

  it('takes a long name from a GNU L header', () => {
    const long = `src/${'n'.repeat(120)}.ts`;
    const tar = rawTar([{ name: '././@LongLink', type: 'L', data: `${long}\0` }, { name: long.slice(0, 100), data: 'L' }]);
    expect(fileText(tar, long)).toBe('L');
  });

  it('takes a long name from a pax path record, overriding the name field', () => {
    const long = `src/${'p'.repeat(120)}.ts`;
    const tar = rawTar([{ name: 'PaxHeaders/x', type: 'x', data: paxData({ mtime: '1.5', path: long }) }, { name: 'short.ts', data: 'P' }]);
    expect([...read(tar).files.keys()]).toEqual([long]);
  });

  it('reads pax global headers and ignores them', () => {
    const tar = rawTar([{ name: 'g', type: 'g', data: paxData({ path: 'global.ts', comment: 'hi' }) }, { name: 'a.ts', data: 'A' }]);
    expect([...read(tar).files.keys()]).toEqual(['a.ts']);
  });

  it('treats pax linkpath and type records on a regular file as metadata only', () => {
    const tar = rawTar([
      { name: 'x', type: 'x', data: paxData({ path: 'a.ts', linkpath: '/etc/passwd', typeflag: '2' }) },
      { name: 'a.ts', data: 'real' },
    ]);
    expect(read(tar)).toEqual({ files: new Map([['a.ts', bytes('real')]]), skipped: [] });
  });

  it('honours a pax size record, which overrides the size field', () => {
    const tar = rawTar([{ name: 'x', type: 'x', data: paxData({ size: '5' }) }, { name: 'a.ts', size: 0, data: 'fives' }]);
    expect(fileText(tar, 'a.ts')).toBe('fives');
  });

  it('reads GNU base-256 sizes', () => {
    const sizeField = new Uint8Array(12);
    sizeField[0] = 0x80;
    sizeField[11] = 3;
    expect(fileText(rawTar([{ name: 'a.ts', sizeField, data: 'abc' }]), 'a.ts')).toBe('abc');
  });

  it('accepts a single zero block as the end, and ignores what follows the end', () => {
    const one = rawTar([{ name: 'a.ts', data: 'A' }], { end: false });
    expect([...read(concat([one, new Uint8Array(512)])).files.keys()]).toEqual(['a.ts']);
    expect([...read(concat([rawTar([{ name: 'a.ts', data: 'A' }]), bytes('trailing junk')])).files.keys()]).toEqual(['a.ts']);
  });
});

describe('readTar: entry kinds', () => {
  it('skips links, devices, FIFOs and unknown types with their reasons, and ignores folders', () => {
    const tar = rawTar([
      { name: 'src/', type: '5' },
      { name: 'old-style-folder/', type: '\0' },
      { name: 'src/a.ts', data: 'A' },
      { name: 'src/contiguous.ts', type: '7', data: 'C' },
      { name: 'src/link.ts', type: '2', linkname: '/etc/passwd' },
      { name: 'src/hard.ts', type: '1', linkname: 'src/a.ts' },
      { name: 'dev/tty', type: '3' },
      { name: 'dev/sda', type: '4' },
      { name: 'fifo', type: '6' },
      { name: 'sparse.ts', type: 'S', data: 'skipped data' },
      { name: 'b.ts', data: 'B' },
    ]);
    expect(read(tar)).toEqual({
      files: new Map([
        ['src/a.ts', bytes('A')],
        ['src/contiguous.ts', bytes('C')],
        ['b.ts', bytes('B')],
      ]),
      skipped: [
        { name: 'src/link.ts', reason: "is a symbolic link to '/etc/passwd'" },
        { name: 'src/hard.ts', reason: "is a hard link to 'src/a.ts'" },
        { name: 'dev/tty', reason: 'is a character device' },
        { name: 'dev/sda', reason: 'is a block device' },
        { name: 'fifo', reason: 'is a FIFO (named pipe)' },
        { name: 'sparse.ts', reason: "is of an unsupported type (tar type 'S')" },
      ],
    });
  });

  it('names a long link target from pax linkpath or GNU K in the reason', () => {
    const target = `/${'t'.repeat(150)}`;
    const tar = rawTar([
      { name: 'x', type: 'x', data: paxData({ linkpath: target }) },
      { name: 'pax-link', type: '2', linkname: 'short' },
      { name: '././@LongLink', type: 'K', data: `${target}\0` },
      { name: 'gnu-link', type: '1', linkname: 'short' },
    ]);
    expect(read(tar).skipped).toEqual([
      { name: 'pax-link', reason: `is a symbolic link to '${target}'` },
      { name: 'gnu-link', reason: `is a hard link to '${target}'` },
    ]);
  });

  it('applies the file policy: first of two equal paths wins, a file over maxFileBytes is skipped', () => {
    const tar = rawTar([
      { name: 'a.ts', data: 'first' },
      { name: './a.ts', data: 'second' },
      { name: 'big.bin', data: new Uint8Array(300_000) },
    ]);
    expect(read(tar)).toEqual({
      files: new Map([['a.ts', bytes('first')]]),
      skipped: [
        { name: './a.ts', reason: "duplicates the earlier file 'a.ts'" },
        { name: 'big.bin', reason: 'is 300000 bytes, over the 262144-byte limit per file' },
      ],
    });
  });
});

describe('readTar: refusals', () => {
  it('refuses a header with a wrong checksum, naming both sums', () => {
    const tar = rawTar([{ name: 'a.ts', data: 'A' }, { name: 'b.ts', data: 'B', checksumError: 1 }]);
    const sum = headerSum(tar.subarray(1024, 1536));
    expect(refusal(() => read(tar))).toBe(
      `a.tar: tar header at byte 1024 has a wrong checksum (stored 0o${(sum + 1).toString(8)}, computed 0o${sum.toString(8)}); the archive is corrupt`,
    );
  });

  it('refuses a header whose checksum field is not a number', () => {
    const tar = rawTar([{ name: 'a.ts', data: 'A' }]);
    tar.set(bytes('12x'), 148);
    expect(refusal(() => read(tar))).toBe(
      `a.tar: tar header at byte 0 has a wrong checksum (stored unreadable, computed 0o${headerSum(tar.subarray(0, 512)).toString(8)}); the archive is corrupt`,
    );
  });

  it('refuses a header whose size field is not a number', () => {
    const tar = rawTar([{ name: 'a.ts', sizeField: bytes('12x45\0\0\0\0\0\0\0'), data: 'A' }]);
    expect(refusal(() => read(tar))).toBe('a.tar: tar header at byte 0 has an unreadable size field; the archive is corrupt');
  });

  it('refuses a member whose data runs past the end', () => {
    const tar = rawTar([{ name: 'src/a.ts', size: 2000, data: 'short' }], { end: false });
    expect(refusal(() => read(tar))).toBe(
      "a.tar: tar entry 'src/a.ts' at byte 0 is truncated (needs 2048 bytes, 512 remain); the archive is incomplete",
    );
  });

  it('refuses data that stops before the end-of-archive marker, at a block boundary or inside a header', () => {
    const tar = rawTar([{ name: 'a.ts', data: 'A' }], { end: false });
    expect(refusal(() => read(tar))).toBe(
      'a.tar: tar data is truncated at byte 1024 (no end-of-archive marker); the archive is incomplete',
    );
    expect(refusal(() => read(concat([tar, new Uint8Array(100).fill(1)])))).toBe(
      'a.tar: tar data is truncated at byte 1024 (no end-of-archive marker); the archive is incomplete',
    );
    expect(refusal(() => read(new Uint8Array(0)))).toBe(
      'a.tar: tar data is truncated at byte 0 (no end-of-archive marker); the archive is incomplete',
    );
  });

  it('refuses malformed pax headers', () => {
    const malformed = 'a.tar: pax header at byte 0 is malformed; the archive is corrupt';
    for (const data of ['99 path=a.ts\n', '12 path=a.ts', 'x path=a.ts\n', '9 =a.ts\n', '10 patha.ts\n']) {
      expect(refusal(() => read(rawTar([{ name: 'x', type: 'x', data }, { name: 'a.ts' }])))).toBe(malformed);
    }
    expect(refusal(() => read(rawTar([{ name: 'x', type: 'x', data: paxData({ size: '-1' }) }, { name: 'a.ts' }])))).toBe(malformed);
  });

  it('refuses a pax or long-name header that no entry follows', () => {
    expect(refusal(() => read(rawTar([{ name: 'a.ts', data: 'A' }, { name: 'x', type: 'x', data: paxData({ path: 'b.ts' }) }])))).toBe(
      'a.tar: tar header at byte 1024 is not followed by an entry',
    );
  });

  it('refuses more entries than maxEntries, and more bytes of files than maxTotalBytes', () => {
    const tar = rawTar([{ name: 'd/', type: '5' }, { name: 'd/a.ts', data: 'aaaa' }, { name: 'link', type: '2' }, { name: 'd/b.ts', data: 'bbbb' }]);
    expect(refusal(() => readTar(tar, 'a.tar', { ...DEFAULT_ARCHIVE_LIMITS, maxEntries: 3 }))).toBe(
      'a.tar: has more than 3 entries (the limit); submit only the lab files',
    );
    expect(refusal(() => readTar(tar, 'a.tar', { ...DEFAULT_ARCHIVE_LIMITS, maxTotalBytes: 7 }))).toBe(
      'a.tar: holds more than 7 bytes of files (the limit); submit only the lab files',
    );
    expect(readTar(tar, 'a.tar', { ...DEFAULT_ARCHIVE_LIMITS, maxEntries: 4, maxTotalBytes: 8 }).files.size).toBe(2);
  });
});
