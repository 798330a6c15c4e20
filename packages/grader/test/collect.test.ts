// Reading a submissions folder: folders, archives from `lab submit`, and bad input of every kind.
import { createHash } from 'node:crypto';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { rawTar, rawZip } from '../src/archive/testing/craft.ts';
import { writeTarGz, writeZip } from '../src/archive/write-archive.ts';
import { collectSubmissions, SUBMISSION_MANIFEST } from '../src/collect-submissions.ts';
import type { Submission } from '../src/grade-types.ts';
import { loadLab } from '../src/runner.ts';
import { gzipSync } from 'node:zlib';
import { ADDER, SOLUTION, tempDir } from './helpers.ts';

const lab = loadLab(ADDER);
const enc = new TextEncoder();
let dir: string;
let found: Map<string, Submission>;
let ignored: string[];

function put(path: string, content: string | Uint8Array): void {
  mkdirSync(join(dir, path, '..'), { recursive: true });
  writeFileSync(join(dir, path), content);
}

beforeAll(() => {
  dir = tempDir();
  // A folder with the editable file, an extra file, a symbolic link and node_modules.
  put('alice/src/adder.ts', SOLUTION);
  put('alice/notes.txt', 'hello');
  put('alice/node_modules/x/index.js', '');
  symlinkSync('/etc/passwd', join(dir, 'alice', 'link.ts'));
  // An archive as `lab submit` writes it, with its manifest.
  const manifest = { lab: 'adder', version: '0.0.0', files: { 'src/adder.ts': createHash('sha256').update(SOLUTION).digest('hex') } };
  put('bob.tar.gz', writeTarGz(new Map([['src/adder.ts', enc.encode(SOLUTION)], [SUBMISSION_MANIFEST, enc.encode(JSON.stringify(manifest))]])));
  // A zip of a whole folder (one top-level folder), whose manifest names another lab and a changed hash.
  const other = { lab: 'director', version: '1', files: { 'src/adder.ts': '00' } };
  put('carol.zip', writeZip(new Map([['carol/src/adder.ts', enc.encode(SOLUTION)], [`carol/${SUBMISSION_MANIFEST}`, enc.encode(JSON.stringify(other))]])));
  // Hostile archives: path traversal, absolute path, symlink, hard link.
  put(
    'dave.zip',
    rawZip([
      { name: '../evil.ts', data: 'x' },
      { name: '/etc/evil.ts', data: 'x' },
      { name: 'src/adder.ts', data: SOLUTION },
    ]),
  );
  put(
    'erin.tar.gz',
    gzipSync(
      rawTar([
        { name: 'src/adder.ts', type: '2', linkname: '/etc/passwd' },
        { name: 'src/other.ts', type: '1', linkname: 'src/adder.ts' },
      ]),
    ),
  );
  // Corrupt archives, an oversized file, a non-UTF-8 file, an empty folder, and a stray file.
  put('frank.zip', 'this is not a zip');
  put('gina.tar.gz', gzipSync(enc.encode('truncated')).subarray(0, 10));
  put('hank/src/adder.ts', 'x'.repeat(lab.manifest.limits.maxFileBytes + 1));
  put('ivy/src/adder.ts', new Uint8Array([0xff, 0xfe, 0x41]));
  mkdirSync(join(dir, 'jack'));
  put('readme.txt', 'not a submission');
  mkdirSync(Buffer.concat([Buffer.from(`${dir}/`), Buffer.from([0xff, 0x41])]));
  const result = collectSubmissions(dir, lab.manifest);
  found = new Map(result.submissions.map((s) => [s.student, s]));
  ignored = result.ignored;
});

describe('collectSubmissions', () => {
  it('finds one submission per student, sorted, and ignores what is not one', () => {
    expect([...found.keys()]).toEqual(['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'gina', 'hank', 'ivy', 'jack']);
    expect(ignored).toEqual(['\\xffA: the name is not valid UTF-8; rename it to the student id', 'readme.txt: not a folder, .zip or .tar.gz']);
  });

  it('takes the editable file from a folder and notes everything else', () => {
    const alice = found.get('alice')!;
    expect(alice.files.get('src/adder.ts')).toBe(SOLUTION);
    expect(alice.notes).toEqual(['ignored: link.ts is a symbolic link', 'ignored: node_modules/ (not part of a submission)', 'ignored: notes.txt (not an editable file of this lab)']);
  });

  it('reads archives from lab submit and checks their manifest', () => {
    expect(found.get('bob')!.files.get('src/adder.ts')).toBe(SOLUTION);
    expect(found.get('bob')!.notes).toEqual([]);
    const carol = found.get('carol')!;
    expect(carol.files.get('src/adder.ts')).toBe(SOLUTION);
    expect(carol.notes).toEqual([
      'note: this submission was made for lab "director", not "adder"',
      'note: src/adder.ts differs from the hash recorded by lab submit (changed after submitting?)',
    ]);
  });

  it('skips unsafe archive entries and keeps the rest', () => {
    const dave = found.get('dave')!;
    expect(dave.files.get('src/adder.ts')).toBe(SOLUTION);
    expect(dave.notes).toEqual(["ignored: ../evil.ts (path has a '..' segment)", 'ignored: /etc/evil.ts (path is absolute)']);
    const erin = found.get('erin')!;
    expect(erin.files.size).toBe(0);
    expect(erin.notes).toEqual([
      "ignored: src/adder.ts (is a symbolic link to '/etc/passwd')",
      "ignored: src/other.ts (is a hard link to 'src/adder.ts')",
      'missing: src/adder.ts (graded as the stub)',
    ]);
  });

  it('marks corrupt archives unreadable with a one-line reason', () => {
    expect(found.get('frank')!.unreadable).toBe('frank.zip: is not a zip archive (it starts with 74 68 69 73, not 50 4b 03 04)');
    expect(found.get('gina')!.unreadable).toBe('gina.tar.gz: gzip data ends early; the file is truncated');
  });

  it('grades oversized, non-UTF-8 and missing files as the stub, saying why', () => {
    expect(found.get('hank')!.notes).toEqual([`ignored: src/adder.ts is over the size limit of ${lab.manifest.limits.maxFileBytes} bytes (graded as the stub)`]);
    expect(found.get('ivy')!.notes).toEqual(['ignored: src/adder.ts is not UTF-8 text (graded as the stub)']);
    expect(found.get('jack')!.notes).toEqual(['note: the folder is empty', 'missing: src/adder.ts (graded as the stub)']);
    for (const id of ['hank', 'ivy', 'jack']) expect(found.get(id)!.files.size).toBe(0);
  });

  it('hashes content, not names: the same files give the same hash', () => {
    expect(found.get('alice')!.hash).toBe(found.get('bob')!.hash);
    expect(found.get('alice')!.hash).not.toBe(found.get('jack')!.hash);
  });
});
