/**
 * A screen that only says something (a scenario loading, or failing to load); Esc goes back.
 */

import { Box, Text } from 'ink';
import { useScreenKeys } from './use-screen-keys.ts';

/** Props of MessageScreen. */
export interface MessageScreenProps {
  /** The title row. */
  title: string;
  /** What to say. */
  message: string;
  /** Width, in columns. */
  width: number;
  /** Goes back (Esc). */
  onBack(): void;
}

/** A title and a message. */
export function MessageScreen({ title, message, width, onBack }: MessageScreenProps) {
  useScreenKeys((_input, key) => {
    if (key.escape) onBack();
  });
  return (
    <Box flexDirection="column" width={width}>
      <Text bold wrap="truncate-end">
        {title}
      </Text>
      <Text wrap="wrap">{message}</Text>
    </Box>
  );
}
