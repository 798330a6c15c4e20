import { describe, expect, it } from 'vitest';
import { HarnessUsageError } from './errors.ts';
import * as vitestModule from './index.ts';

describe('createHarness', () => {
  it("gives lab tests a plain object with vitest's exports (what a CommonJS require returns)", () => {
    const harness = vitestModule.createHarness({ testTimeoutMs: 100 });
    expect(Object.keys(harness.api).sort()).toEqual(
      ['afterAll', 'afterEach', 'beforeAll', 'beforeEach', 'describe', 'expect', 'it', 'suite', 'test', 'vi', 'vitest'].sort(),
    );
    expect(typeof harness.api.vi.fn).toBe('function');
    expect(typeof harness.api.vi.spyOn).toBe('function');
  });

  it('keeps two harnesses apart: tests, counts and results', async () => {
    const a = vitestModule.createHarness({ testTimeoutMs: 100 });
    const b = vitestModule.createHarness({ testTimeoutMs: 100 });
    a.api.it('a1', () => {
      a.api.expect.assertions(1);
      a.api.expect(1).toBe(1);
    });
    b.api.it('b1', () => b.api.expect.soft(1).toBe(2));
    const [ra, rb] = await Promise.all([a.run(), b.run()]);
    expect(ra!.map((r) => [r.name, r.status])).toEqual([['a1', 'passed']]);
    expect(rb!.map((r) => [r.name, r.status])).toEqual([['b1', 'failed']]);
  });

  it('runs once', async () => {
    const harness = vitestModule.createHarness({ testTimeoutMs: 100 });
    await harness.run();
    await expect(harness.run()).rejects.toThrow(HarnessUsageError);
  });

  it('supports vi.fn and vi.spyOn through the api', async () => {
    const harness = vitestModule.createHarness({ testTimeoutMs: 100 });
    const { it: t, expect: e, vi } = harness.api;
    t('spies', () => {
      const device = { write: (port: number) => port };
      const spy = vi.spyOn(device, 'write');
      device.write(0x3f8);
      e(spy).toHaveBeenCalledWith(0x3f8);
      const callback = vi.fn();
      e(callback).not.toHaveBeenCalled();
      spy.mockRestore();
    });
    expect((await harness.run()).map((r) => r.status)).toEqual(['passed']);
  });
});

describe('the module-level exports', () => {
  it('forward to the harness created last', async () => {
    const first = vitestModule.createHarness({ testTimeoutMs: 100 });
    vitestModule.setCurrentFile('one.test.ts');
    vitestModule.describe('d', () => vitestModule.it('in first', () => vitestModule.expect(vitestModule.expect.any(Number)).toBeDefined()));
    const second = vitestModule.createHarness({ testTimeoutMs: 100 });
    vitestModule.test('in second', () => vitestModule.expect([1, 2]).toContain(2));
    expect(first.list()).toEqual([{ file: 'one.test.ts', name: 'd > in first' }]);
    expect(second.list()).toEqual([{ file: '', name: 'in second' }]);
    expect((await first.run()).map((r) => r.status)).toEqual(['passed']);
    expect((await second.run()).map((r) => r.status)).toEqual(['passed']);
  });

  it('keep chained modifiers working', () => {
    const harness = vitestModule.createHarness({ testTimeoutMs: 100 });
    vitestModule.it.skip.each([[1], [2]])('case %i', () => {});
    vitestModule.describe.todo('later');
    expect(harness.list().map((t) => t.name)).toEqual(['case 1', 'case 2']);
  });
});
