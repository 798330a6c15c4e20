/**
 * Application state: watch mode. While on, a change to one of the lab's editable files runs the
 * watched step's public tests again. One watcher at a time; it is closed when watch mode is
 * turned off, when another step is watched instead, and when App unmounts.
 */

import { useCallback, useEffect, useRef, useState } from 'react';
import type { UiLab, UiWatcher, WatchMode } from './types.ts';

/** What is being watched. */
export interface Watching {
  /** The lab whose editable files are watched. */
  lab: UiLab;
  /** The step whose tests run on a change. */
  step: string;
  /** How the watcher learns of changes. */
  mode: WatchMode;
}

/** Watch mode and its switches. */
export interface WatchState {
  /** What is watched, or undefined when watch mode is off. */
  watching: Watching | undefined;
  /** Turns watch mode on for this step, or off if this step is already watched. */
  toggle(lab: UiLab, step: string): void;
  /** Turns watch mode off. */
  stop(): void;
}

/**
 * Watch mode. `watch(labDir, paths, onChange)` starts a watcher on the lab's editable files
 * (paths relative to the lab folder, as in lab.json); `onChange(lab, step)` runs on each change.
 */
export function useWatch(watch: (labDir: string, paths: string[], onChange: () => void) => UiWatcher, onChange: (lab: UiLab, step: string) => void): WatchState {
  const [watching, setWatching] = useState<Watching | undefined>(undefined);
  const watcher = useRef<UiWatcher | undefined>(undefined);
  const latest = useRef(onChange);
  useEffect(() => {
    latest.current = onChange;
  });

  const stop = useCallback(() => {
    watcher.current?.close();
    watcher.current = undefined;
    setWatching(undefined);
  }, []);

  const toggle = useCallback(
    (lab: UiLab, step: string) => {
      const same = watching !== undefined && watching.lab.dir === lab.dir && watching.step === step;
      stop();
      if (same) return;
      const w = watch(lab.dir, [...lab.manifest.editable], () => latest.current(lab, step));
      watcher.current = w;
      setWatching({ lab, step, mode: w.mode });
      // A watcher that starts by probing says later whether file events arrive.
      w.ready?.then(
        (mode) => {
          if (watcher.current === w) setWatching((now) => (now === undefined ? now : { ...now, mode }));
        },
        () => {},
      );
    },
    [watch, watching, stop],
  );

  useEffect(() => () => watcher.current?.close(), []);

  return { watching, toggle, stop };
}
