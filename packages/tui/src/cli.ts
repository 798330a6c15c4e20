/**
 * The `lab` command's entry point: parses the arguments and dispatches to a command.
 * Exit codes: 0 success, 2 bad usage.
 */

import { formatValidation, validateLab } from '@virtlab/grader';
import { detectLang, type Lang } from './lang.ts';
import { findLabs } from './find-labs.ts';
import { labTest } from './lab-test.ts';
import { messages } from './messages.ts';

interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
  env: Readonly<Record<string, string | undefined>>;
}

const defaultIo: Io = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  env: process.env,
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
    for (const [i, s] of m.steps.entries()) io.out(`      ${i + 1}. ${s.title[lang]}`);
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
  for (const lab of chosen) {
    const report = await validateLab(lab.dir);
    for (const line of formatValidation(report)) io.out(line);
    ok &&= report.ok;
  }
  if (chosen.length === 0 && broken.length === 0) io.out('lab validate: no labs to validate');
  return ok ? 0 : 1;
}

/** Runs `lab` with its arguments (without the program name); resolves to the exit code. */
export async function main(argv: readonly string[], io: Io = defaultIo, labsDir?: string): Promise<number> {
  let langFlag: string | undefined;
  let json = false;
  let step: string | undefined;
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--lang') langFlag = argv[++i] ?? '';
    else if (arg.startsWith('--lang=')) langFlag = arg.slice('--lang='.length);
    else if (arg === '--json') json = true;
    else if (arg === '--step') step = argv[++i] ?? '';
    else if (arg.startsWith('--step=')) step = arg.slice('--step='.length);
    else if (arg === '--help' || arg === '-h') rest.unshift('help');
    else rest.push(arg);
  }
  const lang = detectLang(langFlag, io.env);
  const t = messages(lang);
  if (langFlag !== undefined && !/^(en|zh)$/i.test(langFlag)) {
    io.err(t.badLang(langFlag));
    return 2;
  }
  const command = rest[0] ?? 'help';
  switch (command) {
    case 'start':
    case 'list':
      return listLabs(lang, json, io, labsDir);
    case 'validate':
      return validate(rest.slice(1), io, labsDir);
    case 'test': {
      const id = rest[1];
      if (id === undefined) {
        io.err(t.needLab);
        return 2;
      }
      const { labs } = findLabs(labsDir);
      const found = labs.find((l) => l.manifest.id === id);
      if (found === undefined) {
        io.err(t.unknownLab(id, labs.map((l) => l.manifest.id)));
        return 2;
      }
      try {
        return await labTest(found.dir, step, lang, json, io);
      } catch (error) {
        io.err(`lab test: ${error instanceof Error ? error.message : String(error)}`);
        return 1;
      }
    }
    case 'help':
      io.out(t.usage);
      return 0;
    default:
      io.err(t.unknownCommand(command));
      return 2;
  }
}
