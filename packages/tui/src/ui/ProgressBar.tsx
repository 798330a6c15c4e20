/**
 * A lab's progress as a bar and a label: `[██████░░░░░░] 2/4 steps · 50/100 pts`.
 */

import { Box, Text } from 'ink';
import { textWidth } from './text-width.ts';

/** Props of ProgressBar. */
export interface ProgressBarProps {
  /** Parts done (steps passed). */
  done: number;
  /** Parts in all. */
  total: number;
  /** Text after the bar. */
  label: string;
  /** Width of the whole row, in columns. */
  width: number;
  /** Cells of the bar at most (default 24). */
  maxBar?: number;
}

/** A progress bar with its label, on one row. */
export function ProgressBar({ done, total, label, width, maxBar = 24 }: ProgressBarProps) {
  const cells = Math.max(4, Math.min(maxBar, width - textWidth(label) - 3));
  const full = total === 0 ? 0 : Math.round((cells * Math.min(done, total)) / total);
  return (
    <Box width={width}>
      <Text wrap="truncate-end">
        <Text dimColor>[</Text>
        <Text color="green">{'█'.repeat(full)}</Text>
        <Text dimColor>{'░'.repeat(cells - full)}</Text>
        <Text dimColor>] </Text>
        {label}
      </Text>
    </Box>
  );
}
