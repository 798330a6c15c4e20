import { describe, expect, it } from 'vitest';
import { createHarness, type HarnessApi } from './harness.ts';
import { MESSAGE_MAX_CHARS } from './params.ts';
import type { RunOptions, TestInfo, TestResult } from './types.ts';

const TIMEOUT_MS = 40;

/** Registers tests with `register` in a fresh harness (file 'a.test.ts') and runs them. */
async function runWith(register: (api: HarnessApi) => void, options: RunOptions = {}): Promise<TestResult[]> {
  const harness = createHarness({ testTimeoutMs: TIMEOUT_MS });
  harness.setCurrentFile('a.test.ts');
  register(harness.api);
  return harness.run(options);
}

/** name → [status, message] of every result. */
const byName = (results: TestResult[]) => Object.fromEntries(results.map((r) => [r.name, [r.status, r.message]]));

/** A suite that exercises every status. */
function everyStatus({ describe: d, it: t, expect: e }: HarnessApi): void {
  d('statuses', () => {
    t('passes', () => e([1, 2]).toEqual([1, 2]));
    t('fails an assertion', () => e(1).toBe(2));
    t('throws', () => {
      throw new TypeError('bad input');
    });
    t('rejects', async () => {
      await Promise.resolve();
      throw new Error('async boom');
    });
    t('hangs', () => new Promise(() => {}));
    t('throws a string', () => {
      throw 'oops';
    });
    t('throws an object', () => {
      throw { code: 42 };
    });
    t.skip('is skipped', () => {});
    t.todo('is todo');
    t('has a deep diff', () => e({ cpu: { regs: [0, 1, 2], pc: 4 } }).toEqual({ cpu: { regs: [0, 1, 3], pc: 4 } }));
  });
}

