// The container kernel is pure and deterministic: the same operations give the same kernel, byte
// for byte, and a copy (structuredClone, or JSON) steps exactly as the original does.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cgMkdir, cgRmdir, cgWrite } from './cgroupfs.ts';
import { CgroupError } from './errno.ts';
import { CLONE_NEWNS, CLONE_NEWPID, CLONE_NEWUTS, cloneThread, createKernel, fork, killProcess, runKernel, spawn, stepKernel, unshare } from './kernel.ts';
import type { CgroupPolicy } from './policy.ts';
import { testingPolicy } from './testing-policy.ts';
import type { Kernel, Workload } from './types.ts';

/** One operation on a kernel; indices pick among the cgroups or live processes there are (modulo). */
type Op =
  | { op: 'mkdir'; parent: number; name: string }
  | { op: 'rmdir'; cg: number }
  | { op: 'spawn'; cg: number; workload: Workload }
  | { op: 'fork'; proc: number; workload: Workload }
  | { op: 'thread'; proc: number }
  | { op: 'kill'; proc: number }
  | { op: 'move'; proc: number; cg: number }
  | { op: 'write'; cg: number; file: string; value: string }
  | { op: 'unshare'; proc: number; flags: number }
  | { op: 'run'; usec: number };

const workload: fc.Arbitrary<Workload> = fc.oneof(
  fc.record({ kind: fc.constant('busy' as const), usec: fc.option(fc.integer({ min: 1, max: 20 }).map((n) => n * 1000), { nil: undefined }) }),
  fc.record({ kind: fc.constant('periodic' as const), runUsec: fc.integer({ min: 1, max: 5 }).map((n) => n * 1000), everyUsec: fc.integer({ min: 5, max: 20 }).map((n) => n * 1000) }),
  fc.record({ kind: fc.constant('alloc' as const), pagesPerTick: fc.integer({ min: 1, max: 4 }), cache: fc.boolean(), totalPages: fc.integer({ min: 1, max: 30 }), exitWhenDone: fc.boolean() }),
  fc.record({
    kind: fc.constant('fork' as const),
    everyUsec: fc.integer({ min: 1, max: 4 }).map((n) => n * 1000),
    count: fc.integer({ min: 1, max: 3 }),
    child: fc.constantFrom<Workload>({ kind: 'busy', usec: 5000 }, { kind: 'sleep' }),
    threads: fc.boolean(),
  }),
  fc.constant<Workload>({ kind: 'sleep' }),
);

const index = fc.nat({ max: 50 });
const op: fc.Arbitrary<Op> = fc.oneof(
  { arbitrary: fc.record({ op: fc.constant('spawn' as const), cg: index, workload }), weight: 3 },
  { arbitrary: fc.record({ op: fc.constant('fork' as const), proc: index, workload }), weight: 2 },
  { arbitrary: fc.record({ op: fc.constant('run' as const), usec: fc.integer({ min: 1, max: 20 }).map((n) => n * 1000) }), weight: 4 },
  fc.record({ op: fc.constant('mkdir' as const), parent: index, name: fc.constantFrom('a', 'b', 'c') }),
  fc.record({ op: fc.constant('rmdir' as const), cg: index }),
  fc.record({ op: fc.constant('thread' as const), proc: index }),
  fc.record({ op: fc.constant('kill' as const), proc: index }),
  fc.record({ op: fc.constant('move' as const), proc: index, cg: index }),
  fc
    .tuple(
      index,
      fc.constantFrom(
        ['cgroup.subtree_control', '+cpu +memory +pids'],
        ['cgroup.subtree_control', '-memory'],
        ['cpu.weight', '300'],
        ['cpu.weight', '0'],
        ['cpu.max', '20000 50000'],
        ['cpu.max', 'max'],
        ['memory.max', '64K'],
        ['memory.high', '1M'],
        ['pids.max', '2'],
        ['pids.max', '-1'],
      ),
    )
    .map(([cg, [file, value]]): Op => ({ op: 'write', cg, file: file!, value: value! })),
  fc.record({ op: fc.constant('unshare' as const), proc: index, flags: fc.constantFrom(CLONE_NEWUTS, CLONE_NEWNS, CLONE_NEWPID, CLONE_NEWPID | CLONE_NEWUTS, 0x40000000) }),
);

/** Every sequence starts from a small tree with processes in it, so the operations have something to act on. */
const start: Op[] = [
  { op: 'mkdir', parent: 0, name: 'a' },
  { op: 'mkdir', parent: 0, name: 'b' },
  { op: 'mkdir', parent: 1, name: 'c' },
  { op: 'write', cg: 0, file: 'cgroup.subtree_control', value: '+cpu +memory +pids' },
];

