/**
 * collect: the registration half of the vitest API (describe, it, test, the four hooks) that
 * builds the tree of suites and tests run.ts walks.
 *
 *   files[0]  suite ''  file 'tests/public/cpu.test.ts'    one per setCurrentFile(); top-level hooks
 *     ├─ test 'boots'                                      full name 'boots'
 *     └─ suite 'traps'    hooks { beforeAll, beforeEach, afterEach, afterAll }
 *          ├─ test 'on halt'                               full name 'traps > on halt'
 *          └─ test '(collection error)'                    stands for a describe body that threw
 *
 * Interface: `const c = createCollector()`; `c.setCurrentFile(path)` before each test file's body
 * runs; the file calls `c.api.describe/it/…`; `c.lock()` when running starts; run.ts reads `c.files`.
 *
 * Supported: describe/suite and it/test with `.skip .only .todo .concurrent .sequential .fails
 * .shuffle .each .for .skipIf .runIf` chained in any order; `(name, fn, timeout | options)` and
 * `(name, options, fn)`; `each` tables of arrays, of objects and tagged templates, names formatted
 * as vitest does (`%s %d %i %f %j %o %O %c %# %$ %%`, `$prop.path`).
 *
 * Invariants: `.only` runs like a plain test (the grader never narrows a run); `.concurrent` is
 * ignored (tests run one at a time); describe bodies run at once, synchronously; a body that throws,
 * or returns a promise, leaves a '(collection error)' test in its place, so no error is lost; after
 * lock() every registration throws, so a test cannot add tests.
 */

import { format, formatRegExp, objDisplay } from '@vitest/utils/display';
import { isNegativeNaN, isObject, objectAttr } from '@vitest/utils/helpers';
import { HarnessUsageError } from './errors.ts';
import type { HarnessExpect } from './expect.ts';

/** Whether a test or suite runs. */
export type Mode = 'run' | 'skip' | 'todo';

/** What a test function receives (a subset of vitest's test context). */
export interface TestContext {
  /** The running test. */
  task: { name: string; fullName: string; file: string };
  /** The harness's `expect`. */
  expect: HarnessExpect;
  /** Stops the test and reports it as skipped. */
  skip: (note?: string) => never;
  /** Registers a callback run after the test and its afterEach hooks. */
  onTestFinished: (fn: () => unknown) => void;
  /** Registers a callback run after the test if it did not pass. */
  onTestFailed: (fn: () => unknown) => void;
}

/** A test body. */
export type TestFunction = (context: TestContext) => unknown;

/** A hook body; beforeAll/beforeEach may return a teardown function. */
export type HookFunction = (...args: unknown[]) => unknown;

/** A registered hook and its own time limit, if any. */
export interface Hook {
  /** The hook body. */
  fn: HookFunction;
  /** Its time limit in milliseconds, when given at registration. */
  timeoutMs: number | undefined;
}

/** A suite: a describe block, or the top level of one test file (name ''). */
export interface SuiteNode {
  /** Tells suites from tests. */
  kind: 'suite';
  /** Its own name ('' for a file). */
  name: string;
  /** Names from the file down to this suite, joined by ' > ' ('' for a file). */
  fullName: string;
  /** Test file it belongs to. */
  file: string;
  /** 'skip' or 'todo' spread to everything inside. */
  mode: Mode;
  /** Default time limit of the tests inside, in milliseconds, when given. */
  timeoutMs: number | undefined;
  /** Tests and suites, in registration order. */
  children: (SuiteNode | TestNode)[];
  /** Hooks, each list in registration order. */
  hooks: { beforeAll: Hook[]; afterAll: Hook[]; beforeEach: Hook[]; afterEach: Hook[] };
}

/** A test. */
export interface TestNode {
  /** Tells tests from suites. */
  kind: 'test';
  /** Its own name. */
  name: string;
  /** Enclosing suite names and its own, joined by ' > '. */
  fullName: string;
  /** Test file it belongs to. */
  file: string;
  /** Whether it runs. */
  mode: Mode;
  /** Its body (absent for todo tests and collection errors). */
  fn: TestFunction | undefined;
  /** Its own time limit in milliseconds, when given. */
  timeoutMs: number | undefined;
  /** `it.fails`: passes only if the body fails. */
  fails: boolean;
  /** Set on a '(collection error)' test: what its describe body threw. */
  collectError?: { error: unknown };
}

