/**
 * The one loader of `lab.json`, and the paths a manifest names.
 *
 * Interface:
 *   parseLabManifest(text, { file, folderName })  → LabManifest, or throws ManifestError
 *   labManifestJsonSchema()                       → the JSON Schema for editors (lab.schema.json)
 *   stepDocPath(step, 'en' | 'zh')                → "docs/en/01-context.md"
 *   labFiles(manifest)                            → every file the manifest names, to check they exist
 *
 * Pure: the caller reads the file and passes its text; nothing here touches the file system,
 * the clock or randomness. Every problem becomes { field, problem, fix } with a fix written for
 * course staff, so a broken manifest reads like
 *   lab.json: steps[1].points: expected a positive whole number, got "20". Fix: write the points as a number, e.g. "points": 20.
 */
import { z } from 'zod';
import { formatField, ManifestError, type ManifestIssue } from './errors.ts';
import {
  KEBAB_CASE,
  LANG_PLACEHOLDER,
  LIMIT_RANGES,
  type LabManifest,
  type LabStep,
  type Localized,
  labManifestSchema,
  PATH_RULES,
  type PathKind,
} from './schema.ts';

/** Options of `parseLabManifest`. */
export interface ParseLabManifestOptions {
  /** The name to show in errors, e.g. `packages/labs/director/lab.json`; default `lab.json`. */
  file?: string;
  /** The name of the lab's folder; when given, the manifest's `id` must equal it. */
  folderName?: string;
}

/** Parses and validates the text of a `lab.json`; throws a ManifestError listing every problem. */
export function parseLabManifest(text: string, options: ParseLabManifestOptions = {}): LabManifest {
  const file = options.file ?? 'lab.json';
  const data = parseJson(text, file);
  const result = labManifestSchema.safeParse(data);
  const issues = result.success ? [] : mergeTypos(result.error.issues.flatMap((issue) => explainIssue(issue, data)));
  // A bad id is reported as such; only a valid-looking id is compared with the folder.
  const folderIssue = issues.some((issue) => issue.field === 'id') ? undefined : checkFolderName(data, options.folderName);
  if (folderIssue) issues.unshift(folderIssue);

  // One problem per field: zod may report a bad id as both too short and not kebab-case.
  const fields = new Set<string>();
  const unique: ManifestIssue[] = [];
  for (const issue of issues) {
    if (fields.has(issue.field)) continue;
    fields.add(issue.field);
    unique.push(issue);
  }
  const [first, ...rest] = unique;
  if (first) throw new ManifestError(file, [first, ...rest]);
  if (!result.success) throw new Error('unreachable: zod failed without issues');
  return result.data;
}

/** The JSON Schema of `lab.json` for editors, generated from the zod schema (what a file may hold). */
export function labManifestJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(labManifestSchema, { io: 'input', target: 'draft-2020-12' });
}

/** The path of a step's page in one language: `docs/{lang}/01-context.md` → `docs/zh/01-context.md`. */
export function stepDocPath(step: Pick<LabStep, 'doc'>, lang: keyof Localized): string {
  return step.doc.replaceAll(LANG_PLACEHOLDER, lang);
}

/**
 * Every file a manifest names, relative to the lab folder, each once: the editable files, their
 * solutions (`solution/<path>`), each step's pages (en, zh), public tests, hidden tests, then the
 * scenario files.
 */
export function labFiles(manifest: Pick<LabManifest, 'editable' | 'steps' | 'scenarios'>): string[] {
  const files = [
    ...manifest.editable,
    ...manifest.editable.map((path) => `solution/${path}`),
    ...manifest.steps.flatMap((step) => [stepDocPath(step, 'en'), stepDocPath(step, 'zh')]),
    ...manifest.steps.flatMap((step) => step.public),
    ...manifest.steps.flatMap((step) => step.hidden),
    ...(manifest.scenarios ?? []).map((scenario) => scenario.file),
  ];
  return [...new Set(files)];
}

// ---------------------------------------------------------------------------------------------
// JSON syntax errors

