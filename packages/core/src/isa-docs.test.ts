// docs/isa.md and docs/isa.zh-CN.md against the instruction table: every instruction has its
// `### mnemonic` entry and nothing else has one, the summary table agrees with OPS (opcode, format,
// privileged, sensitive), each entry's own facts agree too, and every control register is listed.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CONTROL_REGISTERS, OPS, type OpInfo } from './isa.ts';

/** How one language writes the facts the checks read. */
interface DocLanguage {
  /** Path of the doc, relative to the repository root (for messages). */
  readonly name: string;
  /** The doc's location. */
  readonly url: URL;
  /** The other language's file, linked from the first line. */
  readonly other: string;
  /** The words for true and false in the tables and entries. */
  readonly yes: string;
  readonly no: string;
  /** Bold labels in each instruction entry: `- **Encoding:** …`, `**Privileged:** yes · **Sensitive:** no`. */
  readonly encoding: string;
  readonly privileged: string;
  readonly sensitive: string;
}

const LANGUAGES: readonly DocLanguage[] = [
  {
    name: 'docs/isa.md',
    url: new URL('../../../docs/isa.md', import.meta.url),
    other: 'isa.zh-CN.md',
    yes: 'yes',
    no: 'no',
    encoding: 'Encoding',
    privileged: 'Privileged',
    sensitive: 'Sensitive',
  },
  {
    name: 'docs/isa.zh-CN.md',
    url: new URL('../../../docs/isa.zh-CN.md', import.meta.url),
    other: 'isa.md',
    yes: '是',
    no: '否',
    encoding: '编码',
    privileged: '特权指令',
    sensitive: '敏感指令',
  },
];

/** The summary table's columns, found by these English words in its header cells (any language adds its own words around them). */
const SUMMARY_COLUMNS = ['mnemonic', 'opcode', 'format', 'privileged', 'sensitive'] as const;

/** A `### name` heading that is a single lower-case word names an instruction. */
const MNEMONIC_HEADING = /^###\s+`?([a-z][a-z0-9]*)`?\s*$/;

function hex(opcode: number): string {
  return `0x${opcode.toString(16).padStart(2, '0')}`;
}

