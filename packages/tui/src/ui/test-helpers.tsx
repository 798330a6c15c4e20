/**
 * What the TUI's tests share: a small lab, its pages, a fake simulator with 20 frames, fake
 * test runs (failing, then passing), a fake watcher, a harness that holds the progress the way
 * the real caller does, and renderers at a chosen terminal size. Nothing here touches the disk.
 */

import { EventEmitter } from 'node:events';
import { type LabManifest, type LabSimulation, parseLabManifest, type SimFrame } from '@virtlab/core';
import type { RunReport } from '@virtlab/grader';
import { render as inkRender } from 'ink';
import { render as testRender } from 'ink-testing-library';
import { type ReactElement, useState } from 'react';
import type { Lang } from '../lang.ts';
import { App, type AppProps } from './App.tsx';
import { textWidth } from './text-width.ts';
import type { Progress, UiLab, UiWatcher } from './types.ts';

const manifest: LabManifest = parseLabManifest(
  JSON.stringify({
    id: 'director',
    title: { en: 'The Director', zh: '监控程序 Director' },
    summary: { en: 'Build a small supervisor that shares one CPU between programs.', zh: '实现一个小小的监控程序，让多个程序共享一个 CPU。' },
    editable: ['src/context.ts', 'src/scheduler.ts'],
    points: 100,
    steps: [
      {
        id: 'context',
        title: { en: "Saving a program's context", zh: '保存程序的上下文' },
        doc: 'docs/{lang}/01-context.md',
        public: ['tests/public/context.test.ts'],
        hidden: ['tests/hidden/context.test.ts'],
        points: 40,
        hints: [
          { en: 'First hint: what can an instruction read?', zh: '第一条提示：指令能读到什么？' },
          { en: 'Second hint: the registers, the pc and the psw.', zh: '第二条提示：寄存器、pc 和 psw。' },
          { en: 'Third hint: copy them out and back in.', zh: '第三条提示：复制出来，再复制回去。' },
        ],
        scenarios: ['two-programs'],
      },
      {
        id: 'time-slice',
        title: { en: 'Sharing the CPU with a timer', zh: '用定时器分时共享 CPU' },
        doc: 'docs/{lang}/02-time-slice.md',
        public: ['tests/public/time-slice.test.ts'],
        hidden: ['tests/hidden/time-slice.test.ts'],
        points: 60,
        hints: [{ en: 'Arm the timer at every dispatch.', zh: '每次分派时都设置定时器。' }],
        scenarios: ['two-programs', 'round-robin'],
      },
    ],
    scenarios: [
      { id: 'two-programs', title: { en: 'Two programs taking turns', zh: '两个程序轮流运行' }, file: 'scenarios/two-programs.json' },
      { id: 'round-robin', title: { en: 'Three programs, round robin', zh: '三个程序轮转调度' }, file: 'scenarios/round-robin.json' },
    ],
  }),
  { file: 'director/lab.json', folderName: 'director' },
);

/** The lab the tests show. */
export const LAB: UiLab = { dir: '/labs/director', manifest };

/** A second lab, so the list has more than one. */
export const OTHER_LAB: UiLab = {
  dir: '/labs/memory',
  manifest: { ...manifest, id: 'memory', title: { en: 'Paging', zh: '分页' }, summary: undefined },
};

const longParagraph = Array.from({ length: 40 }, (_, i) => `word${i}`).join(' ');

/** The pages, by path. */
export const DOCS: Record<string, string> = {
  'docs/en/01-context.md': `# Step 1 — Saving a program's context\n\nIn this step you write **two functions**: \`saveContext\` and \`restoreContext\`.\n\n## How it works\n\n- the 16 registers\n- the \`pc\`\n- the psw\n\n\`\`\`\n psw   bits 13..12   mode\n\`\`\`\n\n| field | holds |\n| --- | --- |\n| regs | the registers |\n\n${Array.from({ length: 30 }, (_, i) => `Paragraph ${i + 1}. ${longParagraph}`).join('\n\n')}\n\nTHE END OF THE PAGE\n`,
  'docs/zh/01-context.md': `# 步骤 1 — 保存程序的上下文\n\n在这一步中，你要编写**两个函数**：\`saveContext\` 和 \`restoreContext\`。${'程序不能察觉自己被打断过。'.repeat(20)}\n\n## 工作原理\n\n- 16 个寄存器\n- \`pc\`\n`,
  'docs/en/02-time-slice.md': '# Step 2 — Sharing the CPU\n\nA timer takes the CPU back.\n',
  'docs/zh/02-time-slice.md': '# 步骤 2 — 分时共享 CPU\n\n定时器把 CPU 收回来。\n',
};

/** Reads a page of the fake lab. */
export function readDoc(_labDir: string, path: string): string {
  const text = DOCS[path];
  if (text === undefined) throw new Error(`no such file: ${path}`);
  return text;
}

