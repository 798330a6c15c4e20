/**
 * The assembler's lexer: one source line in, its tokens out, each with its line and column.
 *
 * Interface: `lexLine(text, line)` returns the tokens of one line, always ending with one `eol`
 * token; a `Cursor` walks them with `peek` and `next`; `describe(token)` formats a token for an
 * error message. The assembler lexes line by line, so errors come in source order.
 *
 *   loop:  lw r1, [sp - 4]   ; comment
 *   ident  |  register [ register - number ] eol
 *        punct
 *
 * Invariants:
 * - line and column are 1-based; a column counts characters (a tab is one).
 * - A comment (`;` or `#` to the end of the line) makes no token.
 * - `r<digits>` and `sp`, in any case, are `register` tokens (value = the number, 15 for sp), also
 *   when out of range like `r16`: they are never taken as symbol names.
 * - A `number` token is checked and converted: decimal, `0x` hex, `0b` binary or a character
 *   `'c'`; its value is the 32-bit pattern read as signed (`0xffffffff` is -1).
 * - A `string` token's value has its escapes replaced. Escapes, in strings and characters:
 *   `\n \t \\ \' \" \0`.
 */

import { AsmError } from './errors.ts';

/** A piece of one source line. */
export type Token =
  | {
      /** `ident`: a name (`[A-Za-z_.][A-Za-z0-9_.]*`); `punct`: an operator or separator; `eol`: the end of the line. */
      readonly kind: 'ident' | 'punct' | 'eol';
      /** The token as written (empty for `eol`). */
      readonly text: string;
      /** Source line, 1-based. */
      readonly line: number;
      /** Column of the first character, 1-based. */
      readonly column: number;
    }
  | {
      /** `number`: a literal; `register`: r0..r15 or sp (value 15), or an out-of-range `r<digits>`. */
      readonly kind: 'number' | 'register';
      /** The token as written. */
      readonly text: string;
      /** The number, or the register index. */
      readonly value: number;
      /** Source line, 1-based. */
      readonly line: number;
      /** Column of the first character, 1-based. */
      readonly column: number;
    }
  | {
      /** A double-quoted string. */
      readonly kind: 'string';
      /** The token as written, quotes included. */
      readonly text: string;
      /** The characters, escapes replaced. */
      readonly value: string;
      /** Source line, 1-based. */
      readonly line: number;
      /** Column of the opening quote, 1-based. */
      readonly column: number;
    };

/** A position in one line's tokens; it never moves past the final `eol`. */
export interface Cursor {
  /** The line's tokens, ending with `eol`. */
  readonly tokens: readonly Token[];
  /** Index of the next token to read. */
  pos: number;
}

/** The operators and separators, longest first. */
const PUNCTUATION = ['<<', '>>', ',', ':', '[', ']', '(', ')', '+', '-', '*', '/', '%', '&', '|', '^', '~', '='];

/** A name, and a run of digits and letters that must form a number (sticky: matched at `lastIndex`). */
const NAME = /[A-Za-z_.][A-Za-z0-9_.]*/y;
const NUMBER = /[0-9][0-9A-Za-z_]*/y;

/** What each escape letter stands for. */
const ESCAPES: Readonly<Record<string, string>> = { n: '\n', t: '\t', '\\': '\\', "'": "'", '"': '"', '0': '\0' };

const ESCAPE_LIST = String.raw`\n, \t, \\, \', \" or \0`;

/** Splits one line of source into tokens; throws AsmError on a bad number, string or character. */
export function lexLine(text: string, line: number): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    const column = i + 1;
    if (ch === ' ' || ch === '\t' || ch === '\r') {
      i++;
    } else if (ch === ';' || ch === '#') {
      break;
    } else if (/[A-Za-z_.]/.test(ch)) {
      const word = match(NAME, text, i);
      const reg = /^(?:r([0-9]+)|sp)$/i.exec(word);
      if (reg === null) tokens.push({ kind: 'ident', text: word, line, column });
      else tokens.push({ kind: 'register', text: word, value: reg[1] === undefined ? 15 : Number(reg[1]), line, column });
      i += word.length;
    } else if (/[0-9]/.test(ch)) {
      const word = match(NUMBER, text, i);
      tokens.push({ kind: 'number', text: word, value: parseNumber(word, line, column), line, column });
      i += word.length;
    } else if (ch === "'") {
      const [value, end] = readCharacter(text, i, line);
      tokens.push({ kind: 'number', text: text.slice(i, end), value, line, column });
      i = end;
    } else if (ch === '"') {
      const [value, end] = readString(text, i, line);
      tokens.push({ kind: 'string', text: text.slice(i, end), value, line, column });
      i = end;
    } else {
      const p = PUNCTUATION.find((s) => text.startsWith(s, i));
      if (p === undefined) {
        throw new AsmError(line, column, 'a name, number, string, operator or comment', JSON.stringify(ch));
      }
      tokens.push({ kind: 'punct', text: p, line, column });
      i += p.length;
    }
  }
  const last = tokens[tokens.length - 1];
  const eolColumn = last === undefined ? 1 : last.column + last.text.length;
  tokens.push({ kind: 'eol', text: '', line, column: eolColumn });
  return tokens;
}

