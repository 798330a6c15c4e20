// The simulator (src/simulate.ts): the LabSimulation contract, determinism and seeking, on the stubs
// in src/ (what a student starts with), on a policy whose every function throws, and on the
// reference solution, bundled in with esbuild the way `lab run` bundles a student's files; and the
// reference solution's frames show the outcomes virtualization-reference.md lists for Lab 5.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Field, LabSimulation, SimFrame, Text } from '@virtlab/core';
import { importLabBundle } from '@virtlab/grader';
import { beforeAll, describe, expect, it } from 'vitest';
import { KIND_TEXT, MAX_STEPS, openScenario, SCENARIOS } from '../src/simulate.ts';

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

/** The value of the row labelled `label` (in English), or undefined. */
const rowValue = (rows: readonly Field[], label: string) => rows.find((r) => r.label.en === label)?.value;

/** CPU used so far by each process, by name, from the Processes panel ("3 leak · running" | "/jobs/batch · 257 ms"). */
function cpuMs(frame: SimFrame): Map<string, number> {
  return new Map(frame.cpu.map((r) => [r.label.en.split(' · ')[0]!.split(' ').slice(1).join(' '), Number(/(\d+) ms$/.exec(r.value)?.[1])]));
}

/** The state of process `name` in a frame, in English. */
const stateOf = (frame: SimFrame, name: string) => frame.cpu.find((r) => r.label.en.split(' · ')[0]!.endsWith(` ${name}`))?.label.en.split(' · ')[1];

/** The row of the cgroup tree that follows cgroup `name`'s own row and is about `controller` ("[memory]"). */
function controllerRow(frame: SimFrame, name: string, controller: string): string | undefined {
  const at = frame.regions.findIndex((r) => r.label.en.trim() === name);
  return frame.regions.slice(at + 1).find((r) => r.label.en.trim() === `[${controller}]`)?.value;
}

/** Bytes from "current 63.8M" in a memory row. */
function currentBytes(row: string | undefined): number {
  const m = /current ([\d.]+)([MK]?)/.exec(row ?? '');
  if (m === null) return Number.NaN;
  return Number(m[1]) * (m[2] === 'M' ? 1 << 20 : m[2] === 'K' ? 1024 : 1);
}

/** Checks every question of `sim` against the frame that follows it; returns how many there were. */
function checkQuestions(sim: LabSimulation): number {
  let asked = 0;
  for (let k = 0; k < sim.length; k++) {
    const q = sim.question(k);
    if (q === undefined) continue;
    asked++;
    const now = sim.frame(k);
    const next = sim.frame(k + 1);
    const chosen = q.choices[q.answer]!;
    const where = `question at ${k}: ${q.prompt.en} → ${chosen.en}; next: ${next.event.en}`;
    expect(q.answer, where).toBeGreaterThanOrEqual(0);
    expect(q.answer, where).toBeLessThan(q.choices.length);
    expect(q.choices.length, where).toBeGreaterThanOrEqual(2);
    expect(q.choices.length, where).toBeLessThanOrEqual(9);
    expect(new Set(q.choices.map((c) => c.en)).size, where).toBe(q.choices.length);
    expect(q.prompt.zh, where).toMatch(CJK);
    expect(next.kind, where).not.toBe('error');
    const p = q.prompt.en;
    if (p === 'What happens next?') {
      expect(chosen, where).toEqual(KIND_TEXT[next.kind]);
    } else if (p === 'Which process gets the most CPU time in the next step?') {
      const before = cpuMs(now);
      const gained = [...cpuMs(next)].map(([name, ms]) => [name, ms - (before.get(name) ?? 0)] as const).sort((a, b) => b[1] - a[1]);
      expect(gained[0]![0], where).toBe(chosen.en);
      expect(gained[1]?.[1] ?? -1, where).toBeLessThan(gained[0]![1]);
    } else if (p.endsWith('Which process will the OOM killer kill?')) {
      expect(next.kind, where).toBe('oom');
      expect(next.event.en, where).toContain(`the OOM killer picks ${chosen.en} (`);
    } else if (/What does getpid\(\) return in \S+\?$/.test(p)) {
      expect(next.event.en, where).toContain(`it is PID ${chosen.en}`);
    } else if (p.endsWith('Which hostname does the host see afterwards?')) {
      expect(rowValue(next.devices, 'hostname (host)'), where).toBe(chosen.en);
    } else if (/what happens to .+\?$/.test(p)) {
      expect(/is killed \(SIGKILL\)/.test(next.event.en), where).toBe(q.answer === 1);
    } else {
      expect(p, where).toMatch(/: what happens\?$/);
      if (chosen.en === 'it succeeds') expect(['refused', 'fork-failed'], where).not.toContain(next.kind);
      else {
        const errno = chosen.en.replace('it fails with ', '');
        expect(['refused', 'fork-failed'], where).toContain(next.kind);
        expect(next.event.en, where).toContain(`: ${errno}:`);
      }
    }
  }
  expect(sim.question(sim.length)).toBeUndefined();
  expect(sim.question(-1)).toBeUndefined();
  return asked;
}

