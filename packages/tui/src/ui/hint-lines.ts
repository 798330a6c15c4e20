/**
 * The rows that show a step's hints: those revealed so far, numbered, each wrapped to the width;
 * or, before any, one row saying how many there are.
 *
 * Interface: `hintLines(hints, revealed, lang, t, width)`. Pure.
 */

import type { Localized } from '@virtlab/core';
import type { Lang } from '../lang.ts';
import type { UiMessages } from '../ui-messages.ts';
import { type StyledLine, span, wrapSpans } from './styled-text.ts';

/** The rows for a step's hint panel: `revealed` of `hints`, in `lang`, `width` columns wide. */
export function hintLines(hints: readonly Localized[], revealed: number, lang: Lang, t: UiMessages, width: number): StyledLine[] {
  const shown = Math.min(revealed, hints.length);
  if (shown === 0) return [[span(t.hintsNone(hints.length), { dim: true })]];
  const rows: StyledLine[] = [[span(t.hintsTitle(shown, hints.length), { bold: true, color: 'yellow' })]];
  hints.slice(0, shown).forEach((hint, i) => {
    const marker = `${i + 1}. `;
    rows.push(...wrapSpans([span(hint[lang])], width, [span(marker, { color: 'yellow' })], [span(' '.repeat(marker.length))]));
  });
  return rows;
}
