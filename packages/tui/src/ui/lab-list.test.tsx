import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import type { Progress } from './types.ts';
import { KEY, renderApp } from './test-helpers.tsx';

afterEach(cleanup);

const someProgress: Progress = {
  version: 1,
  labs: { director: { passed: ['context'], hints: {}, predictions: { right: 0, wrong: 0 }, lastRun: { passed: 1, failed: 1 } } },
};

describe('the lab list', () => {
  it('shows each lab with its steps done out of total, its points and its last run', () => {
    const app = renderApp({ progress: someProgress });
    const frame = app.frame();
    expect(frame).toContain('virtlab — Labs');
    expect(frame).toContain('› The Director');
    expect(frame).toContain('1/2 steps · 40/100 pts · last run: 1 passed, 1 failed');
    expect(frame).toContain('Paging');
    expect(frame).toContain('0/2 steps · 0/100 pts · tests not run yet');
  });

  it('says so when there are no labs', () => {
    const app = renderApp({ labs: [] });
    expect(app.frame()).toContain('No labs are installed');
  });

  it('↓ and j move the selection, ↑ and k move it back', async () => {
    const app = renderApp();
    await app.press(KEY.down);
    expect(app.frame()).toContain('› Paging');
    await app.press('k');
    expect(app.frame()).toContain('› The Director');
    await app.press('j');
    expect(app.frame()).toContain('› Paging');
  });

  it('Enter opens the lab overview and Esc goes back', async () => {
    const app = renderApp();
    await app.press(KEY.enter);
    expect(app.frame()).toContain('Build a small supervisor');
    expect(app.frame()).toContain("1. Saving a program's context");
    await app.press(KEY.escape);
    expect(app.frame()).toContain('virtlab — Labs');
  });

  it('q quits from the lab list, and only from there', async () => {
    const app = renderApp();
    await app.press(KEY.enter, 'q');
    expect(app.exits).toHaveLength(0);
    await app.press(KEY.escape, 'q');
    expect(app.exits).toHaveLength(1);
  });
});

describe('the lab overview', () => {
  it('shows ✓ beside each passed step, the points of each step and the progress bar', async () => {
    const app = renderApp({ progress: someProgress });
    await app.press(KEY.enter);
    const frame = app.frame();
    expect(frame).toMatch(/✓ 1\. Saving a program's context\s+40 pts/);
    expect(frame).toMatch(/ {4}2\. Sharing the CPU with a timer\s+60 pts/);
    expect(frame).toContain('] 1/2 steps · 40/100 pts');
  });

  it('↓ then Enter opens the second step', async () => {
    const app = renderApp();
    await app.press(KEY.enter, KEY.down, KEY.enter);
    expect(app.frame()).toContain('Step 2/2: Sharing the CPU with a timer');
  });
});