/** Checks the contract on every frame of `sim`. */
function checkContract(sim: LabSimulation, id: string): SimFrame[] {
  expect(sim.scenario).toBe(id);
  expect(sim.title).toEqual(SCENARIOS[id]!.title);
  expect(sim.length).toBeGreaterThanOrEqual(1);
  expect(sim.length).toBeLessThanOrEqual(MAX_STEPS);
  for (const title of Object.values(sim.panels ?? {})) {
    expect(title.en).not.toBe('');
    expect(title.zh).not.toBe('');
  }
  expect(sim.panels?.cpu).toEqual({ en: 'Processes', zh: '进程' });
  const all = frames(sim);
  expect(all[0]!.kind).toBe('start');
  const cpus = SCENARIOS[id]!.scenario.cpus;
  all.forEach((f, k) => {
    expect(f.step).toBe(k);
    expect(f.recent.length).toBe(Math.min(k, 6));
    if (k > 0) expect(f.recent.at(-1)).toEqual(all[k - 1]!.event);
    if (k > 0) expect(f.time).toBeGreaterThanOrEqual(all[k - 1]!.time);
    if (k > 0) expect(sim.kinds).toContain(f.kind);
    expect(f.regions[0]!.label.en).toBe('/');
    expect(f.devices.slice(0, cpus).map((r) => r.label.en)).toEqual(Array.from({ length: cpus }, (_, i) => `CPU ${i}`));
    for (const t of texts(f)) {
      expect(t.en, `step ${k}`).not.toBe('');
      expect(t.zh, `step ${k}`).not.toBe('');
    }
    for (const row of [f.cpu, f.regions, f.devices, f.counters].flat()) expect(row.value, `step ${k}: ${row.label.en}`).not.toBe('');
    expect(f.event.zh, `step ${k}: ${f.event.en}`).toMatch(CJK);
  });
  for (const kind of sim.kinds) expect(all.some((f) => f.kind === kind)).toBe(true);
  expect(() => sim.frame(sim.length + 1)).toThrow(RangeError);
  const first = sim.kinds[0]!;
  const at = sim.nextOfKind(0, first)!;
  expect(sim.frame(at).kind).toBe(first);
  expect(all.slice(1, at).some((f) => f.kind === first)).toBe(false);
  expect(sim.nextOfKind(sim.length, first)).toBeUndefined();
  return all;
}

/** The frames, questions and kinds of a simulation as one string. */
const recording = (sim: LabSimulation) =>
  JSON.stringify({ frames: frames(sim), questions: frames(sim).map((_, k) => sim.question(k)), kinds: sim.kinds, panels: sim.panels, length: sim.length });

describe('the scenarios', () => {
  it('are those of lab.json, with its titles, and hold exactly what scenarios/*.json hold', () => {
    expect(Object.keys(SCENARIOS).sort()).toEqual([...ids].sort());
    for (const s of manifest.scenarios) {
      expect(SCENARIOS[s.id]!.title, s.id).toEqual(s.title);
      expect(SCENARIOS[s.id]!.scenario, `${s.file} differs from its copy in src/simulate.ts`).toEqual(JSON.parse(readFileSync(join(labDir, s.file), 'utf8')));
    }
  });

  it('an unknown scenario is an error that names the ones there are', () => {
    expect(() => openScenario('nope')).toThrow(`unknown scenario "nope" (scenarios: ${Object.keys(SCENARIOS).join(', ')})`);
  });
});

