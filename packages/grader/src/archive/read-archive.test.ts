import { spawnSync } from 'node:child_process';
import { linkSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { ArchiveError } from './errors.ts';
import { DEFAULT_ARCHIVE_LIMITS } from './params.ts';
import { readArchive } from './read-archive.ts';
import { encodeTar } from './tar.ts';
import { bytes, paxData, rawTar, rawZip } from './testing/craft.ts';
import type { ArchiveContents, ArchiveLimits } from './types.ts';
import { writeTarGz, writeZip } from './write-archive.ts';

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

const longPath = `src/${'nested-folder/'.repeat(8)}file-with-a-long-name.ts`;
const files = new Map<string, Uint8Array>([
  ['src/实验.ts', bytes('export const 实验 = "lab";\n')],
  [longPath, bytes('export {};\n')],
  ['src/director.ts', bytes('export function run(): void {}\n'.repeat(40))],
  ['manifest.json', bytes('{"files":{}}\n')],
  ['empty.txt', new Uint8Array(0)],
]);

describe('readArchive: format', () => {
  const zip = writeZip(files);
  const tgz = writeTarGz(files);

  it('reads a .zip, a .tar.gz and a .tgz, matching the extension without regard to case', () => {
    expect(longPath.length).toBeGreaterThan(100);
    for (const [bytesOf, name] of [
      [zip, 'alice.zip'],
      [zip, 'ALICE.ZIP'],
      [tgz, 'bob.tar.gz'],
      [tgz, 'bob.TGZ'],
    ] as const) {
      expect(readArchive(bytesOf, name)).toEqual({ files, skipped: [] });
    }
  });

  it('reads an empty zip (an end record alone)', () => {
    expect(readArchive(writeZip([]), 'empty.zip')).toEqual({ files: new Map(), skipped: [] });
  });

  it('refuses unknown extensions, empty files and contents that do not match the name', () => {
    expect(refusal(() => readArchive(zip, 'alice.rar'))).toBe('alice.rar: unknown archive type; name it .zip, .tar.gz or .tgz');
    expect(refusal(() => readArchive(zip, 'alice.tar'))).toBe('alice.tar: unknown archive type; name it .zip, .tar.gz or .tgz');
    expect(refusal(() => readArchive(new Uint8Array(0), 'alice.zip'))).toBe('alice.zip: the file is empty (0 bytes)');
    expect(refusal(() => readArchive(tgz, 'alice.zip'))).toBe('alice.zip: is named .zip but holds gzip data; rename it to .tar.gz');
    expect(refusal(() => readArchive(zip, 'alice.tgz'))).toBe('alice.tgz: is named .tar.gz or .tgz but holds a zip archive; rename it to .zip');
    expect(refusal(() => readArchive(bytes('hello'), 'alice.zip'))).toBe(
      'alice.zip: is not a zip archive (it starts with 68 65 6c 6c, not 50 4b 03 04)',
    );
    expect(refusal(() => readArchive(bytes('h'), 'alice.tar.gz'))).toBe('alice.tar.gz: is not gzip data (it starts with 68, not 1f 8b)');
    expect(refusal(() => readArchive(new Uint8Array(0), 'evil\n\u202e.zip'))).toBe('evil\\x0a\\u202e.zip: the file is empty (0 bytes)');
  });

  it('refuses truncated and corrupt gzip data', () => {
    expect(refusal(() => readArchive(tgz.subarray(0, tgz.length - 10), 'a.tgz'))).toBe('a.tgz: gzip data ends early; the file is truncated');
    const badCrc = Uint8Array.from(tgz);
    badCrc[badCrc.length - 8]! ^= 1;
    expect(refusal(() => readArchive(badCrc, 'a.tgz'))).toBe('a.tgz: gzip data is corrupt (zlib: incorrect data check)');
  });

  it('stops a gzip bomb at maxTotalBytes plus the tar overhead', () => {
    const bomb = gzipSync(new Uint8Array(10 * 1024 * 1024));
    expect(bomb.length).toBeLessThan(20_000);
    expect(refusal(() => readArchive(bomb, 'bomb.tgz'))).toBe(
      'bomb.tgz: decompresses to more than 9437184 bytes (8388608 of files and 1048576 of tar overhead); it is too large or a gzip bomb',
    );
    const limits = { ...DEFAULT_ARCHIVE_LIMITS, maxTotalBytes: 100 };
    expect(refusal(() => readArchive(gzipSync(new Uint8Array(1024 * 1024 + 101)), 'small.tgz', limits))).toBe(
      'small.tgz: decompresses to more than 1048676 bytes (100 of files and 1048576 of tar overhead); it is too large or a gzip bomb',
    );
  });

  it('reads a zip with a ../evil.ts entry and an absolute entry, skipping both', () => {
    const hostile = rawZip([
      { name: '../evil.ts', data: 'pwned' },
      { name: '/etc/cron.d/evil', data: 'pwned' },
      { name: 'src/director.ts', data: 'ok', method: 8 },
    ]);
    expect(readArchive(hostile, 'mallory.zip')).toEqual({
      files: new Map([['src/director.ts', bytes('ok')]]),
      skipped: [
        { name: '../evil.ts', reason: "path has a '..' segment" },
        { name: '/etc/cron.d/evil', reason: 'path is absolute' },
      ],
    });
  });
});

describe('writeTarGz and writeZip', () => {
  it('write the same bytes for the same files, whatever their order', () => {
    const reversed = new Map([...files].reverse());
    expect(writeTarGz(files)).toEqual(writeTarGz(files));
    expect(writeTarGz(reversed)).toEqual(writeTarGz(files));
    expect(writeZip(files)).toEqual(writeZip(files));
    expect(writeZip(reversed)).toEqual(writeZip(files));
  });

  it('sort entries by path and write a gzip header with no time and a fixed OS byte', () => {
    const tgz = writeTarGz(files);
    expect([...tgz.subarray(0, 10)]).toEqual([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 2, 3]);
    const keys = [...readArchive(tgz, 'a.tgz').files.keys()];
    expect(keys).toEqual([...files.keys()].sort());
    expect([...readArchive(writeZip(files), 'a.zip').files.keys()]).toEqual(keys);
  });

  it('refuse names the readers would skip', () => {
    expect(refusal(() => writeZip([['../evil.ts', bytes('x')]]))).toBe("new .zip archive: cannot store '../evil.ts': path has a '..' segment");
    expect(refusal(() => writeTarGz([['/abs.ts', bytes('x')]], 'alice.tgz'))).toBe("alice.tgz: cannot store '/abs.ts': path is absolute");
    expect(refusal(() => writeTarGz([['a\\b.ts', bytes('x')]]))).toBe("new .tar.gz archive: cannot store 'a\\\\b.ts': path contains a backslash");
  });
});

describe('readArchive: archives made by the system tar', () => {
  const dir = mkdtempSync(join(tmpdir(), 'virtlab-archive-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Builds a tree with a long path, a Chinese name, a symlink and a hard link, and tars it. */
  function systemTar(format: string): Uint8Array {
    const root = join(dir, format);
    mkdirSync(join(root, longPath, '..'), { recursive: true });
    writeFileSync(join(root, 'src/a.ts'), 'A\n');
    writeFileSync(join(root, 'src/实验.ts'), '实验\n');
    writeFileSync(join(root, longPath), 'long\n');
    writeFileSync(join(root, 'notes.md'), 'notes\n');
    symlinkSync('../../etc/passwd', join(root, 'src/link.ts'));
    linkSync(join(root, 'src/a.ts'), join(root, 'src/hard.ts'));
    const out = join(dir, `${format}.tgz`);
    const members = ['src', 'src/a.ts', 'src/hard.ts', 'src/link.ts', 'src/实验.ts', longPath, './notes.md'];
    const result = spawnSync('tar', [`--format=${format}`, '--no-recursion', '-czf', out, '-C', root, ...members], { encoding: 'utf8' });
    expect(result.error).toBeUndefined();
    expect(result.status, result.stderr).toBe(0);
    return readFileSync(out);
  }

  it.each(['gnu', 'posix', 'ustar'])('reads --format=%s, skipping the symlink and the hard link', (format) => {
    const contents = readArchive(systemTar(format), `${format}.tgz`);
    expect(contents).toEqual({
      files: new Map([
        ['src/a.ts', bytes('A\n')],
        ['src/实验.ts', bytes('实验\n')],
        [longPath, bytes('long\n')],
        ['notes.md', bytes('notes\n')],
      ]),
      skipped: [
        { name: 'src/hard.ts', reason: "is a hard link to 'src/a.ts'" },
        { name: 'src/link.ts', reason: "is a symbolic link to '../../etc/passwd'" },
      ],
    });
  });
});

describe('readArchive: any input', () => {
  const limits: ArchiveLimits = { maxFileBytes: 300, maxTotalBytes: 1500, maxEntries: 6 };
  const UNPRINTABLE = /[\p{Cc}\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/u;

  /** The rules every returned path obeys, written out again independently of entry-path.ts. */
  function isSafePath(path: string): boolean {
    const segments = path.split('/');
    return (
      path.length > 0 &&
      !path.startsWith('/') &&
      !/^[A-Za-z]:(\/|$)/.test(path) &&
      !path.includes('\\') &&
      !UNPRINTABLE.test(path) &&
      segments.every((segment) => segment !== '' && segment !== '.' && segment !== '..')
    );
  }

  /** How often each outcome was seen, so a test can show it reached both. */
  const seen = { refused: 0, files: 0, skipped: 0 };

  /** Runs the reader: contents that obey every rule, or an ArchiveError with a one-line message. */
  function checkOutcome(run: () => ArchiveContents): void {
    let contents: ArchiveContents;
    try {
      contents = run();
    } catch (error) {
      if (!(error instanceof ArchiveError)) throw error;
      expect(error.message).not.toMatch(UNPRINTABLE);
      seen.refused += 1;
      return;
    }
    if (contents.files.size > 0) seen.files += 1;
    if (contents.skipped.length > 0) seen.skipped += 1;
    let total = 0;
    for (const [path, data] of contents.files) {
      expect(isSafePath(path), path).toBe(true);
      expect(data.length).toBeLessThanOrEqual(limits.maxFileBytes);
      total += data.length;
      for (const other of contents.files.keys()) expect(other.startsWith(`${path}/`)).toBe(false);
    }
    expect(total).toBeLessThanOrEqual(limits.maxTotalBytes);
    expect(contents.files.size + contents.skipped.length).toBeLessThanOrEqual(limits.maxEntries);
    for (const { name, reason } of contents.skipped) {
      expect(name).not.toMatch(UNPRINTABLE);
      expect(reason).not.toMatch(UNPRINTABLE);
    }
  }

  /** Checks the inputs reached every outcome (refused, files, skipped entries), then starts counting again. */
  function expectAllOutcomes(): void {
    expect(seen.refused).toBeGreaterThan(0);
    expect(seen.files).toBeGreaterThan(0);
    expect(seen.skipped).toBeGreaterThan(0);
    Object.assign(seen, { refused: 0, files: 0, skipped: 0 });
  }

  const trickyName = fc.oneof(
    fc.array(fc.constantFrom('src', 'a.ts', '.', '..', '', '实验', 'C:', '\\', '\0', '\n', '\u202e', 'x'.repeat(60)), { maxLength: 6 }).map((parts) => bytes(parts.join('/'))),
    fc.uint8Array({ maxLength: 40 }),
  );
  /** File contents: mostly small, sometimes just over maxFileBytes. */
  const contents = fc.oneof(fc.uint8Array({ maxLength: 40 }), fc.uint8Array({ minLength: 290, maxLength: 320 }));
  const tarMember = fc.record({
    name: trickyName,
    type: fc.oneof(fc.constant('0'), fc.constantFrom('0', '\0', '1', '2', '3', '4', '5', '6', '7', 'S', 'L', 'K', 'x', 'g', 'V')),
    data: fc.oneof(contents, trickyName, fc.constant(paxData({ path: 'p.ts', size: '3', linkpath: '/x' }))),
    linkname: fc.constantFrom('', 'src/a.ts', '/etc/passwd'),
    magic: fc.constantFrom('posix' as const, 'gnu' as const, 'v7' as const),
    prefix: fc.constantFrom('', 'src', '..', '/'),
  });
  const zipEntry = fc.record({
    name: trickyName,
    data: contents,
    method: fc.constantFrom(0, 8, 8, 12),
    mode: fc.constantFrom(0o100644, 0o040755, 0o120777, 0o010644, 0o644, 0),
    flags: fc.constantFrom(0x0800, 0, 0x0808, 0x0001),
  });
  const mutation = fc.oneof(
    fc.record({ kind: fc.constant('set' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
    fc.record({ kind: fc.constant('truncate' as const), at: fc.nat(), value: fc.constant(0) }),
    fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
  );

  function mutate(original: Uint8Array, mutations: readonly { kind: 'set' | 'truncate' | 'insert'; at: number; value: number }[]): Uint8Array {
    let out = Uint8Array.from(original);
    for (const { kind, at, value } of mutations) {
      if (out.length === 0) break;
      const i = at % out.length;
      if (kind === 'set') out[i] = value;
      else if (kind === 'truncate') out = out.subarray(0, i);
      else out = Uint8Array.from([...out.subarray(0, i), value, ...out.subarray(i)]);
    }
    return out;
  }

  it('returns safe contents or throws ArchiveError for random bytes under any name', () => {
    Object.assign(seen, { refused: 0, files: 0, skipped: 0 });
    const prefix = fc.constantFrom([], [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3], [0x50, 0x4b, 3, 4], [0x50, 0x4b, 5, 6]);
    const name = fc.constantFrom('a.zip', 'a.tgz', 'a.tar.gz', 'a.txt');
    fc.assert(
      fc.property(prefix, fc.uint8Array({ maxLength: 2048 }), name, (head, tail, fileName) => {
        checkOutcome(() => readArchive(Uint8Array.from([...head, ...tail]), fileName, limits));
      }),
      { numRuns: 1000 },
    );
  });

  it('returns safe contents or throws ArchiveError for hand-made tars of tricky members, plain and mutated', () => {
    fc.assert(
      fc.property(fc.array(tarMember, { maxLength: 8 }), fc.array(mutation, { maxLength: 4 }), (members, mutations) => {
        const tar = rawTar(members);
        checkOutcome(() => readArchive(gzipSync(tar, { level: 1 }), 'a.tgz', limits));
        checkOutcome(() => readArchive(gzipSync(mutate(tar, mutations), { level: 1 }), 'a.tgz', limits));
      }),
      { numRuns: 500 },
    );
    expectAllOutcomes();
  });

  it('returns safe contents or throws ArchiveError for hand-made zips of tricky entries, plain and mutated', () => {
    fc.assert(
      fc.property(fc.array(zipEntry, { maxLength: 8 }), fc.array(mutation, { maxLength: 4 }), (entries, mutations) => {
        const zip = rawZip(entries);
        checkOutcome(() => readArchive(zip, 'a.zip', limits));
        checkOutcome(() => readArchive(mutate(zip, mutations), 'a.zip', limits));
      }),
      { numRuns: 500 },
    );
    expectAllOutcomes();
  });

  it('returns safe contents or throws ArchiveError for mutations of archives the writers made', () => {
    Object.assign(seen, { refused: 0, files: 0, skipped: 0 });
    const tar = encodeTar(files);
    const tgz = writeTarGz(files);
    const zip = writeZip(files);
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 6 }), (mutations) => {
        checkOutcome(() => readArchive(gzipSync(mutate(tar, mutations), { level: 1 }), 'a.tgz', limits));
        checkOutcome(() => readArchive(mutate(tgz, mutations), 'a.tgz', limits));
        checkOutcome(() => readArchive(mutate(zip, mutations), 'a.zip', limits));
      }),
      { numRuns: 1000 },
    );
    expectAllOutcomes();
  });
});
