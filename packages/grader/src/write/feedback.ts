/**
 * The feedback page a student gets: feedback/<student>.md (English) and
 * feedback/<student>.zh-CN.md (Chinese), written from the graded results alone.
 *
 *   # Feedback: <lab title> — <student>
 *   Lab `<id>`, version <v>; tests: <kinds>.
 *   **Total: 7.5 / 10 points** (5 of 7 tests passed)
 *   <the compile or load error, in a fenced block, when there is one>
 *   ## Notes on your submission       ignored files, missing files… (only when there are some)
 *   ## 1. <step title> — 6 / 6 points
 *   - ✓ <test name>
 *   - ✗ <test name> (hidden test, timed out)
 *     ```text                         why it failed
 *     ```
 *     What your code printed:         (only when it printed; cut at MAX_PRINTED_CHARS)
 *     ```text
 *     ```
 *   ### Hints                         every hint of a step that lost points
 *
 * Interface: `feedbackMarkdown(graded, manifest, lang)`.
 *
 * Invariants: no test source appears (the page is built from test names and messages only);
 * every fixed string comes from the `TEXT` table, so the Chinese page holds no English of ours
 * (test names, messages and what the code printed are shown as they are); anything the student
 * controls (their id, messages, printed output, file names in the notes) is either escaped or
 * inside a code fence longer than any backtick run it holds, so it cannot restyle the page.
 */

import type { LabManifest } from '@virtlab/core';
import type { GradedSubmission, GradedTest } from '../grade-types.ts';
import { formatPoints } from '../score.ts';

/** The languages of the feedback pages. */
export type FeedbackLang = 'en' | 'zh';

/** Characters of a message or of printed output shown before it is cut. */
export const MAX_PRINTED_CHARS = 2000;

/** Every fixed string of a feedback page, in one language. */
interface Strings {
  title: (lab: string, student: string) => string;
  labLine: (id: string, version: string, kinds: string) => string;
  kinds: Record<GradedSubmission['kinds'], string>;
  total: (earned: string, max: string, passed: number, count: number) => string;
  unreadable: string;
  compileError: string;
  loadError: string;
  notes: string;
  step: (number: number, title: string, earned: string, max: string) => string;
  labels: (labels: string[]) => string;
  hiddenTest: string;
  status: Record<GradedTest['status'], string>;
  seeAbove: string;
  printed: string;
  cut: (more: number) => string;
  hints: string;
}

/** The fixed strings of both languages. */
export const TEXT: Record<FeedbackLang, Strings> = {
  en: {
    title: (lab, student) => `# Feedback: ${lab} — ${student}`,
    labLine: (id, version, kinds) => `Lab \`${id}\`, version ${version}; tests: ${kinds}.`,
    kinds: { all: 'public and hidden', public: 'public only', hidden: 'hidden only' },
    total: (earned, max, passed, count) => `**Total: ${earned} / ${max} points** (${passed} of ${count} tests passed)`,
    unreadable: '**Your submission could not be read**, so nothing in it was graded. The notes below say why.',
    compileError: '**Your code does not compile**, so no test could pass. The compiler said:',
    loadError: '**Your code failed to load**, so its tests could not run. The error was:',
    notes: '## Notes on your submission',
    step: (number, title, earned, max) => `## ${number}. ${title} — ${earned} / ${max} points`,
    labels: (labels) => ` (${labels.join(', ')})`,
    hiddenTest: 'hidden test',
    status: { passed: 'passed', failed: 'failed', error: 'error', timeout: 'timed out', skipped: 'skipped', todo: 'not written yet' },
    seeAbove: 'Not run: see the error at the top of this page.',
    printed: 'What your code printed:',
    cut: (more) => `… (${more} more characters not shown)`,
    hints: '### Hints',
  },
  zh: {
    title: (lab, student) => `# 评分反馈：${lab} — ${student}`,
    labLine: (id, version, kinds) => `实验 \`${id}\`，版本 ${version}；运行的测试：${kinds}。`,
    kinds: { all: '公开测试和隐藏测试', public: '仅公开测试', hidden: '仅隐藏测试' },
    total: (earned, max, passed, count) => `**总分：${earned} / ${max} 分**（共 ${count} 项测试，通过 ${passed} 项）`,
    unreadable: '**无法读取你的提交**，因此其中的内容都没有评分。原因见下方说明。',
    compileError: '**你的代码无法编译**，因此所有测试都无法通过。编译器的报错如下：',
    loadError: '**你的代码加载失败**，因此测试无法运行。错误信息如下：',
    notes: '## 关于你的提交的说明',
    step: (number, title, earned, max) => `## ${number}. ${title} — ${earned} / ${max} 分`,
    labels: (labels) => `（${labels.join('，')}）`,
    hiddenTest: '隐藏测试',
    status: { passed: '通过', failed: '未通过', error: '出错', timeout: '超时', skipped: '已跳过', todo: '尚未编写' },
    seeAbove: '未运行：原因见本页顶部的错误信息。',
    printed: '你的代码输出了：',
    cut: (more) => `…（另有 ${more} 个字符未显示）`,
    hints: '### 提示',
  },
};

