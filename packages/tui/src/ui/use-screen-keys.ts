/**
 * Keys for the screen on top: each screen handles its own keys with `useScreenKeys`, which App
 * switches off while the help overlay is open, and which first tells App that a key arrived (so
 * the status line drops the last notice before the key's own action may set a new one).
 */

import { type Key, useInput } from 'ink';
import { createContext, useContext } from 'react';

/** What App tells the screens about keys. */
export interface ScreenKeysValue {
  /** False while an overlay takes the keys. */
  active: boolean;
  /** Called before a screen handles any key. */
  onAnyKey: () => void;
}

/** Provided by App. */
export const ScreenKeysContext = createContext<ScreenKeysValue>({ active: true, onAnyKey: () => {} });

/** Runs `handler` for each key while the screen has the keys. */
export function useScreenKeys(handler: (input: string, key: Key) => void): void {
  const { active, onAnyKey } = useContext(ScreenKeysContext);
  useInput(
    (input, key) => {
      onAnyKey();
      handler(input, key);
    },
    { isActive: active },
  );
}
