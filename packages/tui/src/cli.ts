/**
 * The `lab` command's entry point: parses the arguments and dispatches to a command.
 * Exit codes: 0 success, 2 bad usage.
 */

import { detectLang, type Lang } from './lang.ts';
import { findLabs } from './find-labs.ts';
import { messages } from './messages.ts';

interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
  env: Readonly<Record<string, string | undefined>>;
  /** Both stdin and stdout are a terminal. */
  isTTY?: boolean;
  /** Asks a question on the terminal and resolves to the answer. */
  ask?: (question: string) => Promise<string>;
}

async function askOnTerminal(question: string): Promise<string> {
  const { createInterface } = await import('node:readline/promises');
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return await rl.question(`${question} `);
  } finally {
    rl.close();
  }
}

const defaultIo: Io = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  env: process.env,
  isTTY: process.stdout.isTTY === true && process.stdin.isTTY === true,
  ask: askOnTerminal,
};

function listLabs(lang: Lang, json: boolean, io: Io, labsDir?: string): number {
  const t = messages(lang);
  const { labs, broken } = findLabs(labsDir);
  for (const b of broken) io.err(t.brokenLab(b.dir, b.message));
  if (json) {
    io.out(
      JSON.stringify(
        labs.map(({ manifest: m }) => ({ id: m.id, title: m.title[lang], points: m.points, steps: m.steps.map((s) => ({ id: s.id, title: s.title[lang], points: s.points })) })),
        null,
        2,
      ),
    );
    return 0;
  }
  if (labs.length === 0) {
    io.out(t.noLabs);
    return 0;
  }
  io.out(t.labsHeader);
  for (const { manifest: m } of labs) {
    io.out(`  ${m.id.padEnd(12)} ${m.title[lang]}  (${t.steps(m.steps.length)}, ${t.points(m.points)})`);
    for (const [i, s] of m.steps.entries()) io.out(`      ${i + 1}. ${s.title[lang]} (--step ${s.id})`);
    if ((m.scenarios ?? []).length > 0) io.out(`      ${t.scenarios}: ${(m.scenarios ?? []).map((sc) => sc.id).join(', ')}`);
  }
  return 0;
}

async function validate(ids: readonly string[], io: Io, labsDir?: string): Promise<number> {
  const { labs, broken } = findLabs(labsDir);
  for (const b of broken) io.err(`lab validate: ${b.message}`);
  const chosen = ids.length === 0 ? labs : labs.filter((l) => ids.includes(l.manifest.id));
  for (const id of ids) {
    if (!labs.some((l) => l.manifest.id === id)) {
      io.err(`lab validate: unknown lab "${id}" (labs: ${labs.map((l) => l.manifest.id).join(', ') || 'none'})`);
      return 2;
    }
  }
  let ok = broken.length === 0;
  // Loaded only when needed: the grader (esbuild, the sandbox) is not part of a quick `lab list`.
  const { formatValidation, validateLab } = await import('@virtlab/grader');
  for (const lab of chosen) {
    const report = await validateLab(lab.dir);
    for (const line of formatValidation(report)) io.out(line);
    ok &&= report.ok;
  }
  if (chosen.length === 0 && broken.length === 0) io.out('lab validate: no labs to validate');
  return ok ? 0 : 1;
}

/** Options every command may take; each command reads the ones it uses. */
interface Flags {
  json: boolean;
  step?: string;
  out?: string;
  seed?: number;
  steps?: number;
  yes: boolean;
  watch: boolean;
}

const VALUE_FLAGS = new Set(['--lang', '--step', '--out', '--seed', '--steps', '--labs']);

