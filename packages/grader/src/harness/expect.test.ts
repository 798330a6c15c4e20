import { chai } from '@vitest/expect';
import { fn as mockFn } from '@vitest/spy';
import { describe, it, expect as vexpect } from 'vitest';
import { SanitizeLimitError } from './errors.ts';
import { beginTest, createExpect, type HarnessExpect, settleTest } from './expect.ts';
import { isAssertionError } from './format-error.ts';

/** A fresh harness expect with a test begun. */
function fresh(name = 'a test'): HarnessExpect {
  const expect = createExpect();
  beginTest(expect, name);
  return expect;
}

/** The error `body` throws synchronously (fails the meta-test if it throws nothing). */
function thrownBy(body: () => unknown): unknown {
  try {
    body();
  } catch (error) {
    return error;
  }
  throw new Error('expected the assertion to fail, but it passed');
}

/** The rejection reason of `body`'s promise. */
async function rejectionOf(body: () => Promise<unknown>): Promise<unknown> {
  try {
    await body();
  } catch (error) {
    return error;
  }
  throw new Error('expected the assertion to fail, but it passed');
}

const evil = () => ({ asymmetricMatch: () => true });

describe('createExpect: vitest matchers', () => {
  it('passes what vitest passes', async () => {
    const expect = fresh();
    expect(1 + 1).toBe(2);
    expect({ a: [1, { b: 2 }] }).toEqual({ a: [1, { b: 2 }] });
    expect({ a: 1, b: undefined }).toEqual({ a: 1 });
    expect([1, 2]).toStrictEqual([1, 2]);
    expect({ a: 1, b: { c: 2, d: 3 } }).toMatchObject({ b: { c: 2 } });
    expect([1, 2, 3]).toContain(2);
    expect('hello').toContain('ell');
    expect([{ x: 1 }]).toContainEqual({ x: 1 });
    expect([1, 2, 3]).toHaveLength(3);
    expect({ a: { b: [5] } }).toHaveProperty('a.b.0', 5);
    expect(0.1 + 0.2).toBeCloseTo(0.3);
    expect(null).toBeNull();
    expect(undefined).toBeUndefined();
    expect(0).toBeFalsy();
    expect('x').toBeTruthy();
    expect(3).toBeGreaterThan(2);
    expect(Number.NaN).toBeNaN();
    expect('abc').toMatch(/b/);
    expect(new Map([[1, 2]])).toEqual(new Map([[1, 2]]));
    expect(new Set([1, 2])).toEqual(new Set([2, 1]));
    expect(new Date(5)).toEqual(new Date(5));
    expect(new Uint8Array([1, 2])).toEqual(new Uint8Array([1, 2]));
    expect(() => {
      throw new RangeError('out of range');
    }).toThrow('out of range');
    expect(() => {
      throw new RangeError('out of range');
    }).toThrow(RangeError);
    expect(() => {
      throw new RangeError('out of range');
    }).toThrowError(/range/);
    expect(() => 1).not.toThrow();
    expect(5).toSatisfy((n: number) => n % 5 === 0);
    expect(2).toBeOneOf([1, 2]);
    expect(3).toBeTypeOf('number');
    vexpect(await settleTest(expect)).toEqual([]);
  });

  it('throws chai AssertionErrors with actual and expected when a matcher fails', () => {
    const expect = fresh();
    const error = thrownBy(() => expect({ a: [1, 2] }).toEqual({ a: [1, 3] })) as Error & { actual: unknown; expected: unknown };
    vexpect(error).toBeInstanceOf(chai.AssertionError);
    vexpect(error.message).toBe('expected { a: [ 1, 2 ] } to deeply equal { a: [ 1, 3 ] }');
    vexpect(error.actual).toEqual({ a: [1, 2] });
    vexpect(error.expected).toEqual({ a: [1, 3] });
    vexpect(thrownBy(() => expect(1).toBe(2))).toBeInstanceOf(chai.AssertionError);
    vexpect(thrownBy(() => expect([1]).toContain(2))).toBeInstanceOf(chai.AssertionError);
    vexpect(thrownBy(() => expect(() => 1).toThrow())).toBeInstanceOf(chai.AssertionError);
  });

  it('puts the message given to expect(value, message) in front', () => {
    const expect = fresh();
    vexpect((thrownBy(() => expect(1, 'the answer').toBe(2)) as Error).message).toBe('the answer: expected 1 to be 2 // Object.is equality');
  });

  it('supports the asymmetric matchers and their negations', () => {
    const expect = fresh();
    expect({ n: 1, s: 'hello world', when: new Date(0), list: [1, 2, 3], f: 0.30000000000000004 }).toEqual({
      n: expect.any(Number),
      s: expect.stringContaining('world'),
      when: expect.anything(),
      list: expect.arrayContaining([3, 1]),
      f: expect.closeTo(0.3),
    });
    expect({ a: 1, b: 2 }).toEqual(expect.objectContaining({ a: 1 }));
    expect('abc').toEqual(expect.stringMatching(/^a/));
    expect('abc').toEqual(expect.not.stringContaining('z'));
    expect([1]).toEqual(expect.not.arrayContaining([2]));
    expect({ a: 1 }).toEqual(expect.not.objectContaining({ a: 2 }));
    expect(4).toEqual(expect.toSatisfy((n: number) => n > 3));
    vexpect(thrownBy(() => expect({ n: 'x' }).toEqual({ n: expect.any(Number) }))).toBeInstanceOf(chai.AssertionError);
  });

  it('supports expect.extend, as a matcher and as an asymmetric matcher', () => {
    const expect = fresh();
    expect.extend({
      toBeEven(received: number) {
        return { pass: received % 2 === 0, message: () => `expected ${received} to be even` };
      },
    });
    const e = expect as unknown as (v: unknown) => { toBeEven: () => void; not: { toBeEven: () => void } };
    e(4).toBeEven();
    e(3).not.toBeEven();
    expect({ n: 2 }).toEqual({ n: (expect as unknown as { toBeEven: () => unknown }).toBeEven() });
    vexpect((thrownBy(() => e(3).toBeEven()) as Error).message).toBe('expected 3 to be even');
  });

  it('checks expect.assertions(n) and expect.hasAssertions() when the test settles', async () => {
    const expect = fresh();
    expect.assertions(2);
    expect(1).toBe(1);
    const [error] = await settleTest(expect);
    vexpect(error).toBeInstanceOf(chai.AssertionError);
    vexpect((error as Error).message).toBe('expected number of assertions to be 2, but got 1');

    beginTest(expect, 'next');
    expect.hasAssertions();
    vexpect(((await settleTest(expect))[0] as Error).message).toBe('expected any number of assertion, but got none');

    beginTest(expect, 'counted');
    expect.assertions(1);
    expect(true).toBe(true);
    vexpect(await settleTest(expect)).toEqual([]);
    vexpect(expect.getState().assertionCalls).toBe(1);
    vexpect(expect.getState().currentTestName).toBe('counted');
  });

  it('supports .resolves and .rejects', async () => {
    const expect = fresh();
    await expect(Promise.resolve({ a: 1 })).resolves.toEqual({ a: 1 });
    await expect(Promise.reject(new Error('boom'))).rejects.toThrow('boom');
    await expect(Promise.reject(new TypeError('t'))).rejects.toBeInstanceOf(TypeError);
    const error = await rejectionOf(() => expect(Promise.resolve(1)).resolves.toBe(2));
    vexpect(error).toBeInstanceOf(chai.AssertionError);
    vexpect(await settleTest(expect)).toHaveLength(1);
  });

  it('waits at settle for an assertion promise the test did not await, and records its failure', async () => {
    const expect = fresh();
    void expect(new Promise((resolve) => setTimeout(() => resolve(1), 5))).resolves.toBe(2);
    const failures = await settleTest(expect);
    vexpect(failures).toHaveLength(1);
    vexpect((failures[0] as Error).message).toBe('expected 1 to be 2 // Object.is equality');
  });

  it('supports vi.fn spies', () => {
    const expect = fresh();
    const spy = mockFn((x: number) => x * 2);
    spy(3);
    spy(4);
    expect(spy).toHaveBeenCalled();
    expect(spy).toHaveBeenCalledTimes(2);
    expect(spy).toHaveBeenCalledWith(3);
    expect(spy).toHaveBeenLastCalledWith(4);
    expect(spy).toHaveReturnedWith(8);
    expect(spy).toBe(spy);
    vexpect(thrownBy(() => expect(spy).toHaveBeenCalledWith(5))).toBeInstanceOf(chai.AssertionError);
  });

  it('supports expect.soft: failures are recorded and the test goes on', async () => {
    const expect = fresh();
    expect.soft(1).toBe(2);
    expect.soft('a').toBe('a');
    expect.soft([1]).toEqual([2]);
    const failures = await settleTest(expect);
    vexpect(failures.map((f) => (f as Error).message)).toEqual([
      'expected 1 to be 2 // Object.is equality',
      'expected [ 1 ] to deeply equal [ 2 ]',
    ]);
  });

  it('supports expect.unreachable', () => {
    const expect = fresh();
    vexpect((thrownBy(() => expect.unreachable('here')) as Error).message).toBe('expected "here" not to be reached');
  });
});

