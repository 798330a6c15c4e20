import { describe, expect, it } from 'vitest';
import { type LabManifest, labManifestSchema } from '@virtlab/core';
import type { GradedSubmission } from '../grade-types.ts';
import { gradedTestBuilder } from './testing.ts';
import { feedbackMarkdown, MAX_PRINTED_CHARS, TEXT } from './feedback.ts';

const manifest: LabManifest = labManifestSchema.parse({
  id: 'adder',
  title: { en: 'Adder', zh: '加法器' },
  editable: ['src/adder.ts'],
  points: 10,
  steps: [
    {
      id: 'add',
      title: { en: 'Adding two numbers', zh: '两数相加' },
      doc: 'docs/{lang}/01-add.md',
      public: ['tests/public/add.test.ts'],
      hidden: ['tests/hidden/add.test.ts'],
      points: 6,
      hints: [{ en: 'ADD-HINT-EN', zh: 'ADD-HINT-ZH' }],
    },
    {
      id: 'machine',
      title: { en: 'Adding on the machine', zh: '在机器上做加法' },
      doc: 'docs/{lang}/02-machine.md',
      public: [],
      hidden: ['tests/hidden/machine.test.ts'],
      points: 4,
      hints: [
        { en: 'Assemble `add r3, r1, r2`.', zh: '汇编 `add r3, r1, r2`。' },
        { en: 'Then run the machine\nuntil it halts.', zh: '然后运行机器，\n直到它停机。' },
      ],
    },
  ],
});

const test = gradedTestBuilder('expected 0 to be 5', 3);

const alice: GradedSubmission = {
  student: 'alice',
  lab: 'adder',
  labVersion: '1.0.0',
  hash: 'abc123',
  kinds: 'all',
  status: 'graded',
  cents: 734,
  maxCents: 1000,
  steps: [
    { id: 'add', cents: 600, maxCents: 600 },
    { id: 'machine', cents: 134, maxCents: 400 },
  ],
  tests: [
    test('add', '1.1', 'tests/public/add.test.ts', 'add > small numbers', true, 300, { output: 'debug: 1 + 2\n' }),
    test('add', '1.2', 'tests/hidden/add.test.ts', 'add > negatives', true, 300),
    test('machine', '2.1', 'tests/hidden/machine.test.ts', 'machine > assembles add', true, 134),
    test('machine', '2.2', 'tests/hidden/machine.test.ts', 'machine > runs add', false, 133, { output: 'r3 = 0\n' }),
    test('machine', '2.3', 'tests/hidden/machine.test.ts', 'machine > stops', false, 133, { status: 'timeout', message: 'took longer than 2000 ms' }),
  ],
  notes: ['ignored notes.txt: not one of the lab files'],
  compileError: '',
  loadError: '',
};

