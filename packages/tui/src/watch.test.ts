import { EventEmitter } from 'node:events';
import type * as fs from 'node:fs';
import { mkdirSync, mkdtempSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { probeFileEvents, type Watcher, watchFiles } from './watch.ts';

// fs.watch as this machine has it, or (silent) a watch that never reports anything, as on some
// network drives; every real watcher made is kept so that a test can make it fail.
const fake = vi.hoisted(() => ({ silent: false, made: [] as fs.FSWatcher[] }));
vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs')>();
  const watch = (...args: Parameters<typeof real.watch>) => {
    if (fake.silent) return Object.assign(new EventEmitter(), { close() {}, ref() {}, unref() {} });
    const w = real.watch(...args);
    fake.made.push(w);
    return w;
  };
  return { ...real, watch };
});

// Events mode can only be seen where file events arrive; everywhere else watchFiles polls by itself.
const eventsHere = await probeFileEvents(2000);

let open: Watcher[] = [];
afterEach(() => {
  for (const w of open) w.close();
  open = [];
  fake.silent = false;
  fake.made = [];
});

function folder(): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'virtlab-watch-'));
  const file = join(dir, 'context.ts');
  writeFileSync(file, 'export {};\n');
  return { dir, file };
}

function watch(paths: string[], options: Parameters<typeof watchFiles>[2] = {}) {
  const calls: number[] = [];
  const w = watchFiles(paths, () => calls.push(Date.now()), { debounceMs: 20, pollMs: 30, ...options });
  open.push(w);
  return { w, calls };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('watchFiles with file events', () => {
  it.runIf(eventsHere)('switches to events where they arrive, and calls back after a write', async () => {
    const { file } = folder();
    const { w, calls } = watch([file]);
    expect(await w.ready).toBe('events');
    expect(w.mode).toBe('events');
    writeFileSync(file, 'export const x = 1;\n');
    await expect.poll(() => calls.length).toBe(1);
  });

  it.runIf(eventsHere)('sees a save by rename (an editor writing a new file over the old one), again and again', async () => {
    const { dir, file } = folder();
    const { w, calls } = watch([file]);
    await w.ready;
    for (const n of [1, 2, 3]) {
      writeFileSync(join(dir, '.context.ts.swp'), `export const x = ${n};\n`);
      renameSync(join(dir, '.context.ts.swp'), file);
      await expect.poll(() => calls.length).toBe(n);
    }
  });

  it.runIf(eventsHere)('calls back once for a burst of writes, and not for other files of the folder', async () => {
    const { dir, file } = folder();
    const { w, calls } = watch([file], { debounceMs: 100 });
    await w.ready;
    writeFileSync(join(dir, 'notes.txt'), 'not watched');
    await sleep(250);
    expect(calls).toEqual([]);
    for (let i = 0; i < 5; i++) writeFileSync(file, `export const x = ${i};\n`);
    await expect.poll(() => calls.length).toBe(1);
    await sleep(250);
    expect(calls).toHaveLength(1);
  });
});

describe('watchFiles by polling', () => {
  it('falls back to polling by itself when no file event arrives, and still calls back', async () => {
    fake.silent = true;
    vi.resetModules(); // forget this process's probe answer
    const fresh = await import('./watch.ts');
    const { file } = folder();
    const calls: number[] = [];
    const w = fresh.watchFiles([file], () => calls.push(1), { debounceMs: 20, pollMs: 30 });
    open.push(w);
    expect(await w.ready).toBe('polling');
    writeFileSync(file, 'export const x = 1; // longer\n');
    await expect.poll(() => calls.length).toBe(1);
  });

  it.runIf(eventsHere)('falls back to polling when a folder watch fails', async () => {
    const { file } = folder();
    const { w, calls } = watch([file]);
    expect(await w.ready).toBe('events');
    fake.made.at(-1)!.emit('error', new Error('EMFILE: too many open files'));
    expect(w.mode).toBe('polling');
    writeFileSync(file, 'export const x = 1; // longer\n');
    await expect.poll(() => calls.length).toBe(1);
  });

  it('polls a file whose folder does not exist yet', async () => {
    const { dir } = folder();
    const file = join(dir, 'later', 'regions.ts');
    const { w, calls } = watch([file]);
    expect(await w.ready).toBe('polling');
    mkdirSync(join(dir, 'later'));
    writeFileSync(file, 'new\n');
    await expect.poll(() => calls.length).toBe(1);
  });

  it('polls when told to, from the start, and calls back after a write', async () => {
    const { file } = folder();
    const { w, calls } = watch([file], { forcePoll: true });
    expect(w.mode).toBe('polling');
    expect(await w.ready).toBe('polling');
    await sleep(60);
    writeFileSync(file, 'export const x = 1; // longer\n');
    await expect.poll(() => calls.length).toBe(1);
    expect(w.mode).toBe('polling');
  });

  it('sees a file appear and disappear, and a save by rename', async () => {
    const { dir } = folder();
    const file = join(dir, 'regions.ts');
    const { calls } = watch([file], { forcePoll: true });
    writeFileSync(file, 'new\n');
    await expect.poll(() => calls.length).toBe(1);
    writeFileSync(join(dir, 'tmp'), 'renamed over\n');
    renameSync(join(dir, 'tmp'), file);
    await expect.poll(() => calls.length).toBe(2);
  });

  it('calls back no more after close', async () => {
    const { file } = folder();
    const { w, calls } = watch([file], { forcePoll: true });
    w.close();
    writeFileSync(file, 'export const x = 2; // changed\n');
    await sleep(200);
    expect(calls).toEqual([]);
  });
});
