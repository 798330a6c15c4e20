// `lab run` on the director lab: its stubs as they are, and temporary copies of the lab holding
// the reference solution, a file that does not compile, code that throws, and no simulator.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { type RunOptions, runScenario } from './run.ts';

const labDir = fileURLToPath(new URL('../../../labs/director/', import.meta.url));
const editable = (JSON.parse(readFileSync(join(labDir, 'lab.json'), 'utf8')) as { editable: string[] }).editable;
const temps: string[] = [];

afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

/** A copy of the director lab (lab.json, src/, scenarios/), its node_modules linked; `files` replace files of it. */
function labCopy(files: Record<string, string | undefined> = {}): string {
  const root = mkdtempSync(join(tmpdir(), 'virtlab-run-'));
  temps.push(root);
  const dir = join(root, 'director');
  mkdirSync(dir);
  for (const part of ['lab.json', 'src', 'scenarios']) cpSync(join(labDir, part), join(dir, part), { recursive: true });
  symlinkSync(join(labDir, 'node_modules'), join(dir, 'node_modules'), 'dir');
  for (const [path, text] of Object.entries(files)) {
    if (text === undefined) rmSync(join(dir, path));
    else writeFileSync(join(dir, path), text);
  }
  return dir;
}

/** The reference solution's editable files. */
const solution = () => Object.fromEntries(editable.map((path) => [path, readFileSync(join(labDir, 'solution', path), 'utf8')]));

async function run(dir: string, scenario: string, options: Partial<RunOptions> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runScenario(dir, scenario, { lang: 'en', ...options }, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

describe('lab run on the stubs', () => {
  it('prints the trace, one row per step: each program is killed at once', async () => {
    const r = await run(labDir, 'two-programs');
    expect(r).toEqual({
      code: 0,
      err: [],
      out: [
        'two-programs: Two programs taking turns (5 steps)',
        'step  time  kind      event',
        '   0     0  start     start: alpha, beta ready (no time slice)',
        '   1     0  dispatch  alpha runs',
        '   2     1  fault     illegal instruction in alpha at pc 0x0000: alpha is killed',
        '   3     1  dispatch  beta runs',
        '   4     2  fault     illegal instruction in beta at pc 0x0000: beta is killed',
        '   5     2  end       every program is done or killed: the Director stops',
      ],
    });
  });

  it('prints in Chinese with --lang zh, the columns still lined up', async () => {
    const r = await run(labDir, 'rogue', { lang: 'zh', steps: 2 });
    expect(r.code).toBe(0);
    expect(r.out).toEqual([
      'rogue：恶意程序越界写入（5 步）',
      '步骤  时间  类型      事件',
      '   0     0  start     开始：rogue、victim 就绪（无时间片）',
      '   1     0  dispatch  rogue 运行',
      '   2     1  fault     rogue 在 pc 0x0000 处发生非法指令：rogue 已终止',
      '…… 还有 3 步（用 --steps 显示）',
    ]);
  });

  it('--steps 0 prints the start only (columns as wide as the rows shown); --json prints the frames', async () => {
    const r = await run(labDir, 'two-programs', { steps: 0 });
    expect(r.out.slice(2)).toEqual(['   0     0  start  start: alpha, beta ready (no time slice)', '… 5 more steps (--steps to show them)']);
    const j = await run(labDir, 'compute-and-io', { json: true, seed: 3 });
    expect(j.code).toBe(0);
    expect(j.out).toHaveLength(1);
    const data = JSON.parse(j.out[0]!);
    expect(data).toMatchObject({ scenario: 'compute-and-io', title: { en: 'Compute overlapped with I/O' }, length: 5 });
    expect(data.frames).toHaveLength(6);
    expect(data.frames[1]).toMatchObject({ step: 1, time: 0, kind: 'dispatch', event: { en: 'reader runs', zh: 'reader 运行' } });
    expect(Object.keys(data.frames[1])).toEqual(['step', 'time', 'event', 'kind', 'cpu', 'regions', 'devices', 'counters', 'recent']);
  });

  it('an unknown scenario: one line naming the scenarios there are, exit 2', async () => {
    expect(await run(labDir, 'nope')).toEqual({
      code: 2,
      out: [],
      err: ['lab run: director has no scenario "nope" (scenarios: two-programs, compute-and-io, three-round-robin, rogue)'],
    });
    expect((await run(labDir, 'two-programs', { steps: -1 })).code).toBe(2);
  });
});

describe('lab run on copies of the lab', () => {
  it('with the reference solution: the programs take turns and end done', async () => {
    const dir = labCopy(solution());
    const r = await run(dir, 'two-programs', { steps: 4 });
    expect(r.err).toEqual([]);
    expect(r.out).toEqual([
      'two-programs: Two programs taking turns (53 steps)',
      'step  time  kind      event',
      '   0     0  start     start: alpha, beta ready (no time slice)',
      '   1     0  dispatch  alpha runs',
      '   2     9  syscall   alpha yields after 9 ticks',
      '   3     9  dispatch  beta runs',
      '   4    18  syscall   beta yields after 9 ticks',
      '… 49 more steps (--steps to show them)',
    ]);
    const all = await run(dir, 'two-programs');
    expect(all.out.at(-1)).toBe('  53   271  end       every program is done or killed: the Director stops');
    expect(all.out.filter((l) => / exit {6}/.test(l)).map((l) => l.replace(/^.* exit {6}/, ''))).toEqual([
      expect.stringMatching(/^alpha exits with code -?\d+ after \d+ ticks$/),
      expect.stringMatching(/^beta exits with code -?\d+ after \d+ ticks$/),
    ]);
    const rogue = await run(dir, 'rogue', { steps: 2 });
    expect(rogue.out[4]).toBe('   2     3  fault     protection fault: rogue writes 0x1010 outside its region, rogue is stopped');
  });

  it('a file that does not compile: one line with the error, exit 1', async () => {
    const dir = labCopy({ 'src/scheduler.ts': 'export function pickNext(d) {\n  return d.ready.shift(;\n}\n' });
    const r = await run(dir, 'two-programs');
    expect(r.code).toBe(1);
    expect(r.out).toEqual([]);
    expect(r.err).toHaveLength(1);
    expect(r.err[0]).toMatch(/^lab run: your code does not compile: src\/scheduler\.ts:2:\d+: /);
  });

  it('code that throws: the trace ends with what it threw', async () => {
    const scheduler = readFileSync(join(labDir, 'solution/src/scheduler.ts'), 'utf8').replace(
      'export function pickNext(d: Director): ControlBlock | undefined {',
      "export function pickNext(d: Director): ControlBlock | undefined {\n  if (d.stats.switches === 1) throw new Error('no more');",
    );
    const r = await run(labCopy({ 'src/scheduler.ts': scheduler }), 'two-programs');
    expect(r.code).toBe(0);
    expect(r.out.at(-1)).toBe('   3     1  error     your code threw Error: no more: the simulation stops');
  });

  it('a lab without src/simulate.ts: one line naming the scenarios, exit 2', async () => {
    const r = await run(labCopy({ 'src/simulate.ts': undefined }), 'two-programs');
    expect(r).toEqual({
      code: 2,
      out: [],
      err: ['lab run: director has no simulator (src/simulate.ts is missing); its scenarios: two-programs, compute-and-io, three-round-robin, rogue'],
    });
  });
});
