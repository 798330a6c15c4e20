/**
 * How many terminal columns a string takes: the measure Ink applies (East Asian wide and
 * fullwidth characters take two columns, combining marks none), so that text the TUI wraps
 * itself (styled-text.ts) lines up with what Ink draws. Ambiguous-width characters (…, ─, ✓)
 * take one column, as in Ink's string-width.
 *
 * Interface: `textWidth(s)`, `charWidth(codePoint)`, `cutToWidth(s, width)`, `breakPieces(text)`.
 */

/** Inclusive code-point ranges that take two columns (East Asian Wide and Fullwidth, wide emoji). */
const WIDE: readonly (readonly [number, number])[] = [
  [0x1100, 0x115f],
  [0x231a, 0x231b],
  [0x2329, 0x232a],
  [0x23e9, 0x23ec],
  [0x23f0, 0x23f0],
  [0x23f3, 0x23f3],
  [0x25fd, 0x25fe],
  [0x2614, 0x2615],
  [0x2648, 0x2653],
  [0x267f, 0x267f],
  [0x2693, 0x2693],
  [0x26a1, 0x26a1],
  [0x26aa, 0x26ab],
  [0x26bd, 0x26be],
  [0x26c4, 0x26c5],
  [0x26ce, 0x26ce],
  [0x26d4, 0x26d4],
  [0x26ea, 0x26ea],
  [0x26f2, 0x26f3],
  [0x26f5, 0x26f5],
  [0x26fa, 0x26fa],
  [0x26fd, 0x26fd],
  [0x2705, 0x2705],
  [0x270a, 0x270b],
  [0x2728, 0x2728],
  [0x274c, 0x274c],
  [0x274e, 0x274e],
  [0x2753, 0x2755],
  [0x2757, 0x2757],
  [0x2795, 0x2797],
  [0x27b0, 0x27b0],
  [0x27bf, 0x27bf],
  [0x2b1b, 0x2b1c],
  [0x2b50, 0x2b50],
  [0x2b55, 0x2b55],
  [0x2e80, 0x303e],
  [0x3041, 0x33ff],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xa000, 0xa4cf],
  [0xa960, 0xa97f],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe10, 0xfe19],
  [0xfe30, 0xfe6f],
  [0xff00, 0xff60],
  [0xffe0, 0xffe6],
  [0x16fe0, 0x16fe4],
  [0x17000, 0x18cff],
  [0x1b000, 0x1b2ff],
  [0x1f004, 0x1f004],
  [0x1f0cf, 0x1f0cf],
  [0x1f18e, 0x1f18e],
  [0x1f191, 0x1f19a],
  [0x1f200, 0x1f251],
  [0x1f300, 0x1f320],
  [0x1f32d, 0x1f335],
  [0x1f337, 0x1f37c],
  [0x1f37e, 0x1f393],
  [0x1f3a0, 0x1f3ca],
  [0x1f3cf, 0x1f3d3],
  [0x1f3e0, 0x1f3f0],
  [0x1f3f4, 0x1f3f4],
  [0x1f3f8, 0x1f43e],
  [0x1f440, 0x1f440],
  [0x1f442, 0x1f4fc],
  [0x1f4ff, 0x1f53d],
  [0x1f54b, 0x1f54e],
  [0x1f550, 0x1f567],
  [0x1f57a, 0x1f57a],
  [0x1f595, 0x1f596],
  [0x1f5a4, 0x1f5a4],
  [0x1f5fb, 0x1f64f],
  [0x1f680, 0x1f6c5],
  [0x1f6cc, 0x1f6cc],
  [0x1f6d0, 0x1f6d2],
  [0x1f6d5, 0x1f6d7],
  [0x1f6dc, 0x1f6df],
  [0x1f6eb, 0x1f6ec],
  [0x1f6f4, 0x1f6fc],
  [0x1f7e0, 0x1f7eb],
  [0x1f7f0, 0x1f7f0],
  [0x1f90c, 0x1f93a],
  [0x1f93c, 0x1f945],
  [0x1f947, 0x1f9ff],
  [0x1fa70, 0x1faff],
  [0x20000, 0x3fffd],
];

/** Combining marks, control and format characters (zero-width space, variation selectors …). */
const ZERO_WIDTH = /^(?:\p{Mn}|\p{Me}|\p{Cc}|\p{Cf})$/u;

/** Columns one code point takes: 0, 1 or 2. */
export function charWidth(codePoint: number): number {
  if (codePoint < 0x7f) return codePoint >= 0x20 ? 1 : 0;
  if (ZERO_WIDTH.test(String.fromCodePoint(codePoint))) return 0;
  let lo = 0;
  let hi = WIDE.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [from, to] = WIDE[mid]!;
    if (codePoint < from) hi = mid - 1;
    else if (codePoint > to) lo = mid + 1;
    else return 2;
  }
  return 1;
}

/** Columns a string takes in a terminal (no escape codes expected). */
export function textWidth(s: string): number {
  let width = 0;
  for (const ch of s) width += charWidth(ch.codePointAt(0)!);
  return width;
}

/** The longest prefix of `s` that fits in `width` columns, with "…" when something was cut. */
export function cutToWidth(s: string, width: number): string {
  if (textWidth(s) <= width) return s;
  if (width <= 0) return '';
  let out = '';
  let used = 0;
  for (const ch of s) {
    const w = charWidth(ch.codePointAt(0)!);
    if (used + w > width - 1) break;
    out += ch;
    used += w;
  }
  return `${out}…`;
}

/** True for characters a line may break before or after (CJK ideographs and punctuation). */
function breaksAnywhere(ch: string): boolean {
  return charWidth(ch.codePointAt(0)!) === 2;
}

/**
 * Splits text into the pieces a line may break between: runs of spaces, words, and each wide
 * character on its own (Chinese has no spaces between words).
 */
export function breakPieces(text: string): string[] {
  const pieces: string[] = [];
  let word = '';
  let spaces = '';
  const flush = () => {
    if (spaces !== '') pieces.push(spaces);
    if (word !== '') pieces.push(word);
    spaces = '';
    word = '';
  };
  for (const ch of text) {
    if (ch === ' ') {
      if (word !== '') flush();
      spaces += ch;
    } else if (breaksAnywhere(ch)) {
      flush();
      pieces.push(ch);
    } else {
      if (spaces !== '') {
        pieces.push(spaces);
        spaces = '';
      }
      word += ch;
    }
  }
  flush();
  return pieces;
}
