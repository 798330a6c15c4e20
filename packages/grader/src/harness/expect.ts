/**
 * expect: vitest's `expect`, built from chai and @vitest/expect the way vitest's own createExpect
 * builds it, made safe for values that come from student code and bound to one harness's tests.
 *
 * Interface:
 *   const expect = createExpect();           one per harness (per submission)
 *   beginTest(expect, 'suite > test');       before each test's hooks
 *   withinTest(expect, body)                 runs each hook and the body; they call expect(actual)
 *   await settleTest(expect) → errors[]      after the test body: [] when nothing went wrong
 *   endTest(expect)                          after the last afterEach
 *
 * Where it differs from vitest, and why:
 *   - `expect(actual)` hands the matchers sanitize(actual), never the student's value itself. A
 *     mock function becomes a snapshot of its (copied) calls and results; a thenable becomes a
 *     trusted promise that copies what it settles with.
 *   - toBe, toBeInstanceOf and toContain look through the copy to the original when the original
 *     itself satisfies them, so identity survives the copy; toThrow copies the thrown value.
 *   - every error thrown out of an assertion chain is recorded: a test that catches an assertion
 *     error, or lets student code catch it (a callback), still fails. `expect.soft` records and
 *     goes on. An assertion promise (.resolves/.rejects) the test did not await is awaited by
 *     settleTest, as vitest does.
 *
 * Invariants: chai's plugins are installed once per realm (they patch chai's shared prototype);
 * everything per harness or per test lives in the `expect` function's own holder, so two harnesses
 * never share counts or failures. An `expect()` call counts and records into the test whose body
 * or hook started its async chain (AsyncLocalStorage), else into the current test, so a late
 * failure of a timed-out test cannot leak into the next one.
 */

import { AsyncLocalStorage } from 'node:async_hooks';
import {
  addCustomEqualityTesters,
  ChaiStyleAssertions,
  chai,
  customMatchers,
  type ExpectStatic,
  getState,
  JestAsymmetricMatchers,
  JestChaiExpect,
  JestExtend,
  type MatcherState,
  type Tester,
  setState,
} from '@vitest/expect';
import { isMockFunction, type Mock } from '@vitest/spy';
import { HarnessUsageError, SanitizeLimitError } from './errors.ts';
import { sanitize } from './sanitize.ts';

/** vitest's `expect`, as lab tests use it. */
export type HarnessExpect = ExpectStatic & {
  /** Like `expect`, but a failure is recorded and the test goes on. */
  soft: ExpectStatic;
  /** The test fails unless exactly `count` `expect()` calls run in it. */
  assertions: (count: number) => void;
  /** The test fails unless at least one `expect()` call runs in it. */
  hasAssertions: () => void;
  /** Fails: marks code that must not be reached. */
  unreachable: (message?: string) => never;
  /** Adds equality testers used by toEqual and friends (shared by every harness of this realm). */
  addEqualityTesters: (testers: Tester[]) => void;
};

/** What one test's assertions did. */
interface TestState {
  name: string;
  assertionCalls: number;
  expectedAssertions: number | null;
  expectAny: boolean;
  failures: unknown[];
  pending: Promise<void>[];
}

type Holder = { current: TestState | undefined };
type Scope = { holder: Holder; state: TestState };
type Fn = (this: unknown, ...args: unknown[]) => unknown;

const ORIGINALS = 'virtlab.originals';
const GUARDED = 'virtlab.guarded';
const { flag } = chai.util;

const holders = new WeakMap<object, Holder>();
// The test whose body (or hook) started an async chain: code still running after its test timed out
// keeps recording into that test, never into the one running now.
const scope = new AsyncLocalStorage<Scope>();
const proxyTargets = new WeakMap<object, object>();
const noop = () => {};

function isObjectLike(value: unknown): value is object {
  return (typeof value === 'object' && value !== null) || typeof value === 'function';
}

/** The original of a copy made by this assertion's `expect()`, or undefined. */
function originalOf(assertion: object, value: unknown): { original: unknown } | undefined {
  const originals = flag(assertion, ORIGINALS) as WeakMap<object, unknown> | undefined;
  if (originals === undefined || !isObjectLike(value) || !originals.has(value)) return undefined;
  return { original: originals.get(value) };
}