/** Options accepted where vitest accepts them (others are ignored). */
export interface TestOptions {
  /** Time limit in milliseconds. */
  timeout?: number;
  /** Same as `.skip`. */
  skip?: boolean;
  /** Same as `.todo`. */
  todo?: boolean;
  /** Same as `.only` (runs normally). */
  only?: boolean;
  /** Same as `.fails`. */
  fails?: boolean;
  /** Same as `.concurrent` (ignored). */
  concurrent?: boolean;
  /** Same as `.sequential` (ignored). */
  sequential?: boolean;
}

type Flags = Partial<Record<'skip' | 'todo' | 'fails', boolean>>;
type Register = (flags: Flags, name: unknown, a?: unknown, b?: unknown) => void;

/** One registration call, in either of vitest's argument orders. */
export interface Registrar<F> {
  (name: unknown, fn?: F, options?: number | TestOptions): void;
  (name: unknown, options: TestOptions, fn?: F): void;
}

/** `describe`/`it` as lab tests call them: a registrar with chainable modifiers. */
export interface Chainable<F, ForF> extends Registrar<F> {
  /** Registered, reported as skipped. */
  skip: Chainable<F, ForF>;
  /** Runs like a plain registration (the grader never narrows a run). */
  only: Chainable<F, ForF>;
  /** Registered, reported as todo. */
  todo: Chainable<F, ForF>;
  /** Ignored: tests run one at a time. */
  concurrent: Chainable<F, ForF>;
  /** Ignored: tests already run one at a time. */
  sequential: Chainable<F, ForF>;
  /** The test passes only if its body fails. */
  fails: Chainable<F, ForF>;
  /** Ignored: the order is always the registration order. */
  shuffle: Chainable<F, ForF>;
  /** One registration per row; array rows are spread into the body's arguments. */
  each: (cases: readonly unknown[], ...values: unknown[]) => Registrar<(...args: unknown[]) => unknown>;
  /** One registration per row; the row is passed whole (with the context, for tests). */
  for: (cases: readonly unknown[], ...values: unknown[]) => Registrar<ForF>;
  /** `.skip` when the condition is truthy. */
  skipIf: (condition: unknown) => Chainable<F, ForF>;
  /** `.skip` when the condition is falsy. */
  runIf: (condition: unknown) => Chainable<F, ForF>;
}

/** `it` / `test`. */
export type TestChainable = Chainable<TestFunction, (row: unknown, context: TestContext) => unknown>;

/** `describe` / `suite`. */
export type SuiteChainable = Chainable<() => unknown, (row: unknown) => unknown>;

/** A hook registrar: `beforeEach(fn, timeout?)`. */
export type HookRegistrar = (fn: HookFunction, timeoutMs?: number) => void;

/** The registration functions of one collector (the 'vitest' module, minus expect and vi). */
export interface TestApi {
  /** Registers a suite and runs its body now. */
  describe: SuiteChainable;
  /** Alias of describe. */
  suite: SuiteChainable;
  /** Registers a test. */
  it: TestChainable;
  /** Alias of it. */
  test: TestChainable;
  /** Runs once before the tests of the current suite; may return a teardown. */
  beforeAll: HookRegistrar;
  /** Runs once after the tests of the current suite. */
  afterAll: HookRegistrar;
  /** Runs before each test of the current suite; may return a teardown. */
  beforeEach: HookRegistrar;
  /** Runs after each test of the current suite. */
  afterEach: HookRegistrar;
}

/** A tree under construction. */
export interface Collector {
  /** One suite per test file, in the order the files were set. */
  readonly files: readonly SuiteNode[];
  /** Later registrations belong to `path` (the bundle calls it before each test file's body). */
  setCurrentFile: (path: string) => void;
  /** Refuses any further registration (called when the run starts). */
  lock: () => void;
  /** describe, it, test and the hooks, registering into this tree. */
  readonly api: TestApi;
}

/** The name under which a describe body that threw is reported. */
export const COLLECTION_ERROR_NAME = '(collection error)';

const MODIFIERS = ['skip', 'only', 'todo', 'concurrent', 'sequential', 'fails', 'shuffle'] as const;

function joinName(parent: string, name: string): string {
  return parent === '' ? name : `${parent} > ${name}`;
}

function formatName(name: unknown): string {
  if (typeof name === 'string') return name;
  if (typeof name === 'function') return name.name;
  return String(name);
}

