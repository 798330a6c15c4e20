import { describe, expect, it } from 'vitest';
import { COLLECTION_ERROR_NAME, type Collector, createCollector, formatTitle, type SuiteNode, type TestNode } from './collect.ts';
import { HarnessUsageError } from './errors.ts';

/** Every test of the tree, depth first. */
function tests(c: Collector): TestNode[] {
  const out: TestNode[] = [];
  const walk = (suite: SuiteNode) => {
    for (const child of suite.children) {
      if (child.kind === 'test') out.push(child);
      else walk(child);
    }
  };
  c.files.forEach(walk);
  return out;
}

const summary = (c: Collector) => tests(c).map((t) => `${t.file}|${t.fullName}|${t.mode}`);

describe('createCollector: the tree', () => {
  it('nests suites, names tests in full and files them under setCurrentFile', () => {
    const c = createCollector();
    const { describe: d, it: t, test } = c.api;
    c.setCurrentFile('tests/public/a.test.ts');
    t('top', () => {});
    d('cpu', () => {
      test('boots', () => {});
      d('traps', () => {
        t('on halt', () => {});
      });
    });
    c.setCurrentFile('tests/hidden/a.test.ts');
    t('hidden one', () => {});
    expect(summary(c)).toEqual([
      'tests/public/a.test.ts|top|run',
      'tests/public/a.test.ts|cpu > boots|run',
      'tests/public/a.test.ts|cpu > traps > on halt|run',
      'tests/hidden/a.test.ts|hidden one|run',
    ]);
    expect(c.files.map((f) => f.file)).toEqual(['tests/public/a.test.ts', 'tests/hidden/a.test.ts']);
  });

  it("puts registrations made before any setCurrentFile in a file ''", () => {
    const c = createCollector();
    c.api.it('loose', () => {});
    expect(summary(c)).toEqual(['|loose|run']);
  });

  it('takes a function or class as a name, like vitest', () => {
    const c = createCollector();
    class Mmu {}
    c.api.describe(Mmu, () => c.api.it('maps', () => {}));
    expect(summary(c)).toEqual(['|Mmu > maps|run']);
  });

  it('puts each hook on the suite being collected', () => {
    const c = createCollector();
    const { describe: d, beforeAll, afterAll, beforeEach, afterEach } = c.api;
    const top = () => {};
    const inner = () => {};
    beforeEach(top);
    d('s', () => {
      beforeAll(inner, 50);
      afterAll(inner);
      afterEach(inner);
    });
    const file = c.files[0]!;
    const suite = file.children[0] as SuiteNode;
    expect(file.hooks.beforeEach).toEqual([{ fn: top, timeoutMs: undefined }]);
    expect(suite.hooks.beforeAll).toEqual([{ fn: inner, timeoutMs: 50 }]);
    expect(suite.hooks.afterAll).toHaveLength(1);
    expect(suite.hooks.afterEach).toHaveLength(1);
    expect(suite.hooks.beforeEach).toHaveLength(0);
  });
});

describe('createCollector: modifiers and options', () => {
  it('marks skip and todo, inherits them from suites, and runs .only and .concurrent normally', () => {
    const c = createCollector();
    const { describe: d, it: t } = c.api;
    t.skip('skipped', () => {});
    t.todo('later');
    t('no body');
    t.only('only', () => {});
    t.concurrent('concurrent', () => {});
    t.concurrent.skip('concurrent skip', () => {});
    t('option skip', { skip: true }, () => {});
    d.skip('off', () => {
      t('inside', () => {});
      t.todo('todo inside');
    });
    d.todo('planned', () => t('inside', () => {}));
    d.only('focused', () => t('inside', () => {}));
    d.concurrent('parallel', () => t('inside', () => {}));
    expect(summary(c)).toEqual([
      '|skipped|skip',
      '|later|todo',
      '|no body|todo',
      '|only|run',
      '|concurrent|run',
      '|concurrent skip|skip',
      '|option skip|skip',
      '|off > inside|skip',
      '|off > todo inside|todo',
      '|planned > inside|todo',
      '|focused > inside|run',
      '|parallel > inside|run',
    ]);
  });

  it('supports skipIf, runIf and fails', () => {
    const c = createCollector();
    const { it: t } = c.api;
    t.skipIf(true)('a', () => {});
    t.skipIf(false)('b', () => {});
    t.runIf(false)('c', () => {});
    t.runIf(true)('d', () => {});
    t.fails('e', () => {});
    expect(summary(c)).toEqual(['|a|skip', '|b|run', '|c|skip', '|d|run', '|e|run']);
    expect(tests(c).map((x) => x.fails)).toEqual([false, false, false, false, true]);
  });

  it('reads timeouts from every argument form vitest accepts', () => {
    const c = createCollector();
    const { describe: d, it: t } = c.api;
    const fn = () => {};
    t('a', fn, 100);
    t('b', { timeout: 200 }, fn);
    t('c', fn, { timeout: 300 });
    t('d', fn);
    d('slow', { timeout: 400 }, () => t('e', fn));
    expect(tests(c).map((x) => [x.timeoutMs, x.fn])).toEqual([
      [100, fn],
      [200, fn],
      [300, fn],
      [undefined, fn],
      [undefined, fn],
    ]);
    expect((c.files[0]!.children[4] as SuiteNode).timeoutMs).toBe(400);
  });
});

