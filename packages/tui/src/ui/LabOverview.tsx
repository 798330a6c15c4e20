/**
 * A lab's overview: its title, progress and summary, then its steps with ✓ for those whose
 * public tests passed. ↑/↓ choose a step, Enter opens it, Esc goes back to the lab list.
 */

import { Box, Text } from 'ink';
import { useMemo } from 'react';
import type { Lang } from '../lang.ts';
import type { UiMessages } from '../ui-messages.ts';
import { labProgressOf, labScore } from './lab-progress.ts';
import { fitRows, listWindow } from './layout.ts';
import { ProgressBar } from './ProgressBar.tsx';
import { span, wrapSpans } from './styled-text.ts';
import { StyledLines } from './StyledLines.tsx';
import { textWidth } from './text-width.ts';
import type { Progress, UiLab } from './types.ts';
import { useScreenKeys } from './use-screen-keys.ts';

/** Props of LabOverview. */
export interface LabOverviewProps {
  /** The lab. */
  lab: UiLab;
  /** The student's progress. */
  progress: Progress;
  /** The chosen language. */
  lang: Lang;
  /** Strings in that language. */
  t: UiMessages;
  /** The selected step. */
  cursor: number;
  /** Width, in columns. */
  width: number;
  /** Rows available. */
  height: number;
  /** Moves the selection by `delta` rows. */
  onMove(delta: number): void;
  /** Opens the selected step. */
  onOpen(): void;
  /** Goes back. */
  onBack(): void;
}

/** The overview of one lab. */
export function LabOverview({ lab, progress, lang, t, cursor, width, height, onMove, onOpen, onBack }: LabOverviewProps) {
  const { manifest } = lab;
  const steps = manifest.steps;
  useScreenKeys((input, key) => {
    if (key.upArrow || input === 'k') onMove(-1);
    else if (key.downArrow || input === 'j') onMove(1);
    else if (key.return) onOpen();
    else if (key.escape) onBack();
  });
  const lp = labProgressOf(progress, manifest.id);
  const score = labScore(manifest, lp);
  const summary = useMemo(() => (manifest.summary === undefined ? [] : wrapSpans([span(manifest.summary[lang])], width)), [manifest, lang, width]);
  // Rows: title, bar, [summary, blank], "Steps", the steps.
  const [summaryRows = 0, stepRows = 0] = fitRows([summary.length === 0 ? 0 : summary.length + 1, steps.length], height - 3, [0, Math.min(steps.length, 3)]);
  const visible = Math.max(1, stepRows);
  const first = listWindow(cursor, steps.length, visible);
  const pointsWidth = Math.max(...steps.map((s) => textWidth(t.points(s.points)))) + 1;
  return (
    <Box flexDirection="column" width={width}>
      <Text bold wrap="truncate-end">
        {manifest.title[lang]}
      </Text>
      <ProgressBar done={score.done} total={score.steps} label={`${t.stepsDone(score.done, score.steps)} · ${t.score(score.points, score.total)}`} width={width} />
      {summaryRows > 1 && <StyledLines lines={[...summary.slice(0, summaryRows - 1), []]} width={width} />}
      <Text bold>{t.stepsTitle}</Text>
      {steps.slice(first, first + visible).map((step, i) => {
        const index = first + i;
        const selected = index === cursor;
        const passed = lp.passed.includes(step.id);
        return (
          <Box key={step.id} width={width}>
            <Box flexGrow={1} flexShrink={1}>
              <Text wrap="truncate-end" bold={selected} color={selected ? 'cyan' : undefined}>
                {selected ? '› ' : '  '}
                <Text color="green">{passed ? '✓ ' : '  '}</Text>
                {index + 1}. {step.title[lang]}
              </Text>
            </Box>
            <Box width={pointsWidth} flexShrink={0} justifyContent="flex-end">
              <Text dimColor>{t.points(step.points)}</Text>
            </Box>
          </Box>
        );
      })}
    </Box>
  );
}
