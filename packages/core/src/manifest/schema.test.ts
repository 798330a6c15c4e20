import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { labManifestJsonSchema } from './load.ts';
import { labManifestSchema, labStepSchema } from './schema.ts';

/** A small valid manifest, as the zod schema receives it after JSON.parse. */
const lab = {
  id: 'director',
  title: { en: 'The Director', zh: '监控程序 Director' },
  editable: ['src/director.ts'],
  points: 20,
  steps: [
    {
      id: 'context',
      title: { en: 'Context', zh: '上下文' },
      doc: 'docs/{lang}/01-context.md',
      public: [],
      hidden: ['tests/hidden/context.test.ts'],
      points: 20,
      hints: [{ en: 'Look at the registers.', zh: '看看寄存器。' }],
    },
  ],
};

type JsonSchema = { properties: Record<string, { items?: { pattern?: string } }>; $defs: Record<string, JsonSchema> };

describe('labManifestSchema', () => {
  it('accepts a minimal manifest and fills in every default', () => {
    const parsed = labManifestSchema.parse(lab);
    expect(parsed.limits).toEqual({ testTimeoutMs: 2000, submissionTimeoutMs: 10000, memoryMb: 256, maxOutputBytes: 65536, maxFileBytes: 262144 });
    expect(parsed.steps[0]?.scenarios).toEqual([]);
    expect(parsed.summary).toBeUndefined();
  });

  it('reports cross-field problems as custom issues that carry a fix', () => {
    const result = labManifestSchema.safeParse({ ...lab, points: 25 });
    expect(result.success).toBe(false);
    expect(result.error?.issues).toEqual([
      {
        code: 'custom',
        path: ['points'],
        message: "the lab has 25 points but its steps' points add up to 20",
        params: { fix: 'set "points": 20, or change the steps\' points so that they add up to 25' },
      },
    ]);
  });

  it.each([
    ['src/director.ts', true],
    ['src/cpu/trap.ts', true],
    ['src/.hidden.ts', true],
    ['src/../../secret.ts', false],
    ['src/./director.ts', false],
    ['src//director.ts', false],
    ['src/', false],
    ['/src/director.ts', false],
    ['src\\director.ts', false],
    ['lib/director.ts', false],
    ['solution/src/director.ts', false],
  ])('editable path %j is valid: %s', (path, valid) => {
    expect(labManifestSchema.safeParse({ ...lab, editable: [path] }).success).toBe(valid);
  });

  it.each([
    ['tests/hidden/context.test.ts', true],
    ['tests/hidden/cpu/trap.test.ts', true],
    ['tests/hidden/.test.ts', false],
    ['tests/hidden/context.ts', false],
    ['tests/hidden/context.test.js', false],
    ['tests/public/context.test.ts', false],
    ['tests/hidden/../public/context.test.ts', false],
  ])('hidden test path %j is valid: %s', (path, valid) => {
    const step = { ...lab.steps[0], hidden: [path] };
    expect(labStepSchema.safeParse(step).success).toBe(valid);
  });
});

describe('lab.schema.json', () => {
  it('is the committed copy of labManifestJsonSchema()', () => {
    const file = new URL('../../lab.schema.json', import.meta.url);
    let committed = '';
    try {
      committed = readFileSync(file, 'utf8');
    } catch {
      // a missing file fails the comparison below, with the same advice
    }
    const generated = `${JSON.stringify(labManifestJsonSchema(), null, 2)}\n`;
    expect(committed, 'packages/core/lab.schema.json is out of date: run pnpm --filter @virtlab/core schema and commit it').toBe(generated);
  });

  it('rejects unknown keys and repeated editable files, as the zod schema does', () => {
    const schema = labManifestJsonSchema() as Record<string, unknown> & JsonSchema;
    expect(schema.additionalProperties).toBe(false);
    for (const name of ['Localized', 'LabStep', 'LabScenario', 'LabLimits']) {
      expect(schema.$defs[name], name).toMatchObject({ additionalProperties: false });
    }
    expect(schema.properties.editable).toMatchObject({ uniqueItems: true, minItems: 1 });
    expect(Object.keys(schema.properties)).toEqual(Object.keys(labManifestSchema.shape));
  });

  it('has path patterns that editors (unicode regular expressions) read as zod does', () => {
    const schema = labManifestJsonSchema() as unknown as JsonSchema;
    const hidden = schema.$defs.LabStep?.properties.hidden?.items?.pattern;
    const editable = schema.properties.editable?.items?.pattern;
    expect(new RegExp(hidden ?? '', 'u').test('tests/hidden/a.test.ts')).toBe(true);
    expect(new RegExp(hidden ?? '', 'u').test('tests/hidden/../a.test.ts')).toBe(false);
    expect(new RegExp(editable ?? '', 'u').test('src/a.ts')).toBe(true);
    expect(new RegExp(editable ?? '', 'u').test('src\\a.ts')).toBe(false);
  });

  it('describes every field for editors', () => {
    const undocumented: string[] = [];
    const visit = (node: unknown, where: string): void => {
      if (node === null || typeof node !== 'object') return;
      const n = node as Record<string, unknown>;
      for (const [key, child] of Object.entries((n.properties as Record<string, unknown>) ?? {})) {
        if (typeof (child as { description?: unknown }).description !== 'string') undocumented.push(`${where}.${key}`);
        visit(child, `${where}.${key}`);
      }
      visit(n.items, `${where}[]`);
    };
    const schema = labManifestJsonSchema() as unknown as JsonSchema;
    visit(schema, '(root)');
    for (const [name, def] of Object.entries(schema.$defs)) visit(def, name);
    expect(undocumented).toEqual([]);
  });
});
