/**
 * Finds where and why a text is not JSON, in words course staff can act on.
 *
 * Interface: `findJsonSyntaxError(text)` for a text that JSON.parse rejected → the offset of the
 * first error, the problem and its fix (or undefined if the scanner finds none). parse-json.ts
 * turns the offset into a line and column.
 *
 *   { "id": "director", "points": 20, }
 *                                     ^ offset 34: "a comma before }", fix: remove the comma …
 *
 * It is a small recursive-descent scanner over the JSON grammar that explains what it finds
 * instead of building values. Invariants: pure; it stops at the first error, so the offset is
 * the one JSON.parse would blame in the common cases (a bad escape points after the backslash,
 * as Node does); every problem names what was found and every fix says what to write.
 */

/** Where and why a text is not JSON. */
export interface JsonSyntaxError {
  /** Where the error is: an offset into the text, in UTF-16 code units. */
  offset: number;
  /** What is wrong, e.g. `a comma before }`. */
  problem: string;
  /** How to fix it, one clause, e.g. `remove the comma after the last property: …`. */
  fix: string;
}

/** Thrown inside the scanner to stop at the first error. */
class Stop {
  constructor(readonly error: JsonSyntaxError) {}
}

/**
 * Finds the first syntax error of a text that JSON.parse rejects: a small recursive-descent
 * scanner over the JSON grammar that explains what it finds instead of building values.
 */
export function findJsonSyntaxError(text: string): JsonSyntaxError | undefined {
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
