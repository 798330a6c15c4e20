import type * as fs from 'node:fs';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { emptyProgress, loadProgress, markTests, progressPath, recordPrediction, repoRootOf, revealHint, saveProgress } from './progress.ts';

// A switch that makes the next rename fail, to see what a crash between write and rename leaves.
const failRename = vi.hoisted(() => ({ on: false }));
vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs')>();
  return {
    ...real,
    renameSync: (from: fs.PathLike, to: fs.PathLike) => {
      if (failRename.on) throw new Error('ENOSPC: no space left on device');
      real.renameSync(from, to);
    },
  };
});

afterEach(() => {
  failRename.on = false;
});

function root(): string {
  return mkdtempSync(join(tmpdir(), 'virtlab-progress-'));
}

function writeProgressFile(dir: string, text: string): void {
  mkdirSync(join(dir, '.virtlab'), { recursive: true });
  writeFileSync(progressPath(dir), text);
}

describe('loading progress', () => {
  it('reads a missing file as empty progress, with no warning', () => {
    expect(loadProgress(root())).toEqual({ progress: { version: 1, labs: {} } });
  });

  it('reads back what was saved', () => {
    const dir = root();
    const p = emptyProgress();
    revealHint(p, 'director', 'context');
    markTests(p, 'director', 'context', true, { passed: 3, failed: 0 });
    recordPrediction(p, 'director', true);
    saveProgress(dir, p);
    expect(loadProgress(dir)).toEqual({ progress: p });
    expect(JSON.parse(readFileSync(join(dir, '.virtlab', 'progress.json'), 'utf8'))).toEqual({
      version: 1,
      labs: { director: { passed: ['context'], hints: { context: 1 }, predictions: { right: 1, wrong: 0 }, lastRun: { passed: 3, failed: 0 } } },
    });
  });

  it('renames a file that is not JSON to progress.json.corrupt-1, keeps its bytes, and says so in en and zh', () => {
    const dir = root();
    writeProgressFile(dir, '{"version": 1, "labs": {');
    const loaded = loadProgress(dir);
    expect(loaded.progress).toEqual(emptyProgress());
    expect(loaded.warning).toEqual({
      en: 'lab: .virtlab/progress.json could not be read, so it was kept as .virtlab/progress.json.corrupt-1 and your progress (passed steps, hints) starts afresh.',
      zh: 'lab：无法读取 .virtlab/progress.json，已将其保留为 .virtlab/progress.json.corrupt-1，你的进度（已通过的步骤、提示）从头开始记录。',
    });
    expect(readdirSync(join(dir, '.virtlab'))).toEqual(['progress.json.corrupt-1']);
    expect(readFileSync(join(dir, '.virtlab', 'progress.json.corrupt-1'), 'utf8')).toBe('{"version": 1, "labs": {');
  });

  it('renames a file of the wrong shape, to the first free corrupt-<n>', () => {
    const dir = root();
    writeProgressFile(dir, 'first bad file');
    loadProgress(dir);
    for (const bad of [
      { version: 2, labs: {} },
      { version: 1, labs: { director: { passed: 'context', hints: {}, predictions: { right: 0, wrong: 0 } } } },
      { version: 1, labs: { director: { passed: [], hints: { context: -1 }, predictions: { right: 0, wrong: 0 } } } },
      { version: 1, labs: { director: { passed: [], hints: {}, predictions: { right: 0 } } } },
      [],
    ]) {
      writeProgressFile(dir, JSON.stringify(bad));
      const loaded = loadProgress(dir);
      expect(loaded.progress).toEqual(emptyProgress());
      expect(loaded.warning?.en).toMatch(/kept as \.virtlab\/progress\.json\.corrupt-\d/);
    }
    expect(readdirSync(join(dir, '.virtlab')).sort()).toEqual([1, 2, 3, 4, 5, 6].map((n) => `progress.json.corrupt-${n}`));
    expect(readFileSync(join(dir, '.virtlab', 'progress.json.corrupt-2'), 'utf8')).toBe('{"version":2,"labs":{}}');
  });
});

describe('saving progress', () => {
  it('writes through a temp file and a rename, leaving only progress.json', () => {
    const dir = root();
    saveProgress(dir, emptyProgress());
    saveProgress(dir, emptyProgress());
    expect(readdirSync(join(dir, '.virtlab'))).toEqual(['progress.json']);
  });

  it('leaves the old file whole and no temp file when the write fails before the rename', () => {
    const dir = root();
    const old = emptyProgress();
    revealHint(old, 'director', 'context');
    saveProgress(dir, old);
    const before = readFileSync(progressPath(dir), 'utf8');
    const next = structuredClone(old);
    revealHint(next, 'director', 'context');
    failRename.on = true;
    expect(() => saveProgress(dir, next)).toThrow('ENOSPC');
    expect(readFileSync(progressPath(dir), 'utf8')).toBe(before);
    expect(readdirSync(join(dir, '.virtlab'))).toEqual(['progress.json']);
  });
});

describe('changing progress', () => {
  it('reveals one more hint level at a time, never past the number of hints', () => {
    const p = emptyProgress();
    expect([1, 2, 3, 4].map(() => revealHint(p, 'director', 'context', 3))).toEqual([1, 2, 3, 3]);
    expect(p.labs.director?.hints).toEqual({ context: 3 });
  });

  it('counts a step as passed only while its last run passed, and keeps the last counts', () => {
    const p = emptyProgress();
    markTests(p, 'director', 'context', true, { passed: 2, failed: 0 });
    markTests(p, 'director', 'context', true, { passed: 2, failed: 0 });
    markTests(p, 'director', 'peripherals', true, { passed: 1, failed: 0 });
    expect(p.labs.director?.passed).toEqual(['context', 'peripherals']);
    markTests(p, 'director', 'context', false, { passed: 1, failed: 1 });
    expect(p.labs.director).toMatchObject({ passed: ['peripherals'], lastRun: { passed: 1, failed: 1 } });
  });

  it('counts right and wrong predictions', () => {
    const p = emptyProgress();
    recordPrediction(p, 'director', true);
    recordPrediction(p, 'director', false);
    recordPrediction(p, 'director', true);
    expect(p.labs.director?.predictions).toEqual({ right: 2, wrong: 1 });
  });

  it('finds the repository root three folders above a lab', () => {
    expect(repoRootOf('/home/s/virtlab/packages/labs/director')).toBe('/home/s/virtlab');
  });
});