const KINDS = ['dispatch', 'timer', 'fault'];

/** The kind of event at step k of the fake scenario. */
export const kindAt = (k: number): string => KINDS[k % 3]!;

/** A fake scenario of 20 frames (steps 0..19): events cycle dispatch, timer, fault; every step but the last has a question. */
export function fakeSimulation(scenario = 'two-programs'): LabSimulation {
  const length = 19;
  const frame = (k: number): SimFrame => ({
    step: k,
    time: k * 10,
    event: { en: `event number ${k}`, zh: `第 ${k} 号事件` },
    kind: kindAt(k),
    cpu: [
      { label: { en: 'pc', zh: 'pc' }, value: `0x${(0x40 + k * 4).toString(16).padStart(4, '0')}` },
      { label: { en: 'mode', zh: '模式' }, value: k % 2 === 0 ? 'user' : 'supervisor' },
    ],
    regions: [
      { label: { en: 'program A', zh: '程序 A' }, value: '0x1000–0x1fff' },
      { label: { en: 'program B', zh: '程序 B' }, value: '0x2000–0x2fff' },
    ],
    devices: [{ label: { en: 'disk', zh: '磁盘' }, value: k % 4 === 0 ? 'idle' : 'busy' }],
    counters: [{ label: { en: 'switches', zh: '切换次数' }, value: String(k) }],
    recent: Array.from({ length: Math.min(k, 3) }, (_, i) => ({ en: `event number ${k - Math.min(k, 3) + i}`, zh: `第 ${k - Math.min(k, 3) + i} 号事件` })),
  });
  return {
    scenario,
    title: scenario === 'two-programs' ? { en: 'Two programs taking turns', zh: '两个程序轮流运行' } : { en: 'Three programs, round robin', zh: '三个程序轮转调度' },
    length,
    frame,
    kinds: KINDS,
    nextOfKind: (k, kind) => {
      for (let j = k + 1; j <= length; j++) if (kindAt(j) === kind) return j;
      return undefined;
    },
    question: (k) =>
      k >= length
        ? undefined
        : {
            prompt: { en: 'What kind of event comes next?', zh: '下一个事件是什么类型？' },
            choices: KINDS.map((c) => ({ en: c, zh: c === 'dispatch' ? '分派' : c === 'timer' ? '定时器' : '故障' })),
            answer: (k + 1) % 3,
          },
  };
}

/** A report where "saves the registers" fails with a diff and "restores the pc" passes. */
export const FAILING: RunReport = {
  tests: [
    {
      file: 'tests/public/context.test.ts',
      name: 'context > saves the registers',
      steps: ['context'],
      visibility: 'public',
      status: 'failed',
      message: 'AssertionError: expected [ 1, 2 ] to deeply equal [ 1, 3 ]\n\n- Expected\n+ Received\n\n  [\n    1,\n-   3,\n+   2,\n  ]',
      output: 'saving program A\n',
      durationMs: 3,
    },
    { file: 'tests/public/context.test.ts', name: 'context > restores the pc', steps: ['context'], visibility: 'public', status: 'passed', message: '', output: '', durationMs: 1 },
  ],
  compileError: '',
  loadError: '',
  restarts: 0,
};

/** The same tests, both passing. */
export const PASSING: RunReport = { ...FAILING, tests: FAILING.tests.map((t) => ({ ...t, status: 'passed' as const, message: '', output: '' })) };

/** A runTests that fails the first time and passes after; `calls` lists its calls. */
export function fakeRunTests(reports: RunReport[] = [FAILING, PASSING]) {
  const calls: { labDir: string; step: string }[] = [];
  const runTests = async (labDir: string, step: string): Promise<RunReport> => {
    calls.push({ labDir, step });
    return reports[Math.min(calls.length - 1, reports.length - 1)]!;
  };
  return { runTests, calls };
}

/** A watch that records what it watches; `change()` plays a file change. */
export function fakeWatch(mode: 'events' | 'polling' = 'events') {
  const started: { labDir: string; paths: string[]; closed: boolean; onChange: () => void }[] = [];
  const watch = (labDir: string, paths: string[], onChange: () => void): UiWatcher => {
    const entry = { labDir, paths, closed: false, onChange };
    started.push(entry);
    return { mode, close: () => (entry.closed = true) };
  };
  const change = () => {
    for (const s of started) if (!s.closed) s.onChange();
  };
  return { watch, started, change };
}

/** Empty progress. */
export const NO_PROGRESS: Progress = { version: 1, labs: {} };

