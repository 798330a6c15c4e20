import { types } from 'node:util';
import { equals, iterableEquality } from '@vitest/expect';
import { describe, expect, it } from 'vitest';
import { SanitizeLimitError } from './errors.ts';
import { SANITIZE_MAX_DEPTH, SANITIZE_MAX_NODES } from './params.ts';
import { ASYMMETRIC_MATCH_REMOVED, sanitize } from './sanitize.ts';

/** Jest-style toEqual, as the matchers compute it. */
const jestEquals = (a: unknown, b: unknown) => equals(a, b, [iterableEquality]);

function nested(levels: number): unknown {
  let value: unknown = 'leaf';
  for (let i = 0; i < levels; i++) value = { child: value };
  return value;
}

describe('sanitize: copies', () => {
  it('keeps primitives and functions as they are', () => {
    const fn = () => 1;
    for (const value of [1, 'a', true, null, undefined, 10n, Symbol.for('s'), Number.NaN, fn]) {
      expect(Object.is(sanitize(value), value)).toBe(true);
    }
  });

  it('copies arrays and plain objects into new ones with the same content', () => {
    const original = { a: [1, { b: 2 }], c: 'x', d: undefined };
    const copy = sanitize(original) as typeof original;
    expect(copy).toStrictEqual(original);
    expect(copy).not.toBe(original);
    expect(copy.a).not.toBe(original.a);
    expect(copy.a[1]).not.toBe(original.a[1]);
  });

  it('keeps holes of sparse arrays and extra array keys', () => {
    // biome-ignore lint/suspicious/noSparseArray: the hole is the point
    const sparse: unknown[] = [1, , 3];
    (sparse as unknown as Record<string, unknown>).extra = 'e';
    const copy = sanitize(sparse) as unknown[];
    expect(1 in copy).toBe(false);
    expect(copy).toStrictEqual(sparse);
  });

  it('copies Map, Set, Date, RegExp, boxed primitives, typed arrays, DataView and ArrayBuffer by value', () => {
    const buffer = new Uint8Array([1, 2, 3, 4]).buffer;
    const original = {
      map: new Map<unknown, unknown>([['k', { v: 1 }]]),
      set: new Set([1, 'two']),
      date: new Date(86_400_000),
      regexp: /a+b/gi,
      boxed: Object(5) as unknown,
      bytes: new Uint16Array([1, 65535]),
      view: new DataView(buffer, 1, 2),
      buffer,
    };
    const copy = sanitize(original) as typeof original;
    expect(copy).toStrictEqual(original);
    expect(copy.map).toBeInstanceOf(Map);
    expect(copy.map).not.toBe(original.map);
    expect(copy.map.get('k')).not.toBe(original.map.get('k'));
    expect(copy.date.getTime()).toBe(86_400_000);
    expect(copy.regexp.flags).toBe('gi');
    expect(copy.bytes.buffer).not.toBe(original.bytes.buffer);
    expect([...new Uint8Array(copy.view.buffer)]).toEqual([2, 3]);
    expect(copy.buffer).not.toBe(buffer);
  });

  it('copies errors with name, message, cause and own properties, without the stack', () => {
    const original = Object.assign(new TypeError('bad', { cause: new Error('root') }), { code: 'E_BAD' });
    const copy = sanitize(original) as TypeError & { code: string };
    expect(copy).toBeInstanceOf(TypeError);
    expect(copy.message).toBe('bad');
    expect(copy.name).toBe('TypeError');
    expect((copy.cause as Error).message).toBe('root');
    expect(copy.code).toBe('E_BAD');
    expect(Object.hasOwn(copy, 'stack')).toBe(false);
    expect(jestEquals(copy, original)).toBe(true);
  });

  it('keeps the prototype of a genuine class instance, without running its getters', () => {
    let reads = 0;
    class Point {
      constructor(
        public x: number,
        public y: number,
      ) {}
      get norm() {
        reads++;
        return Math.hypot(this.x, this.y);
      }
    }
    const copy = sanitize(new Point(3, 4)) as Point;
    expect(copy).toBeInstanceOf(Point);
    expect(reads).toBe(0);
    expect(copy).toStrictEqual(new Point(3, 4));
  });

  it('preserves cycles and shared references', () => {
    const shared = { s: 1 };
    const original: Record<string, unknown> = { a: shared, b: shared };
    original.self = original;
    const copy = sanitize(original) as Record<string, unknown>;
    expect(copy.self).toBe(copy);
    expect(copy.a).toBe(copy.b);
    expect(copy.a).not.toBe(shared);
  });

  it('keeps a key named __proto__ as a plain key', () => {
    const original = JSON.parse('{"__proto__": {"polluted": true}, "a": 1}') as object;
    const copy = sanitize(original) as Record<string, unknown>;
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.hasOwn(copy, '__proto__')).toBe(true);
    expect((copy as { polluted?: boolean }).polluted).toBeUndefined();
  });

  it('reports copy → original for every object copied', () => {
    const inner = { i: 1 };
    const original = [inner, new Map()];
    const originals = new WeakMap<object, unknown>();
    const copy = sanitize(original, { originals }) as object[];
    expect(originals.get(copy)).toBe(original);
    expect(originals.get(copy[0]!)).toBe(inner);
    expect(originals.get(copy[1]!)).toBe(original[1]);
  });
});

