// The simulator (src/simulate.ts): the LabSimulation contract, determinism and seeking, on the stubs
// in src/ (what a student starts with) and on the reference solution, bundled in with esbuild the
// way `lab run` bundles a student's files.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LabSimulation, SimFrame, Text } from '@virtlab/core';
import { importLabBundle } from '@virtlab/grader';
import { beforeAll, describe, expect, it } from 'vitest';
import { resultOf, runDirector } from '../src/director.ts';
import { directorFromScenario } from '../src/scenarios.ts';
import { MAX_STEPS, openScenario, SCENARIOS } from '../src/simulate.ts';

const labDir = fileURLToPath(new URL('..', import.meta.url));
const manifest = JSON.parse(readFileSync(join(labDir, 'lab.json'), 'utf8')) as {
  editable: string[];
  scenarios: { id: string; title: Text; file: string }[];
};
const ids = manifest.scenarios.map((s) => s.id);

/** Every frame of a simulation, 0..length. */
function frames(sim: LabSimulation): SimFrame[] {
  return Array.from({ length: sim.length + 1 }, (_, k) => sim.frame(k));
}

/** Every string a student reads in a frame. */
function texts(frame: SimFrame): Text[] {
  return [frame.event, ...frame.recent, ...[frame.cpu, frame.regions, frame.devices, frame.counters].flat().map((f) => f.label)];
}

const CJK = /[\u3400-\u9fff\uff00-\uffef]/;

/** What the answer of a "What happens next?" question says the next frame's kind is. */
const KINDS_OF_OUTCOME = [['timer'], ['syscall'], ['fault'], ['disk', 'idle'], ['exit']];

/** Checks every question of `sim` against the frame that follows it; returns how many there were. */
function checkQuestions(sim: LabSimulation): number {
  let asked = 0;
  for (let k = 0; k < sim.length; k++) {
    const q = sim.question(k);
    if (q === undefined) continue;
    asked++;
    const next = sim.frame(k + 1);
    expect(q.answer, `question at ${k}`).toBeGreaterThanOrEqual(0);
    expect(q.answer).toBeLessThan(q.choices.length);
    expect(q.prompt.zh).toMatch(CJK);
    if (q.prompt.en === 'Which program runs next?') {
      expect(next.kind).toBe('dispatch');
      expect(next.event.en).toBe(`${q.choices[q.answer]!.en} runs`);
      expect(q.choices.length).toBeGreaterThanOrEqual(2);
    } else {
      expect(q.prompt.en).toMatch(/What happens next\?$/);
      expect(KINDS_OF_OUTCOME[q.answer]).toContain(next.kind);
    }
  }
  expect(sim.question(sim.length)).toBeUndefined();
  return asked;
}

describe('the scenarios', () => {
  it('are those of lab.json, with its titles, and hold exactly what scenarios/*.json hold', () => {
    expect(Object.keys(SCENARIOS).sort()).toEqual([...ids].sort());
    for (const s of manifest.scenarios) {
      expect(SCENARIOS[s.id]!.title, s.id).toEqual(s.title);
      expect(SCENARIOS[s.id]!.scenario, `${s.file} differs from its copy in src/simulate.ts`).toEqual(JSON.parse(readFileSync(join(labDir, s.file), 'utf8')));
    }
  });

  it('an unknown scenario is an error that names the ones there are', () => {
    expect(() => openScenario('nope')).toThrow(/unknown scenario "nope" \(scenarios: two-programs, compute-and-io, three-round-robin, rogue\)/);
  });
});

