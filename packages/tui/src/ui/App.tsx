/**
 * The students' terminal UI: the root component. Every dependency comes in as a prop (the labs,
 * reading a page, running tests, opening a scenario, watching files, quitting), so the UI runs
 * the same on a fake in tests as on the real lab folders.
 *
 *   lab list ─Enter─► lab overview ─Enter─► step ─s─► simulator      ? help overlay anywhere
 *            ◄──Esc──              ◄──Esc──      ◄─Esc─
 *
 * State: application state — the labs and progress (props), test runs (use-test-runs), watch
 * mode (use-watch), loaded scenarios (use-simulations) — is held here; view state (the screen
 * stack with each screen's selection, scroll and trace cursor) is in use-navigation. Progress
 * belongs to the caller: a change is handed to `onProgress`, and the caller passes the new
 * progress back (and saves it).
 *
 * Layout: the screen, a status row and a footer row, in one row fewer than the terminal has, so
 * Ink redraws in place (it clears the whole terminal when the output fills it).
 */

import { Box, useInput } from 'ink';
import { type LabSimulation, stepDocPath } from '@virtlab/core';
import type { RunReport } from '@virtlab/grader';
import { type ReactNode, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Lang } from '../lang.ts';
import { markTests, recordPrediction, revealHint } from '../progress.ts';
import { uiMessages } from '../ui-messages.ts';
import { Footer } from './Footer.tsx';
import { HelpOverlay } from './HelpOverlay.tsx';
import type { ScreenKind } from './keys.ts';
import { LabList } from './LabList.tsx';
import { LabOverview } from './LabOverview.tsx';
import { changed, labProgressOf } from './lab-progress.ts';
import { MessageScreen } from './MessageScreen.tsx';
import { ScenarioList } from './ScenarioList.tsx';
import { Simulator } from './Simulator.tsx';
import { StatusLine } from './StatusLine.tsx';
import { StepScreen } from './StepScreen.tsx';
import { runCounts } from './test-result-lines.ts';
import type { Progress, UiLab, UiWatcher } from './types.ts';
import { type Screen, useNavigation } from './use-navigation.ts';
import { ScreenKeysContext } from './use-screen-keys.ts';
import { useSimulations } from './use-simulations.ts';
import { useTerminalSize } from './use-terminal-size.ts';
import { runKey, useTestRuns } from './use-test-runs.ts';
import { useWatch } from './use-watch.ts';

/** Props of App: everything the UI reads or does outside itself. */
export interface AppProps {
  /** The labs to offer, in the order to list them. */
  labs: readonly UiLab[];
  /** The language of the UI and of the lab content shown. */
  lang: Lang;
  /** The text of a file of a lab (a step's page: `relPath` is the step's doc with {lang} filled in); may throw. */
  readDoc(labDir: string, relPath: string): string;
  /** Runs one step's public tests on the student's files. */
  runTests(labDir: string, stepId: string): Promise<RunReport>;
  /** The student's progress (state lifted to the caller). */
  progress: Progress;
  /** Called with the new progress after each change (a hint revealed, tests run, a prediction); the caller saves it and passes it back. */
  onProgress(next: Progress): void;
  /** Opens a scenario of a lab's simulator. */
  openScenario(labDir: string, scenarioId: string): Promise<LabSimulation>;
  /** Watches files of a lab (paths relative to the lab folder, as in lab.json's `editable`); `onChange` runs after each change. */
  watch(labDir: string, paths: string[], onChange: () => void): UiWatcher;
  /** Quits (q on the lab list). */
  exit(): void;
}

/** `i` kept inside a list of `count` items. */
const within = (i: number, count: number) => Math.max(0, Math.min(count - 1, i));

/** Which footer a screen shows. */
function footerOf(screen: Screen, loaded: boolean): ScreenKind {
  return screen.kind === 'sim' && !loaded ? 'message' : screen.kind;
}