describe('createCollector: each and for', () => {
  it('formats names like vitest', () => {
    expect(formatTitle('add(%i, %i) -> %i', [1, 2, 3], 0)).toBe('add(1, 2) -> 3');
    expect(formatTitle('%s and %s', ['a', { b: 1 }], 0)).toBe('a and { b: 1 }');
    expect(formatTitle('%d|%j|%o|%#|%$', [1.5, { a: [1] }, { b: 'x' }], 4)).toBe('1.5|{"a":[1]}|{ b: \'x\' }|4|5');
    expect(formatTitle('%s%%', ['50'], 0)).toBe('50% undefined'); // vitest 4.1 gives exactly this too
    expect(formatTitle('neg %f', [-0], 0)).toBe('neg -0');
    expect(formatTitle('$a + $b = $sum.total', [{ a: 1, b: 'two', sum: { total: 3 } }], 0)).toBe("1 + 'two' = 3");
    expect(formatTitle('$0 and $1', [5, 6], 0)).toBe('5 and 6');
  });

  it('registers one test per row, spreading arrays and passing objects whole', () => {
    const c = createCollector();
    const seen: unknown[] = [];
    c.api.it.each([
      [1, 2, 3],
      [2, 3, 5],
    ])('add(%i, %i) -> %i', (a, b, sum) => {
      seen.push([a, b, sum]);
    });
    c.api.test.each([{ a: 1, b: 1 }])('$a + $b', (row) => {
      seen.push(row);
    });
    c.api.it.each([1, 2])('value %s', (v) => {
      seen.push(v);
    });
    expect(summary(c)).toEqual(['|add(1, 2) -> 3|run', '|add(2, 3) -> 5|run', '|1 + 1|run', '|value 1|run', '|value 2|run']);
    for (const t of tests(c)) t.fn!({} as never);
    expect(seen).toEqual([[1, 2, 3], [2, 3, 5], { a: 1, b: 1 }, 1, 2]);
  });

  it('reads tagged-template tables', () => {
    const c = createCollector();
    c.api.it.each`
      a    | b    | sum
      ${1} | ${1} | ${2}
      ${2} | ${3} | ${5}
    `('$a + $b = $sum', () => {});
    expect(summary(c)).toEqual(['|1 + 1 = 2|run', '|2 + 3 = 5|run']);
  });

  it('supports describe.each, it.skip.each and it.for (which passes the row and the context)', () => {
    const c = createCollector();
    const seen: unknown[] = [];
    c.api.describe.each([['x'], ['y']])('group %s', (name) => {
      c.api.it(`in ${name}`, () => {});
    });
    c.api.it.skip.each([[1]])('skipped %i', () => {});
    c.api.it.for([[1, 2]])('for %i %i', (row, context) => {
      seen.push(row, context);
    });
    expect(summary(c)).toEqual(['|group x > in x|run', '|group y > in y|run', '|skipped 1|skip', '|for 1 2|run']);
    tests(c)[3]!.fn!('ctx' as never);
    expect(seen).toEqual([[1, 2], 'ctx']);
  });
});

describe('createCollector: errors', () => {
  it('turns a describe body that throws into a (collection error) test and keeps what came before', () => {
    const c = createCollector();
    const boom = new Error('boom');
    c.api.describe('broken', () => {
      c.api.it('registered first', () => {});
      throw boom;
    });
    c.api.it('after', () => {});
    expect(summary(c)).toEqual(['|broken > registered first|run', `|broken > ${COLLECTION_ERROR_NAME}|run`, '|after|run']);
    expect(tests(c)[1]!.collectError).toEqual({ error: boom });
  });

  it('refuses an async describe body', () => {
    const c = createCollector();
    c.api.describe('async', async () => {});
    const [test] = tests(c);
    expect(test!.name).toBe(COLLECTION_ERROR_NAME);
    expect((test!.collectError!.error as Error).message).toMatch(/must not be async/);
  });

  it('refuses registrations once locked', () => {
    const c = createCollector();
    c.lock();
    expect(() => c.api.it('late', () => {})).toThrow(HarnessUsageError);
    expect(() => c.api.describe('late', () => {})).toThrow(/only be called while the test files load/);
    expect(() => c.api.beforeEach(() => {})).toThrow(HarnessUsageError);
    expect(() => c.setCurrentFile('x')).toThrow(HarnessUsageError);
  });
});
