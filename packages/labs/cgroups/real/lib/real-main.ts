/**
 * The contract of a real run (real/<name>.ts), and the one driver both runs of this lab share.
 *
 * `lab run <lab> <name>` bundles real/<name>.ts with the student's src/ as it is now, imports it
 * and calls its export
 *
 *   main(io: RealIo, options: RealOptions): Promise<number>     the exit code:
 *     0 printed (or no writable cgroup hierarchy here: one line says so), 1 measuring failed or the
 *     model (the student's code) threw, 2 a bad option, 128+n interrupted by signal n (cleaned up).
 *
 * The driver: options ─► findHierarchy ─► the model (student's src/, virtual time) ─► withCgroups
 * (real kernel, wall time) ─► the run's report, as a table or as JSON (--json).
 */
import { type Lang, MESSAGES } from './messages.ts';
import { exitCodeOf, findHierarchy, type Hierarchy, Interrupted, NotWritable, type Session, withCgroups } from './real-kernel.ts';

/** Where a real run prints. */
export interface RealIo {
  out(line: string): void;
  err(line: string): void;
}

/** What `lab run` passes to a real run. */
export interface RealOptions {
  /** Language of every line. */
  lang: Lang;
  /** Print one JSON object instead of the table. */
  json?: boolean;
  /** The run's own arguments: `--seconds n` (also `--seconds=n`), `--json`. */
  args?: readonly string[];
  /** Environment: VIRTLAB_CGROUP_ROOT (use that folder only), VIRTLAB_REAL_SECONDS (default seconds). Default process.env. */
  env?: Readonly<Record<string, string | undefined>>;
}

/** How long a run measures by default, and the range allowed (s). */
export const DEFAULT_SECONDS = 3;
const MIN_SECONDS = 0.5;
const MAX_SECONDS = 60;

/** The options of a real run, or the line that says what is wrong with them. */
export function parseRealArgs(
  run: string,
  options: RealOptions,
): { ok: true; seconds: number; json: boolean } | { ok: false; error: string } {
  const t = MESSAGES[options.lang];
  const env = options.env ?? process.env;
  const args = options.args ?? [];
  let json = options.json === true;
  let value = env.VIRTLAB_REAL_SECONDS !== undefined && env.VIRTLAB_REAL_SECONDS !== '' ? env.VIRTLAB_REAL_SECONDS : undefined;
  let from = 'VIRTLAB_REAL_SECONDS';
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--json') json = true;
    else if (arg === '--seconds' || arg.startsWith('--seconds=')) {
      value = arg === '--seconds' ? (args[++i] ?? '') : arg.slice('--seconds='.length);
      from = '--seconds';
    } else return { ok: false, error: t.unknownOption(run, arg) };
  }
  if (value === undefined) return { ok: true, seconds: DEFAULT_SECONDS, json };
  const seconds = Number(value);
  if (value.trim() === '' || !Number.isFinite(seconds) || seconds < MIN_SECONDS || seconds > MAX_SECONDS) return { ok: false, error: t.badSeconds(run, from, value) };
  return { ok: true, seconds, json };
}

/** A real run: its model, its measurement and its report. */
export interface RealRun<Model, Real> {
  /** Its name, as in `lab run cgroups <name>`. */
  name: string;
  /** The simulator scenario that shows the same setup in the model alone. */
  scenario: string;
  /** The model's figures for `seconds` of virtual time, with the student's src/. */
  model(seconds: number): Model;
  /** The real kernel's figures, measured for `seconds` in `s`. */
  measure(s: Session, seconds: number): Promise<Real>;
  /** The lines to print (and the JSON object for --json). */
  report(lang: Lang, r: { seconds: number; hierarchy: Hierarchy; real: Real; model: Model | undefined }): { lines: string[]; json: object };
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error)).split('\n')[0]!;

/** Runs `run` as `lab run` asks (see the header); resolves to the exit code. */
export async function realMain<Model, Real>(run: RealRun<Model, Real>, io: RealIo, options: RealOptions): Promise<number> {
  const t = MESSAGES[options.lang];
  const parsed = parseRealArgs(run.name, options);
  if (!parsed.ok) {
    io.err(parsed.error);
    return 2;
  }
  const { seconds, json } = parsed;
  const unavailable = (line: string) => {
    io.out(json ? JSON.stringify({ run: run.name, available: false, message: line }) : line);
    return 0;
  };
  const found = findHierarchy(options.env ?? process.env);
  if (!found.ok) return unavailable(t.unavailable(run.name, found.why, run.scenario));
  let model: Model | undefined;
  let modelError: string | undefined;
  try {
    model = run.model(seconds);
  } catch (error) {
    modelError = errorText(error);
  }
  let real: Real;
  try {
    real = await withCgroups(found.hierarchy, { marker: `virtlab-busy-${process.pid}`, budgetMs: seconds * 1000 }, (s) => run.measure(s, seconds));
  } catch (error) {
    if (error instanceof NotWritable) return unavailable(t.unavailable(run.name, { kind: 'not-writable', path: error.path, code: error.code }, run.scenario));
    if (error instanceof Interrupted) {
      io.err(t.interrupted(run.name, error.signal));
      return exitCodeOf(error.signal);
    }
    io.err(t.failed(run.name, errorText(error)));
    return 1;
  }
  const report = run.report(options.lang, { seconds, hierarchy: found.hierarchy, real, model });
  if (json) io.out(JSON.stringify(modelError === undefined ? report.json : { ...report.json, modelError }, null, 2));
  else for (const line of report.lines) io.out(line);
  if (modelError !== undefined) {
    io.err(t.modelFailed(run.name, modelError));
    return 1;
  }
  return 0;
}
