/**
 * What pass 1 of the assembler leaves for pass 2: the items, the symbol table and the location
 * counter. Types only.
 *
 * Interface: `assemble` makes one `State` per source; pass 1 (statement.ts, directives.ts,
 * instructions.ts) appends `Item`s and defines symbols; pass 2 (image.ts) reads the items in order.
 *
 *   State ─┬─ items:   [instruction @0x0] [li @0x4, 2 words] [constant N] [word @0xc] …
 *          ├─ symbols: start → 0x0, N → (deferred expr), …
 *          └─ lc, first, end: next free byte, first byte written, just past the last
 *
 * Invariants: an item's address and size are final when it is pushed (labels keep their pass-1
 * addresses); items are in source order; only pass 2 evaluates the expressions they hold.
 */

import type { OpInfo } from '../isa.ts';
import type { Expr } from './expr.ts';
import type { Token } from './lexer.ts';

/** Where an item comes from and where its bytes go. */
export interface Placed {
  /** Source line, 1-based. */
  readonly line: number;
  /** Address of the item's first byte. */
  readonly address: number;
}

/** An instruction of the table after pass 1: registers known, immediate still an expression. */
export interface Instruction extends Placed {
  readonly kind: 'instruction';
  /** The table row. */
  readonly op: OpInfo;
  /** The mnemonic as written, lower case (an alias stays an alias in messages). */
  readonly name: string;
  /** Register fields, and control registers given by name. */
  readonly fields: { a: number; b: number; c: number };
  /** The immediate, displacement or jump target, if the format has one and it was written. */
  readonly imm: Expr | undefined;
  /** A control register given by number, evaluated in pass 2. */
  readonly cr: { readonly field: 'a' | 'b'; readonly expr: Expr } | undefined;
}

/** The pseudo-instruction `li rd, expr`, one or two words as pass 1 decided. */
export type Li = Placed & { readonly kind: 'li'; readonly rd: number; readonly value: Expr; readonly words: 1 | 2 };

/** One statement after pass 1: its address and size are final; its expressions wait for pass 2. */
export type Item =
  | Instruction
  | Li
  | (Placed & { readonly kind: 'word' | 'byte'; readonly values: readonly Expr[] })
  | (Placed & { readonly kind: 'bytes'; readonly bytes: Uint8Array })
  /** `.space` and `.align`; `isItem` is false for `.align` padding, which is not a data item of its own. */
  | (Placed & { readonly kind: 'space'; readonly size: number; readonly fill: Expr | undefined; readonly isItem: boolean })
  /** A constant, resolved in line order in pass 2 so that its errors come in order. */
  | { readonly kind: 'constant'; readonly name: string; readonly at: Token };

/** A label or constant. */
export interface SymbolDef {
  /** The value; undefined for a constant whose expression names a symbol not known in pass 1. */
  value: number | undefined;
  /** A deferred constant's expression. */
  readonly expr: Expr | undefined;
  /** The address `.` stood for where the symbol was defined. */
  readonly dot: number;
  /** Line of the definition, 1-based. */
  readonly line: number;
  /** True while pass 2 evaluates this constant: meeting it again means it depends on itself. */
  resolving: boolean;
}

/** What the passes share. */
export interface State {
  /** Every statement so far, in source order. */
  readonly items: Item[];
  /** Labels and constants by name. */
  readonly symbols: Map<string, SymbolDef>;
  /** Location counter: the address of the next byte, in bytes. */
  lc: number;
  /** Address of the first byte written, or undefined while nothing is. */
  first: number | undefined;
  /** Address just past the last byte written. */
  end: number;
}
