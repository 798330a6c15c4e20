/**
 * Predict mode's panel: the question about the next step and its numbered choices; once
 * answered, the right answer and the running tally (predict-lines.ts lays it out).
 */

import type { StyledLine } from './styled-text.ts';
import { StyledLines } from './StyledLines.tsx';

/** Props of PredictPrompt. */
export interface PredictPromptProps {
  /** The rows, from `predictLines`. */
  lines: readonly StyledLine[];
  /** Width, in columns. */
  width: number;
  /** Rows available. */
  height: number;
}

/** The question panel. */
export function PredictPrompt({ lines, width, height }: PredictPromptProps) {
  if (height <= 0) return null;
  return <StyledLines lines={lines.slice(0, height)} width={width} />;
}
