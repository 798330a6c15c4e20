import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkEntryPath, checkPathText, printableName, printableText, storablePath } from './entry-path.ts';
import { ArchiveError } from './errors.ts';

/** Any character that must never reach a TA's terminal unescaped. */
const UNPRINTABLE = /[\p{Cc}\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/u;

describe('checkPathText', () => {
  it.each([
    ['src/a.ts', { path: 'src/a.ts' }],
    ['./src//a.ts', { path: 'src/a.ts' }],
    ['src/./a.ts/', { path: 'src/a.ts' }],
    ['src/实验.ts', { path: 'src/实验.ts' }],
    ['C:x.ts', { path: 'C:x.ts' }],
    ['..a/b..', { path: '..a/b..' }],
    ['/x', { problem: 'path is absolute' }],
    ['//server/share', { problem: 'path is absolute' }],
    ['C:\\x', { problem: 'path is absolute' }],
    ['c:/x', { problem: 'path is absolute' }],
    ['./C:/x', { problem: 'path is absolute' }],
    ['C:', { problem: 'path is absolute' }],
    ['src\\a.ts', { problem: 'path contains a backslash' }],
    ['..', { problem: "path has a '..' segment" }],
    ['a/../b', { problem: "path has a '..' segment" }],
    ['', { problem: 'path is empty after normalizing' }],
    ['././/', { problem: 'path is empty after normalizing' }],
    ['a\tb', { problem: 'path contains control character U+0009' }],
    ['a\u007fb', { problem: 'path contains control character U+007F' }],
    ['a\u0085b', { problem: 'path contains control character U+0085' }],
    ['a\u2028b', { problem: 'path contains control character U+2028' }],
    ['\ufeffa.ts', { problem: 'path contains control character U+FEFF' }],
    ['x'.repeat(4097), { problem: 'path is 4097 bytes long, over the 4096-byte limit' }],
    ['实'.repeat(1366), { problem: 'path is 4098 bytes long, over the 4096-byte limit' }],
  ])('%j gives %j', (text, expected) => {
    expect(checkPathText(text)).toEqual(expected);
  });

  it('gives back an accepted path unchanged when checked again', () => {
    const segment = fc.constantFrom('a', 'src', '.', '..', '', '实验', 'C:', 'x.ts', '\\', '\n', ' ');
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 8 }), (segments) => {
        const checked = checkPathText(segments.join('/'));
        if ('path' in checked) expect(checkPathText(checked.path)).toEqual(checked);
      }),
    );
  });
});

describe('checkEntryPath', () => {
  it('refuses names that are not UTF-8, and keeps a byte order mark as a character rather than dropping it', () => {
    expect(checkEntryPath(Uint8Array.of(0x61, 0xff))).toEqual({ problem: 'name is not valid UTF-8' });
    expect(checkEntryPath(Uint8Array.of(0xc0, 0xaf))).toEqual({ problem: 'name is not valid UTF-8' });
    expect(checkEntryPath(Uint8Array.of(0xef, 0xbb, 0xbf, 0x61))).toEqual({ problem: 'path contains control character U+FEFF' });
  });
});

describe('printableName', () => {
  it.each([
    [[0x61, 0x2e, 0x74, 0x73], 'a.ts'],
    [[0xe5, 0xae, 0x9e, 0xe9, 0xaa, 0x8c], '实验'],
    [[0x72, 0xe9, 0x73], 'r\\xe9s'],
    [[0xc0, 0x80], '\\xc0\\x80'],
    [[0xed, 0xa0, 0x80], '\\xed\\xa0\\x80'],
    [[0xf4, 0x90, 0x80, 0x80], '\\xf4\\x90\\x80\\x80'],
    [[0xe5, 0xae], '\\xe5\\xae'],
    [[0xf0, 0x9f, 0x98, 0x80], '😀'],
    [[0x61, 0x0a, 0x5c, 0x00], 'a\\x0a\\\\\\x00'],
    [[0xe2, 0x80, 0xae], '\\u202e'],
  ])('shows %j as %s', (raw, shown) => {
    expect(printableName(Uint8Array.from(raw))).toBe(shown);
  });

  it('agrees with strict UTF-8 decoding and never yields an unprintable character', () => {
    const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
    const smallBytes = fc.uint8Array({ maxLength: 24 });
    const utf8ish = fc.string({ unit: 'binary', maxLength: 12 }).map((text) => new TextEncoder().encode(text));
    fc.assert(
      fc.property(fc.oneof(smallBytes, utf8ish), (raw) => {
        const shown = printableName(raw);
        expect(shown).not.toMatch(UNPRINTABLE);
        let text: string | undefined;
        try {
          text = strict.decode(raw);
        } catch {
          text = undefined;
        }
        if (text !== undefined) expect(shown).toBe(printableText(text));
        else expect(shown).toMatch(/\\x[89a-f][0-9a-f]/);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('storablePath', () => {
  it('gives the UTF-8 bytes of a safe, normalized path and refuses anything else', () => {
    expect(storablePath('src/实验.ts', 'out.zip')).toEqual(new TextEncoder().encode('src/实验.ts'));
    expect(() => storablePath('src/', 'out.zip')).toThrow(new ArchiveError('out.zip', "cannot store 'src/': path is not normalized", "write it as 'src'"));
    expect(() => storablePath('a\nb', 'out.zip')).toThrow("out.zip: cannot store 'a\\x0ab': path contains control character U+000A");
  });
});