describe('runTests: statuses and messages', () => {
  it('reports every status with a plain, deterministic message', async () => {
    const results = await runWith(everyStatus);
    expect(results.map((r) => r.file)).toEqual(Array(10).fill('a.test.ts'));
    expect(byName(results)).toEqual({
      'statuses > passes': ['passed', ''],
      'statuses > fails an assertion': ['failed', 'AssertionError: expected 1 to be 2 // Object.is equality\n\n- Expected\n+ Received\n\n- 2\n+ 1'],
      'statuses > throws': ['error', 'TypeError: bad input'],
      'statuses > rejects': ['error', 'Error: async boom'],
      'statuses > hangs': ['timeout', `test timed out after ${TIMEOUT_MS} ms`],
      'statuses > throws a string': ['error', 'thrown value: oops'],
      'statuses > throws an object': ['error', 'thrown value: Object {\n  "code": 42,\n}'],
      'statuses > is skipped': ['skipped', ''],
      'statuses > is todo': ['todo', ''],
      'statuses > has a deep diff': [
        'failed',
        [
          'AssertionError: expected { cpu: { regs: [ +0, 1, 2 ], pc: 4 } } to deeply equal { cpu: { regs: [ +0, 1, 3 ], pc: 4 } }',
          '',
          '- Expected',
          '+ Received',
          '',
          '@@ -2,9 +2,9 @@',
          '    "cpu": {',
          '      "pc": 4,',
          '      "regs": [',
          '        0,',
          '        1,',
          '-       3,',
          '+       2,',
          '      ],',
          '    },',
          '  }',
        ].join('\n'),
      ],
    });
  });

  it('gives the same messages on every run: no colours, stacks, paths or timings', async () => {
    const first = await runWith(everyStatus);
    const second = await runWith(everyStatus);
    const messages = (results: TestResult[]) => results.map((r) => r.message);
    expect(messages(second)).toEqual(messages(first));
    for (const message of messages(first)) {
      expect(message).not.toMatch(/\x1b/);
      expect(message).not.toMatch(/\n\s+at /);
      expect(message).not.toContain(process.cwd());
      expect(message).not.toMatch(/\d+(\.\d+)?ms/);
    }
    for (const r of first) expect(r.durationMs).toBeGreaterThanOrEqual(0);
  });

  it(`cuts messages to ${MESSAGE_MAX_CHARS} characters`, async () => {
    const long = 'x'.repeat(3 * MESSAGE_MAX_CHARS);
    const [result] = await runWith(({ it: t, expect: e }) => t('long', () => e(`${long}a`).toBe(`${long}b`)));
    expect(result!.status).toBe('failed');
    expect(result!.message).toHaveLength(MESSAGE_MAX_CHARS);
    expect(result!.message.endsWith('…')).toBe(true);
  });

  it('fails a test whose assertion count is wrong, or whose assertion error was swallowed', async () => {
    const results = await runWith(({ it: t, expect: e }) => {
      t('counts', () => {
        e.assertions(2);
        e(1).toBe(1);
      });
      t('swallows', () => {
        try {
          e(1).toBe(2);
        } catch {
          // a test (or student code it calls) hiding a failure
        }
      });
      t('soft', () => {
        e.soft(1).toBe(2);
        e.soft(3).toBe(4);
      });
      t('forgets to await', () => {
        void e(Promise.resolve(1)).resolves.toBe(2);
      });
    });
    expect(byName(results)).toEqual({
      counts: ['failed', 'AssertionError: expected number of assertions to be 2, but got 1'],
      swallows: ['failed', 'AssertionError: expected 1 to be 2 // Object.is equality\n\n- Expected\n+ Received\n\n- 2\n+ 1'],
      soft: [
        'failed',
        'AssertionError: expected 1 to be 2 // Object.is equality\n\n- Expected\n+ Received\n\n- 2\n+ 1\n\n(and 1 more failed assertions in this test)',
      ],
      'forgets to await': ['failed', 'AssertionError: expected 1 to be 2 // Object.is equality\n\n- Expected\n+ Received\n\n- 2\n+ 1'],
    });
  });

  it('supports it.fails, context.skip() and the test callbacks', async () => {
    const calls: string[] = [];
    const results = await runWith(({ it: t, expect: e }) => {
      t.fails('fails as expected', () => e(1).toBe(2));
      t.fails('passes unexpectedly', () => {});
      t('skips itself', (context) => {
        context.skip();
        calls.push('not reached');
      });
      t('callbacks', (context) => {
        context.onTestFailed(() => calls.push('failed'));
        context.onTestFinished(() => calls.push(`finished ${context.task.name}`));
        throw new Error('x');
      });
    });
    expect(byName(results)).toEqual({
      'fails as expected': ['passed', ''],
      'passes unexpectedly': ['failed', 'expected the test to fail, but it passed (it.fails)'],
      'skips itself': ['skipped', ''],
      callbacks: ['error', 'Error: x'],
    });
    expect(calls).toEqual(['failed', 'finished callbacks']);
  });

  it("uses a test's own timeout, then its suite's, then the harness's", async () => {
    const results = await runWith(({ describe: d, it: t }) => {
      t('own', () => new Promise(() => {}), 5);
      d('suite', { timeout: 10 }, () => t('inherits', () => new Promise(() => {})));
      t('quick', async () => {});
    });
    expect(byName(results)).toEqual({
      own: ['timeout', 'test timed out after 5 ms'],
      'suite > inherits': ['timeout', 'test timed out after 10 ms'],
      quick: ['passed', ''],
    });
  });

  it('clears the timer of every test that settles in time', async () => {
    const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    const before = timers();
    const harness = createHarness({ testTimeoutMs: 60_000 });
    for (let i = 0; i < 20; i++) harness.api.it(`quick ${i}`, async () => {});
    const results = await harness.run();
    expect(results.every((r) => r.status === 'passed')).toBe(true);
    // 20 one-minute timers would still be pending if they leaked; other timers of this thread may come and go.
    expect(timers() - before).toBeLessThan(10);
  });

  it('keeps a late failure of a timed-out test away from the next test', async () => {
    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    const results = await runWith(({ it: t, expect: e }) => {
      t('times out, then fails', async () => {
        await sleep(TIMEOUT_MS + 10);
        e(1).toBe(2);
      });
      t('innocent', async () => {
        e.assertions(1);
        await sleep(30);
        e(1).toBe(1);
      });
    });
    expect(byName(results)).toEqual({
      'times out, then fails': ['timeout', `test timed out after ${TIMEOUT_MS} ms`],
      innocent: ['passed', ''],
    });
  });

  it('reports a describe body that threw', async () => {
    const results = await runWith(({ describe: d }) => {
      d('broken', () => {
        throw new Error('setup at import');
      });
    });
    expect(byName(results)).toEqual({
      'broken > (collection error)': ['error', 'the describe() body threw while collecting tests: Error: setup at import'],
    });
  });
});