/** vitest's argument forms: (fn, timeout | options) or (options, fn). */
function parseArguments(a: unknown, b: unknown): { fn: ((...args: unknown[]) => unknown) | undefined; options: TestOptions } {
  const asOptions = (x: unknown): TestOptions => (typeof x === 'number' ? { timeout: x } : typeof x === 'object' && x !== null ? (x as TestOptions) : {});
  if (typeof a === 'function') return { fn: a as (...args: unknown[]) => unknown, options: asOptions(b) };
  if (typeof b === 'function') return { fn: b as (...args: unknown[]) => unknown, options: asOptions(a) };
  return { fn: undefined, options: asOptions(a) };
}

/** Rows of a tagged-template table: `a | b` header, then values. */
function templateRows(strings: readonly string[], values: unknown[]): Record<string, unknown>[] {
  const header = (strings.join('').trim().replace(/ /g, '').split('\n')[0] ?? '').split('|');
  const rows: Record<string, unknown>[] = [];
  for (let i = 0; i < Math.floor(values.length / header.length); i++) {
    const row: Record<string, unknown> = {};
    header.forEach((key, j) => {
      row[key] = values[i * header.length + j];
    });
    rows.push(row);
  }
  return rows;
}

/** Calls onMatch for each match of `regex` in `input` and onGap for the text between. */
function splitMatches(input: string, regex: RegExp, onMatch: (m: string) => void, onGap: (text: string) => void): void {
  let last = 0;
  for (const m of input.matchAll(regex)) {
    if (last < m.index) onGap(input.slice(last, m.index));
    onMatch(m[0]);
    last = m.index + m[0].length;
  }
  if (last < input.length) onGap(input.slice(last));
}

