import { type LabManifest, labManifestSchema } from '@virtlab/core';
import { describe, expect, it } from 'vitest';
import type { GradedSubmission } from '../grade-types.ts';
import { formatSummary, SUMMARY_COLUMNS, summarize } from './summary.ts';

const hint = { en: 'A hint.', zh: '一条提示。' };
const step = (id: string, points: number) => ({
  id,
  title: { en: id, zh: id },
  doc: `docs/{lang}/${id}.md`,
  public: [],
  hidden: [`tests/hidden/${id}.test.ts`],
  points,
  hints: [hint],
});
const manifest: LabManifest = labManifestSchema.parse({
  id: 'adder',
  title: { en: 'Adder', zh: '加法器' },
  editable: ['src/adder.ts'],
  points: 10,
  steps: [step('add', 6), step('machine', 4)],
});

/** A submission with these hundredths earned on add (of 600) and machine (of 400); undefined leaves a step out. */
function graded(student: string, add: number | undefined, machine: number | undefined, status: GradedSubmission['status'] = 'graded'): GradedSubmission {
  const steps = [
    ...(add === undefined ? [] : [{ id: 'add', cents: add, maxCents: 600 }]),
    ...(machine === undefined ? [] : [{ id: 'machine', cents: machine, maxCents: 400 }]),
  ];
  return {
    student,
    lab: 'adder',
    labVersion: '1.0.0',
    hash: `hash-${student}`,
    kinds: 'all',
    status,
    cents: steps.reduce((s, x) => s + x.cents, 0),
    maxCents: 1000,
    steps,
    tests: [],
    notes: [],
    compileError: '',
    loadError: '',
  };
}

const all = [graded('alice', 600, 400), graded('bob', 300, 133), graded('dave', 60, 0), graded('erin', 0, 0, 'unreadable')];
const timing = new Map([
  ['alice', 812.4],
  ['bob', 2345.6],
  ['dave', 90],
  ['erin', 0],
  ['frank', 90],
  ['gina', 15],
]);
const errors = [{ student: 'carol', reason: 'the sandbox process exited (signal SIGKILL)\nmore detail' }];

describe('summarize', () => {
  it('counts, averages on hundredths and buckets each step by tenths of its maximum', () => {
    expect(summarize(all, manifest, timing, errors)).toEqual({
      lab: 'adder',
      count: 5,
      graded: 3,
      unreadable: 1,
      errors: [{ student: 'carol', reason: 'the sandbox process exited (signal SIGKILL)\nmore detail' }],
      max: 10,
      // totals 1000, 433, 60, 0: mean 373.25 → 3.73; median (60 + 433) / 2 = 246.5 → 2.47
      mean: 3.73,
      median: 2.47,
      steps: [
        // 600/600 → 90-100 %, 300/600 → 50-60 %, 60/600 = 10 % exactly → 10-20 %, 0 → 0-10 %
        { id: 'add', max: 6, graded: 4, mean: 2.4, histogram: [1, 1, 0, 0, 0, 1, 0, 0, 0, 1] },
        { id: 'machine', max: 4, graded: 4, mean: 1.33, histogram: [2, 0, 0, 1, 0, 0, 0, 0, 0, 1] },
      ],
      slowest: [
        { student: 'bob', ms: 2346 },
        { student: 'alice', ms: 812 },
        { student: 'dave', ms: 90 },
        { student: 'frank', ms: 90 },
        { student: 'gina', ms: 15 },
      ],
    });
  });

  it('counts a step only where it was graded, and has no mean without submissions', () => {
    const s = summarize([graded('alice', 600, undefined)], manifest, new Map(), []);
    expect(s.steps[1]).toEqual({ id: 'machine', max: 4, graded: 0, mean: null, histogram: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0] });
    const empty = summarize([], manifest, new Map(), []);
    expect([empty.count, empty.mean, empty.median, empty.max]).toEqual([0, null, null, 0]);
  });
});

describe('formatSummary', () => {
  it('prints a compact report with a histogram per step', () => {
    expect(formatSummary(summarize(all, manifest, timing, errors))).toBe(`adder: 5 submissions: 3 graded, 1 unreadable, 1 not graded
total of 10 points: mean 3.73, median 2.47

1. add (6 points): mean 2.4 over 4
      0-10% |##################################################  1
     10-20% |##################################################  1
     20-30% |                                                    0
     30-40% |                                                    0
     40-50% |                                                    0
     50-60% |##################################################  1
     60-70% |                                                    0
     70-80% |                                                    0
     80-90% |                                                    0
    90-100% |##################################################  1

2. machine (4 points): mean 1.33 over 4
      0-10% |##################################################  2
     10-20% |                                                    0
     20-30% |                                                    0
     30-40% |#########################                           1
     40-50% |                                                    0
     50-60% |                                                    0
     60-70% |                                                    0
     70-80% |                                                    0
     80-90% |                                                    0
    90-100% |#########################                           1

not graded (the grader failed, not the submission):
  carol: the sandbox process exited (signal SIGKILL)

slowest:
  bob    2346 ms
  alice   812 ms
  dave     90 ms
  frank    90 ms
  gina     15 ms
`);
  });

  it('keeps every line within 80 columns and free of control characters', () => {
    const long = `\u001b[31m${'x'.repeat(200)}`;
    const text = formatSummary(summarize([graded(long, 1, 1)], manifest, new Map([[long, 5]]), [{ student: long, reason: long }]));
    for (const line of text.split('\n')) expect(Array.from(line).length).toBeLessThanOrEqual(SUMMARY_COLUMNS);
    expect(text).not.toContain('\u001b');
  });

  it('shows a dash where there is no mean', () => {
    expect(formatSummary(summarize([], manifest, new Map(), [])).split('\n').slice(0, 4)).toEqual([
      'adder: 0 submissions: 0 graded',
      'total of 0 points: mean -, median -',
      '',
      '1. add (6 points): mean - over 0',
    ]);
  });
});