describe('feedbackMarkdown', () => {
  it('writes the English page: total, notes, each step with its tests, hints of steps that lost points', () => {
    expect(feedbackMarkdown(alice, manifest, 'en')).toBe(`# Feedback: Adder — alice

Lab \`adder\`, version 1.0.0; tests: public and hidden.

**Total: 7.34 / 10 points** (3 of 5 tests passed)

## Notes on your submission

\`\`\`text
ignored notes.txt: not one of the lab files
\`\`\`

## 1. Adding two numbers — 6 / 6 points

- ✓ add > small numbers
- ✓ add > negatives (hidden test)

## 2. Adding on the machine — 1.34 / 4 points

- ✓ machine > assembles add (hidden test)
- ✗ machine > runs add (hidden test)

  \`\`\`text
  expected 0 to be 5
  \`\`\`

  What your code printed:

  \`\`\`text
  r3 = 0
  \`\`\`

- ✗ machine > stops (hidden test, timed out)

  \`\`\`text
  took longer than 2000 ms
  \`\`\`

### Hints

1. Assemble \`add r3, r1, r2\`.
2. Then run the machine
   until it halts.
`);
  });

  it('writes the Chinese page with the same structure', () => {
    expect(feedbackMarkdown(alice, manifest, 'zh')).toBe(`# 评分反馈：加法器 — alice

实验 \`adder\`，版本 1.0.0；运行的测试：公开测试和隐藏测试。

**总分：7.34 / 10 分**（共 5 项测试，通过 3 项）

## 关于你的提交的说明

\`\`\`text
ignored notes.txt: not one of the lab files
\`\`\`

## 1. 两数相加 — 6 / 6 分

- ✓ add > small numbers
- ✓ add > negatives（隐藏测试）

## 2. 在机器上做加法 — 1.34 / 4 分

- ✓ machine > assembles add（隐藏测试）
- ✗ machine > runs add（隐藏测试）

  \`\`\`text
  expected 0 to be 5
  \`\`\`

  你的代码输出了：

  \`\`\`text
  r3 = 0
  \`\`\`

- ✗ machine > stops（隐藏测试，超时）

  \`\`\`text
  took longer than 2000 ms
  \`\`\`

### 提示

1. 汇编 \`add r3, r1, r2\`。
2. 然后运行机器，
   直到它停机。
`);
  });

  it('gives hints only for the steps that lost points', () => {
    const en = feedbackMarkdown(alice, manifest, 'en');
    expect(en).not.toContain('ADD-HINT-EN');
    expect(en).toContain('Assemble `add r3, r1, r2`.');
    const full = { ...alice, cents: 1000, steps: alice.steps.map((s) => ({ ...s, cents: s.maxCents })), tests: [] };
    expect(feedbackMarkdown(full, manifest, 'en')).not.toContain('### Hints');
    const lostAdd = { ...alice, steps: [{ id: 'add', cents: 300, maxCents: 600 }, { id: 'machine', cents: 400, maxCents: 400 }] };
    const zh = feedbackMarkdown(lostAdd, manifest, 'zh');
    expect(zh).toContain('1. ADD-HINT-ZH');
    expect(zh).not.toContain('ADD-HINT-EN');
    expect(zh).not.toContain('汇编');
  });

  it('leaves no fixed English string in the Chinese page', () => {
    const broken = { ...alice, compileError: 'boom', tests: alice.tests.map((x) => ({ ...x, status: 'skipped' as const })) };
    const zh = feedbackMarkdown(alice, manifest, 'zh') + feedbackMarkdown(broken, manifest, 'zh');
    const en = TEXT.en;
    const fixed = [en.notes, en.hiddenTest, en.printed, en.hints, en.compileError, en.seeAbove, ...Object.values(en.status), ...Object.values(en.kinds)];
    for (const s of fixed) expect(zh).not.toContain(s);
    for (const word of ['Feedback', 'Total', 'points', 'tests passed', 'version', 'Lab ']) expect(zh).not.toContain(word);
  });

  it('puts the compile error at the top and points each test at it instead of repeating it', () => {
    const error = 'src/adder.ts:3:1: ERROR: Unexpected "}"';
    const broken: GradedSubmission = {
      ...alice,
      cents: 0,
      steps: [{ id: 'add', cents: 0, maxCents: 600 }],
      tests: [test('add', '1.1', 'tests/public/add.test.ts', 'add > small numbers', false, 600, { status: 'error', message: `your code does not compile:\n${error}` })],
      notes: [],
      compileError: error,
    };
    expect(feedbackMarkdown(broken, manifest, 'en')).toBe(`# Feedback: Adder — alice

Lab \`adder\`, version 1.0.0; tests: public and hidden.

**Total: 0 / 10 points** (0 of 1 tests passed)

**Your code does not compile**, so no test could pass. The compiler said:

\`\`\`text
${error}
\`\`\`

## 1. Adding two numbers — 0 / 6 points

- ✗ add > small numbers (error)

  Not run: see the error at the top of this page.

### Hints

1. ADD-HINT-EN
`);
  });

  it('says so when the submission could not be read', () => {
    const unreadable: GradedSubmission = { ...alice, status: 'unreadable', cents: 0, steps: [], tests: [], notes: ['alice.zip: not a zip archive'] };
    expect(feedbackMarkdown(unreadable, manifest, 'zh')).toContain('**无法读取你的提交**');
    expect(feedbackMarkdown(unreadable, manifest, 'en')).toContain('**Your submission could not be read**');
  });

  it('cuts long printed output and fences it so no backtick run can close the block', () => {
    const printed = `\`\`\`\n# not a heading\n${'x'.repeat(3000)}`;
    const noisy = { ...alice, tests: [test('add', '1.1', 'tests/public/add.test.ts', 'add > prints', false, 600, { output: printed })] };
    const md = feedbackMarkdown(noisy, manifest, 'en');
    expect(md).toContain('  ````text\n  ```\n  # not a heading\n  xxx');
    expect(md).toContain(`x\n  … (${printed.length - MAX_PRINTED_CHARS} more characters not shown)\n  \`\`\`\`\n`);
    expect(md).not.toContain('x'.repeat(MAX_PRINTED_CHARS));
  });

  it("escapes Markdown in the student's id", () => {
    const sneaky = { ...alice, student: '<img src=x>_*bob*_' };
    const md = feedbackMarkdown(sneaky, manifest, 'en');
    expect(md).toContain('# Feedback: Adder — \\<img src=x>\\_\\*bob\\*\\_');
  });
});
