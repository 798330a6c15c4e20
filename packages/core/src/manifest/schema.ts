/**
 * The lab manifest (`lab.json`): the one description of a lab that the TUI, the grader,
 * `lab validate` and `lab release` all read.
 *
 * Interface: `labManifestSchema` validates a parsed `lab.json` and fills in defaults;
 * use `parseLabManifest` (load.ts) to get one-line errors with fixes instead of raw zod issues.
 * The JSON Schema that editors use (lab.schema.json) is generated from this file.
 *
 *   packages/labs/<id>/
 *     lab.json            id == folder name
 *     src/…               editable[]            (what a student edits)
 *     solution/src/…      solution/<editable>   (same paths, staff only)
 *     docs/{lang}/…       steps[].doc           (one page per step and language)
 *     tests/public/…      steps[].public
 *     tests/hidden/…      steps[].hidden
 *     scenarios/…         scenarios[].file
 *
 * Invariants after parsing: ids are kebab-case and unique, every path is relative and inside
 * its folder, the lab's points are the sum of its steps' points, every scenario a step names
 * is declared, and `limits` holds every limit.
 */
import { array, int, type output, type RefinementCtx, strictObject, string } from 'zod';
import { formatField } from './errors.ts';

/**
 * The zod builders this schema uses, taken by name: a bundle then carries ~90 KB of zod instead of
 * all of it (~440 KB), which the TUI parses before its first frame.
 */
const z = { array, int, strictObject, string };

/** A kebab-case id: a lowercase letter, then lowercase letters, digits and dashes. */
export const KEBAB_CASE = /^[a-z][a-z0-9-]*$/;

/** Where each kind of path in the manifest must live: its folder prefix and file-name suffix. */
export const PATH_RULES = {
  editable: { prefix: 'src/', suffix: '' },
  doc: { prefix: '', suffix: '' },
  public: { prefix: 'tests/public/', suffix: '.test.ts' },
  hidden: { prefix: 'tests/hidden/', suffix: '.test.ts' },
  scenario: { prefix: 'scenarios/', suffix: '' },
} as const;

/** The kinds of path the manifest names. */
export type PathKind = keyof typeof PATH_RULES;

/** The placeholder in a step's `doc` path that stands for the language folder (`en` or `zh`). */
export const LANG_PLACEHOLDER = '{lang}';

/** The range and default of each runner limit; `unit` says what the number counts. */
export const LIMIT_RANGES = {
  testTimeoutMs: { min: 50, max: 60_000, default: 2_000, unit: 'milliseconds' },
  submissionTimeoutMs: { min: 100, max: 600_000, default: 10_000, unit: 'milliseconds' },
  memoryMb: { min: 32, max: 4_096, default: 256, unit: 'MiB' },
  maxOutputBytes: { min: 1_024, max: 16_777_216, default: 65_536, unit: 'bytes' },
  maxFileBytes: { min: 1_024, max: 16_777_216, default: 262_144, unit: 'bytes' },
} as const;

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A relative POSIX path of the given kind: no leading "/", no backslash, no empty, "." or ".."
 * segment, under the kind's folder and ending in its suffix.
 */
function pathPattern(kind: PathKind): RegExp {
  const { prefix, suffix } = PATH_RULES[kind];
  const noDotSegment = '(?!(?:.*/)?\\.{1,2}(?:/|$))';
  const needsLang = kind === 'doc' ? `(?=.*${escapeRegExp(LANG_PLACEHOLDER)})` : '';
  const segments = '[^/\\\\]+(?:/[^/\\\\]+)*';
  return new RegExp(`^${noDotSegment}${needsLang}${escapeRegExp(prefix)}${segments}${escapeRegExp(suffix)}$`);
}

/** A text in English and in Chinese; the TUI shows the one that matches `--lang`. */
export const localizedSchema = z
  .strictObject({
    en: z.string().min(1).describe('The English text.'),
    zh: z.string().min(1).describe('The Chinese (简体中文) text.'),
  })
  .describe('A text in English ("en") and Chinese ("zh"); both are required.')
  .meta({ id: 'Localized' });

const kebabId = (what: string) =>
  z
    .string()
    .min(2)
    .max(40)
    .regex(KEBAB_CASE)
    .describe(`${what}; kebab-case (a-z, 0-9 and "-", starting with a letter), 2 to 40 characters.`);

