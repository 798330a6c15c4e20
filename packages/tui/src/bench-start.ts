/**
 * `pnpm bench:tui`: how fast the student UI answers, measured in a real terminal (tmux, 80×24).
 *
 *   first frame, node    node packages/tui/bin/lab.js start → the lab list on screen
 *   first frame, written the same, timed inside the process: from Node's own start (its time
 *                        origin) to the write that hands the lab list to the terminal; no shell,
 *                        tmux or polling in the figure
 *   first frame, pnpm    pnpm lab start → the lab list on screen
 *   save → result        on a step screen in watch mode, a student file is saved → the new test
 *                        result on screen (the tests' sandbox is already warm)
 *
 * Each figure is the median of several runs, polling the screen every 5 ms. Works on a copy of
 * the labs, never on the checkout's student files. Needs tmux.
 */

import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
if (spawnSync('tmux', ['-V']).status !== 0) {
  console.error('bench:tui needs tmux (apt-get install tmux)');
  process.exit(2);
}
const socket = `virtlab-bench-${process.pid}`;
const tmux = (...args: string[]) => execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
const labs = mkdtempSync(join(tmpdir(), 'virtlab-bench-labs-'));
cpSync(join(repo, 'packages', 'labs', 'director'), join(labs, 'director'), { recursive: true, filter: (s) => !s.includes('node_modules') });
const env = `env -u NODE_EXTRA_CA_CERTS VIRTLAB_LABS_DIR=${labs} LANG=en_US.UTF-8`;

function until(text: string | RegExp, from: number, ms = 60_000): number {
  for (;;) {
    const screen = tmux('capture-pane', '-p', '-t', 'b');
    if (typeof text === 'string' ? screen.includes(text) : text.test(screen)) return performance.now() - from;
    if (performance.now() - from > ms) throw new Error(`never saw ${String(text)}:\n${screen}`);
    spawnSync('sleep', ['0.005']);
  }
}

function firstFrame(command: string): number {
  tmux('new-session', '-d', '-s', 'b', '-x', '80', '-y', '24', 'sleep 60');
  const t0 = performance.now();
  tmux('respawn-pane', '-k', '-t', 'b', `cd ${repo} && ${env} ${command}; sleep 60`);
  const ms = until('virtlab — Labs', t0);
  tmux('kill-session', '-t', 'b');
  return ms;
}

let inProcessRuns = 0;

/** Node's start → the first frame written, read from a preloaded module that watches stdout. */
function firstFrameInProcess(): number {
  const out = join(labs, `first-frame-${inProcessRuns++}`);
  const hook = join(labs, 'first-frame-hook.mjs');
  writeFileSync(
    hook,
    `import { writeFileSync } from 'node:fs';
const write = process.stdout.write.bind(process.stdout);
let seen = false;
process.stdout.write = (chunk, ...rest) => {
  if (!seen && String(chunk).includes('virtlab — Labs')) {
    seen = true;
    writeFileSync(${JSON.stringify(out)}, String(performance.now()));
  }
  return write(chunk, ...rest);
};
`,
  );
  tmux('new-session', '-d', '-s', 'b', '-x', '80', '-y', '24', 'sleep 60');
  tmux('respawn-pane', '-k', '-t', 'b', `cd ${repo} && ${env} node --import ${hook} packages/tui/bin/lab.js start; sleep 60`);
  // The figure comes from inside the process, so wait without polling hard (a busy poll would
  // take a core from the process it times).
  const t0 = performance.now();
  while (!existsSync(out)) {
    if (performance.now() - t0 > 60_000) throw new Error('the first frame was never written');
    spawnSync('sleep', ['0.25']);
  }
  spawnSync('sleep', ['0.05']);
  const ms = Number(readFileSync(out, 'utf8'));
  tmux('kill-session', '-t', 'b');
  return ms;
}

function saveToResult(rounds: number): number[] {
  tmux('new-session', '-d', '-s', 'b', '-x', '80', '-y', '24', `cd ${repo} && ${env} node packages/tui/bin/lab.js start; sleep 60`);
  until('virtlab — Labs', performance.now());
  tmux('send-keys', '-t', 'b', 'Enter');
  until('1. Saving', performance.now());
  tmux('send-keys', '-t', 'b', 'Enter');
  until('Step 1/4', performance.now());
  tmux('send-keys', '-t', 'b', 't');
  until(/0 passed, 3 failed/, performance.now());
  tmux('send-keys', '-t', 'b', 'w');
  until('watching', performance.now());
  const file = join(labs, 'director', 'src', 'context.ts');
  const stub = readFileSync(file, 'utf8');
  const solution = readFileSync(join(repo, 'packages', 'labs', 'director', 'solution', 'src', 'context.ts'), 'utf8');
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const good = i % 2 === 0;
    const t0 = performance.now();
    writeFileSync(file, good ? solution : stub);
    times.push(until(good ? /3 passed, 0 failed/ : /0 passed, 3 failed/, t0));
  }
  tmux('kill-session', '-t', 'b');
  return times;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const runs = (n: number, f: () => number) => Array.from({ length: n }, f);
try {
  // What the terminal and the shell cost on their own: node printing the same title and nothing else.
  const baseline = runs(5, () => firstFrame(`node -e "console.log('virtlab — Labs')"`));
  const direct = runs(5, () => firstFrame('node packages/tui/bin/lab.js start'));
  const inProcess = runs(9, firstFrameInProcess);
  const viaPnpm = runs(5, () => firstFrame('pnpm lab start'));
  const save = saveToResult(6);
  const rows: [string, string, string][] = [
    ['baseline: node printing the title', `${median(baseline).toFixed(0)} ms (runs: ${baseline.map((x) => x.toFixed(0)).join(', ')})`, '-'],
    ['first frame on screen, node bin/lab.js', `${median(direct).toFixed(0)} ms (runs: ${direct.map((x) => x.toFixed(0)).join(', ')})`, '-'],
    ['first frame written, timed in node', `${median(inProcess).toFixed(0)} ms (runs: ${inProcess.map((x) => x.toFixed(0)).join(', ')})`, '< 300 ms'],
    ['first frame, pnpm lab start', `${median(viaPnpm).toFixed(0)} ms (runs: ${viaPnpm.map((x) => x.toFixed(0)).join(', ')})`, '< 1000 ms'],
    ['save → test result shown (watch mode)', `${median(save).toFixed(0)} ms (runs: ${save.map((x) => x.toFixed(0)).join(', ')})`, '< 1000 ms'],
  ];
  console.log(`@virtlab/tui benchmarks (Node ${process.version}, tmux 80×24, screen polled every 5 ms)`);
  for (const r of rows) console.log(`${r[0].padEnd(40)} ${r[1].padEnd(46)} ${r[2]}`);
} finally {
  spawnSync('tmux', ['-L', socket, 'kill-server']);
  rmSync(labs, { recursive: true, force: true });
}
