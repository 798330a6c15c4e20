/**
 * Entry names: from the bytes an archive stores to a safe relative POSIX path, or the reason why not.
 *
 * Interface: `checkEntryPath(raw)` for a name read from an archive, `checkPathText(text)` for a
 * decoded one; both give `{ path }` or `{ problem }`. `storablePath(path, archive)` is the writers'
 * check (it also demands the path be normalized already) and gives the UTF-8 bytes to store.
 * `printableName(raw)` and `printableText(text)` render any name on one line for messages.
 *
 * Rules, in the order checked (the first that fails is the problem):
 *
 *   1. valid UTF-8                        'r\xe9sum\xe9.ts'   name is not valid UTF-8
 *   2. no control character               'a\x0ab.ts'         path contains control character U+000A
 *   3. relative                           '/x', 'C:\x', 'C:/x' path is absolute
 *   4. no backslash                       'src\a.ts'          path contains a backslash
 *   5. normalize: drop '' and '.' segments, so './src//a.ts' is 'src/a.ts'
 *   6. still relative: no drive first     './C:/x', 'C:'      path is absolute
 *   7. no '..' segment                    'src/../../x'       path has a '..' segment
 *   8. something left                     './', '//'          path is empty after normalizing
 *   9. at most MAX_PATH_BYTES UTF-8 bytes
 *
 * "Control character" means a C0 or C1 control or DEL, and also the invisible characters that
 * change how a line displays (bidi embeddings, overrides and isolates, line and paragraph
 * separators, the byte order mark), so that a path a TA reads is the path that is used.
 *
 * Invariants: an accepted path is non-empty, relative, '/'-separated, with no '', '.' or '..'
 * segment, no backslash and no control character, and checking it again gives it back unchanged.
 * Printable text never contains a control character: invalid bytes and C0 controls show as
 * `\xNN`, the other controls as `\uNNNN`, and a backslash as `\\`.
 */

import { Buffer } from 'node:buffer';
import { ArchiveError } from './errors.ts';
import { MAX_PATH_BYTES } from './params.ts';

/** The result of checking a name: the normalized path, or the one-line problem with it. */
export type PathCheck = { path: string } | { problem: string };

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const DRIVE = /^[A-Za-z]:$/;
const CONTROL = /[\p{Cc}\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/u;
const CONTROL_OR_BACKSLASH = /[\p{Cc}\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\\]/gu;

/** Checks a name as stored in an archive: decodes it as strict UTF-8, then applies `checkPathText`. */
export function checkEntryPath(raw: Uint8Array): PathCheck {
  let text: string;
  try {
    text = strictUtf8.decode(raw);
  } catch {
    return { problem: 'name is not valid UTF-8' };
  }
  return checkPathText(text);
}

/** Checks a decoded name against the rules above and normalizes it (`./src//a.ts` → `src/a.ts`). */
export function checkPathText(text: string): PathCheck {
  const control = CONTROL.exec(text);
  if (control !== null) return { problem: `path contains control character ${codePointLabel(control[0])}` };
  if (text.startsWith('/') || /^[A-Za-z]:[\\/]/.test(text)) return { problem: 'path is absolute' };
  if (text.includes('\\')) return { problem: 'path contains a backslash' };
  const segments = text.split('/').filter((segment) => segment !== '' && segment !== '.');
  if (DRIVE.test(segments[0] ?? '')) return { problem: 'path is absolute' }; // './C:/x' is 'C:/x' once normalized
  if (segments.includes('..')) return { problem: "path has a '..' segment" };
  if (segments.length === 0) return { problem: 'path is empty after normalizing' };
  const path = segments.join('/');
  const bytes = Buffer.byteLength(path, 'utf8');
  if (bytes > MAX_PATH_BYTES) return { problem: `path is ${bytes} bytes long, over the ${MAX_PATH_BYTES}-byte limit` };
  return { path };
}

/** The UTF-8 bytes of a path a writer may store; throws ArchiveError unless it is safe and already normalized. */
export function storablePath(path: string, archive: string): Uint8Array {
  const checked = checkPathText(path);
  if ('problem' in checked) throw new ArchiveError(archive, `cannot store '${printableText(path)}': ${checked.problem}`);
  if (checked.path !== path) {
    throw new ArchiveError(archive, `cannot store '${printableText(path)}': path is not normalized`, `write it as '${checked.path}'`);
  }
  return new TextEncoder().encode(path);
}

/** A stored name as one printable line: valid UTF-8 as text, each invalid byte as `\xNN`, controls escaped. */
export function printableName(raw: Uint8Array): string {
  let out = '';
  let runStart = 0;
  let i = 0;
  while (i < raw.length) {
    const length = utf8SequenceLength(raw, i);
    if (length > 0) {
      i += length;
      continue;
    }
    out += printableText(strictUtf8.decode(raw.subarray(runStart, i)));
    out += `\\x${hex2(raw[i]!)}`;
    i += 1;
    runStart = i;
  }
  return out + printableText(strictUtf8.decode(raw.subarray(runStart)));
}

/** A string as one printable line: backslash as `\\`, C0 controls and DEL as `\xNN`, other controls as `\uNNNN`. */
export function printableText(text: string): string {
  return text.replace(CONTROL_OR_BACKSLASH, (c) => {
    if (c === '\\') return '\\\\';
    const code = c.codePointAt(0)!;
    return code < 0x80 ? `\\x${hex2(code)}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** Length of the well-formed UTF-8 sequence at `i` (1 to 4), or 0 when the byte there cannot start one. */
function utf8SequenceLength(bytes: Uint8Array, i: number): number {
  const first = bytes[i]!;
  if (first < 0x80) return 1;
  let length: number;
  let low = 0x80;
  let high = 0xbf;
  if (first >= 0xc2 && first <= 0xdf) length = 2;
  else if (first >= 0xe0 && first <= 0xef) {
    length = 3;
    if (first === 0xe0) low = 0xa0; // overlong
    if (first === 0xed) high = 0x9f; // surrogates
  } else if (first >= 0xf0 && first <= 0xf4) {
    length = 4;
    if (first === 0xf0) low = 0x90; // overlong
    if (first === 0xf4) high = 0x8f; // above U+10FFFF
  } else return 0;
  for (let k = 1; k < length; k++) {
    const next = bytes[i + k];
    if (next === undefined || next < (k === 1 ? low : 0x80) || next > (k === 1 ? high : 0xbf)) return 0;
  }
  return length;
}

function codePointLabel(c: string): string {
  return `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

function hex2(byte: number): string {
  return byte.toString(16).padStart(2, '0');
}
