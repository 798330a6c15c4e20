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
 *
 *   text ──parse-json.ts──► data ──zod (schema.ts)──► issues ──explain-issue.ts──► ManifestError
 *                                                 └─► LabManifest, when there are none
 *
 * Invariants: at most one problem per field, in the order zod reports them (an id/folder
 * mismatch first); a syntax error is the only problem reported for text that is not JSON.
 */
import { toJSONSchema } from 'zod';
import { ManifestError, type ManifestIssue } from './errors.ts';
import { explainIssues } from './explain-issue.ts';
import { valueAt } from './json-value.ts';
import { parseJson } from './parse-json.ts';
import { type LabManifest, type LabStep, type Localized, LANG_PLACEHOLDER, labManifestSchema } from './schema.ts';

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
  const issues = result.success ? [] : explainIssues(result.error.issues, data);
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
  return toJSONSchema(labManifestSchema, { io: 'input', target: 'draft-2020-12' });
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