/** A copy of a thrown value or rejection reason; if it cannot be copied, a trusted error saying so. */
function copyThrown(thrown: unknown, originals: WeakMap<object, unknown>): unknown {
  try {
    return sanitize(thrown, { originals });
  } catch (error) {
    // Never the student's own error: it could be the very object the copy was meant to avoid.
    return error instanceof SanitizeLimitError ? error : new Error('the grader could not read the value that was thrown');
  }
}

/** A function that calls `fn` and throws a copy of whatever it throws. */
function copyingThrows(fn: Fn, originals: WeakMap<object, unknown>): Fn {
  const guarded = function (this: unknown, ...args: unknown[]) {
    try {
      return Reflect.apply(fn, this, args);
    } catch (error) {
      throw copyThrown(error, originals);
    }
  };
  Object.defineProperty(guarded, 'name', { value: typeof fn.name === 'string' ? fn.name : '' });
  return guarded;
}

/** Chai plugin: the matchers that must see through the copy, or copy what they produce. */
const UntrustedActual: Chai.ChaiPlugin = (c, utils) => {
  const identity: Record<string, (original: unknown, expected: unknown) => boolean> = {
    toBe: (original, expected) => Object.is(original, expected),
    toBeInstanceOf: (original, expected) => typeof expected === 'function' && original instanceof expected,
  };
  for (const [name, holds] of Object.entries(identity)) {
    utils.overwriteMethod(c.Assertion.prototype, name, (base: Fn) => {
      return function (this: object, ...args: unknown[]) {
        const found = originalOf(this, flag(this, 'object'));
        try {
          if (found !== undefined && holds(found.original, args[0])) flag(this, 'object', found.original);
        } catch {
          // a trap of the original threw: judge the copy
        }
        return Reflect.apply(base, this, args);
      };
    });
  }
  utils.overwriteMethod(c.Assertion.prototype, 'toContain', (base: Fn) => {
    return function (this: object, ...args: unknown[]) {
      const actual: unknown = flag(this, 'object');
      const ours = flag(this, ORIGINALS) !== undefined;
      if (ours && isObjectLike(args[0]) && (Array.isArray(actual) || actual instanceof Set)) {
        const elements = Array.from(actual as Iterable<unknown>, (el) => originalOf(this, el)?.original ?? el);
        if (elements.includes(args[0])) flag(this, 'object', elements);
      }
      return Reflect.apply(base, this, args);
    };
  });
  for (const name of ['toThrow', 'toThrowError', 'throw', 'throws', 'Throw']) {
    utils.overwriteMethod(c.Assertion.prototype, name, (base: Fn) => {
      return function (this: object, ...args: unknown[]) {
        const fn: unknown = flag(this, 'object');
        const originals = flag(this, ORIGINALS) as WeakMap<object, unknown> | undefined;
        if (originals !== undefined && typeof fn === 'function' && !flag(this, 'promise') && !flag(this, GUARDED)) {
          flag(this, GUARDED, true);
          flag(this, 'object', copyingThrows(fn as Fn, originals));
        }
        return Reflect.apply(base, this, args);
      };
    });
  }
};

chai.use(JestExtend);
chai.use(JestChaiExpect);
chai.use(ChaiStyleAssertions);
chai.use(JestAsymmetricMatchers);
chai.use(UntrustedActual);
// Once per realm: toSatisfy / toBeOneOf, as vitest's createExpect adds them (each harness copies them).
const chaiExpect = chai.expect as unknown as Record<string, unknown> & {
  not: Record<string, unknown>;
  extend: (expect: unknown, matchers: unknown) => void;
};
chaiExpect.extend(chaiExpect, customMatchers);

/** A spy as the matchers see it: its calls and results copied now, its name kept. */
function snapshotSpy(spy: Mock, originals: WeakMap<object, unknown>): unknown {
  const m = spy.mock;
  const mock = sanitize(
    {
      calls: m.calls,
      results: m.results,
      settledResults: m.settledResults,
      instances: m.instances,
      contexts: m.contexts,
      invocationCallOrder: m.invocationCallOrder,
      lastCall: m.lastCall,
    },
    { originals },
  );
  const name = String(spy.getMockName());
  const snapshot = (...args: unknown[]) => Reflect.apply(spy, undefined, args);
  Object.defineProperties(snapshot, {
    name: { value: name },
    _isMockFunction: { value: true },
    getMockName: { value: () => name },
    mock: { value: mock },
  });
  originals.set(snapshot, spy);
  return snapshot;
}

