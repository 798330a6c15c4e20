/**
 * `lab doctor`: checks that this machine can run the labs, one line per check, and says how to
 * fix each problem:
 *
 *   ✓ Node 20.20.2 (needs 20.19 or later)
 *   ✗ pnpm was not found.
 *       fix: npm install -g pnpm@12.4.2
 *   ! terminal size: 70×20 is smaller than 80×24; some screens will be cut off.
 *       fix: make the window larger …
 *
 * ✓ fine, ! works with a limit (a warning), ✗ a problem. The checks: Node, pnpm, the terminal
 * (a TTY, 80×24, TERM), file watching, the grader's sandbox layers, and each lab's lab.json.
 *
 * Interface: `gatherFacts(root)` learns what the checks need (it runs `pnpm --version`, probes
 * file events, detects the sandbox layers); `labDoctor(lang, io, root, facts?)` judges and
 * prints them, so tests pass made-up facts. Exit codes: 0 no ✗ (warnings allowed), 1 some ✗.
 */

import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describeLayers, type Layer } from '@virtlab/grader';
import { commandMessages } from '../command-messages.ts';
import { findLabs } from '../find-labs.ts';
import type { Lang } from '../lang.ts';
import type { CommandIo } from '../lab-test.ts';
import { probeFileEvents } from '../watch.ts';

/** Everything the checks judge, learned from the machine (or made up by a test). */
export interface DoctorFacts {
  /** The running Node's version, e.g. "20.20.2". */
  nodeVersion: string;
  /** The oldest Node the repository supports, e.g. "20.19" (package.json engines). */
  nodeNeeded: string;
  /** `pnpm --version`, or undefined when pnpm is not found. */
  pnpmVersion: string | undefined;
  /** The pnpm the repository pins, e.g. "12.4.2" (package.json packageManager). */
  pnpmWanted: string;
  /** Whether stdout is a terminal. */
  tty: boolean;
  /** Terminal columns and rows, when stdout is a terminal. */
  size: { columns: number; rows: number } | undefined;
  /** The TERM variable. */
  term: string | undefined;
  /** process.platform. */
  platform: string;
  /** Whether a file event arrived within 1 s. */
  fileEvents: boolean;
  /** The grader's sandbox layers on this machine. */
  layers: Layer[];
  /** Each lab folder: its id and step count when lab.json loads, else the loader's message. */
  labs: ({ id: string; steps: number } | { dir: string; message: string })[];
  /** The labs folder, as shown to the student. */
  labsDir: string;
}

/** The smallest terminal every screen fits in. */
const MIN_COLUMNS = 80;
const MIN_ROWS = 24;

/** Whether version `have` (e.g. "20.20.2") is at least `need` (e.g. "20.19"). */
export function versionAtLeast(have: string, need: string): boolean {
  const a = have.replace(/^v/, '').split('.').map((n) => Number.parseInt(n, 10) || 0);
  const b = need.split('.').map((n) => Number.parseInt(n, 10) || 0);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d > 0;
  }
  return true;
}

/** Learns the facts of this machine and checkout (takes up to about 1 s: the file-event probe). */
export async function gatherFacts(root: string): Promise<DoctorFacts> {
  let pkg: { engines?: { node?: string }; packageManager?: string } = {};
  try {
    pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as typeof pkg;
  } catch {
    // Not in the repository: the defaults below.
  }
  // Run from the temp folder: in the repository a pnpm could switch to the pinned version first.
  const pnpm = spawnSync('pnpm', ['--version'], { cwd: tmpdir(), encoding: 'utf8', timeout: 15_000, shell: process.platform === 'win32' });
  const pnpmVersion = pnpm.status === 0 ? pnpm.stdout.trim() : undefined;
  // Probe where the student's files are (a temp folder inside .virtlab), so a network drive or /mnt/c shows.
  let probeParent = tmpdir();
  try {
    mkdirSync(join(root, '.virtlab'), { recursive: true });
    probeParent = join(root, '.virtlab');
  } catch {
    // Read-only checkout: probe the system temp folder.
  }
  const labsDir = join(root, 'packages', 'labs');
  const { labs, broken } = findLabs(labsDir);
  return {
    nodeVersion: process.versions.node,
    nodeNeeded: /(\d+(?:\.\d+)*)/.exec(pkg.engines?.node ?? '')?.[1] ?? '20.19',
    pnpmVersion: pnpmVersion === '' ? undefined : pnpmVersion,
    pnpmWanted: /^pnpm@(.+)$/.exec(pkg.packageManager ?? '')?.[1] ?? '12.4.2',
    tty: process.stdout.isTTY === true,
    size: process.stdout.isTTY === true ? { columns: process.stdout.columns, rows: process.stdout.rows } : undefined,
    term: process.env.TERM,
    platform: process.platform,
    fileEvents: await probeFileEvents(1000, probeParent),
    layers: describeLayers(),
    labs: [
      ...labs.map((l) => ({ id: l.manifest.id, steps: l.manifest.steps.length })),
      ...broken.map((b) => ({ dir: relative(root, b.dir) || b.dir, message: b.message })),
    ],
    labsDir: relative(root, labsDir) || labsDir,
  };
}

