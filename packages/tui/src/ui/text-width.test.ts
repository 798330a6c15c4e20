import { describe, expect, it } from 'vitest';
import { cutLine, span, wrapSpans } from './styled-text.ts';
import { cutToWidth, textWidth } from './text-width.ts';

describe('text width', () => {
  it('counts Chinese and fullwidth characters as two columns, combining marks as none', () => {
    expect(textWidth('abc')).toBe(3);
    expect(textWidth('监控程序')).toBe(8);
    expect(textWidth('：（）')).toBe(6);
    expect(textWidth('e\u0301')).toBe(1);
    expect(textWidth('✓ … ─ → ·')).toBe(9);
  });

  it('cuts a string to a width with an ellipsis, never splitting a wide character across the edge', () => {
    expect(cutToWidth('hello world', 8)).toBe('hello w…');
    expect(cutToWidth('监控程序', 6)).toBe('监控…');
    expect(cutToWidth('监控程序', 5)).toBe('监控…');
    expect(cutToWidth('short', 8)).toBe('short');
  });

  it('cuts styled rows the same way, keeping the styles', () => {
    const line = cutLine([span('ab', { bold: true }), span('监控程序', { dim: true })], 6);
    expect(line).toEqual([span('ab', { bold: true }), span('监', { dim: true }), span('…', { dim: true })]);
  });

  it('wraps styled text with a first-row prefix and a hanging indent, splitting words wider than a row', () => {
    const rows = wrapSpans([span('aaa '), span('bbbbbbbbbb', { bold: true })], 6, [span('- ')], [span('  ')]);
    expect(rows.map((r) => r.map((s) => s.text).join(''))).toEqual(['- aaa', '  bbbb', '  bbbb', '  bb']);
  });
});
