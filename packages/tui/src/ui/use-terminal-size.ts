/**
 * The terminal's size in columns and rows, updated when the terminal is resized (Ink 6.8 has no
 * useWindowSize, so this listens to stdout's 'resize' itself). A stream that is not a terminal
 * counts as 80×24.
 */

import { useStdout } from 'ink';
import { useEffect, useState } from 'react';

/** A terminal size. */
export interface TerminalSize {
  /** Width, in columns. */
  columns: number;
  /** Height, in rows. */
  rows: number;
}

/** The current terminal size; re-renders the caller on resize. */
export function useTerminalSize(): TerminalSize {
  const { stdout } = useStdout();
  const [size, setSize] = useState<TerminalSize>(() => ({ columns: stdout.columns || 80, rows: stdout.rows || 24 }));
  useEffect(() => {
    const onResize = () => setSize({ columns: stdout.columns || 80, rows: stdout.rows || 24 });
    onResize();
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout]);
  return size;
}
