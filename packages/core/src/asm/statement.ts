/**
 * Pass 1 of the assembler for one source line: its labels, then one statement.
 *
 * Interface: `parseStatement(cursor, st)` for each line in order, with the cursor at the line's
 * first token; it defines the labels and constants and appends the line's item to `st`.
 *
 *   loop: again:  add r1, r1, r2     labels (any number), then an instruction
 *   N = 4                            a constant, alone on its line
 *   buf: .space N                    a directive, or `li rd, expr`
 *
 * Invariants: a label is the address of the next statement (st.lc when it is read); a word
 * that starts no statement is an AsmError with a hint: a missing ":" after a label, or the
 * nearest keyword within edit distance 2 ("did you mean").
 */

import { ALIASES, OPS, opByMnemonic } from '../isa.ts';
import { editDistance } from '../edit-distance.ts';
import { DIRECTIVES } from './directives.ts';
import { AsmError } from './errors.ts';
import { parseExpr } from './expr.ts';
import { parseInstruction, parseLi } from './instructions.ts';
import type { State } from './items.ts';
import { describe, next, peek } from './lexer.ts';
import type { Cursor, Token } from './lexer.ts';
import { endOfLine } from './operands.ts';
import { define, defineConstant } from './symbols.ts';

/** Every word that can start a statement, for "did you mean". */
const KEYWORDS = [...OPS.map((o) => o.mnemonic), ...Object.keys(ALIASES), 'li', ...DIRECTIVES.keys()];

/** Parses one line: labels, then a statement; records items and symbols. */
export function parseStatement(c: Cursor, st: State): void {
  for (;;) {
    const t = peek(c);
    const after = c.tokens[c.pos + 1];
    if (after?.kind !== 'punct' || (after.text !== ':' && after.text !== '=')) break;
    if (after.text === '=') {
      next(c);
      next(c);
      const expr = parseExpr(c);
      endOfLine(c);
      defineConstant(st, t, expr);
      return;
    }
    next(c);
    next(c);
    define(st, t, { value: st.lc, expr: undefined, dot: st.lc, line: t.line, resolving: false }, 'label');
  }
  const t = next(c);
  if (t.kind === 'eol') return;
  const name = t.kind === 'ident' ? t.text.toLowerCase() : '';
  const directive = DIRECTIVES.get(name);
  const op = name === '' ? undefined : opByMnemonic(name);
  if (directive !== undefined) directive(c, st, t);
  else if (name === 'li') parseLi(c, st, t);
  else if (op !== undefined) parseInstruction(c, st, t, op);
  else throw unknownStatement(t, peek(c));
}

/** The error for a word that is not an instruction or directive, with a suggestion when one is close. */
function unknownStatement(t: Token, after: Token): AsmError {
  const expected = 'an instruction or directive';
  if (t.kind === 'ident') {
    const nextWord = after.kind === 'ident' ? after.text.toLowerCase() : '';
    if (KEYWORDS.includes(nextWord)) return new AsmError(t.line, t.column, expected, describe(t), 'a label needs ":" after it');
    const guess = closest(t.text.toLowerCase(), KEYWORDS);
    if (guess !== undefined) return new AsmError(t.line, t.column, expected, describe(t), `did you mean "${guess}"?`);
  }
  return new AsmError(t.line, t.column, expected, describe(t));
}

/** The nearest word within edit distance 2 (a swap of neighbours counts 1), first in table order on ties. */
function closest(word: string, words: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const w of words) {
    const d = editDistance(word, w);
    if (d < bestDistance) {
      best = w;
      bestDistance = d;
    }
  }
  return best;
}
