/**
 * Application state: the scenarios opened. A lab's simulator runs the student's own code, so a
 * scenario is loaded afresh each time its screen opens (the trace is of the code as it is now);
 * an answer that arrives after a newer load of the same scenario was asked for is dropped.
 */

import type { LabSimulation } from '@virtlab/core';
import { useCallback, useRef, useState } from 'react';
import type { SimulationLoad } from './types.ts';

/** Loaded scenarios and a way to load one. */
export interface Simulations {
  /** A scenario's load state, if it was asked for. */
  get(labDir: string, scenario: string): SimulationLoad | undefined;
  /** Loads a scenario (again). */
  open(labDir: string, scenario: string): void;
}

const keyOf = (labDir: string, scenario: string) => `${labDir}\u0000${scenario}`;

/** Holds the scenarios; `openScenario` loads one. */
export function useSimulations(openScenario: (labDir: string, scenarioId: string) => Promise<LabSimulation>): Simulations {
  const [loads, setLoads] = useState<Record<string, SimulationLoad>>({});
  const latest = useRef(new Map<string, number>());

  const open = useCallback(
    (labDir: string, scenario: string) => {
      const key = keyOf(labDir, scenario);
      const ticket = (latest.current.get(key) ?? 0) + 1;
      latest.current.set(key, ticket);
      const settle = (load: SimulationLoad) => {
        if (latest.current.get(key) === ticket) setLoads((l) => ({ ...l, [key]: load }));
      };
      settle({ state: 'loading' });
      let loading: Promise<LabSimulation>;
      try {
        loading = openScenario(labDir, scenario);
      } catch (error) {
        loading = Promise.reject(error);
      }
      loading.then(
        (sim) => settle({ state: 'ready', sim }),
        (error: unknown) => settle({ state: 'failed', error: error instanceof Error ? error.message : String(error) }),
      );
    },
    [openScenario],
  );

  const get = useCallback((labDir: string, scenario: string) => loads[keyOf(labDir, scenario)], [loads]);
  return { get, open };
}
