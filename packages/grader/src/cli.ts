/**
 * The `grade` command. Exit codes: 0 graded (whatever the scores), 1 some submissions could not be
 * graded, 2 bad usage (unknown lab, missing folder, bad option).
 *
 *   pnpm grade <lab> <submissions> [--out DIR] [--jobs N] [--resume] [--timeout S] [--memory MB] [--tests public|hidden|all]
 *   pnpm grade <lab> --gradescope [--submission DIR] [--results FILE]
 */

import { existsSync, readdirSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gradeBatch, gradeRecord } from './grade.ts';
import { describeLayers, formatLayers } from './layers.ts';
import { createRunner, loadLab, type Lab, type TestKinds } from './runner.ts';
import { pickEditable, submissionHash } from './collect-submissions.ts';
import { writeFileAtomic } from './write/atomic-write.ts';
import { gradescopeResults, toJson } from './write/gradescope.ts';
import { readFolderFlat } from './read-folder.ts';

const USAGE = `Usage: pnpm grade <lab> <submissions> [options]
       pnpm grade <lab> --gradescope [--submission DIR] [--results FILE]

Grades every submission in <submissions> (one folder, .zip or .tar.gz per student, named by
student id) with the lab's tests, in a sandbox. <lab> is a lab id (packages/labs/<id>) or a folder.

Options:
  --out DIR          where to write grades.csv, results/, feedback/, summary.json (default: graded-<lab>)
  --jobs N           sandbox processes in parallel (default: the number of CPUs)
  --resume           skip submissions already graded with the same files and settings
  --timeout S        time limit of one submission, in seconds (default: the lab's)
  --memory MB        heap limit of student code, in MiB (default: the lab's)
  --tests KIND       public, hidden or all (default: all)
  --gradescope       act as Gradescope's run_autograder: read one submission, write results.json
  --submission DIR   with --gradescope (default: /autograder/submission)
  --results FILE     with --gradescope (default: /autograder/results/results.json)
  -h, --help         this help

Exit codes: 0 graded (whatever the scores), 1 some submissions could not be graded, 2 bad usage.`;

/** A usage error: printed as one line, exit code 2. */
class UsageError extends Error {}

/** The folder that holds the labs (packages/labs), seen from this package's src/ or dist/. */
export function labsDir(): string {
  return fileURLToPath(new URL('../../labs/', import.meta.url));
}

/** The folder of a lab named by id or by path; throws a UsageError naming the labs there are. */
export function resolveLabDir(nameOrPath: string, cwd: string): string {
  const asPath = resolve(cwd, nameOrPath);
  if ((nameOrPath.includes('/') || isAbsolute(nameOrPath)) && existsSync(join(asPath, 'lab.json'))) return asPath;
  const byId = join(labsDir(), nameOrPath);
  if (/^[a-z][a-z0-9-]*$/.test(nameOrPath) && existsSync(join(byId, 'lab.json'))) return byId;
  const known = existsSync(labsDir()) ? readdirSync(labsDir()).filter((n) => existsSync(join(labsDir(), n, 'lab.json'))).sort() : [];
  throw new UsageError(
    `unknown lab "${nameOrPath}": no ${nameOrPath.includes('/') ? join(asPath, 'lab.json') : `packages/labs/${nameOrPath}/lab.json`}${known.length > 0 ? ` (labs: ${known.join(', ')})` : ''}`,
  );
}

interface Parsed {
  positional: string[];
  flags: Map<string, string | true>;
}

const VALUE_FLAGS = new Set(['--out', '--jobs', '--timeout', '--memory', '--tests', '--submission', '--results']);
const BOOL_FLAGS = new Set(['--resume', '--gradescope', '--help', '-h']);

function parse(argv: readonly string[]): Parsed {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('-')) {
      positional.push(arg);
      continue;
    }
    const [name, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (VALUE_FLAGS.has(name!)) {
      const value = inline ?? argv[++i];
      if (value === undefined) throw new UsageError(`${name} needs a value`);
      flags.set(name!, value);
    } else if (BOOL_FLAGS.has(name!)) flags.set(name!, true);
    else throw new UsageError(`unknown option ${name}; see pnpm grade --help`);
  }
  return { positional, flags };
}

