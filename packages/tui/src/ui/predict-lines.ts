/**
 * The rows of predict mode's question: asked at step k about step k+1, before the next frame is
 * shown; once answered, whether it was right, with the running tally.
 *
 *   What happens next?  right 2 · wrong 1
 *   Which program runs after the timer fires?
 *   1. A
 *   2. B                              (once answered: the right one green, a wrong pick red)
 *   3. the Director
 *   answer with 1–3                   (once answered: "Right!" or "Not quite: the answer is 2. B")
 *
 * Interface: `predictLines(question, answered, lang, t, width, tally)`. Pure.
 */

import type { SimQuestion } from '@virtlab/core';
import type { Lang } from '../lang.ts';
import type { UiMessages } from '../ui-messages.ts';
import { type StyledLine, cutLine, span, wrapSpans } from './styled-text.ts';

/** The rows for the question at this step; `answered` is the 0-based choice once made. */
export function predictLines(
  question: SimQuestion | undefined,
  answered: number | undefined,
  lang: Lang,
  t: UiMessages,
  width: number,
  tally: { right: number; wrong: number },
): StyledLine[] {
  const title: StyledLine = [span(t.predictTitle, { bold: true, color: 'magenta' }), span(`  ${t.tally(tally.right, tally.wrong)}`, { dim: true })];
  if (question === undefined) return [cutLine(title, width), [span(t.nothingToPredict, { dim: true })]];
  const rows: StyledLine[] = [cutLine(title, width), ...wrapSpans([span(question.prompt[lang])], width)];
  question.choices.forEach((choice, i) => {
    const right = answered !== undefined && i === question.answer;
    const wrong = answered === i && i !== question.answer;
    const style = right ? { color: 'green', bold: true } : wrong ? { color: 'red' } : {};
    rows.push(cutLine([span(`${i + 1}. `, { bold: true }), span(choice[lang], style)], width));
  });
  if (answered === undefined) rows.push([span(t.predictChoose(question.choices.length), { dim: true })]);
  else if (answered === question.answer) rows.push(cutLine([span(t.predictRight, { color: 'green', bold: true }), span(`  ${t.predictNext}`, { dim: true })], width));
  else rows.push(cutLine([span(t.predictWrong(question.answer + 1, question.choices[question.answer]?.[lang] ?? ''), { color: 'red' }), span(`  ${t.predictNext}`, { dim: true })], width));
  return rows;
}
