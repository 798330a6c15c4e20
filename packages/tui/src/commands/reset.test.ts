import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Lang } from '../lang.ts';
import { isYes, labReset, type ResetOptions } from './reset.ts';

const DIRECTOR = fileURLToPath(new URL('../../../labs/director/', import.meta.url));
const NOW = new Date('2025-03-04T05:06:07.890Z');
const BACKUPS = '.virtlab/backups/2025-03-04T05-06-07';
const MINE = '// my own saveContext, half done\n';

/** A temp git checkout: <root>/packages/labs/director (a copy of the real lab), committed as the pristine stubs. */
function repo(): { root: string; lab: string; stub: (path: string) => string } {
  const root = mkdtempSync(join(tmpdir(), 'virtlab-reset-'));
  const lab = join(root, 'packages', 'labs', 'director');
  cpSync(DIRECTOR, lab, { recursive: true, filter: (src) => !/[\\/](node_modules|\.turbo|mutants)$/.test(src) });
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd: root });
  git('init', '-q');
  git('add', '.');
  git('commit', '-q', '-m', 'starter');
  return { root, lab, stub: (path) => readFileSync(join(DIRECTOR, path), 'utf8') };
}

/** Runs lab reset; `answers` are what the student types at each question (none: no terminal). */
async function reset(lab: string, step: string | undefined, answers: string[] | undefined, options: ResetOptions = {}, lang: Lang = 'en') {
  const out: string[] = [];
  const err: string[] = [];
  const asked: string[] = [];
  const ask =
    answers === undefined
      ? undefined
      : async (q: string) => {
          asked.push(q);
          return answers.shift() ?? '';
        };
  const code = await labReset(lab, step, lang, { out: (l) => out.push(l), err: (l) => err.push(l), ask }, { now: NOW, ...options });
  return { code, out, err, asked };
}

