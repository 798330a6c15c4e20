/**
 * The one error the assembler throws: where in the source, what it expected, what it found.
 *
 * Interface: `new AsmError(line, column, expected, found, hint?)`; read `.line`, `.column`,
 * `.expected`, `.found`, `.hint`, or show `.message`:
 *
 *   line 3, column 9: expected a register (r0..r15 or sp), found "r16"
 *   line 2, column 3: expected an instruction or directive, found "mvo" (did you mean "mov"?)
 *
 * Invariants: line and column are 1-based and point at the first character of what was found
 * (or just past the last token for "end of line"); `found` is already formatted for the reader
 * (a token in double quotes, a number, or `end of line`); the assembler stops at the first error.
 */

/** A mistake in assembly source, located by 1-based line and column. */
export class AsmError extends Error {
  override name = 'AsmError';
  /** Source line of the mistake, 1-based. */
  readonly line: number;
  /** Column of the mistake within its line, 1-based, in characters. */
  readonly column: number;
  /** What the assembler expected at that place, e.g. `a register (r0..r15 or sp)`. */
  readonly expected: string;
  /** What it found instead, as shown in the message, e.g. `"r16"`, `40000` or `end of line`. */
  readonly found: string;
  /** A suggested fix, shown in parentheses after the message, or undefined. */
  readonly hint: string | undefined;

  constructor(line: number, column: number, expected: string, found: string, hint?: string) {
    super(`line ${line}, column ${column}: expected ${expected}, found ${found}${hint === undefined ? '' : ` (${hint})`}`);
    this.line = line;
    this.column = column;
    this.expected = expected;
    this.found = found;
    this.hint = hint;
  }
}
