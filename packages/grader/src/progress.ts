/**
 * Progress of a long batch: a bar with an ETA on a terminal, a plain line now and then otherwise
 * (CI logs, files). Writes to stderr, so stdout stays clean for the summary.
 *
 *   [##########··········]  250/500  50%  ETA 0:42  2 errors
 */

/** Something that can be told how far a batch has got. */
export interface Progress {
  /** One more item finished (failed = it could not be graded). */
  tick(failed?: boolean): void;
  /** Clears the bar and prints the final count. */
  done(): void;
}

/** Options of `createProgress`. */
export interface ProgressOptions {
  /** Items in all. */
  total: number;
  /** Items already done before this run (a resumed batch). */
  already?: number;
  /** Where to write (default process.stderr). */
  stream?: NodeJS.WriteStream;
  /** The clock, in ms (for tests). */
  now?: () => number;
}

function clock(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.max(0, Math.round(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** A progress reporter for `total` items. */
export function createProgress(options: ProgressOptions): Progress {
  const stream = options.stream ?? process.stderr;
  const now = options.now ?? (() => Date.now());
  const tty = stream.isTTY === true;
  const start = now();
  let done = options.already ?? 0;
  const startDone = done;
  let failed = 0;
  let lastLine = 0;
  let lastPercent = -1;
  const line = () => {
    const rate = (done - startDone) / Math.max(1, now() - start);
    const eta = rate > 0 ? (options.total - done) / rate / 1000 : Number.POSITIVE_INFINITY;
    const percent = options.total === 0 ? 100 : Math.floor((100 * done) / options.total);
    const errors = failed === 0 ? '' : `  ${failed} error${failed === 1 ? '' : 's'}`;
    return { percent, text: `${done}/${options.total}  ${String(percent).padStart(3)}%  ETA ${clock(eta)}${errors}` };
  };
  const draw = () => {
    const { percent, text } = line();
    if (tty) {
      const width = 20;
      const filled = Math.round((width * percent) / 100);
      stream.write(`\r[${'#'.repeat(filled)}${'·'.repeat(width - filled)}]  ${text}\x1b[K`);
    } else if (now() - lastLine >= 10_000 || Math.floor(percent / 10) > Math.floor(lastPercent / 10)) {
      stream.write(`grade: ${text}\n`);
      lastLine = now();
      lastPercent = percent;
    }
  };
  return {
    tick(isFailure = false) {
      done++;
      if (isFailure) failed++;
      draw();
    },
    done() {
      if (tty) stream.write('\r\x1b[K');
      stream.write(`grade: ${done}/${options.total} done${failed === 0 ? '' : `, ${failed} could not be graded`}\n`);
    },
  };
}