/** One judged check: its mark (✓ fine, ! warning, ✗ problem), its line, and how to fix it when not ✓. */
export interface DoctorCheck {
  mark: '✓' | '!' | '✗';
  line: string;
  fix?: string;
}

/** The checks of the facts, in the order they print. */
export function judge(f: DoctorFacts, lang: Lang): DoctorCheck[] {
  const t = commandMessages(lang);
  const checks: DoctorCheck[] = [];
  checks.push(
    versionAtLeast(f.nodeVersion, f.nodeNeeded)
      ? { mark: '✓', line: t.doctorNodeOk(f.nodeVersion, f.nodeNeeded) }
      : { mark: '✗', line: t.doctorNodeOld(f.nodeVersion, f.nodeNeeded), fix: t.doctorNodeFix(f.nodeNeeded) },
  );
  if (f.pnpmVersion === undefined) checks.push({ mark: '✗', line: t.doctorPnpmMissing, fix: t.doctorPnpmFix(f.pnpmWanted) });
  else if (f.pnpmVersion !== f.pnpmWanted) checks.push({ mark: '!', line: t.doctorPnpmOther(f.pnpmVersion, f.pnpmWanted), fix: t.doctorPnpmFix(f.pnpmWanted) });
  else checks.push({ mark: '✓', line: t.doctorPnpmOk(f.pnpmVersion) });

  checks.push(f.tty ? { mark: '✓', line: t.doctorTtyOk } : { mark: '!', line: t.doctorTtyNo, fix: t.doctorTtyFix });
  if (f.size === undefined) checks.push({ mark: '!', line: t.doctorSizeUnknown, fix: t.doctorTtyFix });
  else if (f.size.columns < MIN_COLUMNS || f.size.rows < MIN_ROWS) checks.push({ mark: '!', line: t.doctorSizeSmall(f.size.columns, f.size.rows), fix: t.doctorSizeFix });
  else checks.push({ mark: '✓', line: t.doctorSizeOk(f.size.columns, f.size.rows) });
  if (f.term !== undefined && f.term !== '') checks.push({ mark: '✓', line: t.doctorTermOk(f.term) });
  else if (f.platform === 'win32') checks.push({ mark: '✓', line: t.doctorTermWindows });
  else checks.push({ mark: '!', line: t.doctorTermMissing, fix: t.doctorTermFix });

  checks.push(f.fileEvents ? { mark: '✓', line: t.doctorWatchOk } : { mark: '!', line: t.doctorWatchPoll, fix: t.doctorWatchFix });

  for (const layer of f.layers) {
    const note = t.doctorLayerNote(layer.name, layer.active, layer.note);
    checks.push(layer.active ? { mark: '✓', line: t.doctorLayerOn(layer.name, note) } : { mark: '!', line: t.doctorLayerOff(layer.name, note), fix: t.doctorLayerFix });
  }

  if (f.labs.length === 0) checks.push({ mark: '✗', line: t.doctorNoLabs(f.labsDir), fix: t.doctorNoLabsFix });
  for (const lab of f.labs) {
    checks.push('id' in lab ? { mark: '✓', line: t.doctorLabOk(lab.id, lab.steps) } : { mark: '✗', line: t.doctorLabBroken(lab.dir, lab.message), fix: t.doctorLabFix });
  }
  return checks;
}

/** Checks the machine (or the given facts), prints one line per check and a fix for each problem; resolves to 0 when nothing is ✗, else 1. */
export async function labDoctor(lang: Lang, io: CommandIo, root: string, facts?: DoctorFacts): Promise<number> {
  const t = commandMessages(lang);
  io.out(t.doctorHeader);
  const checks = judge(facts ?? (await gatherFacts(root)), lang);
  for (const c of checks) {
    io.out(`${c.mark} ${c.line}`);
    if (c.fix !== undefined) io.out(t.doctorFix(c.fix));
  }
  const problems = checks.filter((c) => c.mark === '✗').length;
  const warnings = checks.filter((c) => c.mark === '!').length;
  io.out(problems > 0 ? t.doctorProblems(problems, warnings) : warnings > 0 ? t.doctorWarningsOnly(warnings) : t.doctorAllOk);
  return problems > 0 ? 1 : 0;
}
