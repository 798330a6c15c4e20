/**
 * A seeded pseudo-random generator whose whole state is four numbers (sfc32).
 *
 * Interface: `createRng(seed)` once, then `nextU32`, `nextInt`, `nextFloat`, `pick` as often as needed.
 * The state is plain data: clone it with `{ ...rng }`, store it inside a simulation's state, and the
 * same seed always gives the same sequence. Nothing in core uses Math.random.
 */

/** The generator's state: four 32-bit words. */
export interface RngState {
  /** Word a. */
  a: number;
  /** Word b. */
  b: number;
  /** Word c. */
  c: number;
  /** Word d, the counter. */
  d: number;
}

/** A generator seeded from a 32-bit integer seed (other numbers are truncated to 32 bits). */
export function createRng(seed: number): RngState {
  const rng: RngState = { a: 0x9e3779b9, b: 0x243f6a88, c: 0xb7e15162, d: seed >>> 0 };
  // Warm up so that nearby seeds give unrelated sequences.
  for (let i = 0; i < 12; i++) nextU32(rng);
  return rng;
}

/** The next number in 0..2^32-1; advances the state. */
export function nextU32(rng: RngState): number {
  const t = (((rng.a + rng.b) | 0) + rng.d) | 0;
  rng.d = (rng.d + 1) | 0;
  rng.a = rng.b ^ (rng.b >>> 9);
  rng.b = (rng.c + (rng.c << 3)) | 0;
  rng.c = (rng.c << 21) | (rng.c >>> 11);
  rng.c = (rng.c + t) | 0;
  return t >>> 0;
}

/** A whole number in lo..hi (both included); advances the state. */
export function nextInt(rng: RngState, lo: number, hi: number): number {
  if (!Number.isInteger(lo) || !Number.isInteger(hi) || hi < lo) throw new RangeError(`nextInt: bad range ${lo}..${hi}`);
  return lo + Math.floor((nextU32(rng) / 0x100000000) * (hi - lo + 1));
}

/** A number in [0, 1); advances the state. */
export function nextFloat(rng: RngState): number {
  return nextU32(rng) / 0x100000000;
}

/** One element of a non-empty array, chosen uniformly; advances the state. */
export function pick<T>(rng: RngState, items: readonly T[]): T {
  if (items.length === 0) throw new RangeError('pick: the list is empty');
  return items[nextInt(rng, 0, items.length - 1)] as T;
}
