/**
 * `lab hint <lab> [--step id]`: reveals the next hint of a step, one level at a time (a nudge,
 * the approach, nearly the answer), and prints every level revealed so far.
 *
 * The step is the one named, else the first whose public tests have not passed (by the progress
 * file), else the last. How many levels are revealed is kept in the progress file, so a hint
 * once seen stays seen. Exit codes: 0 shown, 2 no such step.
 */

import { loadLab } from '@virtlab/grader';
import { commandMessages } from '../command-messages.ts';
import type { Lang } from '../lang.ts';
import type { CommandIo } from '../lab-test.ts';
import { labProgress, loadProgress, repoRootOf, revealHint, saveProgress } from '../progress.ts';

/** Reveals the next hint of the step (default: the first not yet passed) and prints all revealed; resolves to the exit code. */
export async function labHint(labDir: string, step: string | undefined, lang: Lang, io: CommandIo, root: string = repoRootOf(labDir)): Promise<number> {
  const t = commandMessages(lang);
  const { manifest } = loadLab(labDir);
  const steps = manifest.steps;
  if (step !== undefined && !steps.some((s) => s.id === step)) {
    io.err(t.hintUnknownStep(step, steps.map((s) => s.id)));
    return 2;
  }
  const { progress, warning } = loadProgress(root);
  if (warning !== undefined) io.err(warning[lang]);
  const passed = labProgress(progress, manifest.id).passed;
  const chosen = steps.find((s) => s.id === step) ?? steps.find((s) => !passed.includes(s.id)) ?? steps[steps.length - 1]!;
  const total = chosen.hints.length;
  const before = Math.min(progress.labs[manifest.id]?.hints[chosen.id] ?? 0, total);
  const shown = revealHint(progress, manifest.id, chosen.id, total);
  if (shown !== before) saveProgress(root, progress);

  io.out(t.hintStep(steps.indexOf(chosen) + 1, steps.length, chosen.title[lang], chosen.id));
  for (const [i, hint] of chosen.hints.slice(0, shown).entries()) io.out(t.hintLine(i + 1, total, hint[lang]));
  if (before === total) io.out(t.hintAllShown(total));
  else if (shown === total) io.out(t.hintLast);
  else io.out(t.hintMore(`pnpm lab hint ${manifest.id} --step ${chosen.id}`));
  return 0;
}
