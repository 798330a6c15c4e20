import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Lang } from '../lang.ts';
import { type DoctorFacts, gatherFacts, labDoctor, versionAtLeast } from './doctor.ts';

const REPO = fileURLToPath(new URL('../../../../', import.meta.url));

/** A machine where everything is fine. */
const GOOD: DoctorFacts = {
  nodeVersion: '20.20.2',
  nodeNeeded: '20.19',
  pnpmVersion: '12.4.2',
  pnpmWanted: '12.4.2',
  tty: true,
  size: { columns: 120, rows: 40 },
  term: 'xterm-256color',
  platform: 'linux',
  fileEvents: true,
  layers: [
    { name: 'prlimit', active: true, note: 'caps address space (ArrayBuffer bombs), open files, file size' },
    { name: 'worker thread', active: true, note: 'heap limit; killed on an endless loop or a microtask flood' },
  ],
  labs: [{ id: 'director', steps: 4 }],
  labsDir: 'packages/labs',
};

async function doctor(facts: Partial<DoctorFacts>, lang: Lang = 'en') {
  const out: string[] = [];
  const err: string[] = [];
  const code = await labDoctor(lang, { out: (l) => out.push(l), err: (l) => err.push(l) }, '/nowhere', { ...GOOD, ...facts });
  return { code, out, err };
}