describe('the simulator on the stubs (src/)', () => {
  it.each(ids)('%s opens, has steps, and every frame fits the contract in English and Chinese', (id) => {
    const sim = openScenario(id);
    const all = checkContract(sim, id);
    // The stubs throw nothing: they accept and change nothing, so nothing is an error.
    expect(all.filter((f) => f.kind === 'error').map((f) => f.event.en)).toEqual([]);
    checkQuestions(sim);
  });

  it.each(ids)('%s gives the same frames and questions every time, for any seed', (id) => {
    const once = recording(openScenario(id));
    expect(recording(openScenario(id))).toBe(once);
    expect(recording(openScenario(id, 7))).toBe(once);
  });
});

type Bundle = typeof import('../src/simulate.ts');
/** src/simulate.ts bundled with `files` (editable path → text) in place of the lab's own. */
async function bundleWith(files: ReadonlyMap<string, string>): Promise<Bundle> {
  const loaded = await importLabBundle(labDir, { contents: `export * from './src/simulate.ts';` }, { name: 'simulate-test', files });
  if (!loaded.ok) throw new Error(loaded.error);
  return loaded.module as unknown as Bundle;
}

/** The reference solution's editable files. */
function solutionFiles(): Map<string, string> {
  return new Map(manifest.editable.map((path) => [path, readFileSync(join(labDir, 'solution', path), 'utf8')]));
}

/** The policy's functions, by file: a student's code that throws in every one of them. */
const POLICY_FUNCTIONS: Record<string, string[]> = {
  'src/hierarchy.ts': ['writeSubtreeControl', 'migrate', 'populated'],
  'src/cpu-weight.ts': ['cpuShares'],
  'src/cpu-max.ts': ['periodTimer', 'throttledBy', 'chargeCpu'],
  'src/memory.ts': ['chargeMemory', 'memoryEvents'],
  'src/pids.ts': ['pidsCurrent', 'chargePids'],
  'src/namespaces.ts': ['allocNsPids', 'onExit', 'sethostname'],
};

/** The reference solution with every policy function replaced by one that throws a TypeError. */
function throwingFiles(): Map<string, string> {
  return new Map(
    Object.entries(POLICY_FUNCTIONS).map(([path, names]) => [
      path,
      `export * from '../solution/${path}';\n${names.map((n) => `export function ${n}() { throw new TypeError('${n} is broken'); }`).join('\n')}\n`,
    ]),
  );
}

describe('src/simulate.ts bundled on its own', () => {
  it.each(ids)('%s: with the stubs, as `lab run` bundles it, gives the frames the sources give', async (id) => {
    const b = await bundleWith(new Map());
    expect(recording(b.openScenario(id))).toBe(recording(openScenario(id)));
  });

  it.each(ids)('%s: with code that throws everywhere, every step still makes a frame and the errors are shown', async (id) => {
    const b = await bundleWith(throwingFiles());
    const sim = b.openScenario(id);
    const all = checkContract(sim, id);
    const errors = all.filter((f) => f.kind === 'error');
    expect(errors.length).toBeGreaterThan(0);
    for (const f of errors) {
      expect(f.event.en).toMatch(/your code threw TypeError: \w+ is broken/);
      expect(f.event.zh).toMatch(/你的代码抛出了 TypeError/);
    }
    // One frame per operation, and one for each run (cut short by the first tick's error).
    expect(sim.length).toBe(SCENARIOS[id]!.scenario.ops.length);
    expect(all.flatMap((f) => [...f.regions, ...f.counters]).some((r) => r.value.includes('⚠ TypeError'))).toBe(true);
    checkQuestions(sim);
  });
});