describe('runTests: hooks', () => {
  it("runs hooks in vitest's order, teardowns included", async () => {
    const log: string[] = [];
    await runWith(({ describe: d, it: t, beforeAll, afterAll, beforeEach, afterEach }) => {
      beforeAll(() => {
        log.push('file beforeAll');
        return () => log.push('file beforeAll teardown');
      });
      afterAll(() => log.push('file afterAll'));
      beforeEach(() => {
        log.push('file beforeEach');
        return () => log.push('file beforeEach teardown');
      });
      afterEach(() => log.push('file afterEach'));
      t('top', () => log.push('test top'));
      d('outer', () => {
        beforeAll(() => log.push('outer beforeAll'));
        beforeEach(() => log.push('outer beforeEach 1'));
        beforeEach(() => log.push('outer beforeEach 2'));
        afterEach(() => log.push('outer afterEach 1'));
        afterEach(() => log.push('outer afterEach 2'));
        afterAll(() => log.push('outer afterAll 1'));
        afterAll(() => log.push('outer afterAll 2'));
        t('inner', () => log.push('test inner'));
      });
    });
    expect(log).toEqual([
      'file beforeAll',
      'file beforeEach',
      'test top',
      'file afterEach',
      'file beforeEach teardown',
      'outer beforeAll',
      'file beforeEach',
      'outer beforeEach 1',
      'outer beforeEach 2',
      'test inner',
      'outer afterEach 2',
      'outer afterEach 1',
      'file afterEach',
      'file beforeEach teardown',
      'outer afterAll 2',
      'outer afterAll 1',
      'file afterAll',
      'file beforeAll teardown',
    ]);
  });

  it('fails every test under a beforeAll that throws, and still runs afterAll', async () => {
    const log: string[] = [];
    const results = await runWith(({ describe: d, it: t, beforeAll, afterAll }) => {
      d('machine', () => {
        beforeAll(() => {
          throw new Error('setup broke');
        });
        afterAll(() => log.push('afterAll'));
        t('a', () => log.push('a'));
        d('nested', () => t('b', () => log.push('b')));
        t.skip('c', () => {});
      });
      t('outside', () => {});
    });
    expect(byName(results)).toEqual({
      'machine > a': ['error', 'beforeAll hook failed: Error: setup broke'],
      'machine > nested > b': ['error', 'beforeAll hook failed: Error: setup broke'],
      'machine > c': ['skipped', ''],
      outside: ['passed', ''],
    });
    expect(log).toEqual(['afterAll']);
  });

  it('fails a test whose beforeEach or afterEach fails, with the right status', async () => {
    const ran: string[] = [];
    const results = await runWith(({ describe: d, it: t, expect: e, beforeEach, afterEach }) => {
      d('before', () => {
        beforeEach(() => {
          throw new Error('no machine');
        });
        t('a', () => ran.push('a'));
      });
      d('after', () => {
        afterEach(() => {
          throw new Error('cleanup broke');
        });
        t('b', () => ran.push('b'));
      });
      d('after assertion', () => {
        afterEach(() => e('dirty').toBe('clean'));
        t('c', () => {});
      });
      d('before hangs', () => {
        beforeEach(() => new Promise(() => {}));
        t('d', () => ran.push('d'));
      });
    });
    expect(byName(results)).toEqual({
      'before > a': ['error', 'beforeEach hook failed: Error: no machine'],
      'after > b': ['error', 'afterEach hook failed: Error: cleanup broke'],
      'after assertion > c': [
        'failed',
        "afterEach hook failed: AssertionError: expected 'dirty' to be 'clean' // Object.is equality\n\nExpected: \"clean\"\nReceived: \"dirty\"",
      ],
      'before hangs > d': ['timeout', `beforeEach hook timed out after ${TIMEOUT_MS} ms`],
    });
    expect(ran).toEqual(['b']);
  });

  it('reports a failing afterAll to onSuiteError without changing any result', async () => {
    const errors: [TestInfo, string][] = [];
    const results = await runWith(
      ({ describe: d, it: t, afterAll }) => {
        d('s', () => {
          afterAll(() => {
            throw new Error('teardown broke');
          });
          t('a', () => {});
        });
      },
      { onSuiteError: (suite, message) => errors.push([suite, message]) },
    );
    expect(byName(results)).toEqual({ 's > a': ['passed', ''] });
    expect(errors).toEqual([[{ file: 'a.test.ts', name: 's' }, 'afterAll hook failed: Error: teardown broke']]);
  });
});