describe('the simulator on the stubs (src/)', () => {
  it.each(ids)('%s opens, has steps, and every frame fits the contract in English and Chinese', (id) => {
    const sim = openScenario(id);
    expect(sim.scenario).toBe(id);
    expect(sim.title).toEqual(SCENARIOS[id]!.title);
    expect(sim.length).toBeGreaterThanOrEqual(1);
    const all = frames(sim);
    expect(all[0]!.kind).toBe('start');
    all.forEach((f, k) => {
      expect(f.step).toBe(k);
      expect(f.recent.length).toBe(Math.min(k, 6));
      if (k > 0) expect(f.recent.at(-1)).toEqual(all[k - 1]!.event);
      if (k > 0) expect(f.time).toBeGreaterThanOrEqual(all[k - 1]!.time);
      expect(f.cpu.map((r) => r.label.en)).toEqual(expect.arrayContaining(['pc', 'mode', 'flags ZNCV', 'r0', 'r7', 'sp (r15)']));
      expect(f.regions.length).toBe(SCENARIOS[id]!.scenario.programs.length);
      for (const t of texts(f)) {
        expect(t.en, `step ${k}`).not.toBe('');
        expect(t.zh, `step ${k}`).not.toBe('');
      }
      expect(f.event.zh, `step ${k}: ${f.event.en}`).toMatch(CJK);
    });
    for (const kind of sim.kinds) expect(all.some((f) => f.kind === kind)).toBe(true);
    // The stubs restore no context: each program starts at the Director's pc 0 and is killed there.
    expect(all.at(-1)!.event.en).toBe('every program is done or killed: the Director stops');
    checkQuestions(sim);
  });

  it.each(ids)('%s gives the same frames and questions every time, for any seed', (id) => {
    const record = (sim: LabSimulation) => JSON.stringify({ frames: frames(sim), questions: frames(sim).map((_, k) => sim.question(k)), kinds: sim.kinds });
    const once = record(openScenario(id));
    expect(record(openScenario(id))).toBe(once);
    expect(record(openScenario(id, 7))).toBe(once);
  });

  it.each(ids)('%s ends where runDirector ends, tick for tick', (id) => {
    const sim = openScenario(id);
    const last = sim.frame(sim.length);
    const r = resultOf(runDirector(directorFromScenario(SCENARIOS[id]!.scenario)));
    expect(last.time).toBe(r.elapsed);
    expect(last.regions.map((row) => row.label.en.split(' · ').slice(0, 1).concat(row.label.en.split(' · ').at(-1)!))).toEqual(
      r.programs.map((p) => [p.name, `${p.ticks} tick${p.ticks === 1 ? '' : 's'}`]),
    );
  });
});

type Bundle = typeof import('../src/simulate.ts') &
  Pick<typeof import('../src/director.ts'), 'runDirector' | 'resultOf'> &
  Pick<typeof import('../src/scenarios.ts'), 'directorFromScenario'>;
/** src/simulate.ts (and runDirector) bundled with `files` (editable path → text) in place of the lab's own. */
async function bundleWith(files: ReadonlyMap<string, string>): Promise<Bundle> {
  const loaded = await importLabBundle(labDir, { contents: `export * from './src/simulate.ts'; export { runDirector, resultOf } from './src/director.ts'; export { directorFromScenario } from './src/scenarios.ts';` }, { name: 'simulate-test', files });
  if (!loaded.ok) throw new Error(loaded.error);
  return loaded.module as unknown as Bundle;
}

/** The reference solution's editable files, with `mutant`'s files (mutants/<name>/src/) in place of some. */
function solutionFiles(mutant?: string): Map<string, string> {
  const files = new Map(manifest.editable.map((path) => [path, readFileSync(join(labDir, 'solution', path), 'utf8')]));
  if (mutant !== undefined) for (const file of readdirSync(join(labDir, 'mutants', mutant, 'src'))) files.set(`src/${file}`, readFileSync(join(labDir, 'mutants', mutant, 'src', file), 'utf8'));
  return files;
}

/** Checks that the recording of `id` ends where runDirector ends, tick for tick. */
function endsLikeRunDirector(b: Bundle, id: string): void {
  const sim = b.openScenario(id);
  const last = sim.frame(sim.length);
  // A recording cut at MAX_STEPS ends after a turn: runDirector with that many ticks ends there too.
  const r = b.resultOf(b.runDirector(b.directorFromScenario(SCENARIOS[id]!.scenario), sim.length === MAX_STEPS ? last.time : undefined));
  expect(last.time).toBe(r.elapsed);
  expect(last.regions.map((row) => row.label.en)).toEqual(
    r.programs.map((p) => expect.stringMatching(new RegExp(`^${p.name} · ${p.state}.* · ${p.ticks} ticks?$`))),
  );
  expect(last.counters.find((c) => c.label.en === 'dispatches')!.value).toBe(String(r.stats.switches));
}