/** Where and why a text is not JSON. */
interface JsonSyntaxError {
  offset: number;
  problem: string;
  fix: string;
}

/** JSON.parse with a ManifestError naming file:line:column, the problem and its fix. */
function parseJson(text: string, file: string): unknown {
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text; // editors may save a byte-order mark
  try {
    return JSON.parse(source);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const found = findJsonSyntaxError(source) ?? {
      offset: 0,
      problem: message,
      fix: 'correct the JSON: lab.json is strict JSON (double quotes, no comments, no trailing commas)',
    };
    // Node's message says "at position N" for most errors; the scanner covers the others.
    const position = /at position (\d+)/.exec(message)?.[1];
    const offset = position === undefined ? found.offset : Number(position);
    const { line, column } = lineAndColumn(source, offset);
    throw new ManifestError(file, [{ field: '(root)', problem: `invalid JSON: ${found.problem}`, fix: found.fix, line, column }]);
  }
}

/** The 1-based line and column of an offset into a text. */
function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - (before.lastIndexOf('\n') + 1) + 1 };
}

/** Thrown inside the scanner to stop at the first error. */
class Stop {
  constructor(readonly error: JsonSyntaxError) {}
}

/**
 * Finds the first syntax error of a text that JSON.parse rejects: a small recursive-descent
 * scanner over the JSON grammar that explains what it finds instead of building values.
 */
