/**
 * An unknown key in a manifest object, with the allowed key it most likely misspells.
 *
 * Interface: `unknownKey(path, key)` → the problem for `key` in the object at `path`, with
 * `typoOf` set to the field it likely meant (explain-issue.ts merges it with that field's
 * "missing" problem).
 *
 *   steps[0] has "hiden" → unknown key "hiden" (did you mean "hidden"?), typoOf 'steps[0].hidden'
 *
 * Invariants: the allowed keys are read from the zod schema itself (through optional, default
 * and prefault wrappers, and into list items), so they cannot drift from it; a suggestion is at
 * most max(1, ⌊length/3⌋) edits away, ignoring case, first in schema order on ties.
 */
import { ZodArray, ZodDefault, ZodObject, ZodOptional, ZodPrefault, type ZodType } from 'zod';
import { editDistance } from '../edit-distance.ts';
import { formatField, type ManifestIssue } from './errors.ts';
import { labManifestSchema } from './schema.ts';

/** An unknown key, with the closest allowed key as a suggestion. */
export function unknownKey(path: readonly PropertyKey[], key: string): ManifestIssue & { typoOf?: string } {
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
  const unwrap = (s: ZodType): ZodType => {
    while (s instanceof ZodOptional || s instanceof ZodDefault || s instanceof ZodPrefault) s = s.unwrap() as ZodType;
    return s;
  };
  let schema: ZodType | undefined = labManifestSchema;
  for (const key of path) {
    const s: ZodType = unwrap(schema);
    if (s instanceof ZodArray) schema = s.element as ZodType;
    else if (s instanceof ZodObject && typeof key === 'string') schema = (s.shape as Record<string, ZodType>)[key];
    else schema = undefined;
    if (schema === undefined) return [];
  }
  const s = unwrap(schema);
  return s instanceof ZodObject ? Object.keys(s.shape) : [];
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