/** The doc's lines with fenced code blocks blanked out, so that code never counts as a heading or table. */
function proseLines(text: string): string[] {
  let inFence = false;
  return text.split(/\r?\n/).map((line) => {
    if (/^\s*```/.test(line)) {
      inFence = !inFence;
      return '';
    }
    return inFence ? '' : line;
  });
}

/** The cells of a Markdown table row (`\|` is a literal bar inside a cell). */
function cells(row: string): string[] {
  return row
    .trim()
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split(/(?<!\\)\|/)
    .map((c) => c.trim());
}

/** A cell's plain text: no backticks, no bold, a link reduced to its text. */
function plain(cell: string): string {
  return cell
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[`*]/g, '')
    .trim();
}

function yesNo(lang: DocLanguage, value: string): boolean | undefined {
  if (value === lang.yes) return true;
  if (value === lang.no) return false;
  return undefined;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Every disagreement between one doc and the instruction and control-register tables; empty when they agree. */
function problems(text: string, lang: DocLanguage): string[] {
  const out: string[] = [];
  const lines = proseLines(text);
  const known = new Map<string, OpInfo>(OPS.map((op) => [op.mnemonic, op]));

  // The first line links to the other language.
  const first = text.split(/\r?\n/, 1)[0] ?? '';
  if (!first.includes(`(${lang.other})`)) out.push(`the first line does not link to ${lang.other}`);

  // `### mnemonic` headings: one per instruction, none for anything else.
  const headingLines = new Map<string, number[]>();
  lines.forEach((line, i) => {
    const m = MNEMONIC_HEADING.exec(line);
    if (m === null) return;
    const name = m[1]!;
    headingLines.set(name, [...(headingLines.get(name) ?? []), i]);
    if (!known.has(name)) out.push(`line ${i + 1}: heading "### ${name}" names no instruction of OPS`);
  });
  for (const op of OPS) {
    const at = headingLines.get(op.mnemonic) ?? [];
    if (at.length === 0) out.push(`no "### ${op.mnemonic}" heading`);
    if (at.length > 1) out.push(`"### ${op.mnemonic}" appears ${at.length} times (lines ${at.map((i) => i + 1).join(', ')})`);
  }

  // Each entry (from its heading to the next heading) states the opcode, format, privileged and sensitive.
  for (const op of OPS) {
    const start = headingLines.get(op.mnemonic)?.[0];
    if (start === undefined) continue;
    let end = start + 1;
    while (end < lines.length && !/^#{1,3}\s/.test(lines[end]!)) end++;
    const entry = text.split(/\r?\n/).slice(start, end).join('\n');
    const encoding = new RegExp(`\\*\\*${escapeRegExp(lang.encoding)}[:：]\\*\\*(.*)`).exec(entry)?.[1];
    if (encoding === undefined) out.push(`### ${op.mnemonic}: no **${lang.encoding}:** line`);
    else {
      if (!encoding.includes(`\`${hex(op.opcode)}\``)) out.push(`### ${op.mnemonic}: encoding line does not say opcode \`${hex(op.opcode)}\``);
      if (!encoding.includes(`\`${op.format}\``)) out.push(`### ${op.mnemonic}: encoding line does not say format \`${op.format}\``);
    }
    for (const [label, expected] of [
      [lang.privileged, op.privileged],
      [lang.sensitive, op.sensitive],
    ] as const) {
      const said = new RegExp(`\\*\\*${escapeRegExp(label)}[:：]\\*\\*\\s*(\\S+)`).exec(entry)?.[1];
      const value = said === undefined ? undefined : yesNo(lang, said);
      if (value === undefined) out.push(`### ${op.mnemonic}: no "**${label}:** ${lang.yes}/${lang.no}"`);
      else if (value !== expected) out.push(`### ${op.mnemonic}: entry says ${label} ${said}, the table says ${expected ? lang.yes : lang.no}`);
    }
  }

  // The summary table: the one table whose header names all of SUMMARY_COLUMNS.
  const headers: number[] = [];
  lines.forEach((line, i) => {
    if (!line.trim().startsWith('|')) return;
    const header = cells(line).map((c) => c.toLowerCase());
    if (SUMMARY_COLUMNS.every((col) => header.some((h) => h.includes(col)))) headers.push(i);
  });
  if (headers.length !== 1) {
    out.push(`expected one summary table with columns ${SUMMARY_COLUMNS.join(', ')}; found ${headers.length}`);
  } else {
    const h = headers[0]!;
    const header = cells(lines[h]!).map((c) => c.toLowerCase());
    const col = Object.fromEntries(SUMMARY_COLUMNS.map((name) => [name, header.findIndex((c) => c.includes(name))])) as Record<
      (typeof SUMMARY_COLUMNS)[number],
      number
    >;
    const seen = new Set<string>();
    for (let i = h + 2; i < lines.length && lines[i]!.trim().startsWith('|'); i++) {
      const row = cells(lines[i]!).map(plain);
      const mnemonic = row[col.mnemonic] ?? '';
      const op = known.get(mnemonic);
      if (op === undefined) {
        out.push(`summary table line ${i + 1}: "${mnemonic}" is not an instruction of OPS`);
        continue;
      }
      if (seen.has(mnemonic)) out.push(`summary table line ${i + 1}: ${mnemonic} is listed twice`);
      seen.add(mnemonic);
      if (row[col.opcode] !== hex(op.opcode)) out.push(`summary table: ${mnemonic} opcode ${row[col.opcode]}, the table says ${hex(op.opcode)}`);
      if (row[col.format] !== op.format) out.push(`summary table: ${mnemonic} format ${row[col.format]}, the table says ${op.format}`);
      for (const name of ['privileged', 'sensitive'] as const) {
        const said = row[col[name]] ?? '';
        const value = yesNo(lang, said);
        if (value === undefined) out.push(`summary table: ${mnemonic} ${name} is "${said}", not ${lang.yes} or ${lang.no}`);
        else if (value !== op[name]) out.push(`summary table: ${mnemonic} ${name} is ${said}, the table says ${op[name] ? lang.yes : lang.no}`);
      }
    }
    for (const op of OPS) if (!seen.has(op.mnemonic)) out.push(`summary table: no row for ${op.mnemonic}`);
  }

  // Control registers: each in a table row `| index | \`name\` | …`.
  CONTROL_REGISTERS.forEach((name, index) => {
    const row = new RegExp(`^\\|\\s*${index}\\s*\\|\\s*\`${name}\`\\s*\\|`);
    if (!lines.some((line) => row.test(line))) out.push(`control register ${index} \`${name}\` has no row "| ${index} | \`${name}\` | …"`);
  });

  return out;
}

for (const lang of LANGUAGES) {
  describe(lang.name, () => {
    const text = readFileSync(fileURLToPath(lang.url), 'utf8');

    it('documents every instruction and control register exactly as isa.ts defines them', () => {
      expect(problems(text, lang)).toEqual([]);
    });

    it('notices a missing entry, a stray heading, a wrong flag and a missing control register', () => {
      const popf = OPS.find((op) => op.mnemonic === 'popf')!;
      const broken = [
        text.replace(/^### popf$/m, '### popf, the hole'),
        text.replace(/^### hlt$/m, '### hlt\n\n### je'),
        text.replace(new RegExp(`(\\| \\[popf\\]\\(#popf\\) \\| \`${hex(popf.opcode)}\` \\| \`none\` \\| )${lang.no}`), `$1${lang.yes}`),
        text.replace(/^\| 10 \| `scratch` \|.*$/m, ''),
      ];
      for (const doc of broken) {
        expect(doc).not.toBe(text);
        expect(problems(doc, lang)).not.toEqual([]);
      }
    });
  });
}