function findJsonSyntaxError(text: string): JsonSyntaxError | undefined {
  let i = 0;
  const stop = (offset: number, problem: string, fix: string): never => {
    throw new Stop({ offset, problem, fix });
  };
  const show = (offset: number): string => (offset < text.length ? JSON.stringify(text[offset]) : 'the end of the file');
  const skipSpace = (): void => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  // Problems that read the same wherever they happen.
  const common = (offset: number): void => {
    if (offset >= text.length) {
      if (text.trim() === '') stop(offset, 'the file is empty', 'write the manifest as one JSON object, e.g. { "id": "director", … }');
      stop(offset, 'the file ends before the JSON is complete', 'close every open {, [ and " (a } or ] is probably missing at the end)');
    }
    if (text[offset] === '/') stop(offset, 'a comment', 'remove the comment: JSON has no comments');
    if (text[offset] === "'") stop(offset, 'single quotes', 'use double quotes, e.g. "id": "director"');
  };
  const word = (offset: number): string => /^[A-Za-z_$][\w$]*/.exec(text.slice(offset))?.[0] ?? '';

  const value = (): void => {
    skipSpace();
    const c = text[i];
    if (c === '{') object();
    else if (c === '[') array();
    else if (c === '"') string();
    else if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) number();
    else {
      const literal = ['true', 'false', 'null'].find((l) => text.startsWith(l, i));
      if (literal === undefined) notAValue();
      else i += literal.length;
    }
  };
  const notAValue = (): never => {
    common(i);
    const c = text[i];
    const w = word(i);
    if (w !== '') {
      const lower = ['true', 'false', 'null'].find((l) => l === w.toLowerCase());
      if (lower) stop(i, `${w} is not a JSON value`, `write ${lower} in lowercase`);
      stop(i, `${w} is not a JSON value`, `put texts in double quotes, e.g. "${w}" (the only bare words are true, false and null)`);
    }
    if (c === '}' || c === ']' || c === ',') stop(i, `a value is missing before ${show(i)}`, 'write the value, e.g. "points": 20');
    return stop(i, `expected a value, found ${show(i)}`, 'write a text in double quotes, a number, true, false, null, an object or a list');
  };

  const object = (): void => {
    i++; // {
    skipSpace();
    if (text[i] === '}') {
      i++;
      return;
    }
    for (;;) {
      skipSpace();
      if (text[i] !== '"') {
        common(i);
        if (text[i] === '}') stop(i, 'a comma before }', 'remove the comma after the last property: JSON allows no trailing commas');
        const w = word(i);
        if (w !== '') stop(i, `the property name ${w} is not in double quotes`, `write it as "${w}"`);
        stop(i, `expected a property name in double quotes, found ${show(i)}`, 'write each property as "name": value');
      }
      string();
      skipSpace();
      if (text[i] !== ':') {
        common(i);
        stop(i, `expected ":" after the property name, found ${show(i)}`, 'put a colon between each name and its value, e.g. "points": 20');
      }
      i++;
      value();
      skipSpace();
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === '}') {
        i++;
        return;
      }
      common(i);
      if (text[i] === '"') stop(i, 'a comma is missing before this property', 'add a comma after the previous value');
      stop(i, `expected "," or "}" after the value, found ${show(i)}`, 'separate properties with commas and close the object with }');
    }
  };

  const array = (): void => {
    i++; // [
    skipSpace();
    if (text[i] === ']') {
      i++;
      return;
    }
    for (;;) {
      skipSpace();
      if (text[i] === ']') stop(i, 'a comma before ]', 'remove the comma after the last item: JSON allows no trailing commas');
      value();
      skipSpace();
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === ']') {
        i++;
        return;
      }
      common(i);
      if (/["{[\-0-9tfn]/.test(text[i]!)) stop(i, 'a comma is missing before this item', 'add a comma after the previous item');
      stop(i, `expected "," or "]" after the item, found ${show(i)}`, 'separate items with commas and close the list with ]');
    }
  };

  const string = (): void => {
    i++; // "
    while (i < text.length) {
      const c = text[i]!;
      if (c === '"') {
        i++;
        return;
      }
      if (c === '\\') {
        // Like JSON.parse, point at the character after the backslash that makes the escape bad.
        const e = text[i + 1];
        if (e === undefined) common(i + 1);
        else if ('"\\/bfnrt'.includes(e)) i += 2;
        else if (e === 'u') {
          const hex = text.slice(i + 2, i + 6);
          const bad = /[^0-9a-fA-F]|$/.exec(hex)?.index ?? 0;
          if (bad >= 4) i += 6;
          else stop(i + 2 + bad, 'a \\u escape without four hex digits', 'write it as \\u and four hex digits, e.g. \\u00e9');
        } else stop(i + 1, `${JSON.stringify(`\\${e}`)} is not a JSON escape`, 'write a backslash as \\\\ (in paths, use / instead)');
      } else if (c === '\n' || c === '\r') {
        stop(i, 'a line break inside a text', 'end the text with " on the same line, or write the break as \\n');
      } else if (c < ' ') {
        stop(i, 'a control character inside a text', 'write it as an escape, e.g. \\t for a tab');
      } else {
        i++;
      }
    }
    common(i);
  };

  const number = (): void => {
    const malformed = (): never => stop(i, `a malformed number, found ${show(i)}`, 'write numbers like 20, -3 or 0.5');
    const digits = (): void => {
      if (!/[0-9]/.test(text[i] ?? '')) malformed();
      while (/[0-9]/.test(text[i] ?? '')) i++;
    };
    if (text[i] === '-') i++;
    if (text[i] === '0') {
      i++;
      if (/[0-9]/.test(text[i] ?? '')) stop(i, 'a number with a leading zero', 'write the number without leading zeros, e.g. 20');
    } else digits();
    if (text[i] === '.') {
      i++;
      digits();
    }
    if (text[i] === 'e' || text[i] === 'E') {
      i++;
      if (text[i] === '+' || text[i] === '-') i++;
      digits();
    }
  };

  try {
    value();
    skipSpace();
    if (i < text.length) {
      common(i);
      stop(i, `more text after the end of the JSON, found ${show(i)}`, 'remove everything after the closing } of the manifest');
    }
    return undefined;
  } catch (error) {
    if (error instanceof Stop) return error.error;
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------
// Schema issues → { field, problem, fix }

/** What a field must hold, for error messages. */
interface FieldGuide {
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

const TEXT_GUIDES: Record<string, FieldGuide> = {
  en: { expected: 'a non-empty English text', example: '' },
  zh: { expected: 'a non-empty Chinese text', example: '' },
};

/** The guide of the field at a path. */
function guideAt(path: readonly PropertyKey[]): FieldGuide {
  const pattern = formatField(path.map((key) => (typeof key === 'number' ? -1 : key))).replaceAll('[-1]', '[]');
  const last = path.at(-1);
  return GUIDES[pattern] ?? TEXT_GUIDES[String(last)] ?? { expected: 'a valid value', example: '' };
}

/** The example of a guide as written at a path: `"points": 20` for a key, `"src/a.ts"` for a list item. */
function exampleAt(path: readonly PropertyKey[], example: string): string {
  const last = path.at(-1);
  return typeof last === 'string' ? `"${last}": ${example}` : example;
}

/** `, e.g. <example>`, or nothing when the guide has no example. */
function eg(path: readonly PropertyKey[], guide: FieldGuide): string {
  return guide.example === '' ? '' : `, e.g. ${exampleAt(path, guide.example)}`;
}

/** The value at a path of the parsed JSON, or undefined. */
function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let v = data;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

/** A value as a message shows it: `"20"`, `-5`, `a list of 2 items`, `an object`. */
function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') {
    if (value === '') return 'an empty text';
    return JSON.stringify(value.length > 60 ? `${value.slice(0, 59)}…` : value);
  }
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : `a list of ${value.length} item${value.length === 1 ? '' : 's'}`;
  if (value !== null && typeof value === 'object') return 'an object';
  return String(value);
}

const plural = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;

/** An issue while explaining: a missing field, or an unknown key that looks like a typo of `typoOf`. */
interface Explained extends ManifestIssue {
  missing?: true;
  typoOf?: string;
}

/**
 * A typo of a required key shows up twice (unknown "hiden", missing "hidden"): report it once,
 * as the typo, where the missing field was.
 */
function mergeTypos(explained: readonly Explained[]): ManifestIssue[] {
  const isMissing = (field: string | undefined) => explained.some((e) => e.missing && e.field === field);
  const out: ManifestIssue[] = [];
  for (const issue of explained) {
    const typo = issue.missing ? explained.find((e) => e.typoOf === issue.field) : undefined;
    const chosen = typo ?? issue;
    if (chosen === issue && issue.typoOf !== undefined && isMissing(issue.typoOf)) continue;
    out.push({ field: chosen.field, problem: chosen.problem, fix: chosen.fix });
  }
  return out;
}

/** Turns one zod issue into the problems it stands for (one per unknown key, else one). */
function explainIssue(issue: z.core.$ZodIssue, data: unknown): Explained[] {
  const path = issue.path;
  const field = formatField(path);
  const guide = guideAt(path);
  const value = valueAt(data, path);
  const key = path.at(-1);

  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((k) => unknownKey(path, k));
    case 'custom': {
      const fix = issue.params?.fix;
      return [{ field, problem: issue.message, fix: typeof fix === 'string' ? fix : `use ${guide.expected}${eg(path, guide)}` }];
    }
    case 'invalid_type': {
      if (value === undefined) {
        return [{ field, problem: 'the field is missing', fix: `add "${String(key)}": <${guide.expected}>${eg(path, guide)}`, missing: true }];
      }
      const problem = `expected ${guide.expected}, got ${show(value)}`;
      if (issue.expected === 'int' && typeof value === 'number') {
        const rounded = Math.round(value);
        const fix = rounded > 0 ? `use a whole number, e.g. ${exampleAt(path, String(rounded))}` : `use ${guide.expected}${eg(path, guide)}`;
        return [{ field, problem, fix }];
      }
      if ((issue.expected === 'number' || issue.expected === 'int') && typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value)) {
        const n = Number(value);
        const shown = Number.isInteger(n) && n > 0 ? String(n) : guide.example;
        return [{ field, problem, fix: `write the ${String(key)} as a number, e.g. ${exampleAt(path, shown)}` }];
      }
      if (issue.expected === 'array' && typeof value === 'string') {
        return [{ field, problem, fix: `put it in a list: ${exampleAt(path, `[${JSON.stringify(value)}]`)}` }];
      }
      return [{ field, problem, fix: `write ${guide.expected}${eg(path, guide)}` }];
    }
    case 'too_small':
    case 'too_big':
    case 'invalid_format': {
      if (guide.kebab && typeof value === 'string') return [{ field, ...explainId(path, value, guide) }];
      if (guide.path && typeof value === 'string') return [{ field, ...explainPath(guide.path, value, guide) }];
      if (Array.isArray(value)) {
        const item = guide.item ?? 'item';
        if (issue.code === 'too_big') {
          const max = Number(issue.maximum);
          return [
            {
              field,
              problem: `expected at most ${plural(max, item)}, got ${value.length}`,
              fix: `remove ${plural(value.length - max, item)} so that at most ${max} remain`,
            },
          ];
        }
        const one = guideAt([...path, 0]);
        return [{ field, problem: `expected at least one ${item}, got an empty list`, fix: `add at least one ${item}${eg([...path, 0], one)}` }];
      }
      return [{ field, problem: `expected ${guide.expected}, got ${show(value)}`, fix: `use ${guide.expected}${eg(path, guide)}` }];
    }
    default:
      return [{ field, problem: issue.message, fix: `use ${guide.expected}${eg(path, guide)}` }];
  }
}

