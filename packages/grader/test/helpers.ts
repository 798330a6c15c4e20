// Shared by the grader's own tests: the fixture lab, temporary folders, reading a tree of outputs.
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The fixture lab `adder`. */
export const ADDER = fileURLToPath(new URL('./fixtures/labs/adder/', import.meta.url));

/** The hostile and honest fixture submissions. */
export const SUBMISSIONS = fileURLToPath(new URL('./fixtures/submissions/', import.meta.url));

/** The solution's text. */
export const SOLUTION = readFileSync(join(ADDER, 'solution', 'src', 'adder.ts'), 'utf8');

/** A fresh temporary folder. */
export function tempDir(prefix = 'virtlab-grader-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Every file under `dir` (relative path → content), skipping names for which `skip` is true. */
export function readTree(dir: string, skip: (rel: string) => boolean = () => false): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const full = join(d, name);
      const rel = relative(dir, full);
      if (skip(rel)) continue;
      if (statSync(full).isDirectory()) walk(full);
      else out[rel] = readFileSync(full, 'utf8');
    }
  };
  walk(dir);
  return out;
}