/** The props of App with fakes everywhere, and what the fakes saw. */
export function fakeProps(overrides: Partial<AppProps> = {}) {
  const tests = fakeRunTests();
  const watcher = fakeWatch();
  const opened: string[] = [];
  const exits: number[] = [];
  const props: AppProps = {
    labs: [LAB, OTHER_LAB],
    lang: 'en',
    readDoc,
    runTests: tests.runTests,
    progress: NO_PROGRESS,
    onProgress: () => {},
    openScenario: async (_dir, id) => {
      opened.push(id);
      return fakeSimulation(id);
    },
    watch: watcher.watch,
    exit: () => exits.push(1),
    ...overrides,
  };
  return { props, tests, watcher, opened, exits };
}

/** App with its progress held in state, as the real caller does; `saved` gets every progress handed out. */
export function Harness({ props, saved }: { props: AppProps; saved: Progress[] }) {
  const [progress, setProgress] = useState(props.progress);
  return (
    <App
      {...props}
      progress={progress}
      onProgress={(next) => {
        saved.push(next);
        setProgress(next);
      }}
    />
  );
}

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Lets Ink read the keys written (a lone Esc is told apart from a key sequence on a later turn),
 * React render, a promise (a test run, a scenario) settle, and the new screen start listening:
 * waits until no new frame has been drawn for a while.
 */
export async function settle(frameCount: () => number = () => 0): Promise<void> {
  let last = -1;
  let quiet = 0;
  for (let i = 0; i < 100 && quiet < 3; i++) {
    await tick(5);
    const now = frameCount();
    quiet = now === last ? quiet + 1 : 0;
    last = now;
  }
  await tick(5);
}

/** Key codes. */
export const KEY = { up: '\u001B[A', down: '\u001B[B', right: '\u001B[C', left: '\u001B[D', enter: '\r', escape: '\u001B' } as const;

/** Renders the harnessed App with ink-testing-library (100 columns). */
export function renderApp(overrides: Partial<AppProps> = {}) {
  const fakes = fakeProps(overrides);
  const saved: Progress[] = [];
  const r = testRender(<Harness props={fakes.props} saved={saved} />);
  const frame = () => r.lastFrame() ?? '';
  /** Types the keys one by one, letting the UI catch up after each (with none: only lets it catch up). */
  const press = async (...keys: string[]) => {
    for (const k of keys) {
      r.stdin.write(k);
      await settle(() => r.frames.length);
    }
    if (keys.length === 0) await settle(() => r.frames.length);
  };
  return { ...r, ...fakes, saved, frame, press };
}

class SizedStdout extends EventEmitter {
  frames: string[] = [];
  isTTY = false;
  constructor(
    public columns: number,
    public rows: number,
  ) {
    super();
  }
  write = (frame: string) => {
    this.frames.push(frame);
    return true;
  };
  lastFrame = () => this.frames.at(-1) ?? '';
}

class FakeStdin extends EventEmitter {
  isTTY = true;
  data: string | null = null;
  write = (data: string) => {
    this.data = data;
    this.emit('readable');
    this.emit('data', data);
  };
  read = () => {
    const { data } = this;
    this.data = null;
    return data;
  };
  setEncoding() {}
  setRawMode() {}
  resume() {}
  pause() {}
  ref() {}
  unref() {}
}

/** Renders `tree` in a terminal of `columns`×`rows`; `resize` changes the size as a terminal does. */
export function renderSized(tree: ReactElement, columns: number, rows: number) {
  const stdout = new SizedStdout(columns, rows);
  const stdin = new FakeStdin();
  const instance = inkRender(tree, {
    stdout: stdout as unknown as NodeJS.WriteStream,
    stderr: new SizedStdout(columns, rows) as unknown as NodeJS.WriteStream,
    stdin: stdin as unknown as NodeJS.ReadStream,
    debug: true,
    exitOnCtrlC: false,
    patchConsole: false,
  });
  const press = async (...keys: string[]) => {
    for (const k of keys) {
      stdin.write(k);
      await settle(() => stdout.frames.length);
    }
    if (keys.length === 0) await settle(() => stdout.frames.length);
  };
  const resize = async (c: number, r: number) => {
    stdout.columns = c;
    stdout.rows = r;
    stdout.emit('resize');
    await settle(() => stdout.frames.length);
  };
  return { frame: stdout.lastFrame, press, resize, unmount: () => instance.unmount(), stdout };
}

/** Renders the harnessed App in a terminal of `columns`×`rows`. */
export function renderAppSized(columns: number, rows: number, overrides: Partial<AppProps> = {}) {
  const fakes = fakeProps(overrides);
  const saved: Progress[] = [];
  return { ...renderSized(<Harness props={fakes.props} saved={saved} />, columns, rows), ...fakes, saved };
}

/** The widest line of a frame, in columns (colour codes removed). */
export function widestLine(frame: string): number {
  const plain = frame.replace(/\u001B\[[0-9;]*m/g, '');
  return Math.max(...plain.split('\n').map(textWidth));
}

/** The lines of a frame. */
export const linesOf = (frame: string): string[] => frame.split('\n');

/** The language parameter for tests that run in both. */
export const LANGS: Lang[] = ['en', 'zh'];
