// The real `pnpm lab start` in a real terminal (tmux, 80×24): open the director lab, run a step's
// tests and see them fail, fix the student file on disk, see watch mode re-run them and pass,
// step the simulator forward and back, and quit; open the cgroups lab (its reference solution in
// place) and step its simulator to the end of a scenario. Works on a copy of the labs, never the
// checkout's.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const hasTmux = spawnSync('tmux', ['-V']).status === 0;
if (!hasTmux) console.warn('tui e2e: tmux is not installed (apt-get install tmux); the end-to-end test is skipped');

const socket = `virtlab-e2e-${process.pid}`;
const tmux = (...args: string[]) => execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
const screen = () => tmux('capture-pane', '-p', '-t', 'lab');
const keys = (...k: string[]) => tmux('send-keys', '-t', 'lab', ...k);

/** Waits until the screen shows `text` (a string or a pattern); fails with the last screen after `ms`. */
async function waitFor(text: string | RegExp, ms = 30_000): Promise<string> {
  const until = Date.now() + ms;
  let last = '';
  while (Date.now() < until) {
    last = screen();
    if (typeof text === 'string' ? last.includes(text) : text.test(last)) return last;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`the screen never showed ${String(text)}; it shows:\n${last}`);
}

let labs: string;
beforeAll(() => {
  if (!hasTmux) return;
  labs = mkdtempSync(join(tmpdir(), 'virtlab-e2e-labs-'));
  for (const lab of ['director', 'cgroups']) {
    cpSync(join(repo, 'packages', 'labs', lab), join(labs, lab), {
      recursive: true,
      filter: (src) => !src.includes('node_modules'),
    });
  }
  // The cgroups lab with its reference solution, so its simulator shows the cgroup tree at work.
  cpSync(join(repo, 'packages', 'labs', 'cgroups', 'solution', 'src'), join(labs, 'cgroups', 'src'), { recursive: true });
});

afterAll(() => {
  if (!hasTmux) return;
  spawnSync('tmux', ['-L', socket, 'kill-server']);
  rmSync(labs, { recursive: true, force: true });
});

describe.skipIf(!hasTmux)('pnpm lab start in a terminal', () => {
  it('tests fail, a save makes watch mode re-run them and pass, the simulator steps both ways', async () => {
    const env = `VIRTLAB_LABS_DIR=${labs} LANG=en_US.UTF-8`;
    tmux('new-session', '-d', '-s', 'lab', '-x', '80', '-y', '24', `cd ${repo} && env ${env} pnpm lab start; sleep 60`);
    await waitFor('virtlab — Labs');
    expect(screen()).toContain('The Director: time sharing and space sharing');

    keys('Enter');
    await waitFor('1. Saving a program');
    keys('Enter');
    await waitFor('Step 1/4');

    keys('t');
    await waitFor(/0 passed, 3 failed/, 60_000);

    keys('w');
    await waitFor(/watching/);
    const file = join(labs, 'director', 'src', 'context.ts');
    writeFileSync(file, readFileSync(join(repo, 'packages', 'labs', 'director', 'solution', 'src', 'context.ts'), 'utf8'));
    await waitFor(/3 passed, 0 failed/, 30_000);

    keys('s');
    await waitFor('step 0/');
    keys('n');
    keys('n');
    await waitFor('step 2/');
    keys('p');
    const back = await waitFor('step 1/');
    expect(back).toContain('alpha runs');

    keys('Escape');
    await waitFor('Step 1/4');
    keys('Escape');
    await waitFor('4. A region of the store for each program');
    keys('Escape');
    await waitFor('virtlab — Labs');
    keys('q');
    await waitFor(/\$ $|^\s*$/m, 5000).catch(() => undefined);
  }, 180_000);

  it('the cgroups lab: a step, its scenarios, and the cgroup tree with usage against weights at the end', async () => {
    tmux('new-window', '-t', 'lab', `cd ${repo} && env VIRTLAB_LABS_DIR=${labs} LANG=en_US.UTF-8 node packages/tui/bin/lab.js start; sleep 60`);
    await waitFor('virtlab — Labs');
    keys('Down');
    keys('Enter');
    await waitFor('6. Namespaces: what makes a container');
    keys('Down');
    keys('Enter');
    await waitFor('Step 2/6');
    keys('s');
    await waitFor('Two busy groups, weights 100 and 300');
    keys('Enter');
    await waitFor('step 0/');
    keys('G');
    const end = await waitFor(/step (\d+)\/\1 /);
    expect(end).toContain('cgroup tree');
    expect(end).toMatch(/\[cpu\] usage 25\.0% · weight 100/);
    expect(end).toMatch(/\[cpu\] usage 75\.0% · weight 300/);
    expect(end).toMatch(/\/low usage_usec\s+250000/);
    // One Escape at a time: two ESC bytes in a row can reach the app as one key.
    keys('Escape');
    await waitFor('Scenarios:');
    keys('Escape');
    await waitFor('Step 2/6');
    keys('Escape');
    await waitFor('6. Namespaces: what makes a container');
    keys('Escape');
    await waitFor('virtlab — Labs');
    keys('q');
  }, 120_000);

  it('speaks Chinese with --lang zh', async () => {
    tmux('new-window', '-t', 'lab', `cd ${repo} && env VIRTLAB_LABS_DIR=${labs} pnpm lab start --lang zh; sleep 60`);
    const shown = await waitFor('监控程序 Director');
    expect(shown).toContain('时间共享与空间共享');
    keys('q');
  }, 60_000);
});
