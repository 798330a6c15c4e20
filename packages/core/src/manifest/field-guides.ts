/**
 * What each field of `lab.json` must hold, in words for course staff: the guides that error
 * messages quote.
 *
 * Interface: `guideAt(path)` → the field's guide (what it must be, an example, and whether it
 * is a list, a path or an id); `exampleAt(path, example)` and `eg(path, guide)` write the example
 * as it would appear in lab.json at that path.
 *
 *   path ['steps', 1, 'points'] → pattern 'steps[].points' → { expected: 'a positive whole number', example: '20' }
 *
 * Invariants: guides are looked up by the field's path with every index written `[]`; an `en`
 * or `zh` text anywhere has the text guide; any other field gets "a valid value", never nothing.
 * The limits' guides are generated from LIMIT_RANGES, so their ranges cannot drift.
 */
import { formatField } from './errors.ts';
import { LIMIT_RANGES, type PathKind } from './schema.ts';

/** What a field must hold, for error messages. */
export interface FieldGuide {
  /** What the field must be, as a noun phrase: "a positive whole number". */
  expected: string;
  /** A good value as written in lab.json, e.g. `20`; empty when no example helps. */
  example: string;
  /** For a list: what one item is called, e.g. "hint". */
  item?: string;
  /** For a path: which rules it follows. */
  path?: PathKind;
  /** For an id: it must be kebab-case. */
  kebab?: true;
}

const LOCALIZED: FieldGuide = { expected: 'an object with "en" and "zh" texts', example: '{ "en": "…", "zh": "…" }' };
const KEBAB_ID = 'a kebab-case id of 2 to 40 characters';
const SCENARIO_EXAMPLE = '{ "id": "two-programs", "title": { "en": "…", "zh": "…" }, "file": "scenarios/two-programs.json" }';

/** The guide of each field, by its path with indices written as `[]`. */
const GUIDES: Record<string, FieldGuide> = {
  '(root)': { expected: 'an object', example: '{ "id": "director", "title": { "en": "…", "zh": "…" }, … }' },
  $schema: { expected: 'a text', example: '"../../core/lab.schema.json"' },
  id: { expected: KEBAB_ID, example: '"director"', kebab: true },
  title: { expected: LOCALIZED.expected, example: '{ "en": "The Director", "zh": "监控程序 Director" }' },
  summary: LOCALIZED,
  order: { expected: 'a whole number from 1 to 99', example: '1' },
  editable: { expected: 'a non-empty list of files under src/', example: '["src/director.ts"]', item: 'file' },
  'editable[]': { expected: 'a path under src/', example: '"src/director.ts"', path: 'editable' },
  points: { expected: 'a positive whole number', example: '100' },
  steps: { expected: 'a non-empty list of steps', example: '[{ "id": "context", … }]', item: 'step' },
  'steps[]': {
    expected: 'an object describing a step',
    example: '{ "id": "context", "title": { … }, "doc": "docs/{lang}/01-context.md", "public": […], "hidden": […], "points": 20, "hints": […] }',
  },
  'steps[].id': { expected: KEBAB_ID, example: '"context"', kebab: true },
  'steps[].title': { expected: LOCALIZED.expected, example: `{ "en": "Saving a program's context", "zh": "保存程序上下文" }` },
  'steps[].doc': { expected: 'a path with {lang} for the language folder', example: '"docs/{lang}/01-context.md"', path: 'doc' },
  'steps[].public': { expected: 'a list of test files under tests/public/', example: '["tests/public/context.test.ts"]', item: 'public test' },
  'steps[].public[]': { expected: 'a path under tests/public/ ending in .test.ts', example: '"tests/public/context.test.ts"', path: 'public' },
  'steps[].hidden': {
    expected: 'a non-empty list of test files under tests/hidden/',
    example: '["tests/hidden/context.test.ts"]',
    item: 'hidden test',
  },
  'steps[].hidden[]': { expected: 'a path under tests/hidden/ ending in .test.ts', example: '"tests/hidden/context.test.ts"', path: 'hidden' },
  'steps[].points': { expected: 'a positive whole number', example: '20' },
  'steps[].hints': {
    expected: 'a list of 1 to 5 hints, from a nudge to nearly the answer',
    example: '[{ "en": "…", "zh": "…" }]',
    item: 'hint',
  },
  'steps[].hints[]': LOCALIZED,
  'steps[].scenarios': { expected: 'a list of scenario ids', example: '["two-programs"]', item: 'scenario id' },
  'steps[].scenarios[]': { expected: 'a kebab-case scenario id', example: '"two-programs"', kebab: true },
  scenarios: { expected: 'a list of scenarios', example: `[${SCENARIO_EXAMPLE}]`, item: 'scenario' },
  'scenarios[]': { expected: 'an object describing a scenario', example: SCENARIO_EXAMPLE },
  'scenarios[].id': { expected: KEBAB_ID, example: '"two-programs"', kebab: true },
  'scenarios[].title': LOCALIZED,
  'scenarios[].file': { expected: 'a path under scenarios/', example: '"scenarios/two-programs.json"', path: 'scenario' },
  limits: { expected: 'an object of limits', example: '{ "testTimeoutMs": 2000 }' },
  ...Object.fromEntries(
    Object.entries(LIMIT_RANGES).map(([name, r]) => [
      `limits.${name}`,
      { expected: `a whole number of ${r.unit} from ${r.min} to ${r.max}`, example: String(r.default) },
    ]),
  ),
};

/** The guide of an English or Chinese text, wherever it appears. */
const TEXT_GUIDES: Record<string, FieldGuide> = {
  en: { expected: 'a non-empty English text', example: '' },
  zh: { expected: 'a non-empty Chinese text', example: '' },
};

/** The guide of the field at a path. */
export function guideAt(path: readonly PropertyKey[]): FieldGuide {
  const pattern = formatField(path.map((key) => (typeof key === 'number' ? -1 : key))).replaceAll('[-1]', '[]');
  const last = path.at(-1);
  return GUIDES[pattern] ?? TEXT_GUIDES[String(last)] ?? { expected: 'a valid value', example: '' };
}

/** The example of a guide as written at a path: `"points": 20` for a key, `"src/a.ts"` for a list item. */
export function exampleAt(path: readonly PropertyKey[], example: string): string {
  const last = path.at(-1);
  return typeof last === 'string' ? `"${last}": ${example}` : example;
}

/** `, e.g. <example>`, or nothing when the guide has no example. */
export function eg(path: readonly PropertyKey[], guide: FieldGuide): string {
  return guide.example === '' ? '' : `, e.g. ${exampleAt(path, guide.example)}`;
}
