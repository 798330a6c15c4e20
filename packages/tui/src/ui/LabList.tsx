/**
 * The first screen: every lab, with the steps passed out of its steps and the points they
 * carry, and the last local test run. ↑/↓ choose, Enter opens, q quits.
 *
 *   virtlab — Labs
 *   › The Director: time sharing and space sharing
 *     [██████░░░░░░] 2/4 steps · 50/100 pts · last run: 4 passed, 2 failed
 */

import { Box, Text } from 'ink';
import type { Lang } from '../lang.ts';
import type { UiMessages } from '../ui-messages.ts';
import { labProgressOf, labScore } from './lab-progress.ts';
import { listWindow } from './layout.ts';
import { ProgressBar } from './ProgressBar.tsx';
import type { Progress, UiLab } from './types.ts';
import { useScreenKeys } from './use-screen-keys.ts';

/** Props of LabList. */
export interface LabListProps {
  /** The labs. */
  labs: readonly UiLab[];
  /** The student's progress. */
  progress: Progress;
  /** The chosen language. */
  lang: Lang;
  /** Strings in that language. */
  t: UiMessages;
  /** The selected lab. */
  cursor: number;
  /** Width, in columns. */
  width: number;
  /** Rows available. */
  height: number;
  /** Moves the selection by `delta` rows. */
  onMove(delta: number): void;
  /** Opens the selected lab. */
  onOpen(): void;
  /** Quits the TUI. */
  onQuit(): void;
}

/** The lab list. */
export function LabList({ labs, progress, lang, t, cursor, width, height, onMove, onOpen, onQuit }: LabListProps) {
  useScreenKeys((input, key) => {
    if (key.upArrow || input === 'k') onMove(-1);
    else if (key.downArrow || input === 'j') onMove(1);
    else if (key.return && labs.length > 0) onOpen();
    else if (input === 'q') onQuit();
  });
  const visible = Math.max(1, Math.floor((height - 2) / 2));
  const first = listWindow(cursor, labs.length, visible);
  return (
    <Box flexDirection="column" width={width}>
      <Text bold wrap="truncate-end">
        {t.appName} — {t.labsTitle}
      </Text>
      <Text> </Text>
      {labs.length === 0 && <Text wrap="wrap">{t.noLabs}</Text>}
      {labs.slice(first, first + visible).map((lab, i) => {
        const selected = first + i === cursor;
        const lp = labProgressOf(progress, lab.manifest.id);
        const score = labScore(lab.manifest, lp);
        const parts = [t.stepsDone(score.done, score.steps), t.score(score.points, score.total)];
        parts.push(lp.lastRun === undefined ? t.notRunYet : t.lastRun(lp.lastRun.passed, lp.lastRun.failed));
        return (
          <Box key={lab.dir} flexDirection="column" width={width}>
            <Text wrap="truncate-end" bold={selected} color={selected ? 'cyan' : undefined}>
              {selected ? '› ' : '  '}
              {lab.manifest.title[lang]}
            </Text>
            <Box paddingLeft={4}>
              <ProgressBar done={score.done} total={score.steps} label={parts.join(' · ')} width={width - 4} maxBar={12} />
            </Box>
          </Box>
        );
      })}
    </Box>
  );
}
