import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LabManifest } from '@virtlab/core';
import { describe, expect, it } from 'vitest';
import type { Lang } from '../lang.ts';
import { emptyProgress, loadProgress, markTests, progressPath, saveProgress } from '../progress.ts';
import { labHint } from './hint.ts';

const DIRECTOR = fileURLToPath(new URL('../../../labs/director/', import.meta.url));
const manifest = JSON.parse(readFileSync(join(DIRECTOR, 'lab.json'), 'utf8')) as LabManifest;
const hints = (step: string) => manifest.steps.find((s) => s.id === step)!.hints;

/** A temp checkout: <root>/packages/labs/director, a copy of the real lab. */
function repo(): { root: string; lab: string } {
  const root = mkdtempSync(join(tmpdir(), 'virtlab-hint-'));
  const lab = join(root, 'packages', 'labs', 'director');
  cpSync(DIRECTOR, lab, { recursive: true, filter: (src) => !/[\\/](node_modules|\.turbo|mutants)$/.test(src) });
  return { root, lab };
}

async function hint(lab: string, step: string | undefined, lang: Lang = 'en') {
  const out: string[] = [];
  const err: string[] = [];
  const code = await labHint(lab, step, lang, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

describe('lab hint', () => {
  it('reveals the first hint of the first step not yet passed, and saves it', async () => {
    const { root, lab } = repo();
    expect(await hint(lab, undefined)).toEqual({
      code: 0,
      out: [
        "Step 1 of 4: Saving a program's context (context)",
        'Hint 1 of 3: A program cannot tell it was stopped only if everything it can observe is put back: which CPU fields can an instruction read?',
        'For the next hint, run: pnpm lab hint director --step context',
      ],
      err: [],
    });
    expect(loadProgress(root).progress.labs.director?.hints).toEqual({ context: 1 });
  });

  it('shows every level revealed so far, one more each time, then says when all are shown', async () => {
    const { root, lab } = repo();
    const h = hints('context');
    await hint(lab, undefined);
    expect((await hint(lab, undefined)).out).toEqual([
      "Step 1 of 4: Saving a program's context (context)",
      `Hint 1 of 3: ${h[0]!.en}`,
      `Hint 2 of 3: ${h[1]!.en}`,
      'For the next hint, run: pnpm lab hint director --step context',
    ]);
    expect((await hint(lab, undefined)).out.slice(3)).toEqual([`Hint 3 of 3: ${h[2]!.en}`, 'That was the last hint of this step.']);
    const saved = readFileSync(progressPath(root), 'utf8');
    const again = await hint(lab, undefined);
    expect(again.code).toBe(0);
    expect(again.out.slice(1)).toEqual([...h.map((x, i) => `Hint ${i + 1} of 3: ${x.en}`), 'All 3 hints of this step were already shown; there are no more.']);
    expect(readFileSync(progressPath(root), 'utf8')).toBe(saved);
  });

  it('speaks Chinese', async () => {
    const { lab } = repo();
    expect((await hint(lab, 'time-slice', 'zh')).out).toEqual([
      '第 3 步（共 4 步）：用定时器分时共享 CPU（time-slice）',
      '提示 1/3：陷入死循环的程序自己永远不会陷入。什么东西能把 CPU 从它手里夺回来？',
      '要看下一条提示，请运行：pnpm lab hint director --step time-slice',
    ]);
    await hint(lab, 'time-slice', 'zh');
    expect((await hint(lab, 'time-slice', 'zh')).out.slice(-1)).toEqual(['这是本步骤的最后一条提示。']);
    expect((await hint(lab, 'time-slice', 'zh')).out.slice(-1)).toEqual(['本步骤的 3 条提示都已显示过，没有更多了。']);
  });

  it('skips the steps whose public tests passed, and takes the last step when all passed', async () => {
    const { root, lab } = repo();
    const p = emptyProgress();
    markTests(p, 'director', 'context', true, { passed: 1, failed: 0 });
    saveProgress(root, p);
    expect((await hint(lab, undefined)).out[0]).toBe('Step 2 of 4: Computing while the disk works (peripherals)');
    for (const s of manifest.steps) markTests(p, 'director', s.id, true, { passed: 1, failed: 0 });
    saveProgress(root, p);
    expect((await hint(lab, undefined)).out[0]).toBe('Step 4 of 4: A region of the store for each program (space-sharing)');
  });

  it('keeps each step its own count', async () => {
    const { root, lab } = repo();
    await hint(lab, 'context');
    await hint(lab, 'peripherals');
    await hint(lab, 'peripherals');
    expect(loadProgress(root).progress.labs.director?.hints).toEqual({ context: 1, peripherals: 2 });
  });

  it('refuses an unknown step in one line, exit 2, in en and zh', async () => {
    const { root, lab } = repo();
    expect(await hint(lab, 'nope')).toEqual({
      code: 2,
      out: [],
      err: ['lab hint: this lab has no step "nope" (steps: context, peripherals, time-slice, space-sharing)'],
    });
    expect((await hint(lab, 'nope', 'zh')).err).toEqual(['lab hint：该实验没有步骤 "nope"（现有步骤：context, peripherals, time-slice, space-sharing）']);
    expect(loadProgress(root).progress).toEqual(emptyProgress());
  });

  it('sets a corrupt progress file aside, says so, and goes on', async () => {
    const { root, lab } = repo();
    mkdirSync(join(root, '.virtlab'));
    writeFileSync(progressPath(root), 'not json');
    const r = await hint(lab, undefined, 'zh');
    expect(r.code).toBe(0);
    expect(r.err).toEqual(['lab：无法读取 .virtlab/progress.json，已将其保留为 .virtlab/progress.json.corrupt-1，你的进度（已通过的步骤、提示）从头开始记录。']);
    expect(r.out[1]).toBe(`提示 1/3：${hints('context')[0]!.zh}`);
    expect(loadProgress(root).progress.labs.director?.hints).toEqual({ context: 1 });
  });
});
