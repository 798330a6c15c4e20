/**
 * One panel of the simulator (CPU, regions, devices, counters): a title and label/value rows.
 * The labels take one column, as wide as the widest label (at most half the panel); Ink measures
 * Chinese labels by their width in columns, so the values line up.
 */

import { Box, Text } from 'ink';
import type { Field } from '@virtlab/core';
import type { Lang } from '../lang.ts';
import type { UiMessages } from '../ui-messages.ts';
import { textWidth } from './text-width.ts';

/** Props of FieldPanel. */
export interface FieldPanelProps {
  /** The panel's title. */
  title: string;
  /** Its rows. */
  fields: readonly Field[];
  /** The chosen language. */
  lang: Lang;
  /** Strings in that language. */
  t: UiMessages;
  /** Width, in columns. */
  width: number;
  /** Rows available, the title's included. */
  rows: number;
}

/** A titled table of label/value rows, cut to `rows` rows. */
export function FieldPanel({ title, fields, lang, t, width, rows }: FieldPanelProps) {
  if (rows <= 0) return <Box width={width} />;
  const labelWidth = Math.min(Math.max(0, ...fields.map((f) => textWidth(f.label[lang]))), Math.floor(width / 2));
  const room = rows - 1;
  const shown = fields.length <= room ? fields : fields.slice(0, Math.max(0, room - 1));
  const hidden = fields.length - shown.length;
  return (
    <Box flexDirection="column" width={width}>
      <Text bold underline wrap="truncate-end">
        {title}
      </Text>
      {shown.map((f, i) => (
        <Box key={i} width={width}>
          <Box width={labelWidth + 1} paddingRight={1} flexShrink={0}>
            <Text dimColor wrap="truncate-end">
              {f.label[lang]}
            </Text>
          </Box>
          <Box flexGrow={1} flexShrink={1}>
            <Text wrap="truncate-end">{f.value}</Text>
          </Box>
        </Box>
      ))}
      {hidden > 0 && room > 0 && (
        <Text dimColor wrap="truncate-end">
          {t.moreLines(hidden)}
        </Text>
      )}
    </Box>
  );
}