describe('lab reset', () => {
  it('asks, backs up the student version, then restores the stub (answer y)', async () => {
    const { root, lab, stub } = repo();
    writeFileSync(join(lab, 'src/context.ts'), MINE);
    expect(await reset(lab, 'context', ['y'])).toEqual({
      code: 0,
      out: [`Restored src/context.ts to the original; your version is in ${BACKUPS}/director/src/context.ts.`],
      err: [],
      asked: [`Overwrite src/context.ts? A backup goes to ${BACKUPS}/ [y/N] `],
    });
    expect(readFileSync(join(lab, 'src/context.ts'), 'utf8')).toBe(stub('src/context.ts'));
    expect(readFileSync(join(root, BACKUPS, 'director/src/context.ts'), 'utf8')).toBe(MINE);
  });

  it('keeps the file, and writes no backup, when the answer is n (or anything but yes)', async () => {
    const { root, lab } = repo();
    writeFileSync(join(lab, 'src/context.ts'), MINE);
    for (const answer of ['n', '', 'no', 'maybe']) {
      expect(await reset(lab, 'context', [answer])).toMatchObject({ code: 0, out: ['Kept src/context.ts as it is.'], err: [] });
    }
    expect(readFileSync(join(lab, 'src/context.ts'), 'utf8')).toBe(MINE);
    expect(existsSync(join(root, '.virtlab'))).toBe(false);
  });

  it('speaks Chinese and takes 是 for yes', async () => {
    const { root, lab, stub } = repo();
    writeFileSync(join(lab, 'src/regions.ts'), MINE);
    expect(await reset(lab, 'space-sharing', ['是'], {}, 'zh')).toEqual({
      code: 0,
      out: [`已将 src/regions.ts 恢复为原始版本；你的版本保存在 ${BACKUPS}/director/src/regions.ts。`],
      err: [],
      asked: [`覆盖 src/regions.ts？备份会保存到 ${BACKUPS}/ [y/N] `],
    });
    expect(readFileSync(join(lab, 'src/regions.ts'), 'utf8')).toBe(stub('src/regions.ts'));
    expect(readFileSync(join(root, BACKUPS, 'director/src/regions.ts'), 'utf8')).toBe(MINE);
    expect((await reset(lab, 'space-sharing', [], {}, 'zh')).out).toEqual(['src/regions.ts 已经是原始版本，跳过。']);
  });

  it('without a step, goes through every editable file, skipping those equal to the stub, restoring a missing one', async () => {
    const { lab, stub } = repo();
    writeFileSync(join(lab, 'src/scheduler.ts'), MINE);
    rmSync(join(lab, 'src/peripherals.ts'));
    const r = await reset(lab, undefined, ['yes']);
    expect(r).toEqual({
      code: 0,
      out: [
        'src/context.ts is already the original; skipped.',
        'Restored src/peripherals.ts (it was missing).',
        `Restored src/scheduler.ts to the original; your version is in ${BACKUPS}/director/src/scheduler.ts.`,
        'src/regions.ts is already the original; skipped.',
      ],
      err: [],
      asked: [`Overwrite src/scheduler.ts? A backup goes to ${BACKUPS}/ [y/N] `],
    });
    for (const p of ['src/peripherals.ts', 'src/scheduler.ts']) expect(readFileSync(join(lab, p), 'utf8')).toBe(stub(p));
  });

  it("with a step, touches only the files whose stub holds that step's TODO", async () => {
    const { lab } = repo();
    writeFileSync(join(lab, 'src/context.ts'), MINE);
    writeFileSync(join(lab, 'src/scheduler.ts'), MINE);
    const r = await reset(lab, 'time-slice', ['y']);
    expect(r.asked).toEqual([`Overwrite src/scheduler.ts? A backup goes to ${BACKUPS}/ [y/N] `]);
    expect(readFileSync(join(lab, 'src/context.ts'), 'utf8')).toBe(MINE);
  });

  it('refuses without a terminal and without --yes (exit 2), changing nothing', async () => {
    const { root, lab } = repo();
    writeFileSync(join(lab, 'src/context.ts'), MINE);
    rmSync(join(lab, 'src/regions.ts'));
    expect(await reset(lab, undefined, undefined)).toEqual({
      code: 2,
      out: [],
      err: ['lab reset: this would overwrite src/context.ts; run it in a terminal to confirm each file, or add --yes.'],
      asked: [],
    });
    expect((await reset(lab, undefined, undefined, {}, 'zh')).err).toEqual(['lab reset：这会覆盖 src/context.ts；请在终端中运行以逐个确认，或加上 --yes。']);
    expect(readFileSync(join(lab, 'src/context.ts'), 'utf8')).toBe(MINE);
    expect(existsSync(join(lab, 'src/regions.ts'))).toBe(false);
    expect(existsSync(join(root, '.virtlab'))).toBe(false);
  });

  it('with --yes, overwrites without asking, still backing up first', async () => {
    const { root, lab, stub } = repo();
    writeFileSync(join(lab, 'src/context.ts'), MINE);
    const r = await reset(lab, 'context', undefined, { yes: true });
    expect(r).toMatchObject({ code: 0, out: [`Restored src/context.ts to the original; your version is in ${BACKUPS}/director/src/context.ts.`], asked: [] });
    expect(readFileSync(join(lab, 'src/context.ts'), 'utf8')).toBe(stub('src/context.ts'));
    expect(readFileSync(join(root, BACKUPS, 'director/src/context.ts'), 'utf8')).toBe(MINE);
  });

  it('never overwrites an earlier backup made in the same second', async () => {
    const { root, lab } = repo();
    writeFileSync(join(lab, 'src/context.ts'), 'first\n');
    await reset(lab, 'context', undefined, { yes: true });
    writeFileSync(join(lab, 'src/context.ts'), 'second\n');
    expect((await reset(lab, 'context', undefined, { yes: true })).out).toEqual([
      `Restored src/context.ts to the original; your version is in ${BACKUPS}-2/director/src/context.ts.`,
    ]);
    expect(readFileSync(join(root, BACKUPS, 'director/src/context.ts'), 'utf8')).toBe('first\n');
    expect(readFileSync(join(root, `${BACKUPS}-2`, 'director/src/context.ts'), 'utf8')).toBe('second\n');
  });

  it('refuses an unknown step in one line, exit 2', async () => {
    const { lab } = repo();
    expect(await reset(lab, 'nope', ['y'])).toEqual({
      code: 2,
      out: [],
      err: ['lab reset: this lab has no step "nope" (steps: context, peripherals, time-slice, space-sharing)'],
      asked: [],
    });
  });

  it('says there is no original when the lab is not in a git repository (exit 1)', async () => {
    const root = mkdtempSync(join(tmpdir(), 'virtlab-nogit-'));
    const lab = join(root, 'packages', 'labs', 'director');
    cpSync(DIRECTOR, lab, { recursive: true, filter: (src) => !/[\\/](node_modules|\.turbo|mutants)$/.test(src) });
    const r = await reset(lab, 'context', ['y']);
    expect(r.code).toBe(1);
    expect(r.err).toHaveLength(1);
    expect(r.err[0]).toMatch(/^lab reset: the original of src\/context\.ts is not in this repository's last commit \(git show HEAD:src\/context\.ts: .+\)\.$/);
  });

  it('says git is needed when it is not installed (exit 1)', async () => {
    const { lab } = repo();
    const path = process.env.PATH;
    process.env.PATH = join(tmpdir(), 'no-such-folder');
    try {
      expect(await reset(lab, 'context', ['y'])).toEqual({
        code: 1,
        out: [],
        err: ['lab reset: git is needed to find the original files, and it was not found. Install git (https://git-scm.com/), then try again.'],
        asked: [],
      });
      expect((await reset(lab, 'context', ['y'], {}, 'zh')).err).toEqual(['lab reset：需要用 git 找到原始文件，但没有找到 git。请安装 git（https://git-scm.com/）后重试。']);
    } finally {
      process.env.PATH = path;
    }
  });

  it('takes y, yes and 是 as yes, in any case, and nothing else', () => {
    expect(['y', 'Y', ' yes ', 'YES', '是'].every(isYes)).toBe(true);
    expect(['', 'n', 'no', 'yess', '否', 'ok'].some(isYes)).toBe(false);
  });
});