/** One step of a lab: its page, its tests, its points, its hints and its scenarios. */
export const labStepSchema = z
  .strictObject({
    id: kebabId('The step id, unique in the lab (e.g. "context")'),
    title: localizedSchema.describe('The step title, e.g. { "en": "Saving a program\'s context", "zh": "保存程序上下文" }.'),
    doc: z
      .string()
      .regex(pathPattern('doc'))
      .describe('The step page, relative to the lab folder, with {lang} for the language folder, e.g. "docs/{lang}/01-context.md".'),
    public: z
      .array(z.string().regex(pathPattern('public')).describe('A public test file, e.g. "tests/public/context.test.ts".'))
      .describe('The tests students see and run, under tests/public/ and ending in .test.ts; may be empty.'),
    hidden: z
      .array(z.string().regex(pathPattern('hidden')).describe('A hidden test file, e.g. "tests/hidden/context.test.ts".'))
      .min(1)
      .describe('The tests only the grader runs, under tests/hidden/ and ending in .test.ts; at least one.'),
    points: z.int().positive().describe("The step's points: a positive whole number; the lab's points are their sum."),
    hints: z
      .array(localizedSchema.describe('One hint in en and zh.'))
      .min(1)
      .max(5)
      .describe('1 to 5 hints, shown one at a time in this order: a nudge, the approach, nearly the answer.'),
    scenarios: z
      .array(z.string().regex(KEBAB_CASE).describe('The id of a scenario declared in the top-level "scenarios".'))
      .default([])
      .describe('The scenarios the simulator offers on this step, by id; may be empty.'),
  })
  .describe('One step: a doc page, public and hidden tests, points, hints and scenarios.')
  .meta({ id: 'LabStep' });

/** A named simulation setup that the TUI can step through. */
export const labScenarioSchema = z
  .strictObject({
    id: kebabId('The scenario id that steps refer to (e.g. "two-programs")'),
    title: localizedSchema.describe('The scenario title shown in the simulator.'),
    file: z
      .string()
      .regex(pathPattern('scenario'))
      .describe('The setup file, relative to the lab folder and under scenarios/, e.g. "scenarios/two-programs.json".'),
  })
  .describe('A scenario: a named simulation setup the TUI can step through.')
  .meta({ id: 'LabScenario' });

const limit = (name: keyof typeof LIMIT_RANGES, what: string) => {
  const r = LIMIT_RANGES[name];
  return z
    .int()
    .min(r.min)
    .max(r.max)
    .default(r.default)
    .describe(`${what}, in ${r.unit}: ${r.min} to ${r.max}; default ${r.default}.`);
};

/** What the runner allows each test and submission; every limit has a default. */
export const labLimitsSchema = z
  .strictObject({
    testTimeoutMs: limit('testTimeoutMs', 'Longest one test may run'),
    submissionTimeoutMs: limit('submissionTimeoutMs', 'Longest a whole submission may run'),
    memoryMb: limit('memoryMb', 'Most memory the tests of a submission may use'),
    maxOutputBytes: limit('maxOutputBytes', 'Most output a submission may print'),
    maxFileBytes: limit('maxFileBytes', 'Largest editable file a submission may hold'),
  })
  .describe('Limits the runner enforces on each submission; leave out any to keep its default.')
  .meta({ id: 'LabLimits' });

/** Adds an issue at every repeat of a value; `at` gives the path of index i. */
function checkUnique(
  values: readonly string[],
  at: (index: number) => (string | number)[],
  problem: (value: string) => string,
  fix: (value: string) => string,
  ctx: RefinementCtx,
): void {
  const first = new Map<string, number>();
  values.forEach((value, index) => {
    const seen = first.get(value);
    if (seen === undefined) {
      first.set(value, index);
      return;
    }
    ctx.addIssue({
      code: 'custom',
      path: at(index),
      message: `${problem(value)} (first at ${formatField(at(seen))})`,
      params: { fix: fix(value) },
    });
  });
}

