/**
 * Reads a single submission folder as Gradescope lays it out: the files a student uploaded, at
 * their path (`src/adder.ts`) or flat (`adder.ts`). An editable file is found at its own path, or
 * else by its file name when exactly one file in the folder has that name. Links are not followed.
 */

import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';

/** Editable path → bytes for what the folder holds; notes what was ambiguous or skipped. */
export function readFolderFlat(dir: string, editable: readonly string[], maxFileBytes: number, notes: string[]): Map<string, Uint8Array> {
  const all = new Map<string, string>(); // relative path → absolute path
  let budget = 1000;
  const walk = (d: string, prefix: string) => {
    for (const name of readdirSync(d).sort()) {
      if (--budget < 0) return;
      const full = join(d, name);
      const rel = prefix === '' ? name : `${prefix}/${name}`;
      const st = lstatSync(full);
      if (st.isSymbolicLink()) notes.push(`ignored: ${rel} is a symbolic link`);
      else if (st.isDirectory()) walk(full, rel);
      else if (st.isFile()) all.set(rel, full);
    }
  };
  walk(dir, '');
  const found = new Map<string, Uint8Array>();
  for (const path of editable) {
    let source = all.get(path);
    if (source === undefined) {
      const same = [...all.keys()].filter((rel) => basename(rel) === basename(path));
      if (same.length === 1) source = all.get(same[0]!);
      else if (same.length > 1) notes.push(`ignored: ${same.join(', ')} all could be ${path}; upload it as ${path}`);
    }
    if (source === undefined) continue;
    if (lstatSync(source).size > maxFileBytes) {
      notes.push(`ignored: ${path} is over the size limit of ${maxFileBytes} bytes (graded as the stub)`);
      continue;
    }
    found.set(path, readFileSync(source));
  }
  return found;
}
