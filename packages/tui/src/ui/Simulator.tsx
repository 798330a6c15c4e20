/**
 * The simulator: one frame of a recorded scenario, stepped through forwards and backwards.
 *
 *   Two programs taking turns                               step 5/20 · t=130
 *   ▶ the timer fires: program A goes back to the ready queue      [timer]
 *   e: next “dispatch” event (k: change)  · predict mode on
 *   CPU                                 Regions             (or the lab's own titles: sim.panels)
 *   pc      0x0040                      A      0x1000–0x1fff
 *   …                                   …
 *   Devices                             Counters
 *   …                                   …
 *   Recent events
 *   …
 *   [predict mode: the question about the next step, its choices, the answer, the tally]
 *
 * Keys: → n / ← p one step, ] [ ten, g G start and end, e next event of the chosen kind, k
 * change that kind, a predict mode, 1–9 answer, Esc back. In predict mode a step forward waits
 * until the question asked at this step is answered.
 */

import { Box, Text } from 'ink';
import type { Field, LabSimulation } from '@virtlab/core';
import { useMemo, useRef } from 'react';
import type { Lang } from '../lang.ts';
import type { UiMessages } from '../ui-messages.ts';
import { FieldPanel } from './FieldPanel.tsx';
import { fitRows } from './layout.ts';
import { PredictPrompt } from './PredictPrompt.tsx';
import { predictLines } from './predict-lines.ts';
import { cutLine, span } from './styled-text.ts';
import { StyledLines } from './StyledLines.tsx';
import { textWidth } from './text-width.ts';
import type { SimView } from './use-navigation.ts';
import { useScreenKeys } from './use-screen-keys.ts';

/** Props of Simulator. */
export interface SimulatorProps {
  /** The scenario. */
  sim: LabSimulation;
  /** The cursor and modes (view state). */
  view: SimView;
  /** The lab's predict-mode tally. */
  tally: { right: number; wrong: number };
  /** The chosen language. */
  lang: Lang;
  /** Strings in that language. */
  t: UiMessages;
  /** Width, in columns. */
  width: number;
  /** Rows available. */
  height: number;
  /** Changes the view: `change` gives the new view from the current one. */
  onView(change: (view: SimView) => SimView): void;
  /** Counts an answer in predict mode. */
  onAnswer(right: boolean): void;
  /** Shows a notice in the status line. */
  onNotice(text: string): void;
  /** Goes back (Esc). */
  onBack(): void;
}

const panelRows = (a: readonly Field[], b: readonly Field[]) => (a.length === 0 && b.length === 0 ? 0 : 1 + Math.max(a.length, b.length));

