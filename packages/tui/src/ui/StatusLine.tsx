/**
 * The status row: on the left the latest notice (no more hints, a file changed …), on the right
 * watch mode's state, as the watcher reports it.
 */

import type { UiMessages } from '../ui-messages.ts';
import { cutLine, type StyledLine, span } from './styled-text.ts';
import { StyledLines } from './StyledLines.tsx';
import { textWidth } from './text-width.ts';
import type { WatchMode } from './types.ts';

/** Props of StatusLine. */
export interface StatusLineProps {
  /** The latest notice, if any. */
  notice?: string;
  /** Watch mode's state, when it is on. */
  watch?: WatchMode;
  /** Strings in the chosen language. */
  t: UiMessages;
  /** Width, in columns. */
  width: number;
}

/** One status row. */
export function StatusLine({ notice, watch, t, width }: StatusLineProps) {
  const right = watch === undefined ? '' : `● ${watch === 'events' ? t.watching : t.watchingPolling}`;
  const rightWidth = Math.min(textWidth(right), width);
  const left = cutLine([span(notice ?? '', { color: 'yellow' })], Math.max(0, width - rightWidth - 1));
  const gap = Math.max(0, width - rightWidth - textWidth(left.map((s) => s.text).join('')));
  const line: StyledLine = [...left, span(' '.repeat(gap)), ...cutLine([span(right, { color: 'cyan' })], width)];
  return <StyledLines lines={[line]} width={width} />;
}
