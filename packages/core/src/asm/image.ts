/**
 * Pass 2 of the assembler: the items of pass 1 become the bytes of a Program.
 *
 * Interface: `writeImage(st)` once, after pass 1 has read every line; returns the Program or
 * throws the first AsmError, in item (so source) order.
 *
 *   origin = st.first                                    st.end
 *   |<-- item --><-- item -->  gap (zeros)  <-- item -->|    bytes, and lines: address → line
 *
 * Invariants: every expression is evaluated here with every symbol known (a deferred constant
 * when first used, or at its own line); instructions and `.word` are little-endian words; a
 * `.byte` or `.space` fill is in -128..255; `lines` maps the first address of each instruction,
 * `.word`/`.byte` value and non-empty data item to its line; `entry` is `start` or the origin.
 */

import { WORD_BYTES } from '../params.ts';
import { AsmError } from './errors.ts';
import type { Expr } from './expr.ts';
import { encodeInstruction, encodeLi } from './instructions.ts';
import type { State } from './items.ts';
import type { Program } from './program.ts';
import { finalValue, resolve } from './symbols.ts';

/** Evaluates every expression, checks ranges and writes the image. */
export function writeImage(st: State): Program {
  const origin = st.first ?? st.lc;
  const bytes = new Uint8Array(st.first === undefined ? 0 : st.end - st.first);
  const view = new DataView(bytes.buffer);
  const lines: Record<number, number> = {};
  const value = (expr: Expr, dot: number): number => finalValue(st, expr, dot);
  const word = (address: number, w: number, line: number): void => {
    view.setUint32(address - origin, w, true);
    lines[address] = line;
  };
  for (const item of st.items) {
    switch (item.kind) {
      case 'instruction':
        word(item.address, encodeInstruction(st, item), item.line);
        break;
      case 'li':
        encodeLi(st, item).forEach((w, i) => {
          word(item.address + i * WORD_BYTES, w, item.line);
        });
        break;
      case 'word':
        item.values.forEach((e, i) => {
          const address = item.address + i * WORD_BYTES;
          word(address, value(e, address), item.line);
        });
        break;
      case 'byte':
        item.values.forEach((e, i) => {
          bytes[item.address + i - origin] = byteValue(value(e, item.address + i), e, '.byte');
          lines[item.address + i] = item.line;
        });
        break;
      case 'bytes':
        bytes.set(item.bytes, item.address - origin);
        if (item.bytes.length > 0) lines[item.address] = item.line;
        break;
      case 'space': {
        const fill = item.fill === undefined ? 0 : byteValue(value(item.fill, item.address), item.fill, '.space');
        bytes.fill(fill, item.address - origin, item.address - origin + item.size);
        if (item.isItem && item.size > 0) lines[item.address] = item.line;
        break;
      }
      case 'constant':
        resolve(st, item.name, item.at);
        break;
    }
  }
  // fromEntries makes own properties, so even a label named __proto__ is kept as data.
  const symbols: Record<string, number> = Object.fromEntries([...st.symbols].map(([name, def]) => [name, def.value!]));
  return { origin, bytes, entry: symbols.start ?? origin, symbols, lines };
}

/** A byte value: 0..255, or -128..-1 for its two's complement. */
function byteValue(v: number, e: Expr, directive: string): number {
  if (v < -128 || v > 255) throw new AsmError(e.at.line, e.at.column, `a value in -128..255 for ${directive}`, String(v));
  return v & 0xff;
}