/** The whole `lab.json`. */
export const labManifestSchema = z
  .strictObject({
    $schema: z.string().optional().describe('The JSON Schema for editors, e.g. "../../core/lab.schema.json".'),
    id: kebabId('The lab id, equal to its folder name under packages/labs/ (e.g. "director")'),
    title: localizedSchema.describe('The lab title, e.g. { "en": "The Director", "zh": "监控程序 Director" }.'),
    summary: localizedSchema.optional().describe('One paragraph on what the lab teaches, for the lab list.'),
    order: z
      .int()
      .min(1)
      .max(99)
      .optional()
      .describe("The lab's place in the course, 1 to 99 (the director lab is 1); lab lists sort by it, then by id, labs without it last."),
    editable: z
      .array(
        z
          .string()
          .regex(pathPattern('editable'))
          .describe('A file students edit, relative to the lab folder and under src/; its reference solution is at solution/<path>.'),
      )
      .min(1)
      .describe('The files a student edits and submits, e.g. ["src/director.ts"]; nothing else of a submission is used.')
      .meta({ uniqueItems: true }),
    points: z.int().positive().describe("The lab's total points: a positive whole number, the sum of its steps' points."),
    steps: z.array(labStepSchema).min(1).describe('The steps, in the order students take them; at least one.'),
    scenarios: z.array(labScenarioSchema).optional().describe('The scenarios that steps may name.'),
    limits: labLimitsSchema.prefault({}).describe('Limits the runner enforces; every one has a default.'),
  })
  .superRefine((lab, ctx) => {
    checkUnique(
      lab.editable,
      (i) => ['editable', i],
      (path) => `"${path}" is listed twice`,
      (path) => `remove this second "${path}"`,
      ctx,
    );
    checkUnique(
      lab.steps.map((s) => s.id),
      (i) => ['steps', i, 'id'],
      (id) => `the step id "${id}" is used twice`,
      (id) => `give this step an id of its own, e.g. "${id}-2"`,
      ctx,
    );
    const declared = (lab.scenarios ?? []).map((s) => s.id);
    checkUnique(
      declared,
      (i) => ['scenarios', i, 'id'],
      (id) => `the scenario id "${id}" is declared twice`,
      (id) => `remove this second declaration or give it an id of its own, e.g. "${id}-2"`,
      ctx,
    );

    lab.steps.forEach((step, s) => {
      step.scenarios.forEach((name, n) => {
        if (declared.includes(name)) return;
        const others = declared.length > 0 ? `, or use one of the declared ids: ${declared.join(', ')}` : '';
        ctx.addIssue({
          code: 'custom',
          path: ['steps', s, 'scenarios', n],
          message: `scenario "${name}" is not declared in the top-level "scenarios"`,
          params: {
            fix: `declare it in "scenarios", e.g. { "id": "${name}", "title": { "en": "…", "zh": "…" }, "file": "scenarios/${name}.json" }${others}`,
          },
        });
      });
    });

    // zod still runs this check after range problems (not type problems): compare only valid points.
    const valid = (points: number) => Number.isInteger(points) && points > 0;
    const sum = lab.steps.reduce((total, step) => total + step.points, 0);
    if (lab.steps.length > 0 && valid(lab.points) && lab.steps.every((step) => valid(step.points)) && sum !== lab.points) {
      ctx.addIssue({
        code: 'custom',
        path: ['points'],
        message: `the lab has ${lab.points} points but its steps' points add up to ${sum}`,
        params: { fix: `set "points": ${sum}, or change the steps' points so that they add up to ${lab.points}` },
      });
    }
  })
  .meta({
    title: 'virtlab lab manifest (lab.json)',
    description: 'A lab: its id, title, editable files and ordered steps, read by the TUI, the grader, lab validate and lab release.',
  });

/** A text in English and Chinese. */
export type Localized = output<typeof localizedSchema>;

/** One hint, in English and Chinese. */
export type LabHint = Localized;

/** One step of a lab, as parsed (its `scenarios` default to []). */
export type LabStep = output<typeof labStepSchema>;

/** One declared scenario. */
export type LabScenario = output<typeof labScenarioSchema>;

/** The runner limits, as parsed: every field present. */
export type LabLimits = output<typeof labLimitsSchema>;

/** A parsed, valid `lab.json` with its defaults filled in. */
export type LabManifest = output<typeof labManifestSchema>;
