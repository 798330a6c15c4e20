/**
 * Draws rows the TUI laid out itself (styled-text.ts): one terminal row each, cut at the box's
 * width by Ink if a row is still too wide.
 */

import { Box, Text } from 'ink';
import type { StyledLine } from './styled-text.ts';

/** Props of StyledLines. */
export interface StyledLinesProps {
  /** The rows, top first. */
  lines: readonly StyledLine[];
  /** Width of the box, in columns. */
  width: number;
}

/** A column of styled rows. */
export function StyledLines({ lines, width }: StyledLinesProps) {
  return (
    <Box flexDirection="column" width={width}>
      {lines.map((line, row) => (
        <Text key={row} wrap="truncate-end">
          {line.length === 0
            ? ' '
            : line.map((s, i) => (
                <Text
                  key={i}
                  bold={s.bold}
                  dimColor={s.dim}
                  italic={s.italic}
                  underline={s.underline}
                  inverse={s.inverse}
                  color={s.color}
                >
                  {s.text}
                </Text>
              ))}
        </Text>
      ))}
    </Box>
  );
}
