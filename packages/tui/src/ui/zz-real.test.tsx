import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'vitest';
import { findLabs } from '../find-labs.ts';
import { KEY, renderAppSized } from './test-helpers.tsx';
import { createWarmRunner } from './warm-runner.ts';
import { loadSimulator } from '../commands/run.ts';
const show = (label: string, f: string) => console.log(`===== ${label}\n` + f.replace(/\u001B\[[0-9;]*m/g, '').split('\n').map((l) => `|${l}`).join('\n'));
it('real', async () => {
  const { labs } = findLabs();
  const runner = createWarmRunner();
  for (const lang of ['en', 'zh'] as const) {
  const app = renderAppSized(80, 24, {
    labs, lang,
    readDoc: (d, p) => readFileSync(join(d, p), 'utf8'),
    runTests: runner.run,
    openScenario: async (d, id) => { const l = await loadSimulator(d); if (!l.ok) throw new Error(l.error); return l.openScenario(id); },
  });
  await app.press(); show('list', app.frame());
  await app.press(KEY.enter); show('overview', app.frame());
  await app.press(KEY.enter); show('step', app.frame());
  await app.press('t'); await new Promise((r) => setTimeout(r, 15000)); await app.press(); show('tests', app.frame());
  await app.press('s'); await new Promise((r) => setTimeout(r, 5000)); await app.press(); show('sim', app.frame());
  await app.press(']', ']', 'a'); show('sim predict', app.frame());
  app.unmount();
  }
  await runner.close();
}, 120000);
