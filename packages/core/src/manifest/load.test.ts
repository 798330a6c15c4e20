import { describe, expect, it } from 'vitest';
import { ManifestError } from './errors.ts';
import { labFiles, parseLabManifest, stepDocPath } from './load.ts';

/** A complete, valid lab.json (as a plain object, so each test can break one thing). */
function validLab() {
  return {
    $schema: '../../core/lab.schema.json',
    id: 'director',
    title: { en: 'The Director', zh: '监控程序 Director' },
    summary: { en: 'Run two programs on one CPU.', zh: '在一个 CPU 上运行两个程序。' },
    editable: ['src/director.ts', 'src/switch.ts'],
    points: 50,
    steps: [
      {
        id: 'context',
        title: { en: "Saving a program's context", zh: '保存程序上下文' },
        doc: 'docs/{lang}/01-context.md',
        public: ['tests/public/context.test.ts'],
        hidden: ['tests/hidden/context.test.ts'],
        points: 30,
        hints: [
          { en: 'Which registers does a program own?', zh: '程序拥有哪些寄存器？' },
          { en: 'Copy them all, pc included.', zh: '全部复制，包括 pc。' },
        ],
        scenarios: ['two-programs'],
      },
      {
        id: 'switch',
        title: { en: 'Switching programs', zh: '切换程序' },
        doc: 'docs/{lang}/02-switch.md',
        public: [] as string[],
        hidden: ['tests/hidden/switch.test.ts', 'tests/hidden/context.test.ts'],
        points: 20,
        hints: [{ en: 'Save, then restore.', zh: '先保存，再恢复。' }],
      },
    ],
    scenarios: [{ id: 'two-programs', title: { en: 'Two programs', zh: '两个程序' }, file: 'scenarios/two-programs.json' }],
  };
}

type Lab = ReturnType<typeof validLab> & Record<string, unknown>;

/** The ManifestError that parsing `text` throws; fails the test when it parses. */
function errorOf(text: string, options?: { file?: string; folderName?: string }): ManifestError {
  try {
    parseLabManifest(text, options);
  } catch (error) {
    if (error instanceof ManifestError) return error;
    throw error;
  }
  throw new Error('expected a ManifestError, but the manifest parsed');
}

/** The one-line message for the valid lab after `breakIt` changed it. */
function messageAfter(breakIt: (lab: Lab) => void, options?: { folderName?: string }): string {
  const lab = validLab() as Lab;
  breakIt(lab);
  return errorOf(JSON.stringify(lab, null, 2), options).message;
}

const step = (lab: Lab, index: number): Record<string, unknown> => lab.steps[index] as unknown as Record<string, unknown>;

describe('parseLabManifest: a valid manifest', () => {
  it('parses and fills in the default limits and step scenarios', () => {
    const lab = parseLabManifest(JSON.stringify(validLab()), { folderName: 'director' });
    const expected = validLab();
    expect(lab).toEqual({
      ...expected,
      steps: [expected.steps[0], { ...expected.steps[1], scenarios: [] }],
      limits: { testTimeoutMs: 2000, submissionTimeoutMs: 10000, memoryMb: 256, maxOutputBytes: 65536, maxFileBytes: 262144 },
    });
  });

  it('keeps the limits it is given and defaults the others', () => {
    const lab = parseLabManifest(JSON.stringify({ ...validLab(), limits: { memoryMb: 512, testTimeoutMs: 500 } }));
    expect(lab.limits).toEqual({ testTimeoutMs: 500, submissionTimeoutMs: 10000, memoryMb: 512, maxOutputBytes: 65536, maxFileBytes: 262144 });
  });

  it('accepts a byte-order mark and CRLF line ends', () => {
    const text = `\uFEFF${JSON.stringify(validLab(), null, 2).replaceAll('\n', '\r\n')}`;
    expect(parseLabManifest(text).id).toBe('director');
  });
});

