/**
 * The programmable interval timer: counts virtual ticks and raises IRQ_PIT when its count runs out.
 *
 * Program it with `out`: write the reload value (in ticks) to PORT_PIT_COUNT, then the control
 * word to PORT_PIT_CONTROL (bit 0 enable, bit 1 periodic). Writing the control word with bit 0 set
 * (re)starts the count from the reload value. A periodic timer reloads itself; a one-shot timer
 * disables itself after firing. Reading PORT_PIT_COUNT gives the ticks left (0 when disabled).
 */

/** The timer's registers. */
export interface PitState {
  /** Reload value, in ticks. */
  reload: number;
  /** Counting. */
  enabled: boolean;
  /** Restart automatically after firing. */
  periodic: boolean;
  /** Virtual time (ticks) at which it fires next; meaningful while enabled. */
  expireAt: number;
}

/** A stopped timer. */
export function createPit(): PitState {
  return { reload: 0, enabled: false, periodic: false, expireAt: 0 };
}

/** Writes the control word at virtual time `now`. */
export function pitWriteControl(pit: PitState, value: number, now: number): void {
  pit.periodic = (value & 2) !== 0;
  pit.enabled = (value & 1) !== 0 && pit.reload > 0;
  if (pit.enabled) pit.expireAt = now + pit.reload;
}

/** Ticks left until the timer fires, as read from PORT_PIT_COUNT. */
export function pitCount(pit: PitState, now: number): number {
  return pit.enabled ? Math.max(0, pit.expireAt - now) : 0;
}

/** Called when virtual time reaches `expireAt`: returns true when the timer fires (and re-arms or stops it). */
export function pitService(pit: PitState, now: number): boolean {
  if (!pit.enabled || now < pit.expireAt) return false;
  if (pit.periodic) pit.expireAt += pit.reload;
  else pit.enabled = false;
  return true;
}