describe('the simulator on the reference solution', () => {
  let sol: Bundle;

  beforeAll(async () => {
    sol = await bundleWith(solutionFiles());
  });

  it('two-programs: alpha and beta take turns at each yield and both end done', () => {
    const sim = sol.openScenario('two-programs');
    const all = frames(sim);
    expect(all.slice(0, 5).map((f) => [f.step, f.time, f.kind, f.event.en])).toEqual([
      [0, 0, 'start', 'start: alpha, beta ready (no time slice)'],
      [1, 0, 'dispatch', 'alpha runs'],
      [2, 9, 'syscall', 'alpha yields after 9 ticks'],
      [3, 9, 'dispatch', 'beta runs'],
      [4, 18, 'syscall', 'beta yields after 9 ticks'],
    ]);
    expect(all[2]!.event.zh).toBe('alpha 运行 9 tick 后让出 CPU');
    expect(all.at(-1)!.regions.map((r) => r.label.en.split(' · ')[1])).toEqual([
      expect.stringMatching(/^done \(exit -?\d+\)$/),
      expect.stringMatching(/^done \(exit -?\d+\)$/),
    ]);
    expect(sim.kinds).toEqual(['dispatch', 'syscall', 'exit', 'end']);
    const exit = sim.nextOfKind(0, 'exit')!;
    expect(sim.frame(exit).kind).toBe('exit');
    expect(sim.nextOfKind(sim.length, 'dispatch')).toBeUndefined();
  });

  it('compute-and-io: the reader waits for the disk while the cruncher computes', () => {
    const sim = sol.openScenario('compute-and-io');
    expect(frames(sim).slice(1, 5).map((f) => f.event.en)).toEqual([
      'reader runs',
      'reader reads sector 3 and waits for the disk',
      'cruncher runs',
      'disk transfer done: reader is ready (it interrupts cruncher)',
    ]);
    const busy = sim.frame(3);
    expect(busy.devices[0]!.label.en).toBe('disk busy: done in (ticks)');
    expect(busy.devices[1]!.value).toBe('reader');
  });

  it('three-round-robin: the timer takes the CPU back from the hog; the recording stops at MAX_STEPS', () => {
    const sim = sol.openScenario('three-round-robin');
    expect(sim.length).toBe(MAX_STEPS);
    expect(sim.frame(2).event.en).toBe('timer interrupts hog after 51 ticks; hog goes to the back of the ready queue');
    expect(sim.frame(3).event.en).toBe('one runs');
    expect(sim.frame(sim.length).regions.map((r) => r.label.en.split(' · ')[1])).toEqual(['ready #1', 'done (exit 400)', 'done (exit 600)']);
  });

  it('rogue: the protection fault stops the rogue, and only it', () => {
    const sim = sol.openScenario('rogue');
    expect(sim.frame(2).event).toEqual({
      en: 'protection fault: rogue writes 0x1010 outside its region, rogue is stopped',
      zh: '保护故障：rogue 写 0x1010，超出其区域；rogue 被终止',
    });
    expect(sim.question(1)).toEqual({
      prompt: { en: 'rogue has the CPU. What happens next?', zh: 'rogue 正在使用 CPU。接下来会发生什么？' },
      choices: expect.any(Array),
      answer: 2,
    });
    expect(sim.question(2)?.choices.map((c) => c.en)).toEqual(['rogue', 'victim']);
    expect(sim.frame(sim.length).regions.map((r) => r.label.en.split(' · ')[1])).toEqual(['killed', 'done (exit 73408)']);
  });

  it.each(ids)('%s: every question is answered by the frame that follows it', (id) => {
    const sim = sol.openScenario(id);
    expect(checkQuestions(sim)).toBeGreaterThan(sim.length / 2);
  });

  it.each(ids)('%s: seeking back gives the frame seen before, byte for byte', (id) => {
    const sim = sol.openScenario(id);
    const points = [0, 1, 30, 31, 32, 33, 63, 64, 65, sim.length - 5].filter((k) => k >= 0 && k + 5 <= sim.length);
    for (const k of points) {
      const first = JSON.stringify(sim.frame(k));
      sim.frame(k + 5);
      expect(JSON.stringify(sim.frame(k)), `frame ${k}`).toBe(first);
    }
  });

  it.each(ids)('%s: the recording ends where runDirector ends, tick for tick', (id) => {
    endsLikeRunDirector(sol, id);
  });
});

describe('the simulator on a Director whose control blocks share the CPU’s registers (mutant regs-shared)', () => {
  it.each(ids)('%s: snapshots keep that sharing: the frames are the same whether replayed from every step, every 32 or the start', async (id) => {
    const b = await bundleWith(solutionFiles('regs-shared'));
    const seen = (snapshotEvery: number) => {
      const sim = b.openScenario(id, 0, { snapshotEvery });
      return Array.from({ length: Math.min(sim.length, 200) + 1 }, (_, k) => JSON.stringify(sim.frame(k)));
    };
    const fromStart = seen(1_000_000);
    expect(seen(1)).toEqual(fromStart);
    expect(seen(32)).toEqual(fromStart);
    endsLikeRunDirector(b, id);
  });
});
