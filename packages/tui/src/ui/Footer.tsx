/**
 * The footer row: the keys of the screen shown, each with what it does (`?` lists them all).
 */

import type { UiMessages } from '../ui-messages.ts';
import { KEY_NAMES, SCREEN_KEYS, type ScreenKind } from './keys.ts';
import { cutLine, type StyledLine, span } from './styled-text.ts';
import { StyledLines } from './StyledLines.tsx';

/** Props of Footer. */
export interface FooterProps {
  /** The screen whose keys to list. */
  screen: ScreenKind;
  /** Strings in the chosen language. */
  t: UiMessages;
  /** Width, in columns. */
  width: number;
}

/** One row of keys. */
export function Footer({ screen, t, width }: FooterProps) {
  const line: StyledLine = [];
  for (const id of SCREEN_KEYS[screen]) {
    if (line.length > 0) line.push(span('  '));
    line.push(span(KEY_NAMES[id], { bold: true, color: 'cyan' }), span(` ${t.keyShort[id]}`, { dim: true }));
  }
  return <StyledLines lines={[cutLine(line, width)]} width={width} />;
}
