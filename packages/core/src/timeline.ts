/**
 * A timeline records a simulation step by step so that a viewer can go back and forth in it.
 *
 *   step:      0    1    2   …   N   …   2N  …   length
 *   snapshot:  S0             SN          S2N            (a full copy every N steps)
 *   events:    [{step, time, event}, …]  (only steps that reported something)
 *
 * `seek(k)` gives the state after k steps: it copies the nearest snapshot at or before k and
 * replays the remaining (< N) steps, so seeking costs at most N steps whatever the length, and
 * gives exactly the state that replaying from the start would (simulations are deterministic).
 *
 * Works for any model that fits `Simulation`: a machine (`machineSimulation`), or a lab's own
 * composite (a supervisor plus its machine, a cluster, a container host).
 */

import { DEFAULT_SNAPSHOT_EVERY } from './params.ts';

/** What a timeline needs to know about a model. */
export interface Simulation<S, E> {
  /** A deep copy that shares nothing with `state`. */
  clone(state: S): S;
  /** Advances `state` by one step, appending what happened to `out`. Must be deterministic. */
  step(state: S, out: E[]): void;
  /** True when the simulation can make no more progress. */
  isDone(state: S): boolean;
  /** The virtual time of `state` (for event timestamps). */
  time(state: S): number;
}

/** One recorded event: the step it happened in (the state it led to), and the virtual time after it. */
export interface TimelineEntry<E> {
  /** Number of the step: the event happened on the way from state step-1 to state step. */
  readonly step: number;
  /** Virtual time after the step. */
  readonly time: number;
  /** What happened. */
  readonly event: E;
}

/** Options of `createTimeline`. */
export interface TimelineOptions {
  /** Steps between snapshots (default DEFAULT_SNAPSHOT_EVERY); smaller seeks faster and uses more memory. */
  snapshotEvery?: number;
}

/** A recording of a simulation. */
export interface Timeline<S, E> {
  /** Number of steps recorded. */
  readonly length: number;
  /** Every event recorded, in order. */
  readonly events: readonly TimelineEntry<E>[];
  /** The simulation reported it can go no further. */
  readonly done: boolean;
  /** Records up to `maxSteps` more steps; returns how many it recorded. */
  record(maxSteps: number): number;
  /** The state after `k` steps (a fresh copy), for 0 <= k <= length. */
  seek(k: number): S;
  /** Entries of the events that happened in step `k`. */
  eventsAt(k: number): readonly TimelineEntry<E>[];
  /** Index into `events` of the first entry with step >= k. */
  firstEventAtOrAfter(k: number): number;
  /** The first entry after step `k` (step > k) whose event matches, or undefined. */
  nextEvent(k: number, match: (event: E) => boolean): TimelineEntry<E> | undefined;
}

/** Starts a timeline at `initial` (copied; the caller's object is not touched). */
export function createTimeline<S, E>(sim: Simulation<S, E>, initial: S, options: TimelineOptions = {}): Timeline<S, E> {
  const every = options.snapshotEvery ?? DEFAULT_SNAPSHOT_EVERY;
  if (!Number.isInteger(every) || every < 1) throw new RangeError(`snapshotEvery: ${every} is not a whole number >= 1`);
  const snapshots: S[] = [sim.clone(initial)];
  const head = sim.clone(initial);
  const events: TimelineEntry<E>[] = [];
  const out: E[] = [];
  let length = 0;
  let done = sim.isDone(head);

  function firstEventAtOrAfter(k: number): number {
    let lo = 0;
    let hi = events.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (events[mid]!.step < k) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  return {
    get length() {
      return length;
    },
    events,
    get done() {
      return done;
    },
    record(maxSteps: number): number {
      let n = 0;
      while (n < maxSteps && !done) {
        sim.step(head, out);
        length++;
        n++;
        if (out.length !== 0) {
          const time = sim.time(head);
          for (const event of out) events.push({ step: length, time, event });
          out.length = 0;
        }
        if (length % every === 0) snapshots.push(sim.clone(head));
        done = sim.isDone(head);
      }
      return n;
    },
    seek(k: number): S {
      if (!Number.isInteger(k) || k < 0 || k > length) throw new RangeError(`seek: step ${k} is outside 0..${length}`);
      const base = Math.floor(k / every);
      const state = sim.clone(snapshots[base]!);
      const scratch: E[] = [];
      for (let i = base * every; i < k; i++) {
        sim.step(state, scratch);
        scratch.length = 0;
      }
      return state;
    },
    eventsAt(k: number) {
      const from = firstEventAtOrAfter(k);
      let to = from;
      while (to < events.length && events[to]!.step === k) to++;
      return events.slice(from, to);
    },
    firstEventAtOrAfter,
    nextEvent(k: number, match: (event: E) => boolean) {
      for (let i = firstEventAtOrAfter(k + 1); i < events.length; i++) {
        if (match(events[i]!.event)) return events[i];
      }
      return undefined;
    },
  };
}
