/**
 * Every limit and tunable of the machine models, each with its unit (xv6's param.h).
 *
 * Change a value here and every model, test and doc table that needs it follows.
 */

/** Size of one machine word, in bytes. Instructions and `lw`/`sw` move one word. */
export const WORD_BYTES = 4;

/** Number of general-purpose registers (r0..r15); r15 is also called `sp`. */
export const REGISTER_COUNT = 16;

/** Index of the stack pointer among the general registers. */
export const SP = 15;

/** Default size of physical memory, in bytes (64 KiB: small enough to snapshot cheaply). */
export const DEFAULT_MEMORY_BYTES = 64 * 1024;

/** Largest physical memory a machine may have, in bytes (16 MiB: the reach of a 24-bit jump target). */
export const MAX_MEMORY_BYTES = 16 * 1024 * 1024;

/** Page size of the paged MMU, in bytes. */
export const PAGE_BYTES = 4096;

/** Number of interrupt request lines on the interrupt controller. */
export const IRQ_LINES = 16;

/** IRQ line of the programmable interval timer. */
export const IRQ_PIT = 0;

/** IRQ line of the serial console (raised when input arrives). */
export const IRQ_SERIAL = 4;

/** IRQ line of the block device (raised when a transfer completes). */
export const IRQ_BLOCK = 14;

/** I/O port of the interrupt controller's pending register (read) and acknowledge register (write an IRQ number). */
export const PORT_PIC_PENDING = 0x20;

/** I/O port of the interrupt controller's mask register (bit n set = IRQ n masked). */
export const PORT_PIC_MASK = 0x21;

/** I/O port of the interval timer's reload value, in ticks (write: set it; the control port starts the count. Read: the ticks left). */
export const PORT_PIT_COUNT = 0x40;

/** I/O port of the interval timer's control register (bit 0 enable, bit 1 periodic). */
export const PORT_PIT_CONTROL = 0x43;

/** I/O port of the serial console's data register (write: send a byte; read: next input byte or 0). */
export const PORT_SERIAL_DATA = 0x3f8;

/** I/O port of the serial console's line status (bit 0 input ready, bit 5 transmitter empty). */
export const PORT_SERIAL_STATUS = 0x3fd;

/** Physical address of the block device's MMIO registers (outside RAM). */
export const MMIO_BLOCK_BASE = 0xffff0000;

/** Size of the block device's MMIO register window, in bytes. */
export const MMIO_BLOCK_SIZE = 0x20;

/** Size of one block-device sector, in bytes. */
export const SECTOR_BYTES = 512;

/** Default number of sectors on a block device. */
export const DEFAULT_DISK_SECTORS = 64;

/** Fixed cost of one block transfer, in ticks, before the per-sector cost. */
export const BLOCK_SEEK_TICKS = 200;

/** Cost of moving one sector, in ticks. */
export const BLOCK_SECTOR_TICKS = 50;

/** Largest number of serial output bytes kept; older output is dropped from the front. */
export const SERIAL_OUTPUT_LIMIT = 64 * 1024;

/** Default interval between timeline snapshots, in steps. */
export const DEFAULT_SNAPSHOT_EVERY = 16384;
