/**
 * A small Markdown renderer for the step pages: turns the page into styled rows of at most
 * `width` columns, which Markdown.tsx shows a window of (scrolling is choosing the window).
 *
 *   # Heading            → bold (the top heading underlined too), a blank row before it
 *   paragraph text       → wrapped to the width (lines joined; no space between Chinese lines)
 *   - item / 1. item     → bullet and hanging indent
 *   > quote              → "│ " and italic
 *   ``` fenced ```       → dim, indented two columns, cut (not wrapped) at the width
 *   | a | b |  table     → aligned columns with a bold header when they fit the width; else one
 *                          block per row, "header: cell" on each line, wrapped
 *   `code` **b** *i* [t](url) inside text → dim, bold, italic, underlined t
 *
 * Interface: `markdownLines(source, width) → StyledLine[]`. Pure: no Ink, no terminal.
 */

import { type Span, type StyledLine, cutLine, lineWidth, span, wrapSpans } from './styled-text.ts';
import { charWidth } from './text-width.ts';

const INLINE = /(`+)([^`]+?)\1|\*\*(.+?)\*\*|__(.+?)__|\*([^*\s][^*]*?)\*|_([^_\s][^_]*?)_|!?\[([^\]]*)\]\(([^)]*)\)/g;

/** The spans of one paragraph's inline Markdown. */
export function inlineSpans(text: string, base: Omit<Span, 'text'> = {}): Span[] {
  const spans: Span[] = [];
  let at = 0;
  for (const m of text.matchAll(INLINE)) {
    if (m.index > at) spans.push(span(text.slice(at, m.index), base));
    if (m[2] !== undefined) spans.push(span(m[2], { ...base, dim: true, color: 'cyan' }));
    else if (m[3] !== undefined || m[4] !== undefined) spans.push(...inlineSpans(m[3] ?? m[4]!, { ...base, bold: true }));
    else if (m[5] !== undefined || m[6] !== undefined) spans.push(...inlineSpans(m[5] ?? m[6]!, { ...base, italic: true }));
    else spans.push(span(m[7] ?? '', { ...base, underline: true }));
    at = m.index + m[0].length;
  }
  if (at < text.length) spans.push(span(text.slice(at), base));
  return spans;
}

const isWide = (ch: string | undefined) => ch !== undefined && charWidth(ch.codePointAt(0)!) === 2;

/** Joins a paragraph's source lines: a space between words, nothing between Chinese characters. */
function joinLines(lines: readonly string[]): string {
  let out = '';
  for (const raw of lines) {
    const line = raw.trim();
    if (out === '') out = line;
    else if (isWide([...out].at(-1)) || isWide([...line][0])) out += line;
    else out += ` ${line}`;
  }
  return out;
}

/** The cells of a table row: split on "|" (not "\|"), the outer pipes dropped. */
function cellsOf(row: string): string[] {
  const inner = row.trim().replace(/^\|/, '').replace(/\|$/, '');
  return inner.split(/(?<!\\)\|/).map((c) => c.trim().replace(/\\\|/g, '|'));
}

const TABLE_SEPARATOR = /^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$/;

/** A Markdown table as rows: columns when they fit in `w`, else "header: cell" blocks, one per row. */
function tableLines(rows: readonly string[], w: number): StyledLine[] {
  const [head = [], ...body] = rows.filter((r) => !TABLE_SEPARATOR.test(r)).map(cellsOf);
  const n = Math.max(head.length, ...body.map((r) => r.length));
  const header = Array.from({ length: n }, (_, j) => inlineSpans(head[j] ?? '', { bold: true }));
  const cells = body.map((r) => Array.from({ length: n }, (_, j) => inlineSpans(r[j] ?? '')));
  const widths = Array.from({ length: n }, (_, j) => Math.max(lineWidth(header[j]!), ...cells.map((r) => lineWidth(r[j]!))));
  const gap = span(' │ ', { dim: true });
  if (widths.reduce((a, b) => a + b, 0) + 3 * (n - 1) <= w) {
    const row = (spans: Span[][]): StyledLine =>
      spans.flatMap((c, j) => [...(j > 0 ? [gap] : []), ...c, span(' '.repeat(j < n - 1 ? widths[j]! - lineWidth(c) : 0))]).filter((s) => s.text !== '');
    const rule = [span(widths.map((x) => '─'.repeat(x)).join('─┼─'), { dim: true })];
    return [row(header), rule, ...cells.map(row)];
  }
  const out: StyledLine[] = [];
  for (const r of cells) {
    r.forEach((c, j) => {
      const label = [span(head[j] ?? '', { bold: true }), span(': ')];
      out.push(...wrapSpans([...label, ...c], w, [span(j === 0 ? '• ' : '  ')], [span('    ')]));
    });
  }
  return out;
}

const HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/;
const LIST_ITEM = /^(\s*)([-*+]|\d+[.)])\s+(.*)$/;
const FENCE = /^\s*(```|~~~)/;
const RULE = /^\s*([-*_])(\s*\1){2,}\s*$/;

/** Renders a Markdown page to styled rows of at most `width` columns. */
export function markdownLines(source: string, width: number): StyledLine[] {
  const w = Math.max(8, width);
  const src = source.replace(/\r\n?/g, '\n').replace(/\t/g, '    ').split('\n');
  const out: StyledLine[] = [];
  const blank = () => {
    if (out.length > 0 && out.at(-1)!.length > 0) out.push([]);
  };
  let i = 0;
  while (i < src.length) {
    const line = src[i]!;
    if (line.trim() === '') {
      blank();
      i++;
      continue;
    }
    if (FENCE.test(line)) {
      const fence = FENCE.exec(line)![1]!;
      blank();
      i++;
      while (i < src.length && !src[i]!.trim().startsWith(fence)) {
        out.push(cutLine([span(`  ${src[i]!}`.trimEnd(), { dim: true })], w));
        i++;
      }
      i++;
      blank();
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading !== null) {
      blank();
      const top = heading[1]!.length === 1;
      out.push(...wrapSpans(inlineSpans(heading[2]!, { bold: true, underline: top }), w));
      out.push([]);
      i++;
      continue;
    }
    if (RULE.test(line)) {
      blank();
      out.push([span('─'.repeat(w), { dim: true })]);
      i++;
      continue;
    }
    if (line.trimStart().startsWith('|')) {
      const rows: string[] = [];
      while (i < src.length && src[i]!.trimStart().startsWith('|')) rows.push(src[i++]!);
      out.push(...tableLines(rows, w));
      continue;
    }
    const item = LIST_ITEM.exec(line);
    if (item !== null) {
      const indent = ' '.repeat(Math.min(8, item[1]!.length));
      const marker = /\d/.test(item[2]!) ? `${item[2]} ` : '• ';
      const text = [item[3]!];
      i++;
      // Continuation lines: indented, not a new item, not blank.
      while (i < src.length && src[i]!.trim() !== '' && !LIST_ITEM.test(src[i]!) && /^\s+/.test(src[i]!)) text.push(src[i++]!);
      out.push(...wrapSpans(inlineSpans(joinLines(text)), w, [span(`${indent}${marker}`)], [span(`${indent}${' '.repeat(marker.length)}`)]));
      continue;
    }
    if (line.trimStart().startsWith('>')) {
      const text: string[] = [];
      while (i < src.length && src[i]!.trimStart().startsWith('>')) text.push(src[i++]!.trimStart().replace(/^>\s?/, ''));
      out.push(...wrapSpans(inlineSpans(joinLines(text), { italic: true }), w, [span('│ ', { dim: true })]));
      continue;
    }
    const text: string[] = [];
    while (i < src.length) {
      const l = src[i]!;
      if (l.trim() === '' || FENCE.test(l) || HEADING.test(l) || LIST_ITEM.test(l) || l.trimStart().startsWith('|') || l.trimStart().startsWith('>')) break;
      text.push(l);
      i++;
    }
    out.push(...wrapSpans(inlineSpans(joinLines(text)), w));
  }
  while (out.length > 0 && out.at(-1)!.length === 0) out.pop();
  return out;
}
