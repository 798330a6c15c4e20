import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { FAILING, fakeWatch, KEY, LAB, PASSING, renderApp } from './test-helpers.tsx';

afterEach(cleanup);

/** From the lab list to the first step of the first lab. */
const OPEN_STEP = [KEY.enter, KEY.enter];

describe('the step screen', () => {
  it('shows the step page rendered from markdown, with the lab progress bar', async () => {
    const app = renderApp();
    await app.press(...OPEN_STEP);
    const frame = app.frame();
    expect(frame).toContain("Step 1/2: Saving a program's context");
    expect(frame).toContain("Step 1 — Saving a program's context");
    expect(frame).not.toContain('# Step 1');
    expect(frame).toContain('two functions');
    expect(frame).not.toContain('**');
    expect(frame).toContain('] 0/2 steps · 0/100 pts');
  });

  it('↓, j and PgDn scroll the page; ↑ scrolls back', async () => {
    const app = renderApp();
    await app.press(...OPEN_STEP);
    expect(app.frame()).toMatch(/1–\d+\/\d+/);
    await app.press(KEY.down, 'j');
    expect(app.frame()).toMatch(/3–\d+\/\d+/);
    await app.press(KEY.up);
    expect(app.frame()).toMatch(/2–\d+\/\d+/);
    expect(app.frame()).not.toContain('THE END OF THE PAGE');
    for (let i = 0; i < 60; i++) app.stdin.write('\u001B[6~');
    await app.press('j');
    expect(app.frame()).toContain('THE END OF THE PAGE');
  });

  it('t runs the step\'s tests and shows the failure message with its diff', async () => {
    const app = renderApp();
    await app.press(...OPEN_STEP, 't');
    const frame = app.frame();
    expect(app.tests.calls).toEqual([{ labDir: '/labs/director', step: 'context' }]);
    expect(frame).toContain('Tests  1 passed, 1 failed');
    expect(frame).toContain('✗ context > saves the registers');
    expect(frame).toContain('AssertionError: expected [ 1, 2 ] to deeply equal [ 1, 3 ]');
    expect(frame).toContain('- expected   + received');
    expect(frame).toContain('-   3,');
    expect(frame).toContain('+   2,');
    expect(frame).toContain('printed: saving program A');
    expect(frame).toContain('✓ context > restores the pc');
    expect(frame.indexOf('✗ context > saves')).toBeLessThan(frame.indexOf('✓ context > restores'));
  });

  it('tests that pass after failing mark the step passed in the progress handed out', async () => {
    const app = renderApp();
    await app.press(...OPEN_STEP, 't');
    expect(app.saved.at(-1)?.labs.director).toMatchObject({ passed: [], lastRun: { passed: 1, failed: 1 } });
    await app.press('t');
    expect(app.frame()).toContain('Tests  2 passed, 0 failed');
    expect(app.frame()).toContain("✓ Step 1/2: Saving a program's context");
    expect(app.saved.at(-1)?.labs.director).toMatchObject({ passed: ['context'], lastRun: { passed: 2, failed: 0 } });
    await app.press(KEY.escape);
    expect(app.frame()).toContain("✓ 1. Saving a program's context");
    await app.press(KEY.escape);
    expect(app.frame()).toContain('1/2 steps · 40/100 pts · last run: 2 passed, 0 failed');
  });

  it('counts the results that do not fit and names the command that prints them all', async () => {
    const many = { ...FAILING, tests: Array.from({ length: 12 }, (_, i) => ({ ...FAILING.tests[0]!, name: `test ${i}` })) };
    const app = renderApp({ runTests: async () => many });
    await app.press(...OPEN_STEP, 't');
    expect(app.frame()).toMatch(/… \d+ more lines: pnpm lab test director --step context shows them all/);
  });

  it('shows a compile error once, not under every test', async () => {
    const broken = { ...FAILING, compileError: "src/context.ts(3,1): error TS1005: ';' expected.", tests: FAILING.tests.map((t) => ({ ...t, status: 'error' as const })) };
    const app = renderApp({ runTests: async () => broken });
    await app.press(...OPEN_STEP, 't');
    expect(app.frame()).toContain('Your code does not compile:');
    expect(app.frame()).toContain("error TS1005: ';' expected.");
    expect(app.frame()).toContain('(2 tests not run)');
  });

  it('says when the test runner itself failed, and leaves the progress alone', async () => {
    const app = renderApp({ runTests: async () => ({ ...PASSING, tests: [], machinery: 'the sandbox did not start' }) });
    await app.press(...OPEN_STEP, 't');
    expect(app.frame()).toContain('The test runner failed (not your code): the sandbox did not start');
    expect(app.saved).toHaveLength(0);
  });

  it('h reveals the hints one level at a time', async () => {
    const app = renderApp();
    await app.press(...OPEN_STEP);
    expect(app.frame()).toContain('h reveals a hint (3 for this step).');
    await app.press('h');
    expect(app.frame()).toContain('Hints 1/3');
    expect(app.frame()).toContain('1. First hint: what can an instruction read?');
    expect(app.frame()).not.toContain('Second hint');
    await app.press('h');
    expect(app.frame()).toContain('Hints 2/3');
    expect(app.frame()).toContain('2. Second hint: the registers, the pc and the psw.');
    await app.press('h', 'h');
    expect(app.frame()).toContain('3. Third hint');
    expect(app.frame()).toContain('No more hints for this step.');
    expect(app.saved.map((p) => p.labs.director?.hints.context)).toEqual([1, 2, 3]);
  });

  it("w watches the lab's editable files and runs the tests again when one changes", async () => {
    const app = renderApp();
    await app.press(...OPEN_STEP, 'w');
    expect(app.watcher.started).toMatchObject([{ labDir: '/labs/director', paths: ['src/context.ts', 'src/scheduler.ts'], closed: false }]);
    expect(app.frame()).toContain('● watching');
    app.watcher.change();
    await app.press();
    expect(app.tests.calls).toHaveLength(1);
    expect(app.frame()).toContain('a file changed: running the tests again');
    expect(app.frame()).toContain('Tests  1 passed, 1 failed');
    await app.press('w');
    expect(app.watcher.started[0]?.closed).toBe(true);
    expect(app.frame()).not.toContain('● watching');
    expect(app.frame()).toContain('stopped watching');
  });

  it('says "watching (polling …)" when the watcher polls', async () => {
    const app = renderApp({ watch: fakeWatch('polling').watch });
    await app.press(...OPEN_STEP, 'w');
    expect(app.frame()).toContain('watching (polling: file events do not arrive here)');
  });

  it('stops watching when the step is left', async () => {
    const app = renderApp();
    await app.press(...OPEN_STEP, 'w', KEY.escape);
    expect(app.watcher.started[0]?.closed).toBe(true);
    expect(app.frame()).not.toContain('watching');
  });

  it('s opens the simulator on the step\'s only scenario, and a list when there are several', async () => {
    const app = renderApp();
    await app.press(...OPEN_STEP, 's');
    expect(app.opened).toEqual(['two-programs']);
    expect(app.frame()).toContain('Two programs taking turns');
    expect(app.frame()).toContain('step 0/19');
    await app.press(KEY.escape, KEY.escape, KEY.down, KEY.enter, 's');
    expect(app.frame()).toContain('Scenarios: Sharing the CPU with a timer');
    await app.press(KEY.down, KEY.enter);
    expect(app.opened).toEqual(['two-programs', 'round-robin']);
    expect(app.frame()).toContain('Three programs, round robin');
  });

  it("opens the scenario afresh each time, since it runs the student's code", async () => {
    const app = renderApp();
    await app.press(...OPEN_STEP, 's', KEY.escape, 's');
    expect(app.opened).toEqual(['two-programs', 'two-programs']);
    expect(app.frame()).toContain('step 0/19');
  });

  it('says so when the step has no scenario', async () => {
    const lab = { ...LAB, manifest: { ...LAB.manifest, steps: LAB.manifest.steps.map((s) => ({ ...s, scenarios: [] })) } };
    const app = renderApp({ labs: [lab] });
    await app.press(...OPEN_STEP, 's');
    expect(app.opened).toEqual([]);
    expect(app.frame()).toContain('This step has no simulator scenario.');
  });

  it('says why when the page cannot be read', async () => {
    const app = renderApp({
      readDoc: () => {
        throw new Error('ENOENT');
      },
    });
    await app.press(...OPEN_STEP);
    expect(app.frame()).toContain('Cannot read docs/en/01-context.md: ENOENT');
  });
});
