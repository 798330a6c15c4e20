import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fastStringWidth } from './fast-string-width.ts';

type StringWidth = (s: string, options?: object) => number;

/** Every copy of string-width installed (Ink and its helpers depend on more than one version). */
async function stringWidths(): Promise<[string, StringWidth][]> {
  const store = fileURLToPath(new URL('../../../../node_modules/.pnpm/', import.meta.url));
  const versions = readdirSync(store).filter((d) => d.startsWith('string-width@'));
  return Promise.all(
    versions.map(async (v): Promise<[string, StringWidth]> => {
      const mod = await import(pathToFileURL(join(store, v, 'node_modules', 'string-width', 'index.js')).href);
      return [v, mod.default as StringWidth];
    }),
  );
}

/** The code points fastStringWidth answers for: [0, 0x10000) scanned once. */
const known: number[] = [];
for (let cp = 0; cp < 0x10000; cp++) if (fastStringWidth(String.fromCharCode(cp)) >= 0) known.push(cp);

describe('fastStringWidth', () => {
  it('finds the string-width copies it stands in front of', async () => {
    expect((await stringWidths()).length).toBeGreaterThanOrEqual(1);
  });

  it('agrees with every string-width copy on every character it answers for', async () => {
    expect(known.length).toBeGreaterThan(20_000);
    for (const [version, stringWidth] of await stringWidths()) {
      const wrong = known.filter((cp) => stringWidth(String.fromCharCode(cp)) !== fastStringWidth(String.fromCharCode(cp)));
      expect(wrong.map((cp) => `U+${cp.toString(16)}`), version).toEqual([]);
    }
  });

  it('agrees on strings of those characters, with colour codes in between', async () => {
    const sgr = fc.constantFrom('\u001b[1m', '\u001b[22m', '\u001b[31m', '\u001b[38;5;208m', '\u001b[0m');
    const piece = fc.oneof(fc.constantFrom(...known).map((cp) => String.fromCharCode(cp)), sgr);
    const widths = await stringWidths();
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        const s = pieces.join('');
        for (const [, stringWidth] of widths) expect(fastStringWidth(s)).toBe(stringWidth(s));
      }),
    );
  });

  it('measures English, Chinese and the UI symbols without string-width', () => {
    expect(fastStringWidth('virtlab — Labs')).toBe(14);
    expect(fastStringWidth('监控程序：第 1 步')).toBe(17);
    expect(fastStringWidth('\u001b[32m✓\u001b[39m 3 passed')).toBe(10);
    expect(fastStringWidth('─│└ ░█ ►◄ ↑↓←→ … ·')).toBe(18);
  });

  it('leaves emoji, combining marks, tabs, other escapes and non-default options to string-width', () => {
    for (const s of ['▶', '✔', '↔', '😀', 'e\u0301', 'a\tb', '\u001b]8;;x\u0007', '\u00ad', 'a\u200bb', '\u3030']) {
      expect(fastStringWidth(s), JSON.stringify(s)).toBe(-1);
    }
    expect(fastStringWidth('abc', { ambiguousIsNarrow: false })).toBe(-1);
    expect(fastStringWidth('abc', { countAnsiEscapeCodes: true })).toBe(-1);
    expect(fastStringWidth(42)).toBe(-1);
  });
});