/** The simulator screen. */
export function Simulator({ sim, view, tally, lang, t, width, height, onView, onAnswer, onNotice, onBack }: SimulatorProps) {
  const frame = useMemo(() => sim.frame(view.frame), [sim, view.frame]);
  const question = useMemo(() => (view.predict ? sim.question(view.frame) : undefined), [sim, view.predict, view.frame]);
  const answered = view.answered?.frame === view.frame ? view.answered.choice : undefined;
  const kind = sim.kinds[view.eventKind % Math.max(1, sim.kinds.length)];

  // An answer given but not drawn yet (two quick key presses must not count twice).
  const answering = useRef<number | undefined>(undefined);
  const asking = question !== undefined && answered === undefined;

  useScreenKeys((input, key) => {
    const clamp = (frame: number) => Math.max(0, Math.min(sim.length, frame));
    // Moves are computed from the view as it is when applied, so quick key presses all count.
    const move = (to: (frame: number) => number) => {
      const target = clamp(to(view.frame));
      if (target > view.frame && asking) onNotice(t.answerFirst(question.choices.length));
      else if (target === view.frame) onNotice(to(view.frame) > view.frame ? t.atEnd : t.atStart);
      else onView((v) => ({ ...v, frame: clamp(to(v.frame)) }));
    };
    if (key.rightArrow || input === 'n') move((f) => f + 1);
    else if (key.leftArrow || input === 'p') move((f) => f - 1);
    else if (input === ']') move((f) => f + 10);
    else if (input === '[') move((f) => f - 10);
    else if (input === 'g') move(() => 0);
    else if (input === 'G') move(() => sim.length);
    else if (input === 'e') {
      if (kind === undefined) onNotice(t.noKinds);
      else if (sim.nextOfKind(view.frame, kind) === undefined) onNotice(t.noNextOfKind(kind));
      else move((f) => sim.nextOfKind(f, kind) ?? f);
    } else if (input === 'k') onView((v) => ({ ...v, eventKind: (v.eventKind + 1) % Math.max(1, sim.kinds.length) }));
    else if (input === 'a') {
      onView((v) => ({ ...v, predict: !v.predict }));
      onNotice(view.predict ? t.predictOff : t.predictOn);
    } else if (/^[1-9]$/.test(input) && asking && answering.current !== view.frame) {
      const choice = Number(input) - 1;
      if (choice < question.choices.length) {
        answering.current = view.frame;
        onView((v) => ({ ...v, answered: { frame: view.frame, choice } }));
        onAnswer(choice === question.answer);
      }
    } else if (key.escape) onBack();
  });

  // A lab may name its panels (processes and cgroups rather than registers); else the viewer's own titles.
  const titles = {
    cpu: sim.panels?.cpu?.[lang] ?? t.cpu,
    regions: sim.panels?.regions?.[lang] ?? t.regions,
    devices: sim.panels?.devices?.[lang] ?? t.devices,
    counters: sim.panels?.counters?.[lang] ?? t.counters,
  };
  const prompt = view.predict ? predictLines(question, answered, lang, t, width, tally) : [];
  const left = Math.floor((width - 1) / 2);
  const right = width - 1 - left;
  const body = height - 3 - prompt.length;
  const recent = frame.recent.length === 0 ? 0 : 1 + frame.recent.length;
  const [top = 0, bottom = 0, recentRows = 0] = fitRows([panelRows(frame.cpu, frame.regions), panelRows(frame.devices, frame.counters), recent], body, [2, 2, 2]);
  const position = t.simPosition(view.frame, sim.length, frame.time);
  const kindLine = cutLine(
    [span(kind === undefined ? t.noKinds : t.nextOfKind(kind), { dim: true }), ...(view.predict ? [span(`  · ${t.predictOn}`, { color: 'magenta' })] : [])],
    width,
  );
  return (
    <Box flexDirection="column" width={width}>
      <Box width={width}>
        <Box flexGrow={1} flexShrink={1}>
          <Text bold wrap="truncate-end">
            {sim.title[lang]}
          </Text>
        </Box>
        <Box flexShrink={0} width={textWidth(position) + 1} justifyContent="flex-end">
          <Text dimColor>{position}</Text>
        </Box>
      </Box>
      <StyledLines lines={[cutLine([span('▶ ', { color: 'yellow' }), span(frame.event[lang], { bold: true }), span(`  [${frame.kind}]`, { dim: true })], width)]} width={width} />
      <StyledLines lines={[kindLine]} width={width} />
      {top > 0 && (
        <Box width={width} height={top}>
          <FieldPanel title={titles.cpu} fields={frame.cpu} lang={lang} t={t} width={left} rows={top} />
          <Box width={1} />
          <FieldPanel title={titles.regions} fields={frame.regions} lang={lang} t={t} width={right} rows={top} />
        </Box>
      )}
      {bottom > 0 && (
        <Box width={width} height={bottom}>
          <FieldPanel title={titles.devices} fields={frame.devices} lang={lang} t={t} width={left} rows={bottom} />
          <Box width={1} />
          <FieldPanel title={titles.counters} fields={frame.counters} lang={lang} t={t} width={right} rows={bottom} />
        </Box>
      )}
      {recentRows > 0 && (
        <StyledLines
          lines={[[span(t.recent, { bold: true, underline: true })], ...frame.recent.slice(-(recentRows - 1)).map((e) => cutLine([span('· ', { dim: true }), span(e[lang])], width))].slice(0, recentRows)}
          width={width}
        />
      )}
      <PredictPrompt lines={prompt} width={width} height={Math.max(0, height - 3 - top - bottom - recentRows)} />
    </Box>
  );
}