/** The terminal UI. */
export function App({ labs, lang, readDoc, runTests, progress, onProgress, openScenario, watch, exit }: AppProps) {
  const t = uiMessages(lang);
  const { columns, rows } = useTerminalSize();
  const width = Math.max(20, columns);
  const height = Math.max(6, rows - 1);
  const bodyHeight = height - 2;

  const nav = useNavigation();
  const { screen, push, pop, update } = nav;
  const [help, setHelp] = useState(false);
  const [notice, setNotice] = useState<string | undefined>(undefined);

  // Progress: the latest known value, so that two changes before the caller re-renders both count.
  const latest = useRef({ progress, onProgress });
  useEffect(() => {
    latest.current = { progress, onProgress };
  });
  const change = useCallback((apply: (copy: Progress) => void) => {
    const next = changed(latest.current.progress, apply);
    latest.current.progress = next;
    latest.current.onProgress(next);
  }, []);

  const onReport = useCallback(
    (lab: UiLab, step: string, report: RunReport) => {
      if (report.machinery !== undefined) return; // not the student's result
      const { passed, failed, allPassed } = runCounts(report);
      change((p) => markTests(p, lab.manifest.id, step, allPassed, { passed, failed }));
    },
    [change],
  );
  const tests = useTestRuns(runTests, onReport);
  const onFileChange = useCallback(
    (lab: UiLab, step: string) => {
      setNotice(t.changed);
      tests.run(lab, step);
    },
    [t, tests],
  );
  const watching = useWatch(watch, onFileChange);
  const sims = useSimulations(openScenario);

  // Watch mode follows its step: it stops once the step's screen is closed.
  const { watching: watched, stop: stopWatching } = watching;
  useEffect(() => {
    if (watched === undefined) return;
    const open = nav.stack.some((s) => s.kind === 'step' && labs[s.lab]?.dir === watched.lab.dir && labs[s.lab]?.manifest.steps[s.step]?.id === watched.step);
    if (!open) stopWatching();
  }, [nav.stack, watched, stopWatching, labs]);

  const clearNotice = useCallback(() => setNotice(undefined), []);
  const keys = useMemo(() => ({ active: !help, onAnyKey: clearNotice }), [help, clearNotice]);
  useInput((input, key) => {
    if (input === '?') setHelp((h) => !h);
    else if (help && key.escape) setHelp(false);
  });

  const docLab = screen.kind === 'step' ? labs[screen.lab] : undefined;
  const docStep = screen.kind === 'step' ? docLab?.manifest.steps[screen.step] : undefined;
  const doc = useMemo(() => {
    if (docLab === undefined || docStep === undefined) return '';
    const path = stepDocPath(docStep, lang);
    try {
      return readDoc(docLab.dir, path);
    } catch (error) {
      return `> ${t.docMissing(path, error instanceof Error ? error.message : String(error))}`;
    }
  }, [docLab, docStep, lang, readDoc, t]);

  // A scenario starts loading when its screen opens.
  const simLab = screen.kind === 'sim' ? labs[screen.lab] : undefined;
  const simScenario = screen.kind === 'sim' ? screen.scenario : undefined;
  useEffect(() => {
    if (simLab !== undefined && simScenario !== undefined) sims.open(simLab.dir, simScenario);
  }, [simLab, simScenario, sims.open]);
  const simScreen = (lab: number, scenario: string): Screen => ({ kind: 'sim', lab, scenario, frame: 0, eventKind: 0, predict: false });

  let content: ReactNode;
  let loaded = true;
  if (help) {
    content = <HelpOverlay t={t} width={width} height={bodyHeight} />;
  } else if (screen.kind === 'labs') {
    content = (
      <LabList
        labs={labs}
        progress={progress}
        lang={lang}
        t={t}
        cursor={screen.cursor}
        width={width}
        height={bodyHeight}
        onMove={(delta) => update('labs', (s) => ({ ...s, cursor: within(s.cursor + delta, labs.length) }))}
        onOpen={() => push((top) => (top.kind === 'labs' ? { kind: 'lab', lab: top.cursor, cursor: 0 } : undefined))}
        onQuit={exit}
      />
    );
  } else if (screen.kind === 'lab') {
    const lab = labs[screen.lab]!;
    content = (
      <LabOverview
        lab={lab}
        progress={progress}
        lang={lang}
        t={t}
        cursor={screen.cursor}
        width={width}
        height={bodyHeight}
        onMove={(delta) => update('lab', (s) => ({ ...s, cursor: within(s.cursor + delta, lab.manifest.steps.length) }))}
        onOpen={() => push((top) => (top.kind === 'lab' ? { kind: 'step', lab: top.lab, step: top.cursor, scroll: 0 } : undefined))}
        onBack={pop}
      />
    );
  } else if (screen.kind === 'step') {
    const lab = labs[screen.lab]!;
    const step = lab.manifest.steps[screen.step]!;
    const id = lab.manifest.id;
    content = (
      <StepScreen
        lab={lab}
        step={screen.step}
        doc={doc}
        progress={progress}
        run={tests.runs[runKey(id, step.id)]}
        lang={lang}
        t={t}
        scroll={screen.scroll}
        width={width}
        height={bodyHeight}
        onScroll={(change) => update('step', (s) => ({ ...s, scroll: change(s.scroll) }))}
        onRunTests={() => tests.run(lab, step.id)}
        onToggleWatch={() => {
          if (watched?.lab.dir === lab.dir && watched.step === step.id) setNotice(t.watchStopped);
          watching.toggle(lab, step.id);
        }}
        onHint={() => {
          const seen = labProgressOf(latest.current.progress, id).hints[step.id] ?? 0;
          if (seen >= step.hints.length) setNotice(t.noMoreHints);
          else change((p) => revealHint(p, id, step.id, step.hints.length));
        }}
        onSimulator={() => {
          const ids = step.scenarios;
          if (ids.length === 0) setNotice(t.noScenario);
          else if (ids.length === 1) push(() => simScreen(screen.lab, ids[0]!));
          else push(() => ({ kind: 'scenarios', lab: screen.lab, step: screen.step, cursor: 0 }));
        }}
        onBack={pop}
      />
    );
  } else if (screen.kind === 'scenarios') {
    const lab = labs[screen.lab]!;
    const step = lab.manifest.steps[screen.step]!;
    const scenarios = step.scenarios.map((id) => lab.manifest.scenarios?.find((s) => s.id === id) ?? { id, title: { en: id, zh: id } });
    content = (
      <ScenarioList
        stepTitle={step.title[lang]}
        scenarios={scenarios}
        lang={lang}
        t={t}
        cursor={screen.cursor}
        width={width}
        height={bodyHeight}
        onMove={(delta) => update('scenarios', (s) => ({ ...s, cursor: within(s.cursor + delta, scenarios.length) }))}
        onOpen={() => push((top) => (top.kind === 'scenarios' ? simScreen(top.lab, scenarios[top.cursor]!.id) : undefined))}
        onBack={pop}
      />
    );
  } else {
    const lab = labs[screen.lab]!;
    const load = sims.get(lab.dir, screen.scenario);
    const title = lab.manifest.scenarios?.find((s) => s.id === screen.scenario)?.title[lang] ?? screen.scenario;
    if (load?.state === 'ready') {
      content = (
        <Simulator
          sim={load.sim}
          view={screen}
          tally={labProgressOf(progress, lab.manifest.id).predictions}
          lang={lang}
          t={t}
          width={width}
          height={bodyHeight}
          onView={(change) => update('sim', (s) => ({ ...s, ...change(s) }))}
          onAnswer={(right) => change((p) => recordPrediction(p, lab.manifest.id, right))}
          onNotice={setNotice}
          onBack={pop}
        />
      );
    } else {
      loaded = false;
      const message = load?.state === 'failed' ? t.scenarioFailed(load.error) : t.loadingScenario;
      content = <MessageScreen title={title} message={message} width={width} onBack={pop} />;
    }
  }

  return (
    <ScreenKeysContext.Provider value={keys}>
      <Box flexDirection="column" width={width} height={height}>
        <Box flexDirection="column" width={width} height={bodyHeight} overflow="hidden">
          {content}
        </Box>
        <StatusLine notice={notice} watch={watched?.mode} t={t} width={width} />
        <Footer screen={help ? 'help' : footerOf(screen, loaded)} t={t} width={width} />
      </Box>
    </ScreenKeysContext.Provider>
  );
}
