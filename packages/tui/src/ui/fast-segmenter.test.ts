import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fastSegmenter } from './fast-segmenter.ts';
import { fastStringWidth } from './fast-string-width.ts';

const real = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const plain = (segments: Iterable<{ segment: string; index: number; input: string }>) => [...segments].map(({ segment, index, input }) => ({ segment, index, input }));

/** Every character fastStringWidth answers for, and ESC. */
const known: string[] = ['\u001b'];
for (let cp = 0; cp < 0x10000; cp++) if (fastStringWidth(String.fromCharCode(cp)) >= 0) known.push(String.fromCharCode(cp));

describe('fastSegmenter', () => {
  it('cuts text of known characters, colour codes included, exactly as Intl.Segmenter does', () => {
    const piece = fc.oneof(fc.constantFrom(...known), fc.constantFrom('\u001b[1m', '\u001b[38;5;208m', '\u001b[0m', '\u001b]8;;x\u0007'));
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), fc.integer({ min: -2, max: 40 }), (pieces, at) => {
        const s = pieces.join('');
        const mine = fastSegmenter().segment(s);
        expect(plain(mine)).toEqual(plain(real.segment(s)));
        const c = mine.containing(at);
        const r = real.segment(s).containing(at);
        expect(c === undefined ? undefined : { segment: c.segment, index: c.index }).toEqual(r === undefined ? undefined : { segment: r.segment, index: r.index });
      }),
    );
  });

  it('leaves emoji, combining marks and CR LF to Intl.Segmenter, with the same answers', () => {
    for (const s of ['👍🏽 ok', 'e\u0301te', 'a\r\nb', '한국어', '🇨🇳', 'x\u200dy']) {
      expect(plain(fastSegmenter(undefined, { granularity: 'grapheme' }).segment(s)), JSON.stringify(s)).toEqual(plain(real.segment(s)));
    }
    expect([...fastSegmenter().segment('a\r\nb')].map((x) => x.segment)).toEqual(['a', '\r\n', 'b']);
  });

  it('segments words with a real segmenter when asked for words, and reports its options', () => {
    const words = fastSegmenter('en', { granularity: 'word' });
    expect([...words.segment('two words')].map((x) => x.segment)).toEqual(['two', ' ', 'words']);
    expect(words.resolvedOptions().granularity).toBe('word');
  });
});
