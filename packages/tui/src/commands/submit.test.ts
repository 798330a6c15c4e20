import { Buffer } from 'node:buffer';
import { createHash } from 'node:crypto';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { collectSubmissions, loadLab, readArchive, writeTarGz } from '@virtlab/grader';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Lang } from '../lang.ts';
import { labSubmit } from './submit.ts';

const DIRECTOR = fileURLToPath(new URL('../../../labs/director/', import.meta.url));
const EDITABLE = ['src/context.ts', 'src/peripherals.ts', 'src/scheduler.ts', 'src/regions.ts'];

/** A temp checkout: <root>/packages/labs/director, a copy of the real lab. */
function repo(): { root: string; lab: string } {
  const root = mkdtempSync(join(tmpdir(), 'virtlab-submit-'));
  const lab = join(root, 'packages', 'labs', 'director');
  cpSync(DIRECTOR, lab, { recursive: true, filter: (src) => !/[\\/](node_modules|\.turbo|mutants)$/.test(src) });
  return { root, lab };
}

async function submit(lab: string, out: string | undefined, lang: Lang = 'en') {
  const lines: string[] = [];
  const err: string[] = [];
  const code = await labSubmit(lab, out, lang, { out: (l) => lines.push(l), err: (l) => err.push(l) });
  return { code, out: lines, err };
}

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** The file lines `lab submit` prints for the lab's files as they are on disk. */
function fileLines(lab: string, bytesWord = 'bytes'): string[] {
  return EDITABLE.map((p) => {
    const bytes = readFileSync(join(lab, p));
    return `  ${p}  ${bytes.length} ${bytesWord}  sha256 ${sha(bytes).slice(0, 12)}`;
  });
}

/** What the grader collects from a folder holding only this archive, as `student`. */
function grade(lab: string, archive: string, student: string) {
  const folder = mkdtempSync(join(tmpdir(), 'virtlab-submissions-'));
  copyFileSync(archive, join(folder, student));
  return collectSubmissions(folder, loadLab(lab).manifest);
}

let cwd: string;
let initCwd: string | undefined;
beforeEach(() => {
  initCwd = process.env.INIT_CWD;
  cwd = mkdtempSync(join(tmpdir(), 'virtlab-cwd-'));
  process.env.INIT_CWD = cwd;
});
afterEach(() => {
  if (initCwd === undefined) delete process.env.INIT_CWD;
  else process.env.INIT_CWD = initCwd;
});