function positiveNumber(flags: Parsed['flags'], name: string, what: string): number | undefined {
  const v = flags.get(name);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (typeof v !== 'string' || !Number.isFinite(n) || n <= 0) throw new UsageError(`${name} must be ${what}, not "${String(v)}"`);
  return n;
}

async function gradescope(lab: Lab, flags: Parsed['flags'], kinds: TestKinds, out: (l: string) => void): Promise<number> {
  const dir = String(flags.get('--submission') ?? '/autograder/submission');
  const resultsFile = String(flags.get('--results') ?? '/autograder/results/results.json');
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError(`the submission folder ${dir} does not exist`);
  const notes: string[] = [];
  const found = readFolderFlat(dir, lab.manifest.editable, lab.manifest.limits.maxFileBytes, notes);
  const files = pickEditable(lab.manifest, found, lab.manifest.limits.maxFileBytes, notes);
  const runner = await createRunner(lab, { kinds, jobs: 1 });
  try {
    const report = await runner.run(files);
    if (report.machinery !== undefined) {
      out(`grade: the grader failed: ${report.machinery}`);
      return 1;
    }
    const submission = { student: basename(dir), source: dir, files, notes, hash: submissionHash(lab.manifest.id, files) };
    const g = gradeRecord(lab, runner, kinds, submission, report);
    writeFileAtomic(resultsFile, toJson(gradescopeResults(g, lab.manifest)));
    out(`grade: wrote ${resultsFile}: ${g.cents / 100} of ${g.maxCents / 100} points`);
    return 0;
  } finally {
    await runner.close();
  }
}

/** Runs `grade` with its arguments (without the program name); resolves to the exit code. */
export async function main(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const out = (line: string) => process.stdout.write(`${line}\n`);
  const err = (line: string) => process.stderr.write(`${line}\n`);
  try {
    const { positional, flags } = parse(argv);
    if (flags.has('--help') || flags.has('-h')) {
      out(USAGE);
      return 0;
    }
    if (positional.length === 0) {
      err(USAGE);
      return 2;
    }
    const cwd = env.INIT_CWD ?? process.cwd();
    const kinds = String(flags.get('--tests') ?? 'all');
    if (kinds !== 'public' && kinds !== 'hidden' && kinds !== 'all') throw new UsageError(`--tests must be public, hidden or all, not "${kinds}"`);
    let lab: Lab;
    try {
      lab = loadLab(resolveLabDir(positional[0]!, cwd));
    } catch (error) {
      throw error instanceof UsageError ? error : new UsageError((error as Error).message);
    }
    for (const line of formatLayers()) err(line);
    if (describeLayers().some((l) => !l.active)) err('grade: a layer is off (see above); grading goes on with the others');
    if (flags.has('--gradescope')) return await gradescope(lab, flags, kinds, out);

    if (positional.length !== 2) throw new UsageError('give a lab and a submissions folder: pnpm grade <lab> <submissions>');
    const submissionsDir = resolve(cwd, positional[1]!);
    if (!existsSync(submissionsDir) || !statSync(submissionsDir).isDirectory()) throw new UsageError(`the submissions folder ${submissionsDir} does not exist`);
    const outDir = resolve(cwd, String(flags.get('--out') ?? `graded-${lab.manifest.id}`));
    const jobs = positiveNumber(flags, '--jobs', 'a whole number of processes, e.g. 2') ?? availableParallelism();
    const timeout = positiveNumber(flags, '--timeout', 'a number of seconds, e.g. 5');
    const memory = positiveNumber(flags, '--memory', 'a number of MiB, e.g. 256');
    const limits = {
      ...(timeout === undefined
        ? {}
        : { submissionTimeoutMs: Math.round(timeout * 1000), testTimeoutMs: Math.min(lab.manifest.limits.testTimeoutMs, Math.round(timeout * 1000)) }),
      ...(memory === undefined ? {} : { memoryMb: Math.round(memory) }),
    };
    const outcome = await gradeBatch({ lab, submissionsDir, outDir, jobs: Math.floor(jobs), resume: flags.has('--resume'), kinds, limits });
    out(outcome.summaryText);
    for (const e of outcome.errors) err(`grade: ${e.student}: ${e.reason}`);
    out(`grade: wrote ${outDir}`);
    return outcome.exitCode;
  } catch (error) {
    if (error instanceof UsageError) {
      err(`grade: ${error.message}`);
      return 2;
    }
    throw error;
  }
}