/** The problem with an id that is not kebab-case or not 2 to 40 characters, and a corrected id. */
function explainId(path: readonly PropertyKey[], value: string, guide: FieldGuide): Omit<ManifestIssue, 'field'> {
  const suggestion = value
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^[^a-z]+/, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  const fixed = suggestion.length >= 2 ? JSON.stringify(suggestion) : guide.example;
  if (!KEBAB_CASE.test(value)) {
    return {
      problem: `${show(value)} is not kebab-case (lowercase letters, digits and "-", starting with a letter)`,
      fix: `write ${exampleAt(path, fixed)}`,
    };
  }
  if (value.length < 2) return { problem: `${show(value)} is too short: ids have 2 to 40 characters`, fix: `use a longer id${eg(path, guide)}` };
  return {
    problem: `${show(value)} is too long (${value.length} characters): ids have 2 to 40 characters`,
    fix: `shorten it, e.g. ${exampleAt(path, fixed)}`,
  };
}

/** Why a path breaks its kind's rules, and the path corrected. */
function explainPath(kind: PathKind, value: string, guide: FieldGuide): Omit<ManifestIssue, 'field'> {
  const { prefix, suffix } = PATH_RULES[kind];
  const fixed = correctPath(kind, value) ?? guide.example;
  const p = show(value);
  if (value === '') return { problem: 'the path is empty', fix: `write a path, e.g. ${guide.example}` };
  if (value.includes('\\')) return { problem: `${p} uses backslashes`, fix: `use forward slashes, e.g. ${fixed}` };
  if (value.startsWith('/')) return { problem: `${p} is an absolute path`, fix: `write it relative to the lab folder, e.g. ${fixed}` };
  const segments = value.split('/');
  if (segments.includes('..')) {
    return { problem: `${p} has a ".." segment (paths must stay inside the lab folder)`, fix: `name the file from the lab folder without "..", e.g. ${fixed}` };
  }
  if (segments.some((s) => s === '' || s === '.')) return { problem: `${p} has an empty or "." segment`, fix: `write it without, e.g. ${fixed}` };
  if (!value.startsWith(prefix)) {
    const why = kind === 'editable' ? ' (students edit only files under src/)' : '';
    return { problem: `${p} is not under ${prefix}${why}`, fix: `move the file under ${prefix} and write its path, e.g. ${fixed}` };
  }
  if (!value.endsWith(suffix)) return { problem: `${p} does not end in ${suffix}`, fix: `rename the file to end in ${suffix}, e.g. ${fixed}` };
  if (kind === 'doc') {
    return { problem: `${p} has no ${LANG_PLACEHOLDER} for the language folder`, fix: `write ${LANG_PLACEHOLDER} where en or zh goes, e.g. ${fixed}` };
  }
  return { problem: `${p} is not ${guide.expected}`, fix: `write ${guide.expected}, e.g. ${fixed}` };
}