describe('parseLabManifest: invalid JSON', () => {
  it('names the line and column of a missing comma (Node reports a position)', () => {
    const error = errorOf('{\n  "id": "director"\n  "points": 50\n}');
    expect(error.message).toBe('lab.json:3:3: invalid JSON: a comma is missing before this property. Fix: add a comma after the previous value.');
    expect(error.issues).toEqual([
      { field: '(root)', problem: 'invalid JSON: a comma is missing before this property', fix: 'add a comma after the previous value', line: 3, column: 3 },
    ]);
    expect(error.field).toBe('(root)');
    expect(error.fix).toBe('add a comma after the previous value');
  });

  it('names the line and column of a bad word (Node reports no position)', () => {
    expect(errorOf('{\n  "id": "director",\n  "points": fifty\n}').message).toBe(
      'lab.json:3:13: invalid JSON: fifty is not a JSON value. Fix: put texts in double quotes, e.g. "fifty" (the only bare words are true, false and null).',
    );
  });

  it('explains a trailing comma', () => {
    expect(errorOf('{\n  "id": "director",\n}', { file: 'packages/labs/director/lab.json' }).message).toBe(
      'packages/labs/director/lab.json:3:1: invalid JSON: a comma before }. Fix: remove the comma after the last property: JSON allows no trailing commas.',
    );
  });

  it('explains a comment', () => {
    expect(errorOf('{\n  // the lab id\n  "id": "director"\n}').message).toBe(
      'lab.json:2:3: invalid JSON: a comment. Fix: remove the comment: JSON has no comments.',
    );
  });

  it('explains an empty file', () => {
    expect(errorOf('  \n').message).toBe(
      'lab.json:2:1: invalid JSON: the file is empty. Fix: write the manifest as one JSON object, e.g. { "id": "director", … }.',
    );
  });

  it('explains a file cut short', () => {
    expect(errorOf('{\n  "id": "director",\n  "steps": [').message).toBe(
      'lab.json:3:13: invalid JSON: the file ends before the JSON is complete. Fix: close every open {, [ and " (a } or ] is probably missing at the end).',
    );
  });

  it('explains a backslash in a path', () => {
    expect(errorOf('{ "editable": ["src\\director.ts"] }').message).toBe(
      'lab.json:1:21: invalid JSON: "\\\\d" is not a JSON escape. Fix: write a backslash as \\\\ (in paths, use / instead).',
    );
  });
});

