/**
 * Compiles a lab's tests and a student's files into the two CommonJS bundles the sandbox runs.
 *
 *   test bundle (once per lab and test selection, trusted)      student bundle (once per submission, untrusted)
 *   ┌──────────────────────────────────────────────┐             ┌───────────────────────────────────────┐
 *   │ __setFile('tests/public/a.test.ts')           │             │ module.exports = {                    │
 *   │ require(a.test.ts)  ── import '../../src/x' ──┼─ __student ─┼─►  'src/x.ts': <x's exports>, …      │
 *   │    import 'vitest'        → the harness        │             │ }                                     │
 *   │    import '@virtlab/core' → the shared core    │             │ import '@virtlab/core' → shared core  │
 *   └──────────────────────────────────────────────┘             └───────────────────────────────────────┘
 *
 * Every file under the lab's `src/` is part of the student bundle: the submitted version of an
 * editable file, or the lab's own copy (the stub, or a support file the student does not edit).
 * The tests reach those files only through `__student(path)`, so they always see the student's
 * code, never a second copy. Node built-ins stay external: in the sandbox, requiring one throws a
 * clear error. esbuild strips types without checking them, as vitest does.
 */

import { existsSync, readdirSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { build, type Message, type Plugin } from 'esbuild';

/** The lab's `src/` files, as POSIX paths relative to the lab folder (`src/a.ts`), sorted. */
export function labSourceFiles(labDir: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(ts|tsx|js|mjs|cjs|json)$/.test(entry.name)) out.push(relative(labDir, full).split(sep).join('/'));
    }
  };
  walk(join(labDir, 'src'));
  return out;
}

function relToLab(labDir: string, abs: string): string | undefined {
  const rel = relative(labDir, abs);
  if (rel.startsWith('..') || rel === '') return undefined;
  return rel.split(sep).join('/');
}

/** One line per esbuild message, with the file relative to the lab folder. */
function describeMessages(labDir: string, messages: readonly Message[]): string {
  return messages
    .slice(0, 5)
    .map((m) => {
      const loc = m.location;
      const file = loc === null ? '' : `${relToLab(labDir, resolve(labDir, loc.file)) ?? loc.file.replace(/^student:/, '')}:${loc.line}:${loc.column + 1}: `;
      return `${file}${m.text}`;
    })
    .join('\n');
}

const BUILTIN = /^(node:|(assert|buffer|child_process|cluster|crypto|dgram|dns|events|fs|fs\/promises|http|http2|https|inspector|module|net|os|path|perf_hooks|process|readline|repl|stream|string_decoder|timers|tls|tty|url|util|v8|vm|wasi|worker_threads|zlib)$)/;

/** Builds the trusted bundle of `testFiles` (paths relative to the lab folder). */
export async function buildTestBundle(labDir: string, testFiles: readonly string[]): Promise<string> {
  const srcDir = join(labDir, 'src') + sep;
  const entry = testFiles
    .map((f) => `__setFile(${JSON.stringify(f)}); try { require(${JSON.stringify(join(labDir, f))}); } catch (e) { __fileError(${JSON.stringify(f)}, e); }`)
    .join('\n');
  const plugin: Plugin = {
    name: 'virtlab-tests',
    setup(b) {
      b.onResolve({ filter: /^vitest$|^@virtlab\/core$/ }, (args) => ({ path: args.path, external: true }));
      b.onResolve({ filter: BUILTIN }, (args) => ({ path: args.path, external: true }));
      b.onResolve({ filter: /^\./ }, (args) => {
        const abs = resolve(args.resolveDir, args.path);
        if (!abs.startsWith(srcDir)) return undefined;
        return { path: relToLab(labDir, abs)!, namespace: 'student' };
      });
      b.onLoad({ filter: /.*/, namespace: 'student' }, (args) => ({
        contents: `module.exports = __student(${JSON.stringify(args.path)});`,
        loader: 'js',
      }));
    },
  };
  const result = await build({
    stdin: { contents: entry, resolveDir: labDir, sourcefile: 'virtlab-tests-entry.js', loader: 'js' },
    bundle: true,
    write: false,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    logLevel: 'silent',
    plugins: [plugin],
  });
  return result.outputFiles[0]!.text;
}

/** The student bundle's code, or the compile error to show them. */
export type StudentBundle = { ok: true; code: string } | { ok: false; error: string };

/**
 * Builds the student's bundle: `files` maps editable paths (`src/a.ts`) to their submitted text;
 * every other file of the lab's `src/` comes from the lab folder.
 */
export async function buildStudentBundle(labDir: string, files: ReadonlyMap<string, string>): Promise<StudentBundle> {
  const sources = labSourceFiles(labDir);
  const entry = `module.exports = {\n${sources.map((f) => `  ${JSON.stringify(f)}: require(${JSON.stringify(join(labDir, f))}),`).join('\n')}\n};`;
  const plugin: Plugin = {
    name: 'virtlab-student',
    setup(b) {
      b.onResolve({ filter: /^@virtlab\/core$/ }, (args) => ({ path: args.path, external: true }));
      b.onResolve({ filter: BUILTIN }, (args) => ({ path: args.path, external: true }));
      b.onResolve({ filter: /^vitest$/ }, () => ({ errors: [{ text: 'lab code cannot import "vitest": only the tests can' }] }));
      b.onLoad({ filter: /\.(ts|tsx|js|mjs|cjs)$/ }, (args) => {
        const rel = relToLab(labDir, args.path);
        const text = rel === undefined ? undefined : files.get(rel);
        if (text === undefined) return undefined;
        return { contents: text, loader: args.path.endsWith('.tsx') ? 'tsx' : args.path.endsWith('.ts') ? 'ts' : 'js' };
      });
    },
  };
  try {
    const result = await build({
      stdin: { contents: entry, resolveDir: labDir, sourcefile: 'virtlab-student-entry.js', loader: 'js' },
      bundle: true,
      write: false,
      format: 'cjs',
      platform: 'node',
      target: 'node20',
      logLevel: 'silent',
      plugins: [plugin],
    });
    return { ok: true, code: result.outputFiles[0]!.text };
  } catch (error) {
    const errors = (error as { errors?: Message[] }).errors;
    return { ok: false, error: errors === undefined ? String(error) : describeMessages(labDir, errors) };
  }
}