/** A test name from an `each` template and one row, as vitest formats it. */
export function formatTitle(template: string, items: unknown[], index: number): string {
  let t = template;
  if (t.includes('%#') || t.includes('%$')) {
    t = t
      .replace(/%%/g, '__vitest_escaped_%__')
      .replace(/%#/g, `${index}`)
      .replace(/%\$/g, `${index + 1}`)
      .replace(/__vitest_escaped_%__/g, '%%');
  }
  const count = t.split('%').length - 1;
  (t.match(/%f/g) ?? []).forEach((_, i) => {
    const item = items[i];
    if ((typeof item === 'number' && isNegativeNaN(item)) || Object.is(item, -0)) {
      let seen = 0;
      t = t.replace(/%f/g, (m) => (++seen === i + 1 ? '-%f' : m));
    }
  });
  const objectRow = isObject(items[0]);
  const attributes = (text: string) =>
    text.replace(/\$([$\w.]+)/g, (_, key: string) => {
      const arrayKey = /^\d+$/.test(key);
      if (!objectRow && !arrayKey) return `$${key}`;
      const element = arrayKey ? objectAttr(items, key) : undefined;
      return objDisplay(objectRow ? objectAttr(items[0], key, element) : element);
    });
  let out = '';
  let used = 0;
  splitMatches(
    t,
    formatRegExp,
    (m) => {
      out += used < count ? format(m, items[used++]) : m;
    },
    (gap) => {
      out += attributes(gap);
    },
  );
  return out;
}

function each(register: (name: string, options: TestOptions, fn: ((...args: unknown[]) => unknown) | undefined) => void, spread: boolean, forSuite: boolean) {
  return (cases: unknown, ...values: unknown[]) => {
    const rows: unknown[] =
      Array.isArray(cases) && values.length > 0 ? templateRows(cases as string[], values) : Array.isArray(cases) ? cases : [];
    return (name: unknown, a?: unknown, b?: unknown) => {
      const template = formatName(name);
      const { fn, options } = parseArguments(a, b);
      const arraysOnly = rows.every(Array.isArray);
      rows.forEach((row, index) => {
        const items = Array.isArray(row) ? row : [row];
        let body: ((...args: unknown[]) => unknown) | undefined;
        if (fn !== undefined) {
          if (!spread) body = forSuite ? () => fn(row) : (context: unknown) => fn(row, context);
          else body = arraysOnly ? () => fn(...items) : () => fn(row);
        }
        register(formatTitle(template, items, index), options, body);
      });
    };
  };
}

type AnyChainable = Chainable<unknown, unknown>;

function chainable(register: Register, flags: Flags, forSuite: boolean): AnyChainable {
  const fn = ((name: unknown, a?: unknown, b?: unknown) => register(flags, name, a, b)) as AnyChainable;
  for (const key of MODIFIERS) {
    const next: Flags = key === 'skip' || key === 'todo' || key === 'fails' ? { ...flags, [key]: true } : flags;
    Object.defineProperty(fn, key, { get: () => chainable(register, next, forSuite), enumerable: true });
  }
  const direct = (name: string, options: TestOptions, body: ((...args: unknown[]) => unknown) | undefined) => register(flags, name, options, body);
  fn.each = each(direct, true, forSuite);
  fn.for = each(direct, false, forSuite);
  fn.skipIf = (condition: unknown) => (condition ? fn.skip : fn);
  fn.runIf = (condition: unknown) => (condition ? fn : fn.skip);
  return fn;
}

function emptyHooks(): SuiteNode['hooks'] {
  return { beforeAll: [], afterAll: [], beforeEach: [], afterEach: [] };
}

/** Creates an empty tree and the API that registers into it. */
export function createCollector(): Collector {
  const files: SuiteNode[] = [];
  let stack: SuiteNode[] = [];
  let locked = false;

  const fileSuite = (path: string): SuiteNode => {
    const suite: SuiteNode = { kind: 'suite', name: '', fullName: '', file: path, mode: 'run', timeoutMs: undefined, children: [], hooks: emptyHooks() };
    files.push(suite);
    stack = [suite];
    return suite;
  };
  const current = (what: string): SuiteNode => {
    if (locked) throw new HarnessUsageError(`${what}() can only be called while the test files load, not while tests run`);
    return stack.at(-1) ?? fileSuite('');
  };

  const collectionError = (suite: SuiteNode, error: unknown) => {
    suite.children.push({
      kind: 'test',
      name: COLLECTION_ERROR_NAME,
      fullName: joinName(suite.fullName, COLLECTION_ERROR_NAME),
      file: suite.file,
      mode: 'run',
      fn: undefined,
      timeoutMs: undefined,
      fails: false,
      collectError: { error },
    });
  };

  const registerTest: Register = (flags, rawName, a, b) => {
    const parent = current('it');
    const { fn, options } = parseArguments(a, b);
    const name = formatName(rawName);
    let mode: Mode = 'run';
    if (flags.todo || options.todo || fn === undefined) mode = flags.skip || options.skip ? 'skip' : 'todo';
    else if (flags.skip || options.skip) mode = 'skip';
    if (mode === 'run') mode = parent.mode;
    parent.children.push({
      kind: 'test',
      name,
      fullName: joinName(parent.fullName, name),
      file: parent.file,
      mode,
      fn: fn as TestFunction | undefined,
      timeoutMs: options.timeout,
      fails: Boolean(flags.fails || options.fails),
    });
  };

  const registerSuite: Register = (flags, rawName, a, b) => {
    const parent = current('describe');
    const { fn, options } = parseArguments(a, b);
    const name = formatName(rawName);
    let mode: Mode = parent.mode;
    if (flags.todo || options.todo) mode = 'todo';
    else if (flags.skip || options.skip) mode = mode === 'run' ? 'skip' : mode;
    const suite: SuiteNode = {
      kind: 'suite',
      name,
      fullName: joinName(parent.fullName, name),
      file: parent.file,
      mode,
      timeoutMs: options.timeout ?? parent.timeoutMs,
      children: [],
      hooks: emptyHooks(),
    };
    parent.children.push(suite);
    if (fn === undefined) return;
    stack.push(suite);
    try {
      const result = fn();
      if (typeof (result as { then?: unknown } | undefined)?.then === 'function') {
        Promise.resolve(result).catch(() => {});
        collectionError(suite, new HarnessUsageError('a describe() callback must not be async: register tests synchronously'));
      }
    } catch (error) {
      collectionError(suite, error);
    } finally {
      stack.pop();
    }
  };

  const hook =
    (kind: keyof SuiteNode['hooks']): HookRegistrar =>
    (fn, timeoutMs) => {
      current(kind).hooks[kind].push({ fn, timeoutMs });
    };

  const describe = chainable(registerSuite, {}, true) as SuiteChainable;
  const it = chainable(registerTest, {}, false) as TestChainable;
  return {
    files,
    setCurrentFile: (path: string) => {
      if (locked) throw new HarnessUsageError('setCurrentFile() can only be called while the test files load');
      fileSuite(path);
    },
    lock: () => {
      locked = true;
    },
    api: {
      describe,
      suite: describe,
      it,
      test: it,
      beforeAll: hook('beforeAll'),
      afterAll: hook('afterAll'),
      beforeEach: hook('beforeEach'),
      afterEach: hook('afterEach'),
    },
  };
}