/** A policy whose shares are not all equal, so the lags differ from thread to thread. */
const skewed: CgroupPolicy = testingPolicy({
  cpuShares: (_k, runnable) => {
    const total = runnable.reduce((s, t) => s + t, 0);
    return Object.fromEntries(runnable.map((t) => [t, t / total]));
  },
});

/** Applies `ops` to `k`; returns what each did ("ok" or the errno). Errors other than CgroupErrors fail the test. */
function apply(k: Kernel, policy: CgroupPolicy, ops: readonly Op[]): string[] {
  const cg = (i: number) => {
    const all = Object.keys(k.cgroups);
    return all[i % all.length]!;
  };
  const proc = (i: number) => {
    const live = Object.values(k.processes)
      .filter((p) => p.state === 'alive')
      .map((p) => p.pid);
    return live.length === 0 ? 999 : live[i % live.length]!;
  };
  return ops.map((o) => {
    try {
      switch (o.op) {
        case 'mkdir': {
          const parent = cg(o.parent);
          cgMkdir(k, `${parent === '/' ? '' : parent}/${o.name}`);
          break;
        }
        case 'rmdir':
          cgRmdir(k, cg(o.cg));
          break;
        case 'spawn':
          spawn(k, policy, { workload: o.workload, cgroup: cg(o.cg) });
          break;
        case 'fork':
          fork(k, policy, proc(o.proc), { workload: o.workload });
          break;
        case 'thread':
          cloneThread(k, policy, proc(o.proc));
          break;
        case 'kill':
          if (proc(o.proc) !== 999) killProcess(k, policy, proc(o.proc), 'killed');
          break;
        case 'move':
          cgWrite(k, policy, cg(o.cg), 'cgroup.procs', String(proc(o.proc)));
          break;
        case 'write':
          cgWrite(k, policy, cg(o.cg), o.file, o.value);
          break;
        case 'unshare':
          unshare(k, proc(o.proc), o.flags);
          break;
        case 'run':
          runKernel(k, policy, o.usec);
          break;
      }
      return 'ok';
    } catch (error) {
      if (!(error instanceof CgroupError)) throw error;
      return error.errno;
    }
  });
}

const ops = fc.array(op, { minLength: 1, maxLength: 40 });
const seeded = fc.tuple(fc.array(workload, { minLength: 1, maxLength: 4 }), ops).map(([ws, list]): Op[] => [
  ...start,
  ...ws.map((w, i): Op => ({ op: 'spawn', cg: i + 1, workload: w })),
  ...list,
]);
const setup = fc.record({ cpus: fc.integer({ min: 1, max: 4 }), skew: fc.boolean() });

describe('determinism', () => {
  it('the same operations on two kernels give JSON-identical kernels and the same results', () => {
    fc.assert(
      fc.property(setup, seeded, ({ cpus, skew }, list) => {
        const policy = skew ? skewed : testingPolicy();
        const k1 = createKernel({ cpus });
        const k2 = createKernel({ cpus });
        const r1 = apply(k1, policy, list);
        const r2 = apply(k2, testingPolicy(skew ? { cpuShares: skewed.cpuShares } : {}), list);
        expect(r2).toEqual(r1);
        expect(JSON.stringify(k2)).toBe(JSON.stringify(k1));
      }),
      { numRuns: 150 },
    );
  }, 60_000);

  it('a structuredClone (or a JSON copy) taken midway steps exactly as the original', () => {
    fc.assert(
      fc.property(setup, seeded, ops, ({ cpus, skew }, before, after) => {
        const policy = skew ? skewed : testingPolicy();
        const k = createKernel({ cpus });
        apply(k, policy, before);
        const clone = structuredClone(k);
        const copy = JSON.parse(JSON.stringify(k)) as Kernel;
        expect(clone).toEqual(k);
        const r = apply(k, policy, after);
        expect(apply(clone, policy, after)).toEqual(r);
        expect(apply(copy, policy, after)).toEqual(r);
        expect(JSON.stringify(clone)).toBe(JSON.stringify(k));
        expect(JSON.stringify(copy)).toBe(JSON.stringify(k));
      }),
      { numRuns: 150 },
    );
  }, 60_000);

  it('stepping a clone leaves the original untouched', () => {
    const policy = testingPolicy();
    const k = createKernel({ cpus: 2 });
    spawn(k, policy, { workload: { kind: 'alloc', pagesPerTick: 2 } });
    spawn(k, policy, { workload: { kind: 'fork', everyUsec: 1000, count: 3, child: { kind: 'busy' } } });
    runKernel(k, policy, 3000);
    const before = JSON.stringify(k);
    const clone = structuredClone(k);
    for (let i = 0; i < 20; i++) stepKernel(clone, policy);
    expect(JSON.stringify(k)).toBe(before);
    expect(clone.time).toBe(k.time + 20_000);
  });
});