/**
 * A trusted promise that settles like `value` does, with a copy of its value or reason. A value
 * that is itself a thenable is followed, as a promise would; the copy it settles with is never a
 * thenable (sanitize shadows `then` on kept prototypes; an own `then` function is refused), so no
 * promise machinery can hand student code a resolve function.
 */
function adoptThenable(value: object, then: Fn, originals: WeakMap<object, unknown>): Promise<unknown> {
  const trusted = new Promise<unknown>((resolve, reject) => {
    const fail = (reason: unknown) => reject(copyThrown(reason, originals));
    const succeed = (v: unknown) => {
      try {
        const next: unknown = isObjectLike(v) ? (v as { then?: unknown }).then : undefined;
        if (typeof next === 'function') {
          Reflect.apply(next, v, [succeed, fail]);
          return;
        }
        const copy = sanitize(v, { originals });
        if (isObjectLike(copy) && typeof (copy as { then?: unknown }).then === 'function') {
          throw new TypeError('the promise resolved to an object with a then() method, which the grader cannot compare');
        }
        resolve(copy);
      } catch (error) {
        fail(error);
      }
    };
    try {
      Reflect.apply(then, value, [succeed, fail]);
    } catch (error) {
      fail(error);
    }
  });
  trusted.catch(noop);
  originals.set(trusted, value);
  return trusted;
}

/** The value the matchers get in place of `value` (see the header). */
function trustedActual(value: unknown, originals: WeakMap<object, unknown>): unknown {
  if (isMockFunction(value)) return snapshotSpy(value, originals);
  if (typeof value === 'object' && value !== null) {
    const then: unknown = (value as { then?: unknown }).then;
    if (typeof then === 'function') return adoptThenable(value, then as Fn, originals);
  }
  return sanitize(value, { originals });
}

function record(state: TestState | undefined, error: unknown): void {
  state?.failures.push(error);
}

/** Runs one step of an assertion chain, recording what it throws or rejects with. */
function attempt(run: () => unknown, state: TestState | undefined, soft: boolean): unknown {
  let result: unknown;
  try {
    result = run();
  } catch (error) {
    record(state, error);
    if (soft) return undefined;
    throw error;
  }
  // Only real promises: .resolves/.rejects return one; reading `then` of anything else could run student code.
  if (result instanceof Promise) {
    const settled = Promise.resolve(result).then(noop, (error: unknown) => record(state, error));
    state?.pending.push(settled);
    return soft ? settled : result;
  }
  return guard(result, state, soft);
}

/** Wraps an assertion (or one of its methods) so that every failure goes through `attempt`. */
function guard(value: unknown, state: TestState | undefined, soft: boolean): unknown {
  if (!(typeof value === 'function' || value instanceof chai.Assertion)) return value;
  const target = value as object;
  const proxy = new Proxy(target, {
    get(t, key) {
      const own = Reflect.getOwnPropertyDescriptor(t, key);
      if (own !== undefined && !own.configurable && 'value' in own && !own.writable) return own.value;
      return attempt(() => Reflect.get(t, key), state, soft);
    },
    apply(t, thisArg: unknown, args: unknown[]) {
      const self = isObjectLike(thisArg) ? (proxyTargets.get(thisArg) ?? thisArg) : thisArg;
      return attempt(() => Reflect.apply(t as Fn, self, args), state, soft);
    },
  });
  proxyTargets.set(proxy, target);
  return proxy;
}

function check(state: TestState | undefined, value: unknown, message: string | undefined, soft: boolean): unknown {
  if (state !== undefined) state.assertionCalls++;
  const originals = new WeakMap<object, unknown>();
  let actual: unknown;
  try {
    actual = trustedActual(value, originals);
  } catch (error) {
    // Recorded too: student code that calls a test's callback must not hide this by catching it.
    record(state, error);
    throw error;
  }
  const assertion = chai.expect(actual, message);
  flag(assertion, ORIGINALS, originals);
  return guard(assertion, state, soft);
}

