/**
 * sanitize: copies a value that may come from student code into a trusted plain structure, before
 * any matcher sees it. Jest-style equality calls `asymmetricMatch` on EITHER side, so a student
 * object with `asymmetricMatch() { return true }` would otherwise equal anything; a Proxy could
 * answer differently each time it is read. A copy is read once, then only trusted code touches it.
 *
 * Interface: `sanitize(value, { originals })` → the copy. `originals`, if given, receives
 * copy → original for every object copied (identity matchers such as `toBe` look it up).
 *
 *   student value                         copy
 *   ─────────────────────────────────     ───────────────────────────────────────────────────────────
 *   primitive, function                   itself (`toThrow` and spies need the real function)
 *   array, plain object, Proxy            a new array / object; own enumerable string keys, each value
 *                                         copied (a getter or trap runs once; its error propagates)
 *   class instance                        the same, keeping its prototype only when that is a genuine
 *                                         class prototype and nothing on its chain has `asymmetricMatch`
 *                                         or is a Proxy; otherwise Object.prototype
 *   Map, Set                              a new Map / Set of copied keys and values
 *   Date, RegExp, boxed primitive         a new one with the same value
 *   Error                                 name, message, cause, errors, own enumerable props; no stack
 *   typed array, DataView, ArrayBuffer    a byte copy
 *
 * Invariants:
 *   - every object in the copy was made here; none is a Proxy; functions are the only shared values.
 *   - no copy has a callable own `asymmetricMatch` (one is replaced by a marker string); a copy that
 *     keeps a student prototype gets own non-enumerable `asymmetricMatch`, `then` and `Symbol.iterator`
 *     set to undefined, so the prototype, even changed later, cannot make the copy an asymmetric
 *     matcher or a thenable, or feed jest's iterable equality.
 *   - cycles and shared references are kept: each original object is copied once.
 *   - more than SANITIZE_MAX_DEPTH levels, SANITIZE_MAX_NODES values or SANITIZE_MAX_BYTES bytes
 *     throw SanitizeLimitError.
 */

import { types } from 'node:util';
import { SanitizeLimitError } from './errors.ts';
import { SANITIZE_MAX_BYTES, SANITIZE_MAX_DEPTH, SANITIZE_MAX_NODES } from './params.ts';

/** What an own callable `asymmetricMatch` of a student object becomes in its copy. */
export const ASYMMETRIC_MATCH_REMOVED = '[asymmetricMatch removed by the grader]';

/** Options of `sanitize`. */
export interface SanitizeOptions {
  /** Receives copy → original for every object copied. */
  originals?: WeakMap<object, unknown>;
}

interface Context {
  seen: Map<object, unknown>;
  originals: WeakMap<object, unknown> | undefined;
  nodes: number;
  bytes: number;
}

type Getter = (this: unknown) => unknown;

function getterOf(target: object, key: PropertyKey): Getter {
  const get = Object.getOwnPropertyDescriptor(target, key)?.get;
  if (get === undefined) throw new Error(`no getter ${String(key)}`);
  return get as Getter;
}

// Intrinsic getters and methods, taken once: they check the receiver's internal slots and never
// read a property of it, so calling them on a student object runs no student code.
const typedArrayProto = Object.getPrototypeOf(Uint8Array.prototype) as object;
const typedArrayTag = getterOf(typedArrayProto, Symbol.toStringTag);
const typedArrayBuffer = getterOf(typedArrayProto, 'buffer');
const typedArrayOffset = getterOf(typedArrayProto, 'byteOffset');
const typedArrayLength = getterOf(typedArrayProto, 'byteLength');
const dataViewBuffer = getterOf(DataView.prototype, 'buffer');
const dataViewOffset = getterOf(DataView.prototype, 'byteOffset');
const dataViewLength = getterOf(DataView.prototype, 'byteLength');
const arrayBufferLength = getterOf(ArrayBuffer.prototype, 'byteLength');
const mapSize = getterOf(Map.prototype, 'size');
const setSize = getterOf(Set.prototype, 'size');
const regExpSource = getterOf(RegExp.prototype, 'source');
const regExpFlags = getterOf(RegExp.prototype, 'flags');
const mapEntries = Map.prototype.entries;
const setValues = Set.prototype.values;
const dateGetTime = Date.prototype.getTime;
const numberValueOf = Number.prototype.valueOf;
const stringValueOf = String.prototype.valueOf;
const booleanValueOf = Boolean.prototype.valueOf;

const typedArrays: Record<string, new (buffer: ArrayBuffer) => ArrayBufferView> = {
  Int8Array,
  Uint8Array,
  Uint8ClampedArray,
  Int16Array,
  Uint16Array,
  Int32Array,
  Uint32Array,
  Float32Array,
  Float64Array,
  BigInt64Array,
  BigUint64Array,
};

