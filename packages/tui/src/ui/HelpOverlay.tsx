/**
 * The `?` overlay: every key, grouped by where it works. It takes the place of the screen until
 * Esc or `?` closes it.
 */

import type { UiMessages } from '../ui-messages.ts';
import { HELP_SECTIONS, KEY_NAMES } from './keys.ts';
import { cutLine, type StyledLine, span } from './styled-text.ts';
import { StyledLines } from './StyledLines.tsx';
import { textWidth } from './text-width.ts';

/** Props of HelpOverlay. */
export interface HelpOverlayProps {
  /** Strings in the chosen language. */
  t: UiMessages;
  /** Width, in columns. */
  width: number;
  /** Rows available. */
  height: number;
}

/** The list of keys. */
export function HelpOverlay({ t, width, height }: HelpOverlayProps) {
  const keyColumn = 2 + Math.max(...HELP_SECTIONS.flatMap((s) => s.keys.map((k) => textWidth(KEY_NAMES[k])))) + 2;
  const lines: StyledLine[] = [[span(t.helpTitle, { bold: true, underline: true })]];
  for (const { section, keys } of HELP_SECTIONS) {
    lines.push([span(t.helpSections[section], { bold: true })]);
    for (const id of keys) {
      const name = KEY_NAMES[id];
      lines.push(cutLine([span(`  ${name}`, { bold: true, color: 'cyan' }), span(' '.repeat(keyColumn - 2 - textWidth(name))), span(t.keyLong[id])], width));
    }
  }
  return <StyledLines lines={lines.slice(0, height)} width={width} />;
}