describe('parseLabManifest: one problem at a time', () => {
  it('rejects a manifest that is not an object', () => {
    expect(errorOf('[]').message).toBe(
      'lab.json: (root): expected an object, got an empty list. Fix: write an object, e.g. { "id": "director", "title": { "en": "…", "zh": "…" }, … }.',
    );
  });

  it('rejects a missing id', () => {
    expect(messageAfter((lab) => delete (lab as Partial<Lab>).id)).toBe(
      'lab.json: id: the field is missing. Fix: add "id": <a kebab-case id of 2 to 40 characters>, e.g. "id": "director".',
    );
  });

  it('rejects an id that differs from the folder name', () => {
    expect(messageAfter(() => {}, { folderName: 'director-2' })).toBe(
      'lab.json: id: the id "director" differs from the lab\'s folder name "director-2". Fix: rename the folder to "director" or set "id": "director-2".',
    );
  });

  it('rejects an id that is not kebab-case, suggesting one', () => {
    expect(messageAfter((lab) => (lab.id = 'The_Director'), { folderName: 'director' })).toBe(
      'lab.json: id: "The_Director" is not kebab-case (lowercase letters, digits and "-", starting with a letter). Fix: write "id": "the-director".',
    );
  });

  it('rejects an id of one letter', () => {
    expect(messageAfter((lab) => (lab.id = 'd'))).toBe(
      'lab.json: id: "d" is too short: ids have 2 to 40 characters. Fix: use a longer id, e.g. "id": "director".',
    );
  });

  it('rejects a title without zh', () => {
    expect(messageAfter((lab) => delete (lab.title as Partial<Lab['title']>).zh)).toBe(
      'lab.json: title.zh: the field is missing. Fix: add "zh": <a non-empty Chinese text>.',
    );
  });

  it('rejects an empty hint text', () => {
    expect(messageAfter((lab) => (lab.steps[0]!.hints[1]!.en = ''))).toBe(
      'lab.json: steps[0].hints[1].en: expected a non-empty English text, got an empty text. Fix: use a non-empty English text.',
    );
  });

  it('rejects an editable path with a ".." segment', () => {
    expect(messageAfter((lab) => (lab.editable[1] = '../src/switch.ts'))).toBe(
      'lab.json: editable[1]: "../src/switch.ts" has a ".." segment (paths must stay inside the lab folder). Fix: name the file from the lab folder without "..", e.g. "src/switch.ts".',
    );
  });

  it('rejects an absolute editable path', () => {
    expect(messageAfter((lab) => (lab.editable[0] = '/src/director.ts'))).toBe(
      'lab.json: editable[0]: "/src/director.ts" is an absolute path. Fix: write it relative to the lab folder, e.g. "src/director.ts".',
    );
  });

  it('rejects an editable path outside src/', () => {
    expect(messageAfter((lab) => (lab.editable[0] = 'lib/director.ts'))).toBe(
      'lab.json: editable[0]: "lib/director.ts" is not under src/ (students edit only files under src/). Fix: move the file under src/ and write its path, e.g. "src/lib/director.ts".',
    );
  });

  it('rejects the solution path listed as editable', () => {
    expect(messageAfter((lab) => (lab.editable[0] = 'solution/src/director.ts'))).toBe(
      'lab.json: editable[0]: "solution/src/director.ts" is not under src/ (students edit only files under src/). Fix: move the file under src/ and write its path, e.g. "src/director.ts".',
    );
  });

  it('rejects an editable path with backslashes', () => {
    expect(messageAfter((lab) => (lab.editable[0] = 'src\\director.ts'))).toBe(
      'lab.json: editable[0]: "src\\\\director.ts" uses backslashes. Fix: use forward slashes, e.g. "src/director.ts".',
    );
  });

  it('rejects an editable file listed twice', () => {
    expect(messageAfter((lab) => lab.editable.push('src/director.ts'))).toBe(
      'lab.json: editable[2]: "src/director.ts" is listed twice (first at editable[0]). Fix: remove this second "src/director.ts".',
    );
  });

  it('rejects editable written as one path instead of a list', () => {
    expect(messageAfter((lab) => ((lab as Record<string, unknown>).editable = 'src/director.ts'))).toBe(
      'lab.json: editable: expected a non-empty list of files under src/, got "src/director.ts". Fix: put it in a list: "editable": ["src/director.ts"].',
    );
  });

  it('rejects a doc path without {lang}', () => {
    expect(messageAfter((lab) => (lab.steps[1]!.doc = 'docs/en/02-switch.md'))).toBe(
      'lab.json: steps[1].doc: "docs/en/02-switch.md" has no {lang} for the language folder. Fix: write {lang} where en or zh goes, e.g. "docs/{lang}/02-switch.md".',
    );
  });

  it('rejects a hidden test outside tests/hidden/', () => {
    expect(messageAfter((lab) => (lab.steps[0]!.hidden[0] = 'tests/public/context.test.ts'))).toBe(
      'lab.json: steps[0].hidden[0]: "tests/public/context.test.ts" is not under tests/hidden/. Fix: move the file under tests/hidden/ and write its path, e.g. "tests/hidden/context.test.ts".',
    );
  });

  it('rejects a public test that is not a .test.ts file', () => {
    expect(messageAfter((lab) => (lab.steps[0]!.public[0] = 'tests/public/context.spec.js'))).toBe(
      'lab.json: steps[0].public[0]: "tests/public/context.spec.js" does not end in .test.ts. Fix: rename the file to end in .test.ts, e.g. "tests/public/context.test.ts".',
    );
  });

  it('rejects a step without hidden tests', () => {
    expect(messageAfter((lab) => (lab.steps[1]!.hidden = []))).toBe(
      'lab.json: steps[1].hidden: expected at least one hidden test, got an empty list. Fix: add at least one hidden test, e.g. "tests/hidden/context.test.ts".',
    );
  });

  it('rejects points written as a string', () => {
    expect(messageAfter((lab) => (step(lab, 1).points = '20'))).toBe(
      'lab.json: steps[1].points: expected a positive whole number, got "20". Fix: write the points as a number, e.g. "points": 20.',
    );
  });

  it('rejects negative points without a misleading sum', () => {
    expect(messageAfter((lab) => (lab.steps[1]!.points = -20))).toBe(
      'lab.json: steps[1].points: expected a positive whole number, got -20. Fix: use a positive whole number, e.g. "points": 20.',
    );
  });

  it('rejects fractional points', () => {
    expect(messageAfter((lab) => (lab.steps[1]!.points = 19.6))).toBe(
      'lab.json: steps[1].points: expected a positive whole number, got 19.6. Fix: use a whole number, e.g. "points": 20.',
    );
  });

  it("rejects a total that is not the sum of the steps' points", () => {
    expect(messageAfter((lab) => (lab.points = 60))).toBe(
      'lab.json: points: the lab has 60 points but its steps\' points add up to 50. Fix: set "points": 50, or change the steps\' points so that they add up to 60.',
    );
  });

  it('rejects two steps with one id', () => {
    expect(messageAfter((lab) => (lab.steps[1]!.id = 'context'))).toBe(
      'lab.json: steps[1].id: the step id "context" is used twice (first at steps[0].id). Fix: give this step an id of its own, e.g. "context-2".',
    );
  });

  it('rejects a scenario that is not declared', () => {
    expect(messageAfter((lab) => (step(lab, 1).scenarios = ['two-programs', 'three-programs']))).toBe(
      'lab.json: steps[1].scenarios[1]: scenario "three-programs" is not declared in the top-level "scenarios". Fix: declare it in "scenarios", e.g. { "id": "three-programs", "title": { "en": "…", "zh": "…" }, "file": "scenarios/three-programs.json" }, or use one of the declared ids: two-programs.',
    );
  });

  it('rejects an unknown key and suggests the closest allowed one', () => {
    const message = messageAfter((lab) => {
      const s = step(lab, 0);
      s.hiden = s.hidden;
      delete s.hidden;
    });
    expect(message).toBe(
      'lab.json: steps[0].hiden: unknown key "hiden" (did you mean "hidden"?). Fix: rename it to "hidden"; the keys allowed here are id, title, doc, public, hidden, points, hints, scenarios.',
    );
    const error = errorOf(JSON.stringify({ ...validLab(), titel: validLab().title }));
    expect(error.message).toBe(
      'lab.json: titel: unknown key "titel" (did you mean "title"?). Fix: rename it to "title"; the keys allowed here are $schema, id, title, summary, order, editable, points, steps, scenarios, limits.',
    );
  });

  it('lists the allowed keys when no key is close', () => {
    expect(messageAfter((lab) => (lab.limits = { timeout: 500 }))).toBe(
      'lab.json: limits.timeout: unknown key "timeout". Fix: remove it or use one of the keys allowed here: testTimeoutMs, submissionTimeoutMs, memoryMb, maxOutputBytes, maxFileBytes.',
    );
  });

  it('rejects a limit out of range', () => {
    expect(messageAfter((lab) => (lab.limits = { memoryMb: 8192 }))).toBe(
      'lab.json: limits.memoryMb: expected a whole number of MiB from 32 to 4096, got 8192. Fix: use a whole number of MiB from 32 to 4096, e.g. "memoryMb": 256.',
    );
  });

  it('rejects a lab without steps', () => {
    expect(messageAfter((lab) => (lab.steps = []))).toBe(
      'lab.json: steps: expected at least one step, got an empty list. Fix: add at least one step, e.g. { "id": "context", "title": { … }, "doc": "docs/{lang}/01-context.md", "public": […], "hidden": […], "points": 20, "hints": […] }.',
    );
  });

  it('rejects more than five hints', () => {
    expect(messageAfter((lab) => (lab.steps[0]!.hints = Array.from({ length: 7 }, (_, i) => ({ en: `hint ${i}`, zh: `提示 ${i}` }))))).toBe(
      'lab.json: steps[0].hints: expected at most 5 hints, got 7. Fix: remove 2 hints so that at most 5 remain.',
    );
  });
});

