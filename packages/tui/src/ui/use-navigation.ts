/**
 * View state: the stack of screens the student has opened, each with its own selection, scroll
 * or trace cursor. Enter pushes a screen, Esc pops one; the lab list stays at the bottom.
 *
 *   labs ─Enter─► lab ─Enter─► step ─s─► sim            (one scenario)
 *                                  └──s─► scenarios ─Enter─► sim
 *
 * Application state (labs, progress, test results, loaded scenarios) is held by App, not here.
 */

import { useCallback, useState } from 'react';

/** The trace cursor and modes of the simulator. */
export interface SimView {
  /** The frame shown: steps taken since the start. */
  frame: number;
  /** Index into the scenario's event kinds, for `e`. */
  eventKind: number;
  /** Predict mode on. */
  predict: boolean;
  /** The choice made (0-based) for the question asked at `frame`, once answered. */
  answered?: { frame: number; choice: number };
}

/** One screen and its view state. */
export type Screen =
  | { kind: 'labs'; cursor: number }
  | { kind: 'lab'; lab: number; cursor: number }
  | { kind: 'step'; lab: number; step: number; scroll: number }
  | { kind: 'scenarios'; lab: number; step: number; cursor: number }
  | ({ kind: 'sim'; lab: number; scenario: string } & SimView);

/** The screen stack and its operations. */
export interface Navigation {
  /** Every open screen, the lab list first. */
  stack: readonly Screen[];
  /** The screen on top (the one shown). */
  screen: Screen;
  /** Opens a screen on top: `open` makes it from the screen on top now (undefined: open nothing). */
  push(open: (top: Screen) => Screen | undefined): void;
  /** Closes the top screen (never the lab list). */
  pop(): void;
  /** Changes the top screen's view state, if it is of kind `kind`. */
  update<K extends Screen['kind']>(kind: K, change: (screen: Extract<Screen, { kind: K }>) => Extract<Screen, { kind: K }>): void;
}

/** The screen stack, starting at the lab list. */
export function useNavigation(): Navigation {
  const [stack, setStack] = useState<readonly Screen[]>([{ kind: 'labs', cursor: 0 }]);
  const push = useCallback(
    (open: (top: Screen) => Screen | undefined) =>
      setStack((s) => {
        const next = open(s.at(-1)!);
        return next === undefined ? s : [...s, next];
      }),
    [],
  );
  const pop = useCallback(() => setStack((s) => (s.length > 1 ? s.slice(0, -1) : s)), []);
  const update = useCallback(<K extends Screen['kind']>(kind: K, change: (screen: Extract<Screen, { kind: K }>) => Extract<Screen, { kind: K }>) => {
    setStack((s) => {
      const top = s.at(-1)!;
      if (top.kind !== kind) return s;
      return [...s.slice(0, -1), change(top as Extract<Screen, { kind: K }>)];
    });
  }, []);
  return { stack, screen: stack.at(-1)!, push, pop, update };
}