describe('lab submit', () => {
  it('writes <id>-submission.tar.gz in the folder pnpm was run in, and lists what it holds', async () => {
    const { lab } = repo();
    writeFileSync(join(lab, 'src/context.ts'), '// my work\nexport const done = true;\n');
    const archive = join(cwd, 'director-submission.tar.gz');
    expect(await submit(lab, undefined)).toEqual({
      code: 0,
      out: [
        `Wrote ${archive} (lab director 0.1.0, 4 files):`,
        ...fileLines(lab),
        '  virtlab-submission.json  (the lab, its version and each file\'s sha256)',
        'Hand in this file the way your course asks (for example, upload it to Gradescope).',
      ],
      err: [],
    });
    expect(readdirSync(cwd)).toEqual(['director-submission.tar.gz']);
  });

  it('holds the editable files and a manifest of their hashes, and the grader reads it without a note', async () => {
    const { lab } = repo();
    writeFileSync(join(lab, 'src/regions.ts'), 'export const mine = 1;\n');
    await submit(lab, undefined);
    const archive = join(cwd, 'director-submission.tar.gz');
    const contents = readArchive(readFileSync(archive), 'director-submission.tar.gz');
    expect([...contents.files.keys()].sort()).toEqual([...EDITABLE, 'virtlab-submission.json'].sort());
    const files = Object.fromEntries(EDITABLE.map((p) => [p, sha(readFileSync(join(lab, p)))]));
    expect(JSON.parse(new TextDecoder().decode(contents.files.get('virtlab-submission.json')))).toEqual({ lab: 'director', version: '0.1.0', files });

    const { submissions, ignored } = grade(lab, archive, 'alice.tar.gz');
    expect(ignored).toEqual([]);
    expect(submissions).toHaveLength(1);
    expect(submissions[0]).toMatchObject({ student: 'alice', notes: [] });
    expect(submissions[0]!.unreadable).toBeUndefined();
    expect(Object.fromEntries(submissions[0]!.files)).toEqual(Object.fromEntries(EDITABLE.map((p) => [p, readFileSync(join(lab, p), 'utf8')])));
  });

  it('writes a zip for --out x.zip, relative to the folder pnpm was run in, in Chinese', async () => {
    const { lab } = repo();
    const r = await submit(lab, 'out/hand-in.zip', 'zh');
    const archive = join(cwd, 'out', 'hand-in.zip');
    expect(r).toEqual({
      code: 0,
      out: [
        `已写出 ${archive}（实验 director 0.1.0，4 个文件）：`,
        ...fileLines(lab, '字节'),
        '  virtlab-submission.json  （实验、版本以及每个文件的 sha256）',
        '请按课程要求提交这个文件（例如上传到 Gradescope）。',
      ],
      err: [],
    });
    expect(readFileSync(archive).subarray(0, 2).toString()).toBe('PK');
    const { submissions } = grade(lab, archive, 'bob.zip');
    expect(submissions[0]).toMatchObject({ student: 'bob', notes: [] });
    expect([...submissions[0]!.files.keys()].sort()).toEqual([...EDITABLE].sort());
  });

  it('lets the grader notice a file changed after submitting (the hashes are checked)', async () => {
    const { lab } = repo();
    const out = join(cwd, 'a.tar.gz');
    await submit(lab, out);
    const contents = readArchive(readFileSync(out), 'a.tar.gz');
    const tampered = new Map(contents.files).set('src/context.ts', new TextEncoder().encode('// changed later\n'));
    writeFileSync(out, writeTarGz(tampered));
    expect(grade(lab, out, 'carol.tar.gz').submissions[0]!.notes).toEqual([
      'note: src/context.ts differs from the hash recorded by lab submit (changed after submitting?)',
    ]);
  });

  it('refuses, writing nothing, when an editable file is missing', async () => {
    const { lab } = repo();
    rmSync(join(lab, 'src/scheduler.ts'));
    expect(await submit(lab, undefined)).toEqual({
      code: 1,
      out: [],
      err: ['lab submit: src/scheduler.ts is missing, so nothing was written (pnpm lab reset director restores the original).'],
    });
    expect((await submit(lab, undefined, 'zh')).err).toEqual(['lab submit：缺少 src/scheduler.ts，因此没有写出任何文件（pnpm lab reset director 可以恢复原始文件）。']);
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('refuses, writing nothing, when an editable file is empty', async () => {
    const { lab } = repo();
    writeFileSync(join(lab, 'src/regions.ts'), '\n  \n');
    expect(await submit(lab, undefined)).toEqual({
      code: 1,
      out: [],
      err: ['lab submit: src/regions.ts is empty, so nothing was written. Put your work back in it, then submit again.'],
    });
    expect((await submit(lab, undefined, 'zh')).err).toEqual(['lab submit：src/regions.ts 是空文件，因此没有写出任何文件。请把你的代码放回去，再重新提交。']);
    expect(existsSync(join(cwd, 'director-submission.tar.gz'))).toBe(false);
  });

  it('refuses a file the grader would ignore: not UTF-8, or over the size limit', async () => {
    const { lab } = repo();
    writeFileSync(join(lab, 'src/context.ts'), Buffer.from([0x2f, 0x2f, 0xff, 0xfe, 0x0a]));
    expect((await submit(lab, undefined)).err).toEqual(['lab submit: src/context.ts is not UTF-8 text, which the grader would ignore, so nothing was written.']);
    writeFileSync(join(lab, 'src/context.ts'), 'x'.repeat(262_145));
    expect(await submit(lab, undefined)).toMatchObject({
      code: 1,
      err: ["lab submit: src/context.ts is 262145 bytes, over this lab's limit of 262144, which the grader would ignore, so nothing was written."],
    });
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('refuses an --out that is not .tar.gz, .tgz or .zip, exit 2', async () => {
    const { lab } = repo();
    expect(await submit(lab, 'work.rar')).toEqual({ code: 2, out: [], err: ['lab submit: --out must end in .tar.gz, .tgz or .zip, not "work.rar".'] });
    expect((await submit(lab, 'work.rar', 'zh')).err).toEqual(['lab submit：--out 的文件名必须以 .tar.gz、.tgz 或 .zip 结尾，而不是 "work.rar"。']);
    mkdirSync(join(cwd, 'x'));
    expect((await submit(lab, 'x/work.tgz')).code).toBe(0);
    expect(readdirSync(join(cwd, 'x'))).toEqual(['work.tgz']);
  });
});
