import { type LabManifest, labManifestSchema } from '@virtlab/core';
import { describe, expect, it } from 'vitest';
import type { GradedSubmission } from '../grade-types.ts';
import { csvField, gradebookCsv } from './gradebook.ts';

const hint = { en: 'A hint.', zh: '一条提示。' };
const step = (id: string, points: number, pub: string[]) => ({
  id,
  title: { en: id, zh: id },
  doc: `docs/{lang}/${id}.md`,
  public: pub,
  hidden: [`tests/hidden/${id}.test.ts`],
  points,
  hints: [hint],
});
const manifest: LabManifest = labManifestSchema.parse({
  id: 'adder',
  title: { en: 'Adder', zh: '加法器' },
  editable: ['src/adder.ts'],
  points: 10,
  steps: [step('add', 6, ['tests/public/add.test.ts']), step('machine', 4, [])],
});

/** A graded submission with the given points per step, in hundredths ([earned, possible]). */
function graded(student: string, steps: Record<string, [number, number]>, kinds: GradedSubmission['kinds'] = 'all'): GradedSubmission {
  const list = Object.entries(steps).map(([id, [cents, maxCents]]) => ({ id, cents, maxCents }));
  return {
    student,
    lab: 'adder',
    labVersion: '1.0.0',
    hash: `hash-${student}`,
    kinds,
    status: 'graded',
    cents: list.reduce((s, x) => s + x.cents, 0),
    maxCents: list.reduce((s, x) => s + x.maxCents, 0),
    steps: list,
    tests: [],
    notes: [],
    compileError: '',
    loadError: '',
  };
}

describe('gradebookCsv', () => {
  it('writes one row per student, sorted by id, with a column per step in lab.json order', () => {
    const all = [
      graded('carol', { add: [600, 600], machine: [400, 400] }),
      graded('alice', { add: [350, 600], machine: [133, 400] }),
      graded('Bob', { add: [0, 600], machine: [0, 400] }),
    ];
    expect(gradebookCsv(all, manifest, 'all')).toBe(
      'student,total,max,add,machine\nBob,0,10,0,0\nalice,4.83,10,3.5,1.33\ncarol,10,10,6,4\n',
    );
  });

  it('leaves the cell of a step that was not graded empty', () => {
    const all = [graded('alice', { add: [600, 600] }, 'public')];
    expect(gradebookCsv(all, manifest, 'public')).toBe('student,total,max,add,machine\nalice,6,6,6,\n');
  });

  it('sorts by UTF-8 bytes, not by UTF-16 code units or locale', () => {
    // In UTF-16 units U+1F600 (surrogates 0xD83D…) comes before U+FF21; in UTF-8 bytes (F0… vs EF…) after it.
    const all = [graded('\u{1F600}', {}), graded('\uFF21', {}), graded('z', {}), graded('é', {})];
    const students = gradebookCsv(all, manifest, 'all')
      .trimEnd()
      .split('\n')
      .slice(1)
      .map((line) => line.split(',')[0]);
    expect(students).toEqual(['z', 'é', '\uFF21', '\u{1F600}']);
  });

  it('quotes ids holding a comma, a quote or a newline, as RFC 4180 says', () => {
    const all = [graded('o"neil, pat', {}), graded('line\nbreak', {})];
    expect(gradebookCsv(all, manifest, 'all')).toBe('student,total,max,add,machine\n"line\nbreak",0,0,,\n"o""neil, pat",0,0,,\n');
  });

  it('guards ids a spreadsheet would run as a formula', () => {
    expect(csvField('=HYPERLINK("http://x","y")')).toBe('"\'=HYPERLINK(""http://x"",""y"")"');
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('-2+3')).toBe("'-2+3");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('\tx')).toBe("'\tx");
    expect(csvField('a=b')).toBe('a=b');
    const all = [graded('=1+1', { add: [100, 600] })];
    expect(gradebookCsv(all, manifest, 'all')).toBe("student,total,max,add,machine\n'=1+1,1,6,1,\n");
  });

  it('writes just the header when there is no submission', () => {
    expect(gradebookCsv([], manifest, 'hidden')).toBe('student,total,max,add,machine\n');
  });

  it('refuses to mix submissions graded with different tests', () => {
    const all = [graded('alice', {}, 'all'), graded('bob', {}, 'public')];
    expect(() => gradebookCsv(all, manifest, 'all')).toThrow('"bob" was graded with --tests public, this run with --tests all');
  });
});