/** The feedback page of one graded submission, in Markdown, in the given language. */
export function feedbackMarkdown(g: GradedSubmission, manifest: LabManifest, lang: FeedbackLang): string {
  const t = TEXT[lang];
  const passed = g.tests.filter((x) => x.status === 'passed').length;
  const out: string[] = [
    t.title(escapeMarkdown(manifest.title[lang]), escapeMarkdown(g.student)),
    '',
    t.labLine(manifest.id, escapeMarkdown(g.labVersion), t.kinds[g.kinds]),
    '',
    t.total(formatPoints(g.cents), formatPoints(g.maxCents), passed, g.tests.length),
    '',
  ];
  const error = g.compileError !== '' ? g.compileError : g.loadError;
  if (g.status === 'unreadable') out.push(t.unreadable, '');
  else if (error !== '') out.push(g.compileError !== '' ? t.compileError : t.loadError, '', ...fenced(cut(error, t), ''), '');
  if (g.notes.length > 0) out.push(t.notes, '', ...fenced(g.notes.join('\n'), ''), '');

  manifest.steps.forEach((step, index) => {
    const score = g.steps.find((s) => s.id === step.id);
    if (score === undefined) return;
    out.push(t.step(index + 1, escapeMarkdown(step.title[lang]), formatPoints(score.cents), formatPoints(score.maxCents)), '');
    for (const test of g.tests.filter((x) => x.step === step.id)) out.push(...testLines(test, error, t));
    if (out.at(-1) !== '') out.push('');
    if (score.cents < score.maxCents) {
      out.push(t.hints, '');
      step.hints.forEach((hint, i) => {
        out.push(`${i + 1}. ${hint[lang].replaceAll('\n', '\n   ')}`);
      });
      out.push('');
    }
  });
  return `${out.join('\n').trimEnd()}\n`;
}

/** One test's list item: ✓ or ✗, its name and labels, and for a failure its reason and what the code printed. */
function testLines(test: GradedTest, error: string, t: Strings): string[] {
  const ok = test.status === 'passed';
  const labels: string[] = [];
  if (test.visibility === 'hidden') labels.push(t.hiddenTest);
  if (test.status !== 'passed' && test.status !== 'failed') labels.push(t.status[test.status]);
  const lines = [`- ${ok ? '✓' : '✗'} ${escapeMarkdown(test.name)}${labels.length > 0 ? t.labels(labels) : ''}`];
  if (ok) return lines;
  lines.push('');
  if (error !== '' && test.message.includes(error)) lines.push(`  ${t.seeAbove}`, '');
  else if (test.message !== '') lines.push(...fenced(cut(test.message, t), '  '), '');
  if (test.output !== '') lines.push(`  ${t.printed}`, '', ...fenced(cut(test.output, t), '  '), '');
  return lines;
}

/** `text` cut to MAX_PRINTED_CHARS characters (whole code points), saying how much was left out. */
function cut(text: string, t: Strings): string {
  const chars = Array.from(text);
  if (chars.length <= MAX_PRINTED_CHARS) return text;
  return `${chars.slice(0, MAX_PRINTED_CHARS).join('')}\n${t.cut(chars.length - MAX_PRINTED_CHARS)}`;
}

/** A fenced code block holding `text` verbatim, indented; its fence is longer than any backtick run inside. */
function fenced(text: string, indent: string): string[] {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  const body = text.replace(/\n$/, '').split('\n');
  return [`${indent}${fence}text`, ...body.map((line) => (line === '' ? '' : `${indent}${line}`)), `${indent}${fence}`];
}

/** Text with Markdown's inline markup characters escaped, so it shows as written. */
function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<]/g, '\\$&').replace(/[\r\n]+/g, ' ');
}