// Prototypes whose methods need internal slots: a plain copy cannot carry them, so an object that
// inherits from one without being a real one (Object.create(Map.prototype)) loses its prototype.
const slotPrototypes = new Set<object>([
  Map.prototype,
  Set.prototype,
  WeakMap.prototype,
  WeakSet.prototype,
  Date.prototype,
  RegExp.prototype,
  Promise.prototype,
  ArrayBuffer.prototype,
  SharedArrayBuffer.prototype,
  DataView.prototype,
  typedArrayProto,
  Number.prototype,
  String.prototype,
  Boolean.prototype,
  Symbol.prototype,
  BigInt.prototype,
  Array.prototype,
  Function.prototype,
]);

/** Calls an intrinsic brand-checking function; `undefined` when `value` lacks the internal slot. */
function branded(fn: (this: unknown) => unknown, value: object): { result: unknown } | undefined {
  try {
    return { result: Reflect.apply(fn, value, []) };
  } catch {
    return undefined;
  }
}

/** Throws when visiting `ahead` more values would pass the node limit (checked before a loop). */
function reserve(ctx: Context, ahead: number): void {
  if (ctx.nodes + ahead > SANITIZE_MAX_NODES) {
    throw new SanitizeLimitError(`the value given to expect() has more than ${SANITIZE_MAX_NODES} parts`);
  }
}

function copyBytes(ctx: Context, buffer: ArrayBufferLike, offset: number, length: number): ArrayBuffer {
  ctx.bytes += length;
  if (ctx.bytes > SANITIZE_MAX_BYTES) {
    throw new SanitizeLimitError(`the value given to expect() holds more than ${SANITIZE_MAX_BYTES} bytes of binary data`);
  }
  const out = new ArrayBuffer(length);
  new Uint8Array(out).set(new Uint8Array(buffer, offset, length));
  return out;
}

function define(target: object, key: PropertyKey, value: unknown, enumerable: boolean): void {
  // defineProperty, not assignment: a key named "__proto__" must stay a plain key.
  Object.defineProperty(target, key, { value, enumerable, writable: true, configurable: true });
}

/** True when `proto` may stay the prototype of a copy (see the header). */
function keepsPrototype(proto: object): boolean {
  if (types.isProxy(proto)) return false;
  const ctor = Reflect.getOwnPropertyDescriptor(proto, 'constructor');
  if (ctor === undefined || !('value' in ctor) || typeof ctor.value !== 'function' || types.isProxy(ctor.value)) return false;
  const own = Reflect.getOwnPropertyDescriptor(ctor.value, 'prototype');
  if (own === undefined || !('value' in own) || own.value !== proto) return false;
  let p: object | null = proto;
  for (let steps = 0; p !== null && p !== Object.prototype; steps++) {
    if (steps > SANITIZE_MAX_DEPTH || types.isProxy(p) || slotPrototypes.has(p)) return false;
    if (Reflect.getOwnPropertyDescriptor(p, 'asymmetricMatch') !== undefined) return false;
    p = Reflect.getPrototypeOf(p);
  }
  return true;
}

/** Own non-enumerable blanks that hide what a kept student prototype could supply later. */
function shadow(copy: object): void {
  for (const key of ['asymmetricMatch', 'then', Symbol.iterator]) {
    if (!Object.hasOwn(copy, key)) Object.defineProperty(copy, key, { value: undefined, enumerable: false });
  }
}

/** Copies the own enumerable string-keyed properties of `from` onto `to`. */
function copyProperties(ctx: Context, from: object, to: object, depth: number, skip?: string): void {
  const keys = Reflect.ownKeys(from).filter((key): key is string => typeof key === 'string' && key !== skip);
  reserve(ctx, keys.length);
  for (const key of keys) {
    const desc = Reflect.getOwnPropertyDescriptor(from, key);
    if (desc === undefined || !desc.enumerable) continue;
    const raw = 'value' in desc ? desc.value : desc.get === undefined ? undefined : Reflect.apply(desc.get, from, []);
    const value = key === 'asymmetricMatch' && typeof raw === 'function' ? ASYMMETRIC_MATCH_REMOVED : visit(ctx, raw, depth + 1);
    define(to, key, value, true);
  }
}

/** Reads `value[key]` once (a getter or trap may run) and copies the result. */
function copied(ctx: Context, value: object, key: string, depth: number): unknown {
  return visit(ctx, (value as Record<string, unknown>)[key], depth + 1);
}

function remember<T extends object>(ctx: Context, original: object, copy: T): T {
  ctx.seen.set(original, copy);
  ctx.originals?.set(copy, original);
  return copy;
}