/** A path of the given kind close to `value` that follows the rules (quoted), or undefined. */
function correctPath(kind: PathKind, value: string): string | undefined {
  const { prefix, suffix } = PATH_RULES[kind];
  let segments = value.replaceAll('\\', '/').split('/').filter((s) => s !== '' && s !== '.' && s !== '..');
  // Drop folders that a wrong prefix may start with, then put the right prefix in front.
  const known = new Set(['solution', 'src', 'tests', 'public', 'hidden', 'scenarios']);
  if (prefix !== '') {
    while (segments.length > 1 && known.has(segments[0]!)) segments = segments.slice(1);
    segments = [...prefix.split('/').filter((s) => s !== ''), ...segments];
  }
  const last = segments.pop();
  if (last === undefined) return undefined;
  let name = last;
  if (suffix !== '' && !name.endsWith(suffix)) name = name.replace(/(\.(test|spec))?\.[cm]?[jt]sx?$/, '') + suffix;
  segments.push(name);
  if (kind === 'doc' && !value.includes(LANG_PLACEHOLDER)) {
    const lang = segments.findIndex((s) => s === 'en' || s === 'zh');
    if (lang >= 0) segments[lang] = LANG_PLACEHOLDER;
    else segments.splice(segments.length - 1, 0, LANG_PLACEHOLDER);
  }
  return JSON.stringify(segments.join('/'));
}

