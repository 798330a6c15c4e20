// @virtlab/tui: the `lab` command. This file only re-exports.

export { main } from './cli.ts';
export { detectLang, type Lang } from './lang.ts';
export { findLabs, type FoundLab, type BrokenLab } from './find-labs.ts';
