/**
 * A grapheme segmenter that answers at once for the text the UI draws, standing in for
 * `new Intl.Segmenter(locale, { granularity: 'grapheme' })` in Ink's dependencies (the build,
 * scripts/build-cli.mjs, puts it in place). The first real Intl.Segmenter loads ICU's break
 * rules, ~16 ms before the first frame; but in a string whose every character is printable
 * ASCII, ESC, or one of the characters fast-string-width.ts knows (Latin-1, punctuation, arrows,
 * box drawing, CJK ideographs and punctuation, fullwidth forms), every UTF-16 unit is a grapheme
 * of its own, so the segments are simply the characters. Anything else goes to a real
 * Intl.Segmenter, made on first need. fast-segmenter.test.ts checks both paths against
 * Intl.Segmenter.
 *
 * Interface: `fastSegmenter(locales?, options?)` → an object with `segment(s)` and
 * `resolvedOptions()`, like Intl.Segmenter's.
 */
import { fastStringWidth } from './fast-string-width.ts';

/** One segment, as Intl.Segmenter gives it for graphemes. */
interface Segment {
  segment: string;
  index: number;
  input: string;
}

/** The segments of a string in which every UTF-16 unit is a grapheme: iterable, with containing(). */
class CharSegments implements Iterable<Segment> {
  constructor(private readonly input: string) {}

  containing(index = 0): Segment | undefined {
    const i = Math.trunc(Number(index));
    if (!(i >= 0 && i < this.input.length)) return undefined;
    return { segment: this.input[i]!, index: i, input: this.input };
  }

  *[Symbol.iterator](): Iterator<Segment> {
    for (let i = 0; i < this.input.length; i++) yield { segment: this.input[i]!, index: i, input: this.input };
  }
}

/** True when every UTF-16 unit of `s` is a grapheme by itself (ESC included, CR excluded: CR LF is one). */
function oneUnitGraphemes(s: string): boolean {
  return fastStringWidth(s.replaceAll('\u001b', '')) >= 0;
}

/** A stand-in for `new Intl.Segmenter(locales, options)`: fast for simple text, the real thing otherwise. */
export function fastSegmenter(locales?: Intl.LocalesArgument, options?: Intl.SegmenterOptions) {
  let real: Intl.Segmenter | undefined;
  const get = () => {
    real ??= new Intl.Segmenter(locales, options);
    return real;
  };
  const graphemes = (options?.granularity ?? 'grapheme') === 'grapheme';
  return {
    segment(input: string): Iterable<Segment> & { containing(index?: number): Segment | undefined } {
      const s = String(input);
      return graphemes && oneUnitGraphemes(s) ? new CharSegments(s) : get().segment(s);
    },
    resolvedOptions: (): Intl.ResolvedSegmenterOptions => get().resolvedOptions(),
  };
}
