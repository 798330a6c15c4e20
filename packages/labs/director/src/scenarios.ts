/**
 * Named setups the simulator steps through (given). A scenario file in scenarios/ says which
 * programs run, with which time slice and disk contents; `directorFromScenario` builds the Director.
 */

import { createDirector, type DirectorOptions } from './director.ts';
import { checksum, compute, ioBound, type Program, rogueWrite, spin, victim } from './programs.ts';
import type { Director } from './types.ts';

/** One program of a scenario, by kind. */
export type ScenarioProgram =
  | { kind: 'checksum'; name: string; seed: number; rounds: number }
  | { kind: 'compute'; name: string; n: number; yieldEvery?: number }
  | { kind: 'io'; name: string; sector: number; times: number }
  | { kind: 'spin'; name: string }
  | { kind: 'rogue-write'; name: string; address: number }
  | { kind: 'victim'; name: string; yields: number };

/** A scenario file's contents. */
export interface Scenario {
  /** Programs, in the order they first become ready. */
  programs: ScenarioProgram[];
  /** Time slice in ticks (0: none). */
  quantum?: number;
  /** Disk sectors to fill with a repeating byte pattern: sector → first byte. */
  disk?: Record<string, number>;
}

function diskOf(s: Scenario): Record<number, number[]> {
  const disk: Record<number, number[]> = {};
  for (const [sector, first] of Object.entries(s.disk ?? {})) disk[Number(sector)] = Array.from({ length: 512 }, (_, i) => (first + i) & 0xff);
  return disk;
}

/** The programs of a scenario, built from their kinds. */
export function programsOf(s: Scenario): Program[] {
  const disk = diskOf(s);
  return s.programs.map((p) => {
    switch (p.kind) {
      case 'checksum':
        return checksum(p.name, p.seed, p.rounds);
      case 'compute':
        return compute(p.name, p.n, p.yieldEvery ?? 0);
      case 'io':
        return ioBound(p.name, p.sector, p.times, disk);
      case 'spin':
        return spin(p.name);
      case 'rogue-write':
        return rogueWrite(p.name, p.address);
      case 'victim':
        return victim(p.name, p.yields);
      default:
        throw new Error(`unknown program kind in scenario: ${JSON.stringify(p)}`);
    }
  });
}

/** A Director set up as the scenario says, ready to run. */
export function directorFromScenario(s: Scenario): Director {
  const options: DirectorOptions = { quantum: s.quantum ?? 0, disk: diskOf(s) };
  return createDirector(programsOf(s), options);
}
