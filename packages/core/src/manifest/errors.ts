/**
 * ManifestError: a `lab.json` that cannot be used, with every problem found and how to fix each.
 *
 * Its message is one line, about the first problem:
 *
 *   lab.json: steps[1].points: expected a positive whole number, got "20". Fix: write the points as a number, e.g. "points": 20.
 *   lab.json:3:5: invalid JSON: … Fix: ….          (a syntax error: file:line:column)
 *
 * `issues` holds all of them, for tools that list every problem (`lab validate`).
 */

/** One problem in a manifest. */
export interface ManifestIssue {
  /** Where: a path such as `steps[1].points`, or `(root)` for the whole file. */
  field: string;
  /** What is wrong, as a clause without a final period, e.g. `expected a positive whole number, got "20"`. */
  problem: string;
  /** How to fix it: one sentence to follow "Fix: ", without a final period. */
  fix: string;
  /** For a JSON syntax error: the 1-based line of the error. */
  line?: number;
  /** For a JSON syntax error: the 1-based column of the error, in UTF-16 code units. */
  column?: number;
}

/** Formats a zod-style path as a field name: `['steps', 1, 'points']` → `steps[1].points`, `[]` → `(root)`. */
export function formatField(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && /^[\w$-]+$/.test(key)) out += out === '' ? key : `.${key}`;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out === '' ? '(root)' : out;
}

/** Formats one issue as one line: `lab.json: steps[1].points: <problem>. Fix: <fix>.` */
export function formatManifestIssue(file: string, issue: ManifestIssue): string {
  const where = issue.line === undefined ? `${file}: ${issue.field}` : `${file}:${issue.line}:${issue.column ?? 1}`;
  return `${where}: ${issue.problem}. Fix: ${issue.fix}.`;
}

/** A `lab.json` that is not valid JSON or not a valid manifest; `issues` lists every problem found. */
export class ManifestError extends Error {
  override name = 'ManifestError';
  /** The manifest's file name as given to the loader, e.g. `lab.json` or `packages/labs/director/lab.json`. */
  readonly file: string;
  /** The field of the first problem, e.g. `steps[1].points` or `(root)`. */
  readonly field: string;
  /** The fix for the first problem, one sentence. */
  readonly fix: string;
  /** Every problem found, in the order of the manifest's fields; never empty. */
  readonly issues: readonly ManifestIssue[];

  constructor(file: string, issues: readonly [ManifestIssue, ...ManifestIssue[]]) {
    const [first] = issues;
    const more = issues.length - 1;
    const tail = more === 0 ? '' : ` (and ${more} more problem${more === 1 ? '' : 's'})`;
    super(formatManifestIssue(file, first) + tail);
    this.file = file;
    this.field = first.field;
    this.fix = first.fix;
    this.issues = issues;
  }
}
