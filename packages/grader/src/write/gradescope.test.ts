import { type LabManifest, labManifestSchema } from '@virtlab/core';
import { describe, expect, it } from 'vitest';
import type { GradedSubmission } from '../grade-types.ts';
import { gradedTestBuilder } from './testing.ts';
import { gradescopeResults, toJson } from './gradescope.ts';

const hint = { en: 'A hint.', zh: '一条提示。' };
const manifest: LabManifest = labManifestSchema.parse({
  id: 'adder',
  title: { en: 'Adder', zh: '加法器' },
  editable: ['src/adder.ts'],
  points: 10,
  steps: [
    { id: 'add', title: { en: 'Adding', zh: '相加' }, doc: 'docs/{lang}/01-add.md', public: ['tests/public/add.test.ts'], hidden: ['tests/hidden/add.test.ts'], points: 6, hints: [hint] },
    { id: 'machine', title: { en: 'Machine', zh: '机器' }, doc: 'docs/{lang}/02-machine.md', public: [], hidden: ['tests/hidden/machine.test.ts'], points: 4, hints: [hint] },
  ],
});

const test = gradedTestBuilder('expected 1 to be 2', 12.5);

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
    test('add', '1.1', 'tests/public/add.test.ts', 'add > small numbers', true, 200),
    test('add', '1.2', 'tests/hidden/add.test.ts', 'add > negatives', true, 200),
    test('add', '1.3', 'tests/hidden/add.test.ts', 'add > large numbers', true, 200),
    test('machine', '2.1', 'tests/hidden/machine.test.ts', 'machine > assembles add', true, 134),
    test('machine', '2.2', 'tests/hidden/machine.test.ts', 'machine > runs add', false, 133, { output: 'r3 = 0\n' }),
    test('machine', '2.3', 'tests/hidden/machine.test.ts', 'machine > loops', false, 133, { status: 'timeout', message: '' }),
  ],
  notes: ['ignored notes.txt: not one of the lab files'],
  compileError: '',
  loadError: '',
};

describe('gradescopeResults', () => {
  it("writes Gradescope's schema, with no timing", () => {
    expect(toJson(gradescopeResults(alice, manifest))).toBe(`{
  "score": 7.34,
  "output": "7.34 / 10 points: 4 of 6 tests passed.\\n- ignored notes.txt: not one of the lab files",
  "visibility": "visible",
  "stdout_visibility": "hidden",
  "extra_data": {
    "lab": "adder",
    "lab_version": "1.0.0",
    "tests": "all",
    "status": "graded",
    "submission_hash": "abc123"
  },
  "tests": [
    {
      "name": "[add] add > small numbers",
      "number": "1.1",
      "score": 2,
      "max_score": 2,
      "status": "passed",
      "output": "",
      "visibility": "visible",
      "tags": [
        "add"
      ]
    },
    {
      "name": "[add] add > negatives",
      "number": "1.2",
      "score": 2,
      "max_score": 2,
      "status": "passed",
      "output": "",
      "visibility": "after_published",
      "tags": [
        "add"
      ]
    },
    {
      "name": "[add] add > large numbers",
      "number": "1.3",
      "score": 2,
      "max_score": 2,
      "status": "passed",
      "output": "",
      "visibility": "after_published",
      "tags": [
        "add"
      ]
    },
    {
      "name": "[machine] machine > assembles add",
      "number": "2.1",
      "score": 1.34,
      "max_score": 1.34,
      "status": "passed",
      "output": "",
      "visibility": "after_published",
      "tags": [
        "machine"
      ]
    },
    {
      "name": "[machine] machine > runs add",
      "number": "2.2",
      "score": 0,
      "max_score": 1.33,
      "status": "failed",
      "output": "expected 1 to be 2\\n\\nWhat your code printed:\\nr3 = 0\\n",
      "visibility": "after_published",
      "tags": [
        "machine"
      ]
    },
    {
      "name": "[machine] machine > loops",
      "number": "2.3",
      "score": 0,
      "max_score": 1.33,
      "status": "failed",
      "output": "(timeout)",
      "visibility": "after_published",
      "tags": [
        "machine"
      ]
    }
  ]
}
`);
  });

  it("has max_scores that add up to the lab's points, in exact hundredths", () => {
    const r = gradescopeResults(alice, manifest);
    expect(r.tests.reduce((sum, t) => sum + Math.round(t.max_score * 100), 0)).toBe(manifest.points * 100);
    expect(r.tests.map((t) => t.max_score)).toEqual([2, 2, 2, 1.34, 1.33, 1.33]);
  });

  it('gives the same bytes whatever the test durations were', () => {
    const slower = { ...alice, tests: alice.tests.map((t) => ({ ...t, durationMs: t.durationMs * 7 + 3 })) };
    expect(toJson(gradescopeResults(slower, manifest))).toBe(toJson(gradescopeResults(alice, manifest)));
    expect(toJson(gradescopeResults(alice, manifest))).not.toMatch(/"\w*(time|duration)\w*":/i);
  });

  it('says in the summary line when the code does not compile or the submission is unreadable', () => {
    const broken = { ...alice, cents: 0, compileError: 'src/adder.ts:1:1: ERROR: Unexpected "}"', notes: [] };
    expect(gradescopeResults(broken, manifest).output).toBe('0 / 10 points: 4 of 6 tests passed. Your code does not compile.');
    const unreadable = { ...alice, status: 'unreadable' as const, cents: 0, tests: [], notes: ['alice.zip: not a zip file'] };
    expect(gradescopeResults(unreadable, manifest).output).toBe('0 / 10 points: 0 of 0 tests passed. The submission could not be read.\n- alice.zip: not a zip file');
  });
});
