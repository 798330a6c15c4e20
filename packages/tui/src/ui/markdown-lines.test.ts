import { describe, expect, it } from 'vitest';
import { markdownLines } from './markdown-lines.ts';
import type { StyledLine } from './styled-text.ts';
import { textWidth } from './text-width.ts';

const text = (line: StyledLine) => line.map((s) => s.text).join('');
const texts = (lines: StyledLine[]) => lines.map(text);

describe('the markdown renderer', () => {
  it('shows headings bold, without their #, with a blank row around them', () => {
    const lines = markdownLines('Intro.\n## How it works\nText.', 40);
    expect(texts(lines)).toEqual(['Intro.', '', 'How it works', '', 'Text.']);
    expect(lines[2]![0]).toMatchObject({ bold: true });
  });

  it('wraps paragraphs to the width, joining their source lines', () => {
    const lines = texts(markdownLines('one two three\nfour five six seven eight nine', 14));
    expect(lines).toEqual(['one two three', 'four five six', 'seven eight', 'nine']);
  });

  it('wraps Chinese between any two characters and joins its lines without a space', () => {
    const lines = texts(markdownLines('程序不能察觉\n自己被打断过了', 8));
    expect(lines).toEqual(['程序不能', '察觉自己', '被打断过', '了']);
  });

  it('never starts a row with Chinese closing punctuation: the character before it comes along', () => {
    expect(texts(markdownLines('程序不能察觉自己被打断过。然后', 8))).toEqual(['程序不能', '察觉自己', '被打断', '过。然后']);
    expect(texts(markdownLines('一二三四，五', 8))).toEqual(['一二三', '四，五']);
  });

  it('shows `code` dim, **bold** bold, *italic* italic and links as their text', () => {
    const [line] = markdownLines('Call `save` **now**, *then* see [the ISA](../isa.md).', 80);
    expect(text(line!)).toBe('Call save now, then see the ISA.');
    expect(line!.find((s) => s.text === 'save')).toMatchObject({ dim: true });
    expect(line!.find((s) => s.text === 'now')).toMatchObject({ bold: true });
    expect(line!.find((s) => s.text === 'then')).toMatchObject({ italic: true });
    expect(line!.find((s) => s.text === 'the ISA')).toMatchObject({ underline: true });
  });

  it('indents fenced code dim and cuts it rather than wrapping it', () => {
    const lines = markdownLines('```\nshort\na very long line of code that goes on\n```', 20);
    expect(texts(lines)).toEqual(['  short', '  a very long line …']);
    expect(lines.every((l) => l.every((s) => s.dim))).toBe(true);
  });

  it('gives list items a bullet and a hanging indent', () => {
    expect(texts(markdownLines('- alpha beta gamma\n- delta\n1. one', 12))).toEqual(['• alpha beta', '  gamma', '• delta', '1. one']);
  });

  it('lines a table up in columns with a bold header when it fits the width', () => {
    const lines = markdownLines('| field | holds |\n| --- | --- |\n| regs | the saved registers |\n| `pc` | next |', 40);
    expect(texts(lines)).toEqual(['field │ holds', '──────┼────────────────────', 'regs  │ the saved registers', 'pc    │ next']);
    expect(lines[0]![0]).toMatchObject({ text: 'field', bold: true });
    expect(lines[3]![0]).toMatchObject({ text: 'pc', dim: true });
  });

  it('shows a table too wide for the width as one block per row, "header: cell", wrapped', () => {
    expect(texts(markdownLines('| file | values |\n| --- | --- |\n| cpu.weight | 1 to 10000, default 100 |\n| a \\| b | c |', 20))).toEqual([
      '• file: cpu.weight',
      '  values: 1 to',
      '    10000, default',
      '    100',
      '• file: a | b',
      '  values: c',
    ]);
  });

  it('shows quotes with a bar and a rule as a line', () => {
    expect(texts(markdownLines('> note this\n\n---', 10))).toEqual(['│ note', '│ this', '', '──────────']);
  });

  it('never makes a row wider than the width, counting wide characters as two', () => {
    const source = `# 标题\n\n${'中文和 English words 混在一起，'.repeat(10)}\n\n- 列表项${'很长'.repeat(30)}\n\n| 表格 | ${'宽'.repeat(50)} |\n\n\`\`\`\n${'代码'.repeat(40)}\n\`\`\`\n\nsupercalifragilisticexpialidocious${'x'.repeat(100)}`;
    for (const width of [10, 23, 80]) {
      for (const line of markdownLines(source, width)) expect(textWidth(text(line))).toBeLessThanOrEqual(width);
    }
  });
});
