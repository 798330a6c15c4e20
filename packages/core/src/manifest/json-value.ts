/**
 * The parsed manifest as error messages see it: the value at a field's path, and how a value is
 * quoted in a problem.
 *
 * Interface: `valueAt(data, ['steps', 1, 'points'])` → the value or undefined; `show(value)` →
 * `"20"`, `-5`, `an empty text`, `a list of 2 items`, `an object`, `nothing`.
 *
 * Invariants: pure and total: any JSON value and any path give an answer, never a throw; a long
 * text is cut to 60 characters with "…".
 */

/** The value at a path of the parsed JSON, or undefined. */
export function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let v = data;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

/** A value as a message shows it: `"20"`, `-5`, `a list of 2 items`, `an object`. */
export function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') {
    if (value === '') return 'an empty text';
    return JSON.stringify(value.length > 60 ? `${value.slice(0, 59)}…` : value);
  }
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : `a list of ${value.length} item${value.length === 1 ? '' : 's'}`;
  if (value !== null && typeof value === 'object') return 'an object';
  return String(value);
}
