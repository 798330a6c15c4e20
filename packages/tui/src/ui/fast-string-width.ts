/**
 * A fast path in front of the `string-width` packages Ink measures text with. Their general
 * path segments graphemes and tests Unicode-property and emoji regexes, which V8 compiles on
 * first use: ~50 ms before the first frame, for a title with an em dash in it. Nearly every
 * string the UI draws (English, Chinese, box drawing, ✓ ✗ → …) is made of characters whose
 * width is known without any of that; for those this answers at once, for anything else it
 * answers -1 and the package's own code runs.
 *
 * The build (scripts/build-cli.mjs) puts this in front of every copy of string-width in the
 * `lab` command; fast-string-width.test.ts checks, code point by code point, that it agrees
 * with each of them.
 *
 * Interface: `fastStringWidth(s, options)` → columns, or -1 for "ask string-width".
 */

/** string-width's options: both change the answer, so either one sends the string on. */
export interface StringWidthOptions {
  ambiguousIsNarrow?: boolean;
  countAnsiEscapeCodes?: boolean;
}

/**
 * Inclusive ranges of code points that take one column, as [from, to]. Left out on purpose:
 * soft hyphen (U+00AD, zero width), © and ® (emoji to string-width 7), zero-width and direction marks (U+200B–U+200F), line and
 * paragraph separators, and the characters in these blocks that are emoji (‼ ⁉ ↔–↙ ↩ ↪ ▪ ▫ ▶ ◀
 * ◻–◾), which a terminal may draw two columns wide.
 */
const NARROW: readonly (readonly [number, number])[] = [
  [0x20, 0x7e],
  [0xa0, 0xa8],
  [0xaa, 0xac],
  [0xaf, 0xff],
  [0x2010, 0x2027],
  [0x2030, 0x203b],
  [0x203d, 0x2048],
  [0x204a, 0x205e],
  [0x2190, 0x2193],
  [0x219a, 0x21a8],
  [0x21ab, 0x21ff],
  [0x2500, 0x25a9],
  [0x25ac, 0x25b5],
  [0x25b7, 0x25bf],
  [0x25c1, 0x25fa],
  [0x2713, 0x2713],
  [0x2717, 0x2717],
];

/**
 * Inclusive ranges that take two columns: CJK symbols and punctuation (without the combining
 * tone marks U+302A–U+302F and the emoji 〰 〽), CJK ideographs, fullwidth forms.
 */
const WIDE: readonly (readonly [number, number])[] = [
  [0x3000, 0x3029],
  [0x3031, 0x303c],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xff01, 0xff60],
];

function inRanges(cp: number, ranges: readonly (readonly [number, number])[]): boolean {
  for (const [from, to] of ranges) if (cp >= from && cp <= to) return true;
  return false;
}

/** Colour and style escape sequences (SGR), the only ones the UI writes; they take no columns. */
const SGR = /\u001b\[[0-9;]*m/g;

/** Columns `s` takes, or -1 when it holds something only string-width itself can measure. */
export function fastStringWidth(s: unknown, options?: StringWidthOptions): number {
  if (typeof s !== 'string') return -1;
  if (options !== undefined && (options.ambiguousIsNarrow === false || options.countAnsiEscapeCodes === true)) return -1;
  const text = s.includes('\u001b') ? s.replace(SGR, '') : s;
  let width = 0;
  for (let i = 0; i < text.length; i++) {
    const cp = text.charCodeAt(i);
    if (cp >= 0x20 && cp <= 0x7e) width += 1;
    else if (inRanges(cp, NARROW)) width += 1;
    else if (inRanges(cp, WIDE)) width += 2;
    else return -1;
  }
  return width;
}