describe('runTests: selecting and streaming', () => {
  function twoFiles(hooksRun: string[]) {
    return (api: HarnessApi, setFile: (f: string) => void) => {
      setFile('public.test.ts');
      api.describe('p', () => {
        api.beforeAll(() => hooksRun.push('p beforeAll'));
        api.it('one', () => {});
        api.it('two', () => {});
      });
      setFile('hidden.test.ts');
      api.describe('h', () => {
        api.beforeAll(() => hooksRun.push('h beforeAll'));
        api.it('three', () => {});
        api.it('four', () => new Promise(() => {}));
        api.it('five', () => {});
      });
    };
  }

  it('runs only what the filter selects, and no hooks of suites it leaves out', async () => {
    const hooksRun: string[] = [];
    const harness = createHarness({ testTimeoutMs: TIMEOUT_MS });
    twoFiles(hooksRun)(harness.api, harness.setCurrentFile);
    const results = await harness.run({ filter: (test) => test.file === 'hidden.test.ts' && test.name !== 'h > five' });
    expect(results.map((r) => `${r.file}|${r.name}|${r.status}`)).toEqual(['hidden.test.ts|h > three|passed', 'hidden.test.ts|h > four|timeout']);
    expect(hooksRun).toEqual(['h beforeAll']);
  });

  it('resumes after the first N selected tests with skipUntil, and streams start/end in order', async () => {
    const events: string[] = [];
    const harness = createHarness({ testTimeoutMs: TIMEOUT_MS });
    twoFiles([])(harness.api, harness.setCurrentFile);
    expect(harness.list().map((t) => t.name)).toEqual(['p > one', 'p > two', 'h > three', 'h > four', 'h > five']);
    const results = await harness.run({
      filter: (test) => test.name !== 'p > two',
      skipUntil: 3,
      onTestStart: (test) => events.push(`start ${test.name}`),
      onTestEnd: (result) => events.push(`end ${result.name} ${result.status}`),
    });
    expect(results.map((r) => r.name)).toEqual(['h > five']);
    expect(events).toEqual(['start h > five', 'end h > five passed']);
  });

  it('calls onTestStart before the test body runs, skipped and todo tests included', async () => {
    const events: string[] = [];
    await runWith(
      ({ it: t }) => {
        t('body', () => events.push('body'));
        t.skip('skip', () => {});
        t.todo('todo');
      },
      { onTestStart: (test) => events.push(`start ${test.name}`), onTestEnd: (r) => events.push(`end ${r.name}`) },
    );
    expect(events).toEqual(['start body', 'body', 'end body', 'start skip', 'end skip', 'start todo', 'end todo']);
  });
});
