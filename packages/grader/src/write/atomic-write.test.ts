import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileAtomic } from './atomic-write.ts';

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'virtlab-atomic-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('writeFileAtomic', () => {
  it('creates the file and its missing parent folders, leaving no temp file', () => {
    const path = join(dir, 'results', 'deep', 'alice.json');
    writeFileAtomic(path, '{"score": 1}\n');
    expect(readFileSync(path, 'utf8')).toBe('{"score": 1}\n');
    expect(readdirSync(join(dir, 'results', 'deep'))).toEqual(['alice.json']);
  });

  it('replaces an existing, longer file whole', () => {
    const path = join(dir, 'grades.csv');
    writeFileSync(path, 'x'.repeat(10_000));
    writeFileAtomic(path, 'student,total\n');
    expect(readFileSync(path, 'utf8')).toBe('student,total\n');
    expect(readdirSync(dir)).toEqual(['grades.csv']);
  });

  it('writes UTF-8 text exactly, including text larger than one write', () => {
    const path = join(dir, 'feedback.zh-CN.md');
    const text = `# 反馈 ✓\n${'总分：7.5 / 10\n'.repeat(50_000)}`;
    writeFileAtomic(path, text);
    expect(readFileSync(path, 'utf8')).toBe(text);
  });

  it('gives each write its own temp file, so repeated writes leave the last one', () => {
    const path = join(dir, 'summary.json');
    for (let i = 0; i < 20; i++) writeFileAtomic(path, `${i}\n`);
    expect(readFileSync(path, 'utf8')).toBe('19\n');
    expect(readdirSync(dir)).toEqual(['summary.json']);
  });

  it('removes its temp file and rethrows when the rename fails, leaving the target as it was', () => {
    const path = join(dir, 'taken');
    mkdirSync(join(path, 'inside'), { recursive: true });
    expect(() => writeFileAtomic(path, 'new')).toThrow();
    expect(readdirSync(dir)).toEqual(['taken']);
    expect(readdirSync(path)).toEqual(['inside']);
  });
});
