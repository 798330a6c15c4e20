/**
 * App with the student's progress held as state and saved on every change: what `lab start`
 * renders (App itself only hands changes out).
 */

import { useState } from 'react';
import { App, type AppProps } from './App.tsx';
import type { Progress } from './types.ts';

/** Props of AppWithProgress: App's, with a way to save instead of `onProgress`. */
export interface AppWithProgressProps extends Omit<AppProps, 'onProgress'> {
  /** Saves the progress (a failure to save must not stop the UI: the caller catches it). */
  save(progress: Progress): void;
}

/** App, keeping and saving the progress. */
export function AppWithProgress({ save, progress: initial, ...props }: AppWithProgressProps) {
  const [progress, setProgress] = useState(initial);
  return (
    <App
      {...props}
      progress={progress}
      onProgress={(next) => {
        setProgress(next);
        save(next);
      }}
    />
  );
}