describe('lab doctor', () => {
  it('prints one ✓ line per check and exits 0 when all is well', async () => {
    expect(await doctor({})).toEqual({
      code: 0,
      out: [
        'lab doctor: checking this machine for virtlab',
        '✓ Node 20.20.2 (needs 20.19 or later)',
        '✓ pnpm 12.4.2',
        '✓ terminal: output goes to a terminal',
        '✓ terminal size: 120×40 (needs 80×24)',
        '✓ TERM=xterm-256color',
        '✓ file watching: file events arrive',
        '✓ sandbox layer prlimit: on, caps address space (ArrayBuffer bombs), open files, file size',
        '✓ sandbox layer worker thread: on, heap limit; killed on an endless loop or a microtask flood',
        '✓ lab director: lab.json loads (4 steps)',
        'All checks passed.',
      ],
      err: [],
    });
  });

  it('speaks Chinese, the sandbox notes included', async () => {
    expect((await doctor({}, 'zh')).out).toEqual([
      'lab doctor：检查这台机器能否运行 virtlab',
      '✓ Node 20.20.2（需要 20.19 或更新版本）',
      '✓ pnpm 12.4.2',
      '✓ 终端：输出到终端',
      '✓ 终端大小：120×40（需要 80×24）',
      '✓ TERM=xterm-256color',
      '✓ 文件监视：能收到文件事件',
      '✓ 沙箱层 prlimit：已启用，限制地址空间（防止 ArrayBuffer 炸弹）、打开的文件数和文件大小',
      '✓ 沙箱层 worker thread：已启用，堆内存上限；遇到死循环或微任务洪泛时被终止',
      '✓ 实验 director：lab.json 加载成功（4 个步骤）',
      '全部检查通过。',
    ]);
  });

  it('warns (!) with a fix about what only limits virtlab, and still exits 0', async () => {
    const r = await doctor({
      pnpmVersion: '9.15.0',
      tty: false,
      size: undefined,
      term: undefined,
      fileEvents: false,
      layers: [{ name: 'bubblewrap', active: false, note: 'bubblewrap is not installed (Debian/Ubuntu: apt-get install bubblewrap)' }],
    });
    expect(r.code).toBe(0);
    expect(r.out).toEqual([
      'lab doctor: checking this machine for virtlab',
      '✓ Node 20.20.2 (needs 20.19 or later)',
      '! pnpm 9.15.0; this repository uses pnpm 12.4.2.',
      '    fix: npm install -g pnpm@12.4.2',
      '! terminal: output is not a terminal (it goes to a pipe or a file); the lab screens need one.',
      '    fix: run pnpm lab in a terminal window, without | or >',
      '! terminal size: unknown (output is not a terminal)',
      '    fix: run pnpm lab in a terminal window, without | or >',
      '! TERM is not set; colours and keys may not work.',
      '    fix: export TERM=xterm-256color (and add that line to ~/.bashrc or ~/.zshrc)',
      '! file watching: no file event arrived within 1 s; watch mode will poll for changes instead (a little slower).',
      '    fix: keep your checkout on a local disk (on WSL, in your Linux home, not under /mnt/); on Linux, raise fs.inotify.max_user_watches',
      '! sandbox layer bubblewrap: off, bubblewrap is not installed (Debian/Ubuntu: apt-get install bubblewrap)',
      '    fix: not needed for lab test (the grader on the course machine has every layer); on Linux, the reason above says how to turn it on',
      '✓ lab director: lab.json loads (4 steps)',
      'No problems; 6 warnings (!): virtlab works, within the limits above.',
    ]);
  });

  it('warns about a terminal smaller than 80×24, and not about TERM on Windows', async () => {
    for (const size of [
      { columns: 79, rows: 40 },
      { columns: 200, rows: 23 },
    ]) {
      const r = await doctor({ size });
      expect(r.out).toContain(`! terminal size: ${size.columns}×${size.rows} is smaller than 80×24; some screens will be cut off.`);
      expect(r.out).toContain('    fix: make the window larger (at least 80 columns and 24 rows), or the font smaller');
    }
    expect((await doctor({ size: { columns: 80, rows: 24 } })).out).toContain('✓ terminal size: 80×24 (needs 80×24)');
    expect((await doctor({ term: undefined, platform: 'win32' })).out).toContain('✓ TERM: not needed on Windows');
  });

  it('marks ✗ with a fix, and exits 1, for an old Node, a missing pnpm, a broken lab', async () => {
    const r = await doctor({
      nodeVersion: '20.18.1',
      pnpmVersion: undefined,
      labs: [{ id: 'director', steps: 4 }, { dir: 'packages/labs/broken', message: 'broken/lab.json: "points" is missing' }],
    });
    expect(r.code).toBe(1);
    expect(r.out).toEqual([
      'lab doctor: checking this machine for virtlab',
      '✗ Node 20.18.1 is older than 20.19, which virtlab needs.',
      '    fix: install Node 20.19 or later from https://nodejs.org/ (or: nvm install 22, fnm install 22, volta install node@22)',
      '✗ pnpm was not found.',
      '    fix: npm install -g pnpm@12.4.2',
      '✓ terminal: output goes to a terminal',
      '✓ terminal size: 120×40 (needs 80×24)',
      '✓ TERM=xterm-256color',
      '✓ file watching: file events arrive',
      '✓ sandbox layer prlimit: on, caps address space (ArrayBuffer bombs), open files, file size',
      '✓ sandbox layer worker thread: on, heap limit; killed on an endless loop or a microtask flood',
      '✓ lab director: lab.json loads (4 steps)',
      '✗ lab packages/labs/broken: broken/lab.json: "points" is missing',
      "    fix: this lab's lab.json is broken: update your checkout (git pull), or tell your course staff",
      '3 problems (✗) to fix, 0 warnings (!).',
    ]);
    const zh = await doctor({ nodeVersion: '18.0.0', labs: [] }, 'zh');
    expect(zh.code).toBe(1);
    expect(zh.out).toContain('✗ Node 18.0.0 比 virtlab 所需的 20.19 旧。');
    expect(zh.out).toContain('✗ packages/labs 中没有找到任何实验');
    expect(zh.out.at(-1)).toBe('2 个问题（✗）需要解决，0 条警告（!）。');
  });

  it('compares versions part by part', () => {
    expect(versionAtLeast('20.19.0', '20.19')).toBe(true);
    expect(versionAtLeast('v22.1.0', '20.19')).toBe(true);
    expect(versionAtLeast('20.9.0', '20.19')).toBe(false);
    expect(versionAtLeast('19.99.0', '20.19')).toBe(false);
  });

  it('learns the facts of this machine from a checkout', async () => {
    const root = mkdtempSync(join(tmpdir(), 'virtlab-doctor-'));
    copyFileSync(join(REPO, 'package.json'), join(root, 'package.json'));
    cpSync(join(REPO, 'packages/labs/director/lab.json'), join(root, 'packages/labs/director/lab.json'));
    mkdirSync(join(root, 'packages/labs/broken'));
    writeFileSync(join(root, 'packages/labs/broken/lab.json'), '{');
    const f = await gatherFacts(root);
    expect(f).toMatchObject({ nodeVersion: process.versions.node, nodeNeeded: '20.19', pnpmWanted: '12.4.2', platform: process.platform, labsDir: 'packages/labs' });
    expect(f.labs).toEqual([{ id: 'director', steps: 4 }, { dir: 'packages/labs/broken', message: expect.any(String) }]);
    expect(f.layers.map((l) => l.name)).toContain('SES compartment');
    expect(typeof f.fileEvents).toBe('boolean');
    // The probe folder it made in .virtlab is gone.
    expect(existsSync(join(root, '.virtlab')) ? readdirSync(join(root, '.virtlab')) : []).toEqual([]);
  });
});
