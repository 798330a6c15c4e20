/**
 * Watch mode's eyes: calls back when one of a few files changes, with file events where they
 * arrive and by polling where they do not (network drives, some containers and VMs, WSL's /mnt).
 *
 * Interface: `const w = watchFiles(paths, onChange, options)`; `w.mode` is how it watches now,
 * `await w.ready` is the mode once known; `w.close()` stops it. `probeFileEvents(ms)` answers
 * "do file events arrive here?" on its own (lab doctor asks it).
 *
 *   start ──(events known to work)──────────────────────────────> events: fs.watch per folder
 *         ──(forcePoll, or known not to)────────────────────────> polling: stat every pollMs
 *         ──(not yet known)──> polling while a probe file is written in a temp folder
 *                              ├ an event within 500 ms ──> events
 *                              └ none ────────────────────> polling (stays)
 *
 * Invariants: `fs.watch` watches each file's folder, not the file, because editors save by
 * writing a new file and renaming it over the old one (a watch on the file would die with it);
 * onChange is debounced (one call per burst of writes, debounceMs after the last); a folder
 * watch that fails or errors falls back to polling. The probe's answer is kept per process.
 */

import { mkdtempSync, rmSync, statSync, type FSWatcher, watch, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';

/** How files are being watched. */
export type WatchMode = 'events' | 'polling';

/** Options of `watchFiles`. */
export interface WatchOptions {
  /** Quiet time after the last change before onChange is called, in ms (default 100). */
  debounceMs?: number;
  /** Interval between two checks when polling, in ms (default 300). */
  pollMs?: number;
  /** Poll even where file events work. */
  forcePoll?: boolean;
}

/** A running watch. */
export interface Watcher {
  /** How files are watched now ('polling' while the probe runs). */
  readonly mode: WatchMode;
  /** The mode once the probe has answered (right away when this process already knows the answer). */
  readonly ready: Promise<WatchMode>;
  /** Stops watching; no onChange is called after it. */
  close(): void;
}

/** How long the start-up probe waits for an event, in ms. */
const PROBE_MS = 500;


/** Whether a file event arrives within `timeoutMs` after a file is created in a fresh folder under `parent` (default: the temp folder). */
export function probeFileEvents(timeoutMs: number, parent: string = tmpdir()): Promise<boolean> {
  return new Promise((done) => {
    let dir: string;
    let watcher: FSWatcher | undefined;
    try {
      dir = mkdtempSync(join(parent, 'virtlab-probe-'));
    } catch {
      done(false);
      return;
    }
    let finished = false;
    const finish = (ok: boolean) => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      watcher?.close();
      rmSync(dir, { recursive: true, force: true });
      done(ok);
    };
    const timer = setTimeout(() => finish(false), timeoutMs);
    try {
      watcher = watch(dir, () => finish(true));
      watcher.on('error', () => finish(false));
      writeFileSync(join(dir, 'probe'), 'probe');
    } catch {
      finish(false);
    }
  });
}

/** Watches the files and calls onChange (debounced) when one changes; see the header for the modes. */
export function watchFiles(paths: string[], onChange: () => void, options: WatchOptions = {}): Watcher {
  const debounceMs = options.debounceMs ?? 100;
  const pollMs = options.pollMs ?? 300;
  const files = paths.map((p) => resolve(p));
  let mode: WatchMode = 'polling';
  let closed = false;
  let debounce: ReturnType<typeof setTimeout> | undefined;
  let poller: ReturnType<typeof setInterval> | undefined;
  let watchers: FSWatcher[] = [];

  const changed = () => {
    if (closed) return;
    clearTimeout(debounce);
    debounce = setTimeout(() => {
      if (!closed) onChange();
    }, debounceMs);
  };

  const signature = (file: string) => {
    try {
      const s = statSync(file);
      return `${s.mtimeMs}:${s.size}:${s.ino}`;
    } catch {
      return 'missing';
    }
  };
  const seen = new Map(files.map((f) => [f, signature(f)]));
  const poll = () => {
    let any = false;
    for (const f of files) {
      const now = signature(f);
      if (seen.get(f) !== now) any = true;
      seen.set(f, now);
    }
    if (any) changed();
  };

  const startPolling = () => {
    for (const w of watchers) w.close();
    watchers = [];
    mode = 'polling';
    if (poller === undefined && !closed) poller = setInterval(poll, pollMs);
  };

  const startEvents = () => {
    poll(); // a change made while the probe ran
    const byFolder = new Map<string, Set<string>>();
    for (const f of files) byFolder.set(dirname(f), (byFolder.get(dirname(f)) ?? new Set()).add(basename(f)));
    try {
      for (const [folder, names] of byFolder) {
        const w = watch(folder, (_event, name) => {
          if (name === null || names.has(basename(name.toString()))) changed();
        });
        w.on('error', startPolling);
        watchers.push(w);
      }
    } catch {
      startPolling();
      return;
    }
    clearInterval(poller);
    poller = undefined;
    mode = 'events';
  };

  startPolling();
  let ready: Promise<WatchMode>;
  if (options.forcePoll === true) ready = Promise.resolve(mode);
  else {
    // Probe next to the watched files: file events may work in /tmp and not on the student's drive (WSL, NFS).
    // (in the folder above the watched files, so the probe itself is not seen as a change)
    const probe = paths[0] === undefined ? probeFileEvents(PROBE_MS) : probeFileEvents(PROBE_MS, dirname(dirname(paths[0])));
    ready = probe.then((ok) => {
      if (ok && !closed) startEvents();
      return mode;
    });
  }

  return {
    get mode() {
      return mode;
    },
    ready,
    close() {
      closed = true;
      clearTimeout(debounce);
      clearInterval(poller);
      poller = undefined;
      for (const w of watchers) w.close();
      watchers = [];
    },
  };
}
