/**
 * The scenarios of a step that has more than one: ↑/↓ choose, Enter opens the simulator on the
 * chosen one, Esc goes back to the step.
 */

import { Box, Text } from 'ink';
import type { Localized } from '@virtlab/core';
import type { Lang } from '../lang.ts';
import type { UiMessages } from '../ui-messages.ts';
import { listWindow } from './layout.ts';
import { useScreenKeys } from './use-screen-keys.ts';

/** Props of ScenarioList. */
export interface ScenarioListProps {
  /** The step's title. */
  stepTitle: string;
  /** The scenarios, in lab.json order. */
  scenarios: readonly { id: string; title: Localized }[];
  /** The chosen language. */
  lang: Lang;
  /** Strings in that language. */
  t: UiMessages;
  /** The selected scenario. */
  cursor: number;
  /** Width, in columns. */
  width: number;
  /** Rows available. */
  height: number;
  /** Moves the selection by `delta` rows. */
  onMove(delta: number): void;
  /** Opens the selected scenario. */
  onOpen(): void;
  /** Goes back. */
  onBack(): void;
}

/** The list of a step's scenarios. */
export function ScenarioList({ stepTitle, scenarios, lang, t, cursor, width, height, onMove, onOpen, onBack }: ScenarioListProps) {
  useScreenKeys((input, key) => {
    if (key.upArrow || input === 'k') onMove(-1);
    else if (key.downArrow || input === 'j') onMove(1);
    else if (key.return) onOpen();
    else if (key.escape) onBack();
  });
  const visible = Math.max(1, height - 2);
  const first = listWindow(cursor, scenarios.length, visible);
  return (
    <Box flexDirection="column" width={width}>
      <Text bold wrap="truncate-end">
        {t.scenariosTitle(stepTitle)}
      </Text>
      <Text> </Text>
      {scenarios.slice(first, first + visible).map((s, i) => {
        const selected = first + i === cursor;
        return (
          <Text key={s.id} wrap="truncate-end" bold={selected} color={selected ? 'cyan' : undefined}>
            {selected ? '› ' : '  '}
            {s.title[lang]}
          </Text>
        );
      })}
    </Box>
  );
}
