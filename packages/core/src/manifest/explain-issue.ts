/**
 * Turns zod's issues about a manifest into problems course staff can fix: { field, problem, fix }.
 *
 * Interface: `explainIssues(zodIssues, data)` → the problems, in zod's order, given the parsed
 * JSON (`data`) so that each problem can quote the value it is about.
 *
 *   { code: 'invalid_type', path: ['steps', 1, 'points'], expected: 'number' }, data …"points": "20"
 *   → { field: 'steps[1].points', problem: 'expected a positive whole number, got "20"',
 *       fix: 'write the points as a number, e.g. "points": 20' }
 *
 * Invariants: every issue gives at least one problem, and each fix names something to write,
 * rename, add or remove; an unknown key that looks like a typo of a missing required key is
 * reported once, as the typo, where the missing field was. The wording of each field comes from
 * field-guides.ts; ids and paths are explained by explain-format.ts, unknown keys by unknown-key.ts.
 */
import type { z } from 'zod';
import { formatField, type ManifestIssue } from './errors.ts';
import { explainId, explainPath } from './explain-format.ts';
import { eg, exampleAt, guideAt } from './field-guides.ts';
import { show, valueAt } from './json-value.ts';
import { unknownKey } from './unknown-key.ts';

/** Explains every zod issue of one parse, merging a typo of a required key with its "missing". */
export function explainIssues(issues: readonly z.core.$ZodIssue[], data: unknown): ManifestIssue[] {
  return mergeTypos(issues.flatMap((issue) => explainIssue(issue, data)));
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
