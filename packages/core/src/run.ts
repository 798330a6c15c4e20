/**
 * Driving a machine: one step at a time for viewers and tests, or many at once for speed.
 *
 * Interface: `step(m)` returns the events of one step (an ordinary instruction shows as one
 * `retire` event); `run(m, limit, options)` steps until `limit` steps have run, the machine
 * stops, or (in `exit` trap mode) a trap or interrupt needs the host, and says why it returned.
 * Both go through the same `execOne`, so a program behaves the same whichever you call.
 */

import { execOne } from './cpu.ts';
import { Access } from './isa.ts';
import { type Translate, translate } from './mmu.ts';
import type { InterruptEvent, MachineEvent, TrapEvent } from './events.ts';
import { cloneMachine, type Machine } from './machine.ts';
import type { Simulation } from './timeline.ts';

/** Runs one step and returns what happened; `mmu` replaces the machine's translation (see `Translate`). */
export function step(m: Machine, mmu: Translate = translate): MachineEvent[] {
  const pc = m.cpu.pc;
  const pa = (pc & 3) === 0 ? mmu(m, pc, Access.execute) : -1;
  const word = pa >= 0 && pa + 4 <= m.memory.length ? m.words[pa >>> 2]! >>> 0 : 0;
  const out: MachineEvent[] = [];
  const before = m.counters.instructions;
  execOne(m, out, mmu);
  if (out.length === 0 && m.counters.instructions > before) out.push({ type: 'retire', pc, word });
  return out;
}

/** Receives the events of `run`, each with the step it happened in and the virtual time after it. */
export type EventSink = (event: MachineEvent, step: number, time: number) => void;

/** Options of `run`. */
export interface RunOptions {
  /** Called for every event, in order. */
  onEvent?: EventSink;
  /** Translates every access instead of the machine's own MMU (see `Translate`). */
  translate?: Translate;
}

/** Why `run` returned. */
export type RunResult =
  /** `limit` steps ran. */
  | { readonly reason: 'limit'; readonly steps: number }
  /** The machine is halted for good. */
  | { readonly reason: 'stopped'; readonly steps: number }
  /** Exit trap mode: a trap or interrupt for the host to handle (the CPU's pc is where to resume). */
  | { readonly reason: 'exit'; readonly steps: number; readonly event: TrapEvent | InterruptEvent };

/** Runs up to `limit` steps (see the header); the steps taken and why it returned. */
export function run(m: Machine, limit: number, options: RunOptions = {}): RunResult {
  const onEvent = options.onEvent;
  const mmu = options.translate ?? translate;
  const exitMode = m.trapMode === 'exit';
  const out: MachineEvent[] = [];
  let n = 0;
  while (n < limit) {
    execOne(m, out, mmu);
    n++;
    if (out.length === 0) continue;
    let exit: TrapEvent | InterruptEvent | undefined;
    for (const event of out) {
      if (onEvent !== undefined) onEvent(event, m.steps - 1, m.time);
      if (exitMode && (event.type === 'trap' || event.type === 'interrupt')) exit = event;
    }
    out.length = 0;
    if (exit !== undefined) return { reason: 'exit', steps: n, event: exit };
    if (m.stopped) return { reason: 'stopped', steps: n };
  }
  return { reason: 'limit', steps: n };
}

/** A machine as a `Simulation`, for timelines: one step is one `execOne`. */
export const machineSimulation: Simulation<Machine, MachineEvent> = {
  clone: cloneMachine,
  step: execOne,
  isDone: (m) => m.stopped,
  time: (m) => m.time,
};
