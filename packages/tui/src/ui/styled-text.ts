/**
 * Styled text that the TUI lays out itself: a line is a list of spans, each with its own style,
 * wrapped to a width in columns before Ink draws it (so a screen knows how many rows it takes
 * and can scroll it). Ink's <Text> draws the spans (StyledLines.tsx).
 *
 * Interface: `span(text, style)`, `wrapSpans(spans, width, firstPrefix, restPrefix)`,
 * `cutLine(line, width)`, `lineWidth(line)`.
 */

import { breakPieces, charWidth, textWidth } from './text-width.ts';

/** How a span looks. */
export interface SpanStyle {
  /** Bold (headings, names). */
  bold?: boolean;
  /** Dimmed (code, secondary text). */
  dim?: boolean;
  /** Italic (emphasis). */
  italic?: boolean;
  /** Underlined (links, the top heading). */
  underline?: boolean;
  /** Reverse video (the selected row). */
  inverse?: boolean;
  /** A foreground colour name Ink knows (green, red, yellow, cyan …). */
  color?: string;
}

/** A run of text in one style. */
export interface Span extends SpanStyle {
  /** The text: one line, no tabs, no escape codes. */
  text: string;
}

/** One row of the terminal. */
export type StyledLine = Span[];

/** A span of `text` in `style`. */
export function span(text: string, style: SpanStyle = {}): Span {
  return { ...style, text };
}

/** Columns a line takes. */
export function lineWidth(line: StyledLine): number {
  return line.reduce((w, s) => w + textWidth(s.text), 0);
}

/** The line cut to `width` columns, ending with "…" when something was cut. */
export function cutLine(line: StyledLine, width: number): StyledLine {
  if (lineWidth(line) <= width) return line;
  const out: StyledLine = [];
  let used = 0;
  for (const s of line) {
    let text = '';
    for (const ch of s.text) {
      const w = charWidth(ch.codePointAt(0)!);
      if (used + w > width - 1) {
        if (text !== '') out.push({ ...s, text });
        out.push({ ...s, text: '…' });
        return out;
      }
      text += ch;
      used += w;
    }
    if (text !== '') out.push({ ...s, text });
  }
  return out;
}

/** Merges neighbouring spans of the same style (fewer <Text> nodes to draw). */
function merge(line: StyledLine): StyledLine {
  const out: StyledLine = [];
  for (const s of line) {
    const last = out.at(-1);
    const { text: _a, ...a } = last ?? { text: '' };
    const { text: _b, ...b } = s;
    if (last !== undefined && JSON.stringify(a) === JSON.stringify(b)) last.text += s.text;
    else if (s.text !== '') out.push({ ...s });
  }
  return out;
}

function trimEnd(line: StyledLine): StyledLine {
  const out = line.map((s) => ({ ...s }));
  while (out.length > 0) {
    const last = out.at(-1)!;
    last.text = last.text.trimEnd();
    if (last.text !== '') break;
    out.pop();
  }
  return out;
}

/** Punctuation that may not begin a row in Chinese typesetting. */
const NO_ROW_START = /^[，。、；：？！）」』》〉】”’…·%]$/u;

/** Removes and returns the row's last character when it is a wide one (not part of the row's prefix). */
function takeLastWide(row: StyledLine, prefixSpans: number): Span | undefined {
  const last = row.at(-1);
  if (last === undefined || row.length <= prefixSpans) return undefined;
  const chars = [...last.text];
  const ch = chars.at(-1);
  if (ch === undefined || charWidth(ch.codePointAt(0)!) !== 2 || NO_ROW_START.test(ch)) return undefined;
  if (chars.length === 1 && row.length - prefixSpans === 1) return undefined; // the row would be left empty
  if (chars.length === 1) row.pop();
  else last.text = chars.slice(0, -1).join('');
  return { ...last, text: ch };
}

/**
 * Greedy word wrap of styled text to `width` columns. The first row starts with `firstPrefix`
 * (a bullet), the others with `restPrefix` (the hanging indent); a word wider than a row is split.
 */
export function wrapSpans(spans: readonly Span[], width: number, firstPrefix: StyledLine = [], restPrefix: StyledLine = firstPrefix): StyledLine[] {
  const rows: StyledLine[] = [];
  let row: StyledLine = [...firstPrefix];
  let used = lineWidth(firstPrefix);
  let hasWord = false;
  let prefixSpans = firstPrefix.length;
  const newRow = () => {
    rows.push(merge(trimEnd(row)));
    row = [...restPrefix];
    prefixSpans = restPrefix.length;
    used = lineWidth(restPrefix);
    hasWord = false;
  };
  for (const s of spans) {
    for (const piece of breakPieces(s.text.replace(/\s+/g, ' '))) {
      const w = textWidth(piece);
      if (piece.trim() === '') {
        if (hasWord && used + w <= width) {
          row.push({ ...s, text: piece });
          used += w;
        }
        continue;
      }
      if (used + w > width && hasWord) {
        // Chinese closing punctuation may not start a row: the character before it moves down too.
        const carried = NO_ROW_START.test(piece) ? takeLastWide(row, prefixSpans) : undefined;
        newRow();
        if (carried !== undefined) {
          row.push(carried);
          used += textWidth(carried.text);
          hasWord = true;
        }
      }
      if (used + w <= width) {
        row.push({ ...s, text: piece });
        used += w;
        hasWord = true;
        continue;
      }
      // A word wider than a whole row: split it where it reaches the edge.
      let chunk = '';
      for (const ch of piece) {
        const cw = charWidth(ch.codePointAt(0)!);
        if (used + cw > width && (chunk !== '' || hasWord)) {
          if (chunk !== '') row.push({ ...s, text: chunk });
          chunk = '';
          newRow();
        }
        chunk += ch;
        used += cw;
      }
      if (chunk !== '') {
        row.push({ ...s, text: chunk });
        hasWord = true;
      }
    }
  }
  if (hasWord || rows.length === 0) rows.push(merge(trimEnd(row)));
  return rows;
}
