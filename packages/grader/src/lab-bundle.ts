/**
 * Bundles a module of a lab (its simulator, a real run, or any source text that imports the lab's
 * files) with esbuild into one ES module in `<lab>/node_modules/.cache/virtlab/`, and imports it.
 * `lab run` uses it on the student's files as they are; the labs' own tests use it with other
 * files in place of the student's (the reference solution, a mutant, code that throws).
 *
 *   entry (a file of the lab, or source text) + files in place of the lab's ──esbuild──►
 *   node_modules/.cache/virtlab/<name>-<hash>-<pid>.mjs ──import()──► the module
 *
 * Interface: `bundleLab(labDir, entry, options)` → the bundle's path, or the first compile error
 * as "path:line:column: message"; `importLabBundle(labDir, entry, options)` → the module (the
 * bundle is removed once loaded unless `keep`).
 */

import { createHash } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

/** What to bundle: a file (absolute, or relative to the lab), or source text resolved from the lab folder. */
export type LabBundleEntry = { file: string } | { contents: string };

/** Options of `bundleLab` and `importLabBundle`. */
export interface LabBundleOptions {
  /** A word for the bundle's file name (e.g. "simulate"). */
  name: string;
  /** Texts in place of the lab's own files, by path in the lab ("src/memory.ts"). */
  files?: ReadonlyMap<string, string>;
  /** Keep the bundle after importing it (importLabBundle); bundleLab always keeps it. */
  keep?: boolean;
}

/** A bundle, or why there is none (one line). */
export type LabBundle = { ok: true; file: string } | { ok: false; error: string };

const firstLine = (error: unknown) => (error instanceof Error ? error.message : String(error)).split('\n')[0]!;

/** The core's TypeScript entry, found from the grader's own dependency on it: a lab copied outside this checkout still finds it. */
function coreSource(): string {
  const built = createRequire(import.meta.url).resolve('@virtlab/core');
  return join(dirname(built), '..', 'src', 'index.ts');
}

/** Bundles `entry` with the lab's files (or `options.files` in their place) into one ES module file. */
export async function bundleLab(labDir: string, entry: LabBundleEntry, options: LabBundleOptions): Promise<LabBundle> {
  const { build } = await import('esbuild');
  const root = resolve(labDir);
  const files = options.files ?? new Map<string, string>();
  let code: string;
  try {
    const result = await build({
      ...('file' in entry ? { entryPoints: [resolve(root, entry.file)] } : { stdin: { contents: entry.contents, resolveDir: root, loader: 'ts' as const } }),
      absWorkingDir: root,
      bundle: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      write: false,
      conditions: ['source'],
      alias: { '@virtlab/core': coreSource() },
      logLevel: 'silent',
      plugins: [
        {
          name: 'files-in-place',
          setup(b) {
            if (files.size === 0) return;
            b.onLoad({ filter: /\.ts$/ }, (args) => {
              const text = files.get(relative(root, args.path).split(sep).join('/'));
              return text === undefined ? undefined : { contents: text, loader: 'ts' };
            });
          },
        },
      ],
    });
    code = result.outputFiles[0]!.text;
  } catch (error) {
    const first = (error as { errors?: { text: string; location: { file: string; line: number; column: number } | null }[] }).errors?.[0];
    if (first === undefined) return { ok: false, error: firstLine(error) };
    const where = first.location === null ? '' : `${relative(root, resolve(root, first.location.file)).split(sep).join('/')}:${first.location.line}:${first.location.column + 1}: `;
    return { ok: false, error: `${where}${first.text}` };
  }
  // Inside node_modules, so that test runners import it as it is.
  const cache = join(root, 'node_modules', '.cache', 'virtlab');
  mkdirSync(cache, { recursive: true });
  const file = join(cache, `${options.name}-${createHash('sha256').update(code).digest('hex').slice(0, 16)}-${process.pid}.mjs`);
  writeFileSync(file, code);
  return { ok: true, file };
}

/** Bundles `entry` (see bundleLab) and imports it; the bundle file is removed once loaded unless `options.keep`. */
export async function importLabBundle(
  labDir: string,
  entry: LabBundleEntry,
  options: LabBundleOptions,
): Promise<{ ok: true; module: Record<string, unknown>; file: string } | { ok: false; error: string }> {
  const bundle = await bundleLab(labDir, entry, options);
  if (!bundle.ok) return bundle;
  try {
    return { ok: true, module: (await import(pathToFileURL(bundle.file).href)) as Record<string, unknown>, file: bundle.file };
  } finally {
    if (options.keep !== true) rmSync(bundle.file, { force: true });
  }
}
