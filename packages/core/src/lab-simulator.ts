/**
 * What a lab's simulator offers the TUI and `lab run`: a scenario recorded as frames that a
 * viewer steps through forwards and backwards, and questions for predict mode. Types only.
 *
 * A lab provides `src/simulate.ts` exporting `openScenario(id, seed?) → LabSimulation`. A frame
 * is everything a viewer shows at one step; every string a student reads comes in en and zh.
 */

/** A string in both languages. */
export interface Text {
  /** English. */
  en: string;
  /** Simplified Chinese. */
  zh: string;
}

/** A row of a viewer's table: a label and a value, already formatted. */
export interface Field {
  /** What it is. */
  label: Text;
  /** Its value, formatted (numbers, hex, names). */
  value: string;
}

/** Everything a viewer shows at one step of a scenario. */
export interface SimFrame {
  /** Step number (0 = before anything happened). */
  step: number;
  /** Virtual time, in ticks. */
  time: number;
  /** What happened at this step, one line. */
  event: Text;
  /** The kind of that event (for "next event of this kind"), e.g. `dispatch`, `timer`, `fault`. */
  kind: string;
  /** CPU registers and mode, as label/value rows. */
  cpu: Field[];
  /** Memory regions, programs, or whatever the lab shares out (one row each). */
  regions: Field[];
  /** Devices (disk, timer …). */
  devices: Field[];
  /** Counters (switches, traps by cause, utilisation …). */
  counters: Field[];
  /** The last few events before this step, oldest first. */
  recent: Text[];
}

/** A multiple-choice question about what happens at the next step (predict mode). */
export interface SimQuestion {
  /** The question. */
  prompt: Text;
  /** The choices, in order. */
  choices: Text[];
  /** Index of the right choice. */
  answer: number;
}

/** A recorded scenario. */
export interface LabSimulation {
  /** Scenario id. */
  scenario: string;
  /** Its title. */
  title: Text;
  /** Number of steps recorded (frames 0..length). */
  length: number;
  /** The frame after `k` steps, 0 <= k <= length. */
  frame(k: number): SimFrame;
  /**
   * The titles of the four panels, when this lab's differ from the viewer's own (CPU, Regions,
   * Devices, Counters): a container lab shows processes and cgroups, not registers. Each is
   * optional; a viewer uses its own title for any left out.
   */
  panels?: { cpu?: Text; regions?: Text; devices?: Text; counters?: Text };
  /** The event kinds that occur, for "next event of this kind". */
  kinds: string[];
  /** The first step after `k` whose event is of `kind`, or undefined. */
  nextOfKind(k: number, kind: string): number | undefined;
  /** A question about step k+1, asked at step k, or undefined when there is nothing to ask. */
  question(k: number): SimQuestion | undefined;
}