/** The text that the sticky pattern matches at text[i] (the caller has checked its first character). */
function match(pattern: RegExp, text: string, i: number): string {
  pattern.lastIndex = i;
  return pattern.exec(text)![0];
}

/** Converts a run of digits and letters that starts with a digit; the result is a signed 32-bit value. */
function parseNumber(word: string, line: number, column: number): number {
  const lower = word.toLowerCase();
  let value: number;
  if (/^0x[0-9a-f]+$/.test(lower)) value = Number.parseInt(lower.slice(2), 16);
  else if (/^0b[01]+$/.test(lower)) value = Number.parseInt(lower.slice(2), 2);
  else if (/^[0-9]+$/.test(lower)) value = Number.parseInt(lower, 10);
  else throw new AsmError(line, column, "a number (decimal, 0x hex, 0b binary or 'c')", JSON.stringify(word));
  if (value > 0xffffffff) throw new AsmError(line, column, 'a number that fits in 32 bits', JSON.stringify(word));
  return value | 0;
}

/** Reads the escape at text[i] (a backslash); returns the character and the index after it. */
function readEscape(text: string, i: number, line: number): [string, number] {
  const letter = text[i + 1] ?? '';
  if (!Object.hasOwn(ESCAPES, letter)) {
    throw new AsmError(line, i + 1, `an escape (${ESCAPE_LIST})`, JSON.stringify(text.slice(i, i + 2)));
  }
  return [ESCAPES[letter]!, i + 2];
}

/** Reads `'c'` starting at text[start]; returns its code point and the index after the closing quote. */
function readCharacter(text: string, start: number, line: number): [number, number] {
  let i = start + 1;
  let ch: string;
  const first = text.codePointAt(i);
  if (first === undefined || text[i] === "'") {
    throw new AsmError(line, start + 1, String.raw`one character between single quotes (write '\'' for a quote)`, JSON.stringify(text.slice(start, i + 1)));
  }
  if (text[i] === '\\') [ch, i] = readEscape(text, i, line);
  else {
    ch = String.fromCodePoint(first);
    i += ch.length;
  }
  if (text[i] !== "'") {
    throw new AsmError(line, start + 1, "a closing ' after one character", i >= text.length ? 'end of line' : JSON.stringify(text.slice(start, i + 1)));
  }
  return [ch.codePointAt(0)!, i + 1];
}

/** Reads `"…"` starting at text[start]; returns its characters and the index after the closing quote. */
function readString(text: string, start: number, line: number): [string, number] {
  let value = '';
  let i = start + 1;
  for (;;) {
    const ch = text[i];
    if (ch === undefined) throw new AsmError(line, start + 1, 'a string closed by " on the same line', 'end of line');
    if (ch === '"') return [value, i + 1];
    if (ch === '\\') {
      const [escaped, next] = readEscape(text, i, line);
      value += escaped;
      i = next;
    } else {
      value += ch;
      i++;
    }
  }
}

/** A cursor at the first of `tokens` (which must end with `eol`). */
export function cursor(tokens: readonly Token[]): Cursor {
  return { tokens, pos: 0 };
}

/** The next token, without consuming it (the `eol` once the line is used up). */
export function peek(c: Cursor): Token {
  return c.tokens[Math.min(c.pos, c.tokens.length - 1)]!;
}

/** The next token, consumed (the cursor stays on `eol`). */
export function next(c: Cursor): Token {
  const t = peek(c);
  if (t.kind !== 'eol') c.pos++;
  return t;
}

/** True when the next token is the punctuation `text`. */
export function at(c: Cursor, text: string): boolean {
  const t = peek(c);
  return t.kind === 'punct' && t.text === text;
}

/** Consumes the punctuation `text`, or throws AsmError naming it as expected. */
export function expect(c: Cursor, text: string): Token {
  if (!at(c, text)) {
    const t = peek(c);
    throw new AsmError(t.line, t.column, JSON.stringify(text), describe(t));
  }
  return next(c);
}

/** How a token is shown after "found" in an error: in double quotes, or `end of line`. */
export function describe(t: Token): string {
  return t.kind === 'eol' ? 'end of line' : JSON.stringify(t.text);
}
