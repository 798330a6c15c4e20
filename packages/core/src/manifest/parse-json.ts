/**
 * JSON.parse for a manifest: the parsed value, or a ManifestError that says where (line and
 * column), what is wrong and how to fix it.
 *
 * Interface: `parseJson(text, file)` → the value; throws ManifestError with one `(root)` issue
 * whose problem starts "invalid JSON: ", with `line` and `column` set.
 *
 * Invariants: a leading byte-order mark is ignored (editors may save one) and columns count
 * after it; the position is Node's "at position N" when its message has one, else the
 * scanner's (find-json-syntax-error.ts); line and column are 1-based, in UTF-16 code units.
 */
import { ManifestError } from './errors.ts';
import { findJsonSyntaxError } from './find-json-syntax-error.ts';

/** JSON.parse with a ManifestError naming file:line:column, the problem and its fix. */
export function parseJson(text: string, file: string): unknown {
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
