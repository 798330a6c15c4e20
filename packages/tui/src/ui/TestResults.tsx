/**
 * The step's public-test results (test-result-lines.ts), cut to the rows the step screen gives
 * them: what does not fit is counted on the last row, with the command that prints it all.
 */

import type { UiMessages } from '../ui-messages.ts';
import { type StyledLine, span } from './styled-text.ts';
import { StyledLines } from './StyledLines.tsx';

/** Props of TestResults. */
export interface TestResultsProps {
  /** All the rows of the results. */
  lines: readonly StyledLine[];
  /** Rows available. */
  height: number;
  /** Width, in columns. */
  width: number;
  /** Strings in the chosen language. */
  t: UiMessages;
  /** The command that prints every result (`pnpm lab test <lab> --step <step>`). */
  command: string;
}

/** The results, the top `height` rows of them. */
export function TestResults({ lines, height, width, t, command }: TestResultsProps) {
  if (height <= 0) return null;
  const shown = lines.length <= height ? lines : [...lines.slice(0, height - 1), [span(t.moreResults(lines.length - height + 1, command), { dim: true })]];
  return <StyledLines lines={shown} width={width} />;
}
