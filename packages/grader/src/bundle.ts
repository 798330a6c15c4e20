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
 * The test bundle is a real esbuild bundle (built once). The student bundle is faster to make:
 * each file is transformed to CommonJS on its own (cached by content) and a twenty-line module
 * system links them, which costs well under a millisecond per submission.
 *
 * Every file under the lab's `src/` is part of the student bundle: the submitted version of an
 * editable file, or the lab's own copy (the stub, or a support file the student does not edit).
 * The tests reach those files only through `__student(path)`, so they always see the student's
 * code, never a second copy. Node built-ins stay external: in the sandbox, requiring one throws a
 * clear error. esbuild strips types without checking them, as vitest does.
 */

import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { build, type Message, type Plugin, transform } from 'esbuild';

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
  const missing = testFiles.filter((f) => !existsSync(join(labDir, f)));
  if (missing.length > 0) throw new Error(`${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} named in lab.json but missing; add the file or remove it from lab.json`);
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

/** Compiles submissions of one lab: `compile(files)` → the student bundle. */
export interface StudentCompiler {
  /** `files` maps editable paths (`src/a.ts`) to their submitted text; every other `src/` file is the lab's. */
  compile(files: ReadonlyMap<string, string>): Promise<StudentBundle>;
}

// The module system of a student bundle: every src/ file is a CommonJS function, loaded eagerly
// in path order, with relative imports resolved among them and anything else (@virtlab/core)
// passed to the sandbox's require.
const LOADER = `
const __cache = Object.create(null);
function __resolve(from, spec) {
  const parts = from.split('/').slice(0, -1);
  for (const p of spec.split('/')) { if (p === '..') parts.pop(); else if (p !== '.' && p !== '') parts.push(p); }
  const base = parts.join('/');
  for (const c of [base, base + '.ts', base + '.tsx', base + '.js', base + '/index.ts', base + '/index.js']) if (Object.hasOwn(__defs, c)) return c;
  throw new Error("cannot find '" + spec + "' (imported by " + from + ")");
}
function __load(path) {
  if (Object.hasOwn(__cache, path)) return __cache[path].exports;
  const module = { exports: {} };
  __cache[path] = module;
  __defs[path].call(module.exports, module, module.exports, (spec) => (spec.startsWith('.') ? __load(__resolve(path, spec)) : require(spec)));
  return module.exports;
}
module.exports = Object.fromEntries(Object.keys(__defs).map((p) => [p, __load(p)]));
`;

/**
 * A compiler for the lab in `labDir`. Each file is turned into CommonJS by esbuild's transform (no
 * bundling: the files are few and the module system above links them), and the result is cached
 * by content, so the lab's own files and identical submissions are compiled once.
 */
export function createStudentCompiler(labDir: string): StudentCompiler {
  const sources = labSourceFiles(labDir);
  const pristine = new Map(sources.map((f) => [f, readFileSync(join(labDir, f), 'utf8')]));
  const cache = new Map<string, Promise<{ ok: true; code: string } | { ok: false; error: string }>>();
  const compileOne = (path: string, text: string) => {
    const key = `${path}\u0000${createHash('sha256').update(text).digest('hex')}`;
    let hit = cache.get(key);
    if (hit === undefined) {
      const loader = path.endsWith('.tsx') ? 'tsx' : path.endsWith('.ts') ? 'ts' : path.endsWith('.json') ? 'json' : 'js';
      hit = transform(text, { loader, format: 'cjs', target: 'node20', sourcefile: path, logLevel: 'silent' }).then(
        (r) => ({ ok: true as const, code: r.code }),
        (error: { errors?: Message[] }) => ({ ok: false as const, error: error.errors === undefined ? String(error) : describeMessages(labDir, error.errors) }),
      );
      if (cache.size > 2000) cache.clear();
      cache.set(key, hit);
    }
    return hit;
  };
  return {
    async compile(files) {
      const parts = await Promise.all(sources.map((f) => compileOne(f, files.get(f) ?? pristine.get(f)!)));
      const errors = parts.filter((p): p is { ok: false; error: string } => !p.ok).map((p) => p.error);
      if (errors.length > 0) return { ok: false, error: errors.join('\n') };
      const defs = sources.map((f, i) => `  ${JSON.stringify(f)}: function (module, exports, require) {\n${(parts[i] as { code: string }).code}\n},`);
      return { ok: true, code: `const __defs = {\n${defs.join('\n')}\n};\n${LOADER}` };
    },
  };
}
