/**
 * The keys of each screen, in the order the footer and the help overlay list them. What a key
 * does is said in ui-messages.ts (`keyShort` for the footer, `keyLong` for the overlay).
 */

/** A key (or a group of keys) with one job. */
export type KeyId =
  | 'move'
  | 'scroll'
  | 'open'
  | 'back'
  | 'help'
  | 'closeHelp'
  | 'quit'
  | 'test'
  | 'watch'
  | 'hint'
  | 'simulator'
  | 'simStep'
  | 'simTen'
  | 'simEnds'
  | 'simNext'
  | 'simKind'
  | 'simPredict'
  | 'simAnswer';

/** How each key is written on screen. */
export const KEY_NAMES: Record<KeyId, string> = {
  move: '↑↓ j k',
  scroll: '↑↓ j k',
  open: 'Enter',
  back: 'Esc',
  help: '?',
  closeHelp: 'Esc ?',
  quit: 'q',
  test: 't',
  watch: 'w',
  hint: 'h',
  simulator: 's',
  simStep: '← → p n',
  simTen: '[ ]',
  simEnds: 'g G',
  simNext: 'e',
  simKind: 'k',
  simPredict: 'a',
  simAnswer: '1–9',
};

/** The kinds of screen. */
export type ScreenKind = 'labs' | 'lab' | 'step' | 'scenarios' | 'sim' | 'message' | 'help';

/** The keys the footer lists on each screen. */
export const SCREEN_KEYS: Record<ScreenKind, readonly KeyId[]> = {
  labs: ['move', 'open', 'help', 'quit'],
  lab: ['move', 'open', 'back', 'help'],
  step: ['scroll', 'test', 'watch', 'hint', 'simulator', 'back', 'help'],
  scenarios: ['move', 'open', 'back', 'help'],
  sim: ['simStep', 'simTen', 'simEnds', 'simNext', 'simKind', 'simPredict', 'back', 'help'],
  message: ['back', 'help'],
  help: ['closeHelp'],
};

/** The help overlay's sections: a title (a key of `helpSections` in ui-messages.ts) and its keys. */
export const HELP_SECTIONS: readonly { section: 'general' | 'step' | 'simulator'; keys: readonly KeyId[] }[] = [
  { section: 'general', keys: ['move', 'open', 'back', 'help', 'quit'] },
  { section: 'step', keys: ['test', 'watch', 'hint', 'simulator'] },
  { section: 'simulator', keys: ['simStep', 'simTen', 'simEnds', 'simNext', 'simKind', 'simPredict', 'simAnswer'] },
];
