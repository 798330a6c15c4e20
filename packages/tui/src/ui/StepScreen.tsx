/**
 * A step: its page (scrollable), its public-test results, its hints, and the lab's progress.
 *
 *   Step 1/4: Saving a program's context                       1–12/140
 *   [██████░░░░░░░░░░░░░░░░░░] 1/4 steps · 25/100 pts
 *   …the page, scrolled with ↑/↓ (PgUp/PgDn a page)…
 *   ─────────────────────────────────────────────────────────────────
 *   Tests  2 passed, 1 failed
 *   ✗ saves the registers …
 *   Hints 1/3
 *   1. A program cannot tell it was stopped only if …
 *
 * Keys: t runs the tests, w toggles watch mode, h reveals the next hint, s opens the simulator,
 * Esc goes back. The rows are shared out by `fitRows`: the page shrinks first.
 */

import { Box, Text } from 'ink';
import { useMemo } from 'react';
import type { Lang } from '../lang.ts';
import type { UiMessages } from '../ui-messages.ts';
import { hintLines } from './hint-lines.ts';
import { Hints } from './Hints.tsx';
import { labProgressOf, labScore } from './lab-progress.ts';
import { fitRows } from './layout.ts';
import { Markdown } from './Markdown.tsx';
import { markdownLines } from './markdown-lines.ts';
import { ProgressBar } from './ProgressBar.tsx';
import { span } from './styled-text.ts';
import { TestResults } from './TestResults.tsx';
import { testResultLines } from './test-result-lines.ts';
import { textWidth } from './text-width.ts';
import type { Progress, TestRun, UiLab } from './types.ts';
import { useScreenKeys } from './use-screen-keys.ts';

/** Props of StepScreen. */
export interface StepScreenProps {
  /** The lab. */
  lab: UiLab;
  /** Index of the step in the lab. */
  step: number;
  /** The step's page, Markdown, in the chosen language. */
  doc: string;
  /** The student's progress. */
  progress: Progress;
  /** The latest run of the step's public tests, if any. */
  run: TestRun | undefined;
  /** The chosen language. */
  lang: Lang;
  /** Strings in that language. */
  t: UiMessages;
  /** First row of the page shown. */
  scroll: number;
  /** Width, in columns. */
  width: number;
  /** Rows available. */
  height: number;
  /** Scrolls the page: `change` gives the new first row from the current one. */
  onScroll(change: (scroll: number) => number): void;
  /** Runs the step's public tests (t). */
  onRunTests(): void;
  /** Turns watch mode on or off (w). */
  onToggleWatch(): void;
  /** Reveals the next hint (h). */
  onHint(): void;
  /** Opens the step's simulator (s). */
  onSimulator(): void;
  /** Goes back (Esc). */
  onBack(): void;
}

/** One step of a lab. */
export function StepScreen(props: StepScreenProps) {
  const { lab, doc, progress, run, lang, t, width, height } = props;
  const step = lab.manifest.steps[props.step]!;
  const lp = labProgressOf(progress, lab.manifest.id);
  const score = labScore(lab.manifest, lp);
  const page = useMemo(() => markdownLines(doc, width), [doc, width]);
  const results = useMemo(() => [[span('─'.repeat(width), { dim: true })], ...testResultLines(run, t, width)], [run, t, width]);
  const hints = useMemo(() => hintLines(step.hints, lp.hints[step.id] ?? 0, lang, t, width), [step, lp, lang, t, width]);

  // The results and hints come first (they cannot be scrolled), but the page keeps a third.
  const body = height - 2;
  const pageMin = Math.min(page.length, Math.max(3, Math.floor(body / 3)));
  const [resultRows = 0, hintRows = 0] = fitRows([results.length, hints.length], body - pageMin, [Math.min(results.length, 2), Math.min(hints.length, 1)]);
  const pageRows = Math.max(0, Math.min(page.length, body - resultRows - hintRows));
  const maxScroll = Math.max(0, page.length - pageRows);
  const scroll = Math.min(props.scroll, maxScroll);

  useScreenKeys((input, key) => {
    const by = (rows: number) => props.onScroll((s) => Math.max(0, Math.min(maxScroll, Math.min(s, maxScroll) + rows)));
    const pageStep = Math.max(1, pageRows - 1);
    if (key.upArrow || input === 'k') by(-1);
    else if (key.downArrow || input === 'j') by(1);
    else if (key.pageUp) by(-pageStep);
    else if (key.pageDown || input === ' ') by(pageStep);
    else if (input === 't') props.onRunTests();
    else if (input === 'w') props.onToggleWatch();
    else if (input === 'h') props.onHint();
    else if (input === 's') props.onSimulator();
    else if (key.escape) props.onBack();
  });

  const position = page.length === 0 ? '' : t.docPosition(Math.min(scroll + 1, page.length), Math.min(scroll + pageRows, page.length), page.length);
  const passed = lp.passed.includes(step.id);
  return (
    <Box flexDirection="column" width={width}>
      <Box width={width}>
        <Box flexGrow={1} flexShrink={1}>
          <Text bold wrap="truncate-end">
            {passed && <Text color="green">✓ </Text>}
            {t.stepHeading(props.step + 1, lab.manifest.steps.length, step.title[lang])}
          </Text>
        </Box>
        <Box flexShrink={0} width={textWidth(position) + 1} justifyContent="flex-end">
          <Text dimColor>{position}</Text>
        </Box>
      </Box>
      <ProgressBar done={score.done} total={score.steps} label={`${t.stepsDone(score.done, score.steps)} · ${t.score(score.points, score.total)}`} width={width} />
      <Box height={pageRows} flexDirection="column">
        <Markdown lines={page} scroll={scroll} height={pageRows} width={width} />
      </Box>
      <TestResults lines={results} height={resultRows} width={width} t={t} command={`pnpm lab test ${lab.manifest.id} --step ${step.id}`} />
      <Hints lines={hints} height={hintRows} width={width} />
    </Box>
  );
}
