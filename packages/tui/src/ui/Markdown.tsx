/**
 * A step's page: the Markdown rendered to rows (markdown-lines.ts) and a window of them shown,
 * `height` rows from row `scroll`.
 */

import type { StyledLine } from './styled-text.ts';
import { StyledLines } from './StyledLines.tsx';

/** Props of Markdown. */
export interface MarkdownProps {
  /** The page's rows, from `markdownLines(source, width)`. */
  lines: readonly StyledLine[];
  /** The first row shown. */
  scroll: number;
  /** Rows shown. */
  height: number;
  /** Width, in columns. */
  width: number;
}

/** A scrolled window of a rendered page. */
export function Markdown({ lines, scroll, height, width }: MarkdownProps) {
  return <StyledLines lines={lines.slice(scroll, scroll + height)} width={width} />;
}