function copyError(ctx: Context, value: object, depth: number): object {
  const proto = Reflect.getPrototypeOf(value);
  const kept = proto !== null && keepsPrototype(proto);
  // A real Error, so that jest's equality sees "[object Error]"; its stack is dropped at once.
  const copy = remember(ctx, value, new Error());
  Reflect.deleteProperty(copy, 'stack');
  Object.setPrototypeOf(copy, kept ? proto : Error.prototype);
  define(copy, 'message', copied(ctx, value, 'message', depth), false);
  define(copy, 'name', copied(ctx, value, 'name', depth), false);
  for (const key of ['cause', 'errors']) {
    if (Reflect.getOwnPropertyDescriptor(value, key) !== undefined) define(copy, key, copied(ctx, value, key, depth), false);
  }
  copyProperties(ctx, value, copy, depth, 'stack');
  if (kept) shadow(copy);
  return copy;
}

function copyBinary(ctx: Context, value: object): object | undefined {
  if (ArrayBuffer.isView(value)) {
    const kind = branded(typedArrayTag, value)?.result;
    const Ctor = typeof kind === 'string' ? typedArrays[kind] : undefined;
    if (Ctor !== undefined) {
      const buffer = Reflect.apply(typedArrayBuffer, value, []) as ArrayBufferLike;
      const offset = Reflect.apply(typedArrayOffset, value, []) as number;
      const length = Reflect.apply(typedArrayLength, value, []) as number;
      return new Ctor(copyBytes(ctx, buffer, offset, length));
    }
    const buffer = Reflect.apply(dataViewBuffer, value, []) as ArrayBufferLike;
    const offset = Reflect.apply(dataViewOffset, value, []) as number;
    const length = Reflect.apply(dataViewLength, value, []) as number;
    return new DataView(copyBytes(ctx, buffer, offset, length));
  }
  const length = branded(arrayBufferLength, value);
  if (length !== undefined) return copyBytes(ctx, value as ArrayBuffer, 0, length.result as number);
  return undefined;
}

/** Copies a value of a built-in type by value; `undefined` when `value` is not one. */
function copyBuiltin(ctx: Context, value: object, depth: number): object | undefined {
  const mapCount = branded(mapSize, value);
  if (mapCount !== undefined) {
    reserve(ctx, 2 * (mapCount.result as number));
    const copy = remember(ctx, value, new Map<unknown, unknown>());
    for (const [k, v] of Reflect.apply(mapEntries, value, []) as Iterable<[unknown, unknown]>) {
      copy.set(visit(ctx, k, depth + 1), visit(ctx, v, depth + 1));
    }
    return copy;
  }
  const setCount = branded(setSize, value);
  if (setCount !== undefined) {
    reserve(ctx, setCount.result as number);
    const copy = remember(ctx, value, new Set<unknown>());
    for (const v of Reflect.apply(setValues, value, []) as Iterable<unknown>) copy.add(visit(ctx, v, depth + 1));
    return copy;
  }
  const time = branded(dateGetTime, value);
  if (time !== undefined) return remember(ctx, value, new Date(time.result as number));
  const source = branded(regExpSource, value);
  if (source !== undefined) {
    return remember(ctx, value, new RegExp(source.result as string, Reflect.apply(regExpFlags, value, []) as string));
  }
  const binary = copyBinary(ctx, value);
  if (binary !== undefined) return remember(ctx, value, binary);
  for (const unbox of [numberValueOf, stringValueOf, booleanValueOf] as ((this: unknown) => unknown)[]) {
    const primitive = branded(unbox, value);
    if (primitive !== undefined) return remember(ctx, value, Object(primitive.result) as object);
  }
  return undefined;
}

function visit(ctx: Context, value: unknown, depth: number): unknown {
  ctx.nodes += 1;
  reserve(ctx, 0);
  if (typeof value !== 'object' || value === null) return value;
  const done = ctx.seen.get(value);
  if (done !== undefined) return done;
  if (depth >= SANITIZE_MAX_DEPTH) {
    throw new SanitizeLimitError(`the value given to expect() is nested more than ${SANITIZE_MAX_DEPTH} levels deep`);
  }
  if (types.isProxy(value)) {
    const copy = remember(ctx, value, Array.isArray(value) ? [] : {});
    copyProperties(ctx, value, copy, depth);
    return copy;
  }
  const builtin = copyBuiltin(ctx, value, depth);
  if (builtin !== undefined) return builtin;
  if (Array.isArray(value)) {
    const copy = remember(ctx, value, new Array<unknown>(value.length));
    copyProperties(ctx, value, copy, depth);
    return copy;
  }
  if (value instanceof Error) return copyError(ctx, value, depth);
  const proto = Reflect.getPrototypeOf(value);
  const kept = proto !== null && proto !== Object.prototype && keepsPrototype(proto);
  const copy = remember(ctx, value, Object.create(kept || proto === null ? proto : Object.prototype) as object);
  copyProperties(ctx, value, copy, depth);
  if (kept) shadow(copy);
  return copy;
}

/** Copies a possibly untrusted value into a trusted plain structure (see the header). */
export function sanitize(value: unknown, options: SanitizeOptions = {}): unknown {
  return visit({ seen: new Map(), originals: options.originals, nodes: 0, bytes: 0 }, value, 0);
}
