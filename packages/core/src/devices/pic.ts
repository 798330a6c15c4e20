/**
 * The interrupt controller: IRQ lines with a pending register and a mask register.
 *
 * Devices call `raiseIrq`; the CPU asks `highestPendingIrq` before each instruction (when IF is set)
 * and acknowledges the line it takes with `acknowledgeIrq`. Lower line numbers win. Taking an
 * interrupt clears its pending bit (the 8259's automatic end-of-interrupt mode), so handlers need
 * no EOI. Ports: PORT_PIC_PENDING reads the pending bits and, written with a line number, clears
 * that line; PORT_PIC_MASK reads and writes the mask (bit n set = line n masked).
 */

import { IRQ_LINES } from '../params.ts';

/** The interrupt controller's registers. */
export interface PicState {
  /** Bit n set: line n has raised an interrupt not yet taken. */
  pending: number;
  /** Bit n set: line n is masked and cannot interrupt. */
  mask: number;
}

/** A controller with nothing pending and nothing masked. */
export function createPic(): PicState {
  return { pending: 0, mask: 0 };
}

/** Marks line `irq` pending. */
export function raiseIrq(pic: PicState, irq: number): void {
  if (!Number.isInteger(irq) || irq < 0 || irq >= IRQ_LINES) throw new RangeError(`raiseIrq: line ${irq} is not 0..${IRQ_LINES - 1}`);
  pic.pending |= 1 << irq;
}

/** The lowest unmasked pending line, or -1 when there is none. */
export function highestPendingIrq(pic: PicState): number {
  const ready = pic.pending & ~pic.mask & ((1 << IRQ_LINES) - 1);
  if (ready === 0) return -1;
  return 31 - Math.clz32(ready & -ready);
}

/** Clears line `irq`'s pending bit. */
export function acknowledgeIrq(pic: PicState, irq: number): void {
  pic.pending &= ~(1 << irq);
}
