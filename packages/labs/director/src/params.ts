/**
 * The Director's limits and numbers, each with its unit.
 */

/** The Director's own store: physical bytes 0 .. DIRECTOR_STORE-1, out of every program's reach. */
export const DIRECTOR_STORE = 0x4000;

/** Regions start on multiples of this many bytes. */
export const REGION_ALIGN = 0x100;

/** Default size of a program's region, in bytes. */
export const DEFAULT_REGION = 0x1000;

/** Physical memory of the Director's machine, in bytes. */
export const MEMORY_BYTES = 0x10000;

/** The system calls a program can make (the number in `syscall n`). */
export const Syscall = {
  /** Finish, with exit code r1. */
  exit: 0,
  /** Print the character in r1. */
  putc: 1,
  /** Read disk sector r1 into the buffer at r2 (512 bytes); the program waits until it is there. */
  read: 2,
  /** Give up the CPU to the next ready program. */
  yield: 3,
} as const;

/** A word the Director keeps in its own store, to check that no program ever changed it. */
export const DIRECTOR_PATTERN = 0x5d1ec70d;