/** An unknown key, with the closest allowed key as a suggestion. */
function unknownKey(path: readonly PropertyKey[], key: string): Explained {
  const allowed = allowedKeysAt(path);
  const suggestion = closest(key, allowed);
  const list = allowed.join(', ');
  return {
    field: formatField([...path, key]),
    ...(suggestion ? { typoOf: formatField([...path, suggestion]) } : {}),
    problem: suggestion ? `unknown key "${key}" (did you mean "${suggestion}"?)` : `unknown key "${key}"`,
    fix: suggestion ? `rename it to "${suggestion}"; the keys allowed here are ${list}` : `remove it or use one of the keys allowed here: ${list}`,
  };
}

/** The keys the schema allows in the object at a path. */
function allowedKeysAt(path: readonly PropertyKey[]): string[] {
  const unwrap = (s: z.ZodType): z.ZodType => {
    while (s instanceof z.ZodOptional || s instanceof z.ZodDefault || s instanceof z.ZodPrefault) s = s.unwrap() as z.ZodType;
    return s;
  };
  let schema: z.ZodType | undefined = labManifestSchema;
  for (const key of path) {
    const s: z.ZodType = unwrap(schema);
    if (s instanceof z.ZodArray) schema = s.element as z.ZodType;
    else if (s instanceof z.ZodObject && typeof key === 'string') schema = (s.shape as Record<string, z.ZodType>)[key];
    else schema = undefined;
    if (schema === undefined) return [];
  }
  const s = unwrap(schema);
  return s instanceof z.ZodObject ? Object.keys(s.shape) : [];
}

/** The allowed key nearest to `key` by edit distance, if near enough to be a typo. */
function closest(key: string, allowed: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(1, Math.floor(key.length / 3)) + 1;
  for (const candidate of allowed) {
    const d = editDistance(key.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

/** Edit distance with insertions, deletions, substitutions and swaps of neighbours (optimal string alignment). */
function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

/** The id/folder mismatch, when the caller names the folder and the id is a text. */
function checkFolderName(data: unknown, folderName: string | undefined): ManifestIssue | undefined {
  const id = valueAt(data, ['id']);
  if (folderName === undefined || typeof id !== 'string' || id === folderName) return undefined;
  return {
    field: 'id',
    problem: `the id "${id}" differs from the lab's folder name "${folderName}"`,
    fix: `rename the folder to "${id}" or set "id": "${folderName}"`,
  };
}