describe('sanitize: limits', () => {
  it(`accepts ${SANITIZE_MAX_DEPTH} levels of nesting and refuses one more`, () => {
    expect(() => sanitize(nested(SANITIZE_MAX_DEPTH))).not.toThrow();
    expect(() => sanitize(nested(SANITIZE_MAX_DEPTH + 1))).toThrow(SanitizeLimitError);
    expect(() => sanitize(nested(SANITIZE_MAX_DEPTH + 1))).toThrow(/nested more than 64 levels/);
  });

  it(`refuses more than ${SANITIZE_MAX_NODES} values, before copying them`, () => {
    expect(() => sanitize(new Array(SANITIZE_MAX_NODES / 2).fill(0))).not.toThrow();
    expect(() => sanitize(new Array(SANITIZE_MAX_NODES).fill(0))).toThrow(/more than 100000 parts/);
    expect(() => sanitize(new Set(Array.from({ length: SANITIZE_MAX_NODES }, (_, i) => i)))).toThrow(SanitizeLimitError);
  });

  it('refuses a Proxy that claims a huge number of keys', () => {
    const keys = Array.from({ length: SANITIZE_MAX_NODES + 1 }, (_, i) => `k${i}`);
    const liar = new Proxy({}, { ownKeys: () => keys, getOwnPropertyDescriptor: () => ({ value: 1, enumerable: true, configurable: true }) });
    expect(() => sanitize(liar)).toThrow(SanitizeLimitError);
  });
});

