import { afterEach, expect, it } from 'vitest';
import { cleanup, render } from 'ink-testing-library';
import { AppWithProgress } from './AppWithProgress.tsx';
import { fakeProps, KEY, settle } from './test-helpers.tsx';
import type { Progress } from './types.ts';

afterEach(cleanup);

it('lab start keeps the progress and saves it after every change', async () => {
  const { props } = fakeProps();
  const { onProgress: _, ...rest } = props;
  const saved: Progress[] = [];
  const app = render(<AppWithProgress {...rest} save={(p) => saved.push(p)} />);
  for (const key of [KEY.enter, KEY.enter, 'h', 'h']) {
    app.stdin.write(key);
    await settle(() => app.frames.length);
  }
  expect(saved.map((p) => p.labs.director?.hints.context)).toEqual([1, 2]);
  expect(app.lastFrame()).toContain('Hints 2/3');
  expect(props.progress.labs).toEqual({});
});
