/**
 * Finds the installed labs: every `packages/labs/<id>/lab.json`, read through core's one loader.
 */

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type LabManifest, parseLabManifest } from '@virtlab/core';

/** A lab found on disk. */
export interface FoundLab {
  /** The lab's folder. */
  dir: string;
  /** Its parsed manifest. */
  manifest: LabManifest;
}

/** A lab folder whose manifest could not be read, with the loader's one-line reason. */
export interface BrokenLab {
  /** The lab's folder. */
  dir: string;
  /** Why it was skipped. */
  message: string;
}

/** The folder that holds the labs: the nearest `packages/labs/` above this module (src/, dist/ or a bundle). */
export function defaultLabsDir(): string {
  let dir = fileURLToPath(new URL('.', import.meta.url));
  for (let i = 0; i < 8; i++) {
    const candidate = join(dir, 'packages', 'labs');
    if (existsSync(candidate)) return `${candidate}/`;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return fileURLToPath(new URL('../../labs/', import.meta.url));
}

/** Every lab under `labsDir`, in course order (lab.json's `order`, then folder name), plus the folders whose lab.json is broken. */
export function findLabs(labsDir: string = defaultLabsDir()): { labs: FoundLab[]; broken: BrokenLab[] } {
  const labs: FoundLab[] = [];
  const broken: BrokenLab[] = [];
  if (!existsSync(labsDir)) return { labs, broken };
  for (const name of readdirSync(labsDir).sort()) {
    const dir = join(labsDir, name);
    const file = join(dir, 'lab.json');
    if (!existsSync(file)) continue;
    try {
      labs.push({ dir, manifest: parseLabManifest(readFileSync(file, 'utf8'), { file: `${name}/lab.json`, folderName: name }) });
    } catch (error) {
      broken.push({ dir, message: error instanceof Error ? error.message : String(error) });
    }
  }
  labs.sort((a, b) => (a.manifest.order ?? 100) - (b.manifest.order ?? 100));
  return { labs, broken };
}
