import { describe, expect, it } from 'vitest';
import type { Lang } from '../lang.ts';
import { KEY, LANGS, renderAppSized, widestLine } from './test-helpers.tsx';

/** Each screen, reached from the lab list, with what makes it fullest. */
const SCREENS: { name: string; keys: string[] }[] = [
  { name: 'the lab list', keys: [] },
  { name: 'the lab overview', keys: [KEY.enter] },
  { name: 'a step', keys: [KEY.enter, KEY.enter] },
  { name: 'a step with failing tests and hints', keys: [KEY.enter, KEY.enter, 't', 'h', 'h', 'h', 'w'] },
  { name: 'the scenario list', keys: [KEY.enter, KEY.down, KEY.enter, 's'] },
  { name: 'the simulator', keys: [KEY.enter, KEY.enter, 's', ']'] },
  { name: 'the simulator in predict mode', keys: [KEY.enter, KEY.enter, 's', ']', 'a', '1'] },
  { name: 'the help overlay', keys: ['?'] },
];

describe('an 80×24 terminal', () => {
  for (const lang of LANGS as Lang[]) {
    for (const { name, keys } of SCREENS) {
      it(`an 80×24 frame has no line wider than 80 columns and fewer than 24 rows: ${name} (${lang})`, async () => {
        const app = renderAppSized(80, 24, { lang });
        await app.press(...keys);
        const frame = app.frame();
        expect(widestLine(frame)).toBeLessThanOrEqual(80);
        expect(frame.split('\n').length).toBeLessThanOrEqual(23);
        app.unmount();
      });
    }
  }

  it('the step screen keeps the failure and its diff in view at 80×24', async () => {
    const app = renderAppSized(80, 24);
    await app.press(KEY.enter, KEY.enter, 't');
    expect(app.frame()).toContain('+   2,');
    expect(app.frame()).toContain("Step 1 — Saving a program's context");
    app.unmount();
  });
});

describe('resizing', () => {
  it('lays the screen out again when the terminal is resized', async () => {
    const app = renderAppSized(120, 40);
    await app.press(KEY.enter, KEY.enter, 't');
    expect(app.frame()).toContain('─'.repeat(120));
    expect(app.frame().split('\n').length).toBe(39);
    await app.resize(80, 24);
    expect(widestLine(app.frame())).toBeLessThanOrEqual(80);
    expect(app.frame()).not.toContain('─'.repeat(81));
    expect(app.frame().split('\n').length).toBe(23);
    await app.resize(60, 16);
    expect(widestLine(app.frame())).toBeLessThanOrEqual(60);
    expect(app.frame().split('\n').length).toBe(15);
    app.unmount();
  });
});