/** The test an `expect()` call belongs to: its async scope's, else the current one, if any. */
function stateOf(holder: Holder): TestState | undefined {
  const inScope = scope.getStore();
  return inScope !== undefined && inScope.holder === holder ? inScope.state : holder.current;
}

function currentTest(holder: Holder, what: string): TestState {
  const state = stateOf(holder);
  if (state === undefined) throw new HarnessUsageError(`${what}() can only be called inside a test`);
  return state;
}

/** Builds a fresh vitest-style `expect` whose counts and failures belong to its own tests. */
export function createExpect(): HarnessExpect {
  const holder: Holder = { current: undefined };
  const expect = ((value: unknown, message?: string) => check(stateOf(holder), value, message, false)) as unknown as HarnessExpect;
  const e = expect as unknown as Record<string, unknown>;
  Object.assign(e, chaiExpect);
  e.not = { ...chaiExpect.not };
  e.soft = (value: unknown, message?: string) => check(stateOf(holder), value, message, true);
  e.extend = (matchers: unknown) => chaiExpect.extend(expect, matchers);
  e.addEqualityTesters = (testers: Tester[]) => addCustomEqualityTesters(testers);
  e.getState = () => getState(expect);
  e.setState = (state: Partial<MatcherState>) => setState(state, expect);
  e.assertions = (count: number) => {
    currentTest(holder, 'expect.assertions').expectedAssertions = count;
  };
  e.hasAssertions = () => {
    currentTest(holder, 'expect.hasAssertions').expectAny = true;
  };
  e.unreachable = (message?: string) => {
    chai.assert.fail(`expected${message ? ` "${message}" ` : ' '}not to be reached`);
  };
  e.assert = chai.assert;
  setState(
    {
      get assertionCalls() {
        return stateOf(holder)?.assertionCalls ?? 0;
      },
      get isExpectingAssertions() {
        return stateOf(holder)?.expectAny ?? false;
      },
      get expectedAssertionsNumber() {
        return stateOf(holder)?.expectedAssertions ?? null;
      },
      get currentTestName() {
        return stateOf(holder)?.name ?? '';
      },
    } as Partial<MatcherState>,
    expect,
  );
  holders.set(expect, holder);
  return expect;
}

function holderOf(expect: object): Holder {
  const holder = holders.get(expect);
  if (holder === undefined) throw new HarnessUsageError('this expect was not made by createExpect()');
  return holder;
}

/** Starts a test: later `expect()` calls count and record into it. */
export function beginTest(expect: object, name: string): void {
  holderOf(expect).current = { name, assertionCalls: 0, expectedAssertions: null, expectAny: false, failures: [], pending: [] };
}

/** Runs `fn` (a test body or hook) in the current test's async scope (see `stateOf`). */
export function withinTest<T>(expect: object, fn: () => T): T {
  const holder = holderOf(expect);
  const state = holder.current;
  return state === undefined ? fn() : scope.run({ holder, state }, fn);
}

/** Ends the current test: `expect()` outside any test's scope no longer counts or records. */
export function endTest(expect: object): void {
  holderOf(expect).current = undefined;
}

/**
 * Ends the current test's body: waits for the assertion promises it did not await, then returns
 * its recorded failures (first one first), or the assertion-count failure, or [].
 */
export async function settleTest(expect: object): Promise<unknown[]> {
  // The scope's test: a body that timed out and settles late must not take the next test's state.
  const state = stateOf(holderOf(expect));
  if (state === undefined) return [];
  while (state.pending.length > 0) await Promise.all(state.pending.splice(0));
  if (state.failures.length > 0) return [...state.failures];
  const calls = state.assertionCalls;
  if (state.expectedAssertions !== null && calls !== state.expectedAssertions) {
    return [new chai.AssertionError(`expected number of assertions to be ${state.expectedAssertions}, but got ${calls}`)];
  }
  if (state.expectAny && calls === 0) return [new chai.AssertionError('expected any number of assertion, but got none')];
  return [];
}