/** Runs `lab` with its arguments (without the program name); resolves to the exit code. */
export async function main(argv: readonly string[], io: Io = defaultIo, labsDirArg?: string): Promise<number> {
  let langFlag: string | undefined;
  let labsDir = labsDirArg ?? io.env.VIRTLAB_LABS_DIR;
  const flags: Flags = { json: false, yes: false, watch: false };
  const rest: string[] = [];
  const numeric: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    const inline = arg.startsWith('--') && eq > 0 ? arg.slice(eq + 1) : undefined;
    if (VALUE_FLAGS.has(name)) {
      const value = inline ?? argv[++i] ?? '';
      if (name === '--lang') langFlag = value;
      else if (name === '--step') flags.step = value;
      else if (name === '--out') flags.out = value;
      else if (name === '--labs') labsDir = value;
      else numeric[name] = value;
    } else if (arg === '--json') flags.json = true;
    else if (arg === '--yes' || arg === '-y') flags.yes = true;
    else if (arg === '--watch') flags.watch = true;
    else if (arg === '--help' || arg === '-h') rest.unshift('help');
    else rest.push(arg);
  }
  const lang = detectLang(langFlag, io.env);
  const t = messages(lang);
  if (langFlag !== undefined && !/^(en|zh)$/i.test(langFlag)) {
    io.err(t.badLang(langFlag));
    return 2;
  }
  for (const [name, value] of Object.entries(numeric)) {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 0) {
      io.err(t.badNumber(name, value));
      return 2;
    }
    if (name === '--seed') flags.seed = n;
    else flags.steps = n;
  }
  const command = rest[0] ?? 'help';
  /** Runs `fn` with the folder of the lab named by the second argument; one line and exit 2 when there is none. */
  const withLab = async (fn: (dir: string) => Promise<number>): Promise<number> => {
    const id = rest[1];
    if (id === undefined) {
      io.err(t.needLabFor(command));
      return 2;
    }
    const { labs } = findLabs(labsDir);
    const found = labs.find((l) => l.manifest.id === id);
    if (found === undefined) {
      io.err(t.unknownLab(id, labs.map((l) => l.manifest.id)));
      return 2;
    }
    try {
      return await fn(found.dir);
    } catch (error) {
      io.err(`lab ${command}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
      return 1;
    }
  };
  switch (command) {
    case 'start': {
      if (io.isTTY !== true) {
        io.err(t.notATerminal);
        return 2;
      }
      // Ink draws only a final frame when it believes it runs in CI; on a real terminal the student
      // needs the live screens, so say plainly that this is not CI before Ink is loaded.
      process.env.CI = 'false';
      process.env.CONTINUOUS_INTEGRATION = 'false';
      const { startTui } = await import('./ui/start.tsx');
      return startTui({ labsDir, lang });
    }
    case 'list':
      return listLabs(lang, flags.json, io, labsDir);
    case 'validate':
      return validate(rest.slice(1), io, labsDir);
    case 'test':
      return withLab(async (dir) => (await import('./lab-test.ts')).labTest(dir, flags.step, lang, flags.json, io, { watch: flags.watch }));
    case 'hint':
      return withLab(async (dir) => (await import('./commands/hint.ts')).labHint(dir, flags.step, lang, io));
    case 'submit':
      return withLab(async (dir) => (await import('./commands/submit.ts')).labSubmit(dir, flags.out, lang, io));
    case 'reset':
      return withLab(async (dir) =>
        (await import('./commands/reset.ts')).labReset(
          dir,
          flags.step,
          lang,
          { out: io.out, err: io.err, ...(io.isTTY === true && io.ask !== undefined ? { ask: io.ask } : {}) },
          { yes: flags.yes },
        ),
      );
    case 'run': {
      const scenario = rest[2];
      if (rest[1] !== undefined && scenario === undefined) {
        io.err(t.needScenario);
        return 2;
      }
      return withLab(async (dir) =>
        (await import('./commands/run.ts')).runScenario(dir, scenario!, { seed: flags.seed, steps: flags.steps, json: flags.json, lang, args: rest.slice(3) }, io),
      );
    }
    case 'doctor': {
      const { labDoctor } = await import('./commands/doctor.ts');
      const { repoRootOf } = await import('./progress.ts');
      const { labs } = findLabs(labsDir);
      return labDoctor(lang, io, labs[0] !== undefined ? repoRootOf(labs[0].dir) : process.cwd());
    }
    case 'help':
      io.out(t.usage);
      return 0;
    default:
      io.err(t.unknownCommand(command));
      return 2;
  }
}