describe('createExpect: identity survives the copy', () => {
  it('toBe and not.toBe compare the original', () => {
    const expect = fresh();
    const stored = { page: 3 };
    expect(stored).toBe(stored);
    expect([stored][0]).toBe(stored);
    expect({ page: 3 }).not.toBe(stored);
    vexpect(thrownBy(() => expect(stored).not.toBe(stored))).toBeInstanceOf(chai.AssertionError);
  });

  it('toContain finds the original element', () => {
    const expect = fresh();
    const a = { id: 'a' };
    expect([{ id: 'x' }, a]).toContain(a);
    expect(new Set([a])).toContain(a);
    expect([{ id: 'a' }]).not.toContain(a);
  });

  it('toBeInstanceOf sees the original class, Map subclasses and promises included', () => {
    const expect = fresh();
    class Registers extends Map<string, number> {}
    class Cpu {
      pc = 0;
    }
    expect(new Registers()).toBeInstanceOf(Registers);
    expect(new Cpu()).toBeInstanceOf(Cpu);
    expect(Promise.resolve(1)).toBeInstanceOf(Promise);
    expect({}).not.toBeInstanceOf(Cpu);
  });
});

describe('createExpect: attacks from student values', () => {
  it('control: vitest itself lets an asymmetricMatch object equal anything', () => {
    vexpect(evil()).toEqual(42);
  });

  it('an object with asymmetricMatch does not equal anything', () => {
    const expect = fresh();
    vexpect(thrownBy(() => expect(evil()).toEqual(42))).toBeInstanceOf(chai.AssertionError);
    vexpect(thrownBy(() => expect([1, evil()]).toEqual([1, 2]))).toBeInstanceOf(chai.AssertionError);
    vexpect(thrownBy(() => expect({ a: evil() }).toStrictEqual({ a: 1 }))).toBeInstanceOf(chai.AssertionError);
    vexpect(thrownBy(() => expect({ a: evil() }).toMatchObject({ a: 1 }))).toBeInstanceOf(chai.AssertionError);
    vexpect(thrownBy(() => expect({ a: evil() }).toHaveProperty('a', 1))).toBeInstanceOf(chai.AssertionError);
    vexpect(thrownBy(() => expect([evil()]).toContainEqual(7))).toBeInstanceOf(chai.AssertionError);
    vexpect(isAssertionError(thrownBy(() => expect(evil()).toBeOneOf([1, 2])))).toBe(true);
  });

  it('an inherited asymmetricMatch, or one added to the class later, does not help', () => {
    const expect = fresh();
    class Result {
      value = 0;
    }
    const r = new Result();
    (Result.prototype as unknown as Record<string, unknown>).asymmetricMatch = () => true;
    vexpect(thrownBy(() => expect(r).toEqual({ value: 42 }))).toBeInstanceOf(chai.AssertionError);
    vexpect(thrownBy(() => expect(new Result()).toEqual({ value: 42 }))).toBeInstanceOf(chai.AssertionError);
  });

  it('a thrown asymmetric object does not satisfy toThrow', () => {
    const expect = fresh();
    const throwsEvil = () => {
      throw evil();
    };
    vexpect(thrownBy(() => expect(throwsEvil).toThrow(new Error('page fault')))).toBeInstanceOf(chai.AssertionError);
    vexpect(thrownBy(() => expect(throwsEvil).toThrow({ message: 'page fault' }))).toBeInstanceOf(chai.AssertionError);
    const throwsEvilError = () => {
      throw Object.assign(new Error('other'), { asymmetricMatch: () => true });
    };
    vexpect(thrownBy(() => expect(throwsEvilError).toThrow(new Error('page fault')))).toBeInstanceOf(chai.AssertionError);
  });

  it('a spy called with an asymmetric object does not match every call', () => {
    const expect = fresh();
    const callback = mockFn();
    const studentCode = (cb: (x: unknown) => void) => cb(evil());
    studentCode(callback);
    vexpect(thrownBy(() => expect(callback).toHaveBeenCalledWith({ exit: 'io', port: 0x3f8 }))).toBeInstanceOf(chai.AssertionError);
    vexpect(thrownBy(() => expect(callback).toHaveBeenLastCalledWith(1))).toBeInstanceOf(chai.AssertionError);
    const wrapped = mockFn(() => evil());
    wrapped();
    vexpect(thrownBy(() => expect(wrapped).toHaveReturnedWith(5))).toBeInstanceOf(chai.AssertionError);
  });

  it('a promise resolving to an asymmetric object does not satisfy .resolves', async () => {
    const expect = fresh();
    vexpect(await rejectionOf(() => expect(Promise.resolve(evil())).resolves.toEqual(42))).toBeInstanceOf(chai.AssertionError);
    vexpect(await rejectionOf(() => expect(Promise.reject(evil())).rejects.toEqual(new Error('x')))).toBeInstanceOf(chai.AssertionError);
  });

  it('a value with its own `then` cannot choose what .resolves sees', async () => {
    const expect = fresh();
    const sneaky = {
      // biome-ignore lint/suspicious/noThenProperty: a student thenable is the point of this test
      then(resolve: (v: unknown) => void) {
        // biome-ignore lint/suspicious/noThenProperty: same
        resolve({ answer: 1, then: (r: (v: unknown) => void) => r(evil()) });
      },
    };
    vexpect(await rejectionOf(() => expect(sneaky).resolves.toEqual(42))).toBeInstanceOf(chai.AssertionError);
  });

  it('a thenable whose `then` getter turns into a function later cannot take over the promise', async () => {
    const expect = fresh();
    class Later {
      reads = 0;
      // biome-ignore lint/suspicious/noThenProperty: a student thenable is the point of this test
      get then() {
        this.reads++;
        return this.reads > 1 ? (resolve: (v: unknown) => void) => resolve(evil()) : undefined;
      }
    }
    // biome-ignore lint/suspicious/noThenProperty: same
    const sneaky = { then: (resolve: (v: unknown) => void) => resolve(new Later()) };
    vexpect(await rejectionOf(() => expect(sneaky).resolves.toEqual(42))).toBeInstanceOf(chai.AssertionError);
  });

  it('an error whose copy fails cannot reach toThrow or .rejects', async () => {
    const expect = fresh();
    const trap = {
      get message(): string {
        throw evil();
      },
    };
    const throwsTrap = () => {
      throw trap;
    };
    vexpect(thrownBy(() => expect(throwsTrap).toThrow(new Error('x')))).toBeInstanceOf(chai.AssertionError);
    vexpect(await rejectionOf(() => expect(Promise.reject(trap)).rejects.toEqual(new Error('x')))).toBeInstanceOf(chai.AssertionError);
  });

  it('a Proxy that turns evil after its first read is read only once', () => {
    const expect = fresh();
    let reads = 0;
    const shifty = new Proxy(
      { v: 1 },
      {
        getOwnPropertyDescriptor(target, key) {
          reads++;
          const desc = Reflect.getOwnPropertyDescriptor(target, key);
          return desc && reads > 1 ? { ...desc, value: evil() } : desc;
        },
        get: (target, key) => (reads > 1 ? evil() : Reflect.get(target, key)),
      },
    );
    vexpect(thrownBy(() => expect(shifty).toEqual({ v: 42 }))).toBeInstanceOf(chai.AssertionError);
  });

  it('a failing student getter, or a value too deep to copy, makes expect() itself throw', () => {
    const expect = fresh();
    const broken = {
      get state(): never {
        throw new Error('not initialised');
      },
    };
    vexpect((thrownBy(() => expect(broken)) as Error).message).toBe('not initialised');
    let deep: unknown = 0;
    for (let i = 0; i < 100; i++) deep = [deep];
    vexpect(thrownBy(() => expect(deep))).toBeInstanceOf(SanitizeLimitError);
  });

  it('an error from expect() itself, caught by student code, still fails the test', async () => {
    const expect = fresh();
    const broken = {
      get x(): never {
        throw new Error('getter failed');
      },
    };
    const studentCalls = (cb: (v: unknown) => void) => {
      try {
        cb(broken);
      } catch {
        // swallowed
      }
    };
    studentCalls((v) => expect(v).toEqual({ x: 1 }));
    const failures = await settleTest(expect);
    vexpect((failures[0] as Error).message).toBe('getter failed');
  });

  it('an assertion error caught by student code still fails the test', async () => {
    const expect = fresh();
    const forEachSwallowing = (items: number[], cb: (n: number) => void) => {
      for (const n of items) {
        try {
          cb(n);
        } catch {
          // the student hides the failure
        }
      }
    };
    forEachSwallowing([1, 2], (n) => expect(n).toBe(1));
    const failures = await settleTest(expect);
    vexpect(failures).toHaveLength(1);
    vexpect((failures[0] as Error).message).toBe('expected 2 to be 1 // Object.is equality');
  });
});

describe('createExpect: isolation', () => {
  it('two expects never share counts or failures', async () => {
    const a = fresh('a');
    const b = fresh('b');
    a.assertions(1);
    b.soft(1).toBe(2);
    a(1).toBe(1);
    vexpect(await settleTest(a)).toEqual([]);
    vexpect(await settleTest(b)).toHaveLength(1);
  });

  it('a late failure of an earlier test stays with that test', async () => {
    const expect = fresh('slow');
    let release: (v: number) => void = () => {};
    void expect(new Promise<number>((resolve) => (release = resolve))).resolves.toBe(2);
    beginTest(expect, 'next');
    release(1);
    await new Promise((resolve) => setTimeout(resolve, 1));
    vexpect(await settleTest(expect)).toEqual([]);
  });
});
