import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from './cli.ts';
import { detectLang } from './lang.ts';

const LAB = {
  id: 'demo',
  title: { en: 'A demo lab', zh: '演示实验' },
  editable: ['src/demo.ts'],
  points: 10,
  steps: [
    {
      id: 'one',
      title: { en: 'The first step', zh: '第一步' },
      doc: 'docs/{lang}/01-one.md',
      public: [],
      hidden: ['tests/hidden/one.test.ts'],
      points: 10,
      hints: [{ en: 'Look closer.', zh: '再仔细看看。' }],
    },
  ],
};

function labsDir(labs: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'virtlab-labs-'));
  for (const [name, manifest] of Object.entries(labs)) {
    mkdirSync(join(dir, name));
    writeFileSync(join(dir, name, 'lab.json'), typeof manifest === 'string' ? manifest : JSON.stringify(manifest));
  }
  return dir;
}

async function lab(argv: string[], dir: string, env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l), env }, dir);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('lab list', () => {
  it('lists each lab with its steps and points', async () => {
    const r = await lab(['list'], labsDir({ demo: LAB }));
    expect(r).toEqual({ code: 0, out: 'Labs:\n  demo         A demo lab  (1 step, 10 points)\n      1. The first step (--step one)', err: '' });
  });

  it('speaks Chinese with --lang zh or a Chinese locale', async () => {
    const dir = labsDir({ demo: LAB });
    const expected = '实验：\n  demo         演示实验  (1 个步骤, 10 分)\n      1. 第一步 (--step one)';
    expect((await lab(['list', '--lang', 'zh'], dir)).out).toBe(expected);
    expect((await lab(['list'], dir, { LANG: 'zh_CN.UTF-8' })).out).toBe(expected);
  });

  it('prints JSON with --json', async () => {
    const r = await lab(['list', '--json'], labsDir({ demo: LAB }));
    expect(JSON.parse(r.out)).toEqual([{ id: 'demo', title: 'A demo lab', points: 10, steps: [{ id: 'one', title: 'The first step', points: 10 }] }]);
  });

  it('skips a lab whose lab.json is broken, saying why, and lists the rest', async () => {
    const r = await lab(['list'], labsDir({ demo: LAB, zz: '{ "id": ' }));
    expect(r.code).toBe(0);
    expect(r.out).toContain('demo');
    expect(r.err).toMatch(/^lab: skipping .*zz: zz\/lab\.json:1:/);
  });

  it('says so when no lab is installed', async () => {
    expect((await lab(['list'], labsDir({}))).out).toBe('No labs are installed yet: packages/labs/ has no lab.json.');
  });

  it('lab start without a terminal names the plain commands and exits 2', async () => {
    const r = await lab(['start'], labsDir({}));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^lab start needs a terminal\. Without one, use the plain commands: pnpm lab list, pnpm lab test/);
  });
});

describe('bad usage', () => {
  it('rejects an unknown command with exit code 2', async () => {
    expect(await lab(['strat'], labsDir({}))).toEqual({
      code: 2,
      out: '',
      err: 'lab: unknown command "strat". Run "pnpm lab help" for the list of commands.',
    });
  });

  it('rejects an unknown language with exit code 2', async () => {
    expect(await lab(['list', '--lang', 'fr'], labsDir({}))).toMatchObject({ code: 2, err: 'lab: --lang must be "en" or "zh", not "fr".' });
  });

  it('prints help for help, --help and no command', async () => {
    for (const argv of [['help'], ['--help'], []]) expect((await lab(argv, labsDir({}))).out).toMatch(/^Usage: pnpm lab <command>/);
  });
});

describe('detectLang', () => {
  it('prefers the flag, then LC_ALL, LC_MESSAGES and LANG', () => {
    expect(detectLang('zh', { LANG: 'en_US' })).toBe('zh');
    expect(detectLang(undefined, { LC_ALL: 'zh_TW.UTF-8', LANG: 'en_US' })).toBe('zh');
    expect(detectLang(undefined, { LC_MESSAGES: 'en_GB', LANG: 'zh_CN' })).toBe('en');
    expect(detectLang(undefined, {})).toBe('en');
  });
});

describe('lab validate', () => {
  it('validates a lab through the grader and exits 0 when every check passes', async () => {
    const { cpSync } = await import('node:fs');
    const { fileURLToPath } = await import('node:url');
    const dir = labsDir({});
    cpSync(fileURLToPath(new URL('../../grader/test/fixtures/labs/adder/', import.meta.url)), join(dir, 'adder'), { recursive: true });
    const r = await lab(['validate', 'adder'], dir);
    expect(r.err).toBe('');
    expect(r.out.split('\n')[0]).toBe('adder: valid');
    expect(r.out).toContain('  ✓ stub: the stubs fail all 7 hidden tests (0 points)');
    expect(r.code).toBe(0);
  }, 120_000);

  it('names an unknown lab and exits 2', async () => {
    expect(await lab(['validate', 'nope'], labsDir({ demo: LAB }))).toMatchObject({ code: 2, err: 'lab validate: unknown lab "nope" (labs: demo)' });
  });
});

describe('lab run, real runs', () => {
  const labs = () => fileURLToPathOf('../../labs/');

  it('passes the words after the run name to it: a bad --seconds is its one-line error, exit 2', async () => {
    const r = await lab(['run', 'cgroups', 'real-weights', '--seconds', '0'], labs());
    expect(r).toMatchObject({ code: 2, err: 'real-weights: --seconds must be a number of seconds from 0.5 to 60, not "0"' });
    const zh = await lab(['run', 'cgroups', 'real-quota', '--seconds=99', '--lang', 'zh'], labs());
    expect(zh).toMatchObject({ code: 2, err: 'real-quota：--seconds 必须是 0.5 到 60 之间的秒数，而不是 "99"' });
  }, 120_000);

  it('lists the real runs beside the scenarios when the name is neither', async () => {
    const r = await lab(['run', 'cgroups', 'real-nothing'], labs());
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      'lab run: cgroups has no scenario "real-nothing" (scenarios: hierarchy, weights-100-300, nested-weights, quota-half, parent-quota, oom, high-throttle, fork-bomb, pid-namespace, container; real runs: real-quota, real-weights)',
    );
  }, 120_000);
});

/** A path next to this file. */
function fileURLToPathOf(relative: string): string {
  return new URL(relative, import.meta.url).pathname;
}