describe('sanitize: attacks from student values', () => {
  it('control: without a copy, an object with asymmetricMatch equals anything', () => {
    const evil = { asymmetricMatch: () => true };
    expect(jestEquals(evil, { expected: 42 })).toBe(true);
    expect(jestEquals([evil], [7])).toBe(true);
  });

  it('replaces an own asymmetricMatch method, at any depth', () => {
    const evil = { asymmetricMatch: () => true };
    const copy = sanitize({ value: [evil] }) as { value: { asymmetricMatch: unknown }[] };
    expect(copy.value[0]!.asymmetricMatch).toBe(ASYMMETRIC_MATCH_REMOVED);
    expect(jestEquals(copy, { value: [42] })).toBe(false);
    expect(jestEquals(sanitize(evil), 42)).toBe(false);
  });

  it('replaces an asymmetricMatch that a getter returns', () => {
    const evil = {
      get asymmetricMatch() {
        return () => true;
      },
    };
    expect(jestEquals(sanitize(evil), 42)).toBe(false);
  });

  it('drops a prototype whose chain has asymmetricMatch', () => {
    class Base {
      asymmetricMatch() {
        return true;
      }
    }
    class Evil extends Base {}
    const copy = sanitize(new Evil());
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(jestEquals(copy, { anything: 1 })).toBe(false);
  });

  it('is not fooled by asymmetricMatch added to the prototype after the copy', () => {
    class Sneaky {
      v = 1;
    }
    const copy = sanitize(new Sneaky());
    (Sneaky.prototype as unknown as Record<string, unknown>).asymmetricMatch = () => true;
    expect(jestEquals(copy, { v: 2 })).toBe(false);
    expect(jestEquals([copy], [{ v: 2 }])).toBe(false);
  });

  it('is not fooled by a getter that installs asymmetricMatch while equality runs', () => {
    class Sly {
      v = 1;
      get [Symbol.toStringTag]() {
        (Sly.prototype as unknown as Record<string, unknown>).asymmetricMatch = () => true;
        return 'Object';
      }
    }
    const copy = sanitize([new Sly(), new Sly()]);
    expect(jestEquals(copy, [{ v: 2 }, { v: 3 }])).toBe(false);
  });

  it('is not fooled by a fake Set whose iterator yields asymmetric matchers', () => {
    const evil = { asymmetricMatch: () => true };
    class FakeSet {
      size = 2;
      *[Symbol.iterator]() {
        yield evil;
        yield evil;
      }
      get [Symbol.toStringTag]() {
        return 'Set';
      }
    }
    (FakeSet.prototype as unknown as Record<string, unknown>).constructor = Set;
    expect(jestEquals(new FakeSet(), new Set([1, 2]))).toBe(true); // the attack, without a copy
    expect(jestEquals(sanitize(new FakeSet()), new Set([1, 2]))).toBe(false);
  });

  it('reads a Proxy once through its traps and keeps a plain copy', () => {
    let gets = 0;
    const target = { a: 1, b: 2 };
    const proxy = new Proxy(target, {
      get(t, key, receiver) {
        gets++;
        return Reflect.get(t, key, receiver);
      },
      getOwnPropertyDescriptor(t, key) {
        gets++;
        const desc = Reflect.getOwnPropertyDescriptor(t, key);
        return desc && { ...desc, value: gets };
      },
    });
    const copy = sanitize(proxy) as Record<string, unknown>;
    const reads = gets;
    expect(types.isProxy(copy)).toBe(false);
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(copy.a).toBe(copy.a);
    expect(JSON.stringify(copy)).toBe(JSON.stringify(copy));
    expect(gets).toBe(reads);
  });

  it('turns a Proxy of an array into a plain array', () => {
    const proxy = new Proxy([1, 2, 3], {});
    const copy = sanitize(proxy);
    expect(types.isProxy(copy)).toBe(false);
    expect(copy).toEqual([1, 2, 3]);
  });

  it('drops a prototype that is a Proxy, or that lies about its constructor', () => {
    const proxied = Object.create(new Proxy({}, {})) as object;
    expect(Object.getPrototypeOf(sanitize(proxied))).toBe(Object.prototype);
    const liar = Object.create({ constructor: Map }) as object;
    expect(Object.getPrototypeOf(sanitize(liar))).toBe(Object.prototype);
  });

  it('runs a student getter once and lets its error propagate', () => {
    let calls = 0;
    const counted = {
      get x() {
        calls++;
        return calls;
      },
    };
    expect(sanitize(counted)).toEqual({ x: 1 });
    expect(calls).toBe(1);
    const throwing = {
      get x(): number {
        throw new RangeError('no x for you');
      },
    };
    expect(() => sanitize(throwing)).toThrow(RangeError);
  });

  it('does not brand a fake Map, Date or typed array as one', () => {
    const fakeMap = Object.create(Map.prototype) as object;
    expect(sanitize(fakeMap)).not.toBeInstanceOf(Map);
    const fakeDate = { getTime: () => 0, [Symbol.toStringTag]: 'Date' };
    expect(sanitize(fakeDate)).not.toBeInstanceOf(Date);
  });
});
