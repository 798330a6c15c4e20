/**
 * The step's hints revealed so far (hint-lines.ts). When they do not all fit, the title row
 * stays and the newest hint is shown: the rows cut are the oldest.
 */

import type { StyledLine } from './styled-text.ts';
import { StyledLines } from './StyledLines.tsx';

/** Props of Hints. */
export interface HintsProps {
  /** All the rows of the hints, the title row first. */
  lines: readonly StyledLine[];
  /** Rows available. */
  height: number;
  /** Width, in columns. */
  width: number;
}

/** The hints, the newest kept when space runs out. */
export function Hints({ lines, height, width }: HintsProps) {
  if (height <= 0) return null;
  const shown = lines.length <= height ? lines : [lines[0]!, ...lines.slice(lines.length - (height - 1))].slice(0, height);
  return <StyledLines lines={shown} width={width} />;
}
