import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { fakeSimulation, KEY, renderApp } from './test-helpers.tsx';

afterEach(cleanup);

/** From the lab list to the simulator of the first step (its one scenario, 20 frames). */
const OPEN_SIM = [KEY.enter, KEY.enter, 's'];

describe('the simulator', () => {
  it('shows the current event, CPU rows, regions, devices, counters and the recent events', async () => {
    const app = renderApp();
    await app.press(...OPEN_SIM, ']');
    const frame = app.frame();
    expect(frame).toContain('Two programs taking turns');
    expect(frame).toContain('step 10/19 · t=100');
    expect(frame).toContain('▶ event number 10  [timer]');
    expect(frame).toMatch(/CPU\s+Regions/);
    expect(frame).toMatch(/pc\s+0x0068/);
    expect(frame).toMatch(/mode\s+user/);
    expect(frame).toMatch(/program A\s+0x1000–0x1fff/);
    expect(frame).toMatch(/Devices\s+Counters/);
    expect(frame).toMatch(/disk\s+busy/);
    expect(frame).toMatch(/switches\s+10/);
    expect(frame).toContain('Recent events');
    expect(frame).toContain('· event number 7');
    expect(frame).toContain('· event number 9');
  });

  it('titles the panels as the lab names them, in the chosen language, and keeps its own titles for the others', async () => {
    const panels = { cpu: { en: 'Processes', zh: '进程' }, regions: { en: 'cgroup tree', zh: 'cgroup 树' }, counters: { en: 'Tallies', zh: '计数' } };
    const open = (lang: 'en' | 'zh') => renderApp({ lang, openScenario: async (_dir, id) => ({ ...fakeSimulation(id), panels }) });
    const en = open('en');
    await en.press(...OPEN_SIM);
    expect(en.frame()).toMatch(/Processes\s+cgroup tree/);
    expect(en.frame()).toMatch(/Devices\s+Tallies/);
    expect(en.frame()).not.toMatch(/CPU\s+Regions/);
    en.unmount();
    const zh = open('zh');
    await zh.press(...OPEN_SIM);
    expect(zh.frame()).toMatch(/进程\s+cgroup 树/);
    expect(zh.frame()).toMatch(/设备\s+计数/);
  });

  it('steps forward and back and to the end', async () => {
    const app = renderApp();
    await app.press(...OPEN_SIM);
    expect(app.frame()).toContain('step 0/19');
    await app.press(KEY.right, 'n');
    expect(app.frame()).toContain('step 2/19');
    await app.press(KEY.left);
    expect(app.frame()).toContain('step 1/19');
    await app.press('p');
    expect(app.frame()).toContain('step 0/19');
    await app.press(KEY.left);
    expect(app.frame()).toContain('This is the first step.');
    await app.press(']');
    expect(app.frame()).toContain('step 10/19');
    await app.press('[');
    expect(app.frame()).toContain('step 0/19');
    await app.press('G');
    expect(app.frame()).toContain('step 19/19');
    expect(app.frame()).toContain('▶ event number 19');
    await app.press(KEY.right);
    expect(app.frame()).toContain('This is the last step.');
    await app.press('g');
    expect(app.frame()).toContain('step 0/19');
  });

  it('counts every key of a quick burst', async () => {
    const app = renderApp();
    await app.press(...OPEN_SIM);
    for (let i = 0; i < 5; i++) app.stdin.write('n');
    await app.press();
    expect(app.frame()).toContain('step 5/19');
  });

  it('e goes to the next event of the selected kind and k changes the kind', async () => {
    const app = renderApp();
    await app.press(...OPEN_SIM);
    expect(app.frame()).toContain('e: next “dispatch” event (k: change)');
    await app.press('e');
    expect(app.frame()).toContain('step 3/19');
    await app.press('k');
    expect(app.frame()).toContain('e: next “timer” event');
    await app.press('e');
    expect(app.frame()).toContain('step 4/19');
    await app.press('k', 'k', 'G', 'e');
    expect(app.frame()).toContain('No “dispatch” event after this step.');
  });

  it('predict mode asks, then shows the answer and the tally', async () => {
    const app = renderApp();
    await app.press(...OPEN_SIM, 'a');
    let frame = app.frame();
    expect(frame).toContain('What happens next?  right 0 · wrong 0');
    expect(frame).toContain('What kind of event comes next?');
    expect(frame).toMatch(/1\. dispatch\s*\n.*2\. timer\s*\n.*3\. fault/);
    expect(frame).toContain('answer with 1–3');
    await app.press(KEY.right);
    expect(app.frame()).toContain('step 0/19');
    expect(app.frame()).toContain('Answer first (1–3), or press a to leave predict mode.');
    await app.press('2');
    frame = app.frame();
    expect(frame).toContain('Right!');
    expect(frame).toContain('right 1 · wrong 0');
    expect(app.saved.at(-1)?.labs.director?.predictions).toEqual({ right: 1, wrong: 0 });
    await app.press(KEY.right);
    expect(app.frame()).toContain('step 1/19');
    expect(app.frame()).toContain('answer with 1–3');
    await app.press('1', '1');
    frame = app.frame();
    expect(frame).toContain('Not quite: the answer is 3. fault');
    expect(frame).toContain('right 1 · wrong 1');
    expect(app.saved.at(-1)?.labs.director?.predictions).toEqual({ right: 1, wrong: 1 });
    expect(app.saved).toHaveLength(2);
    await app.press('a');
    expect(app.frame()).not.toContain('What happens next?');
    expect(app.frame()).toContain('predict mode off');
  });

  it('Esc goes back to the step', async () => {
    const app = renderApp();
    await app.press(...OPEN_SIM, KEY.escape);
    expect(app.frame()).toContain("Step 1/2: Saving a program's context");
  });

  it('says why a scenario did not load, and Esc goes back', async () => {
    const app = renderApp({ openScenario: async () => Promise.reject(new Error('no scenarios/two-programs.json')) });
    await app.press(...OPEN_SIM);
    expect(app.frame()).toContain('The scenario could not be loaded: no scenarios/two-programs.json');
    await app.press(KEY.escape);
    expect(app.frame()).toContain("Step 1/2: Saving a program's context");
  });
});