describe('parseLabManifest: many problems', () => {
  it('reports the first in the message and all of them in issues, one per field', () => {
    const error = errorOf(
      JSON.stringify({ ...validLab(), id: 'Director', editable: ['lib/a.ts'], hiden: [], steps: [{ ...validLab().steps[0], points: '30' }] }),
      { folderName: 'director' },
    );
    expect(error.message).toBe(
      'lab.json: id: "Director" is not kebab-case (lowercase letters, digits and "-", starting with a letter). Fix: write "id": "director". (and 3 more problems)',
    );
    expect(error.issues.map((issue) => issue.field)).toEqual(['id', 'editable[0]', 'steps[0].points', 'hiden']);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('ManifestError');
    expect(error.file).toBe('lab.json');
  });
});

describe('parseLabManifest: one problem per field', () => {
  it('reports an id that is both too short and not kebab-case once', () => {
    const error = errorOf(JSON.stringify({ ...validLab(), id: 'X' }));
    expect(error.issues).toEqual([
      { field: 'id', problem: '"X" is not kebab-case (lowercase letters, digits and "-", starting with a letter)', fix: 'write "id": "director"' },
    ]);
  });
});

describe('stepDocPath', () => {
  it('puts the language where {lang} is', () => {
    expect(stepDocPath({ doc: 'docs/{lang}/01-context.md' }, 'en')).toBe('docs/en/01-context.md');
    expect(stepDocPath({ doc: 'docs/{lang}/01-context.{lang}.md' }, 'zh')).toBe('docs/zh/01-context.zh.md');
  });
});

describe('labFiles', () => {
  it('lists every file the manifest names, each once, in a fixed order', () => {
    expect(labFiles(parseLabManifest(JSON.stringify(validLab())))).toEqual([
      'src/director.ts',
      'src/switch.ts',
      'solution/src/director.ts',
      'solution/src/switch.ts',
      'docs/en/01-context.md',
      'docs/zh/01-context.md',
      'docs/en/02-switch.md',
      'docs/zh/02-switch.md',
      'tests/public/context.test.ts',
      'tests/hidden/context.test.ts',
      'tests/hidden/switch.test.ts',
      'scenarios/two-programs.json',
    ]);
  });

  it('works without declared scenarios', () => {
    const { scenarios: _, ...lab } = validLab();
    const steps = lab.steps.map((s) => ({ ...s, scenarios: [] }));
    expect(labFiles(parseLabManifest(JSON.stringify({ ...lab, steps })))).toHaveLength(11);
  });
});