describe('the simulator on the reference solution', () => {
  let sol: Bundle;

  beforeAll(async () => {
    sol = await bundleWith(solutionFiles());
  });

  it.each(ids)('%s: fits the contract, has no error, and every question is answered by the frame that follows it', (id) => {
    const sim = sol.openScenario(id);
    const all = checkContract(sim, id);
    expect(all.filter((f) => f.kind === 'error')).toEqual([]);
    expect(checkQuestions(sim)).toBeGreaterThan(sim.length / 2);
  });

  it.each(ids)('%s: the same frames every time, for any seed; seeking back gives the frame seen before, byte for byte', (id) => {
    const sim = sol.openScenario(id);
    expect(recording(sol.openScenario(id, 3))).toBe(recording(sim));
    for (const k of [0, 1, 2, 10, 31, 32, 33, 64, sim.length - 5].filter((k) => k >= 0 && k + 5 <= sim.length)) {
      const first = JSON.stringify(sim.frame(k));
      sim.frame(k + 5);
      sim.frame(sim.length);
      expect(JSON.stringify(sim.frame(k)), `frame ${k}`).toBe(first);
    }
  });

  it('hierarchy: the refused writes with their errno, the move to a leaf, populated going up and down', () => {
    const all = frames(sol.openScenario('hierarchy'));
    expect(all.filter((f) => f.kind === 'refused').map((f) => /^(.*?): (E[A-Z]+):/.exec(f.event.en)!.slice(1))).toEqual([
      ['echo +memory > A/cgroup.subtree_control', 'EBUSY'],
      ['echo +memory > A/leaf/cgroup.subtree_control', 'ENOENT'],
      ['echo $web > A/cgroup.procs', 'EBUSY'],
      ['echo -cpu > A/cgroup.subtree_control', 'EBUSY'],
      ['echo memory > A/cgroup.subtree_control', 'EINVAL'],
      ['rmdir A', 'EBUSY'],
    ]);
    expect(all.find((f) => f.event.en.startsWith('echo $web > A/leaf/cgroup.procs'))!.event.en).toBe(
      'echo $web > A/leaf/cgroup.procs: web (pid 1) moves from /A to /A/leaf; /A/leaf: populated becomes 1',
    );
    expect(all.find((f) => f.event.en.startsWith('echo $web > cgroup.procs'))!.event.en).toBe(
      'echo $web > cgroup.procs: web (pid 1) moves from /A/leaf to /; /A: populated becomes 0; /A/leaf: populated becomes 0',
    );
    // cgroup.events changes are logged as they happen, so they come with the operation that caused them.
    const populated = all.map((f) => f.event.en.split('; ').filter((s) => s.includes('populated becomes'))).filter((p) => p.length > 0);
    expect(populated).toEqual([
      ['/: populated becomes 1', '/A: populated becomes 1'],
      ['/A/leaf: populated becomes 1'],
      ['/A: populated becomes 0', '/A/leaf: populated becomes 0'],
      ['/: populated becomes 0'],
    ]);
    expect(all.at(-1)!.regions.map((r) => r.label.en)).toEqual(['/']);
    expect(all.at(-1)!.event.zh).toBe('rmdir A：删除了 cgroup /A');
  });

  it('weights-100-300: one CPU shared 1:3, about 25% and 75% after a second', () => {
    const sim = sol.openScenario('weights-100-300');
    const last = sim.frame(sim.length);
    expect(last.time).toBe(1000);
    expect(Number(rowValue(last.counters, '/low usage_usec'))).toBeCloseTo(250_000, -4);
    expect(Number(rowValue(last.counters, '/high usage_usec'))).toBeCloseTo(750_000, -4);
    expect(controllerRow(last, 'low', 'cpu')).toBe('usage 25.0% · weight 100');
    expect(controllerRow(last, 'high', 'cpu')).toBe('usage 75.0% · weight 300');
    expect(cpuMs(last)).toEqual(new Map([['low', 250], ['high', 750]]));
  });

  it('nested-weights: shares multiply, a and b 25% each and q 50%', () => {
    const sim = sol.openScenario('nested-weights');
    const last = sim.frame(sim.length);
    const used = cpuMs(last);
    expect(used.get('a')).toBeCloseTo(250, -1);
    expect(used.get('b')).toBeCloseTo(250, -1);
    expect(used.get('q')).toBeCloseTo(500, -1);
    expect(Number(rowValue(last.counters, '/P usage_usec'))).toBeCloseTo(500_000, -4);
  });

  it('quota-half: 10 periods, 10 throttled, about 500000 µs throttled and 500000 µs used in a second', () => {
    const sim = sol.openScenario('quota-half');
    const all = frames(sim);
    const last = all.at(-1)!;
    expect(rowValue(last.counters, '/half nr_periods')).toBe('10');
    expect(rowValue(last.counters, '/half nr_throttled')).toBe('10');
    expect(Number(rowValue(last.counters, '/half throttled_usec'))).toBeCloseTo(500_000, -4);
    expect(Number(rowValue(last.counters, '/half usage_usec'))).toBeCloseTo(500_000, -4);
    const throttled = all.filter((f) => f.kind === 'throttled');
    expect(throttled.map((f) => f.time)).toEqual([51, 151, 251, 351, 451, 551, 651, 751, 851, 951]);
    expect(throttled[0]!.event.en).toMatch(/^\/half is throttled: its cpu\.max quota \(50000 µs per 100000 µs\) is used up/);
    expect(controllerRow(throttled[0]!, 'half', 'cpu')).toMatch(/^THROTTLED · /);
    expect(stateOf(all[throttled[0]!.step + 1]!, 'hog')).toBe('throttled (cpu.max)');
  });

  it("parent-quota: two unlimited children on two CPUs use half a CPU between them, capped by their parent's quota", () => {
    const sim = sol.openScenario('parent-quota');
    const last = sim.frame(sim.length);
    const a = Number(rowValue(last.counters, '/parent/a usage_usec'));
    const b = Number(rowValue(last.counters, '/parent/b usage_usec'));
    expect(a + b).toBeLessThanOrEqual(500_000);
    expect(a + b).toBeGreaterThan(450_000);
    expect(rowValue(last.counters, '/parent nr_throttled')).toBe('10');
    expect(rowValue(last.counters, '/parent/a nr_throttled')).toBeUndefined();
  });

  it("oom: the OOM killer kills the allocating process inside its cgroup; the parent's memory.events counts it, its .local does not", () => {
    const sim = sol.openScenario('oom');
    const all = frames(sim);
    const ooms = all.filter((f) => f.kind === 'oom');
    expect(ooms).toHaveLength(1);
    const oom = ooms[0]!;
    expect(oom.event.en).toMatch(/the OOM killer picks leak \(pid 3\) in \/jobs\/batch: memory\.max 64M reached; leak \(pid 3\) is killed \(SIGKILL\): by the OOM killer/);
    expect(sim.question(oom.step - 1)).toEqual({ prompt: expect.any(Object), choices: ['web', 'shell', 'leak'].map((n) => ({ en: n, zh: n })), answer: 2 });
    const last = all.at(-1)!;
    expect(rowValue(last.counters, '/jobs/batch oom_kill')).toBe('1 · local 1');
    expect(rowValue(last.counters, '/jobs/batch oom')).toBe('1 · local 1');
    expect(rowValue(last.counters, '/jobs/batch max')).toMatch(/^[1-9]\d* · local [1-9]/);
    expect(rowValue(last.counters, '/jobs oom_kill')).toBe('1 · local 0');
    expect(stateOf(last, 'leak')).toBe('killed (OOM)');
    expect(stateOf(last, 'web')).toBe('running');
    for (const f of all) expect(currentBytes(controllerRow(f, 'batch', 'memory')) || 0).toBeLessThanOrEqual(64 << 20);
    expect(controllerRow(last, 'batch', 'memory')).toBe('OOM · current 0 · max 64M');
  });

  it('high-throttle: memory.high counts high events and holds back, never kills; page cache keeps usage near 64M', () => {
    const sim = sol.openScenario('high-throttle');
    const all = frames(sim);
    expect(sim.kinds).not.toContain('oom');
    expect(sim.kinds).not.toContain('kill');
    const last = all.at(-1)!;
    expect(Number(rowValue(last.counters, '/box high')!.split(' ')[0])).toBeGreaterThan(100);
    expect(rowValue(last.counters, '/box oom_kill')).toBeUndefined();
    expect(all.filter((f) => f.kind === 'memory-high').length).toBeGreaterThan(5);
    expect(all.find((f) => f.kind === 'memory-high')!.event.en).toMatch(/^builder \(pid 2\) is held back 10 ms: \/box is over memory\.high \(64M\)/);
    // Page cache only (the reader alone, then again once the builder is gone and the cache has grown back): usage stays at memory.high.
    const cacheOnly = all.filter((f) => (f.time >= 270 && f.time <= 300) || f.time >= 900);
    expect(cacheOnly.length).toBeGreaterThan(10);
    for (const f of cacheOnly) expect(currentBytes(controllerRow(f, 'box', 'memory')), `t=${f.time}`).toBeGreaterThan(62 << 20);
    for (const f of cacheOnly) expect(currentBytes(controllerRow(f, 'box', 'memory')), `t=${f.time}`).toBeLessThanOrEqual(64 << 20);
    expect(controllerRow(last, 'box', 'memory')).toBe('current 64M · high 64M');
    expect(stateOf(last, 'builder')).toBe('exited 0');
  });

  it('fork-bomb: forks fail with EAGAIN at pids.max 5, a new thread too; lowering pids.max kills nothing', () => {
    const sim = sol.openScenario('fork-bomb');
    const all = frames(sim);
    expect(all.filter((f) => f.kind === 'fork-failed').length).toBeGreaterThan(3);
    const thread = all.find((f) => f.event.en.startsWith('bomb: pthread_create()'))!;
    expect(thread.kind).toBe('fork-failed');
    expect(thread.event.en).toMatch(/: EAGAIN:/);
    const eventsMax = (f: SimFrame) => Number(rowValue(f.counters, '/bomb pids.events max'));
    expect(eventsMax(thread)).toBe(eventsMax(all[thread.step - 1]!) + 1);
    const last = all.at(-1)!;
    expect(controllerRow(last, 'bomb', 'pids')).toBe('current 5 · max 2');
    expect(sim.kinds).not.toContain('kill');
  });

  it('pid-namespace: the child after unshare(CLONE_NEWPID) is PID 1 inside; the host keeps its hostname; init exits and the worker dies', () => {
    const sim = sol.openScenario('pid-namespace');
    const all = frames(sim);
    const last = all.at(-1)!;
    expect(last.cpu.map((r) => [r.label.en, r.value.replace(/ · \d+ ms$/, '')])).toEqual([
      ['1 shell · sleeping', '/'],
      ['2 container-init · exited 0', 'ns1 pid 1 · /'],
      ['3 worker · killed (init exited)', 'ns1 pid 2 · /'],
    ]);
    expect(rowValue(last.devices, 'hostname (host)')).toBe('host');
    expect(rowValue(last.devices, 'hostname (UTS ns 2)')).toBe('box');
    expect(rowValue(last.devices, 'PID ns 1 (dead)')).toBe('init 2 · procs —');
    const exit = all.find((f) => f.kind === 'exit')!;
    expect(exit.event.en).toBe('container-init (pid 2) exits with code 0; worker (pid 3) is killed (SIGKILL): the init of its PID namespace exited');
    expect(sim.question(exit.step - 1)?.answer).toBe(1);
    expect(all[exit.step + 1]!.event.en).toMatch(/^shell: fork\(\) → late: ENOMEM:/);
  });

  it('container: namespaces plus a cgroup — PID 1 and its own hostname inside, held to 20 % of the CPU, 16M and 5 tasks, its neighbour untouched', () => {
    const all = frames(sol.openScenario('container'));
    const last = all.at(-1)!;
    expect(last.time).toBe(300);
    expect(rowValue(last.cpu, '3 container-init · sleeping')).toBe('ns1 pid 1 · /box · 0 ms');
    expect(rowValue(last.devices, 'hostname (UTS ns 2)')).toBe('box');
    expect(rowValue(last.devices, 'hostname (host)')).toBe('host');
    expect(controllerRow(last, 'box', 'cpu')).toBe('usage 20.0% · weight 100 · max 20000 100000');
    expect(rowValue(last.counters, '/box oom_kill')).toBe('1 · local 1');
    expect(rowValue(last.counters, '/box pids.events max')).toBe('3');
    expect(rowValue(last.cpu, '5 leak · killed (OOM)')).toMatch(/^ns1 pid 3 · \/box/);
    expect(rowValue(last.cpu, '2 neighbour · running')).toBe('/ · 240 ms');
  });
});
