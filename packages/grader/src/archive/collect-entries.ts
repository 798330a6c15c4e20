/**
 * The entry policy: which entries of an archive become files, which are skipped, and when the
 * whole archive is refused. Shared by the tar and zip readers, so both formats obey one set of rules.
 *
 * Interface: `collectEntries(entries, archive, limits)` walks the raw entries of one archive once
 * and returns its `ArchiveContents`, or throws ArchiveError.
 *
 * Each entry, in archive order:
 *
 *   count it ──> over maxEntries?             refuse the archive
 *   directory?                                ignore silently (nothing to extract)
 *   link, device, FIFO, socket, other type?   skip ("is a symbolic link to '…'")
 *   add its size to the total ──> over maxTotalBytes?  refuse the archive
 *   bad path (see entry-path.ts)?             skip
 *   path taken by an earlier file, or one
 *   of them would have to be a folder?        skip (the first file wins)
 *   over maxFileBytes?                        skip (its path stays taken)
 *   otherwise                                 read it (format checks such as CRC-32 run now)
 *
 * Invariants: only `file` entries are ever read, and only after every check above; the accepted
 * paths can all be created side by side in one empty folder (no path is both a file and a folder);
 * the work done is linear in the number of entries and the length of their names.
 */

import { checkEntryPath, printableName } from './entry-path.ts';
import { ArchiveError } from './errors.ts';
import type { ArchiveContents, ArchiveEntry, ArchiveLimits, SkippedEntry } from './types.ts';

/** A node of the tree of paths taken so far: a file (a leaf) or a folder that holds files. */
interface PathNode {
  /** The file at this path, if a file took it. */
  file: string | undefined;
  /** The first file found below this path, if it is a folder. */
  firstBelow: string | undefined;
  /** The folder's children, by segment. */
  children: Map<string, PathNode>;
}

/** Applies the entry policy to one archive's raw entries; throws ArchiveError when it refuses the archive. */
export function collectEntries(entries: Iterable<ArchiveEntry>, archive: string, limits: ArchiveLimits): ArchiveContents {
  const files = new Map<string, Uint8Array>();
  const skipped: SkippedEntry[] = [];
  const taken: PathNode = newNode();
  let count = 0;
  let total = 0;
  for (const entry of entries) {
    count += 1;
    if (count > limits.maxEntries) {
      throw new ArchiveError(archive, `has more than ${limits.maxEntries} entries (the limit)`, 'submit only the lab files');
    }
    if (entry.kind === 'directory') continue;
    const name = printableName(entry.rawName);
    if (entry.kind !== 'file') {
      skipped.push({ name, reason: kindReason(entry) });
      continue;
    }
    total += entry.size;
    if (total > limits.maxTotalBytes) {
      throw new ArchiveError(archive, `holds more than ${limits.maxTotalBytes} bytes of files (the limit)`, 'submit only the lab files');
    }
    const checked = checkEntryPath(entry.rawName);
    if ('problem' in checked) {
      skipped.push({ name, reason: checked.problem });
      continue;
    }
    const conflict = take(taken, checked.path);
    if (conflict !== undefined) {
      skipped.push({ name, reason: conflict });
      continue;
    }
    if (entry.size > limits.maxFileBytes) {
      skipped.push({ name, reason: `is ${entry.size} bytes, over the ${limits.maxFileBytes}-byte limit per file` });
      continue;
    }
    files.set(checked.path, entry.read());
  }
  return { files, skipped };
}

/** Why an entry that is not a regular file is skipped. */
function kindReason(entry: ArchiveEntry): string {
  switch (entry.kind) {
    case 'symlink':
      return entry.detail === '' ? 'is a symbolic link' : `is a symbolic link to '${entry.detail}'`;
    case 'hardlink':
      return `is a hard link to '${entry.detail}'`;
    case 'character-device':
      return 'is a character device';
    case 'block-device':
      return 'is a block device';
    case 'fifo':
      return 'is a FIFO (named pipe)';
    case 'socket':
      return 'is a socket';
    default:
      return `is of an unsupported type (${entry.detail})`;
  }
}

/** Takes `path` for a file; the reason it cannot be taken, or undefined once it is taken. */
function take(root: PathNode, path: string): string | undefined {
  const segments = path.split('/');
  const last = segments.pop()!;
  let node = root;
  const folders: PathNode[] = [];
  for (const segment of segments) {
    let child = node.children.get(segment);
    if (child === undefined) {
      child = newNode();
      node.children.set(segment, child);
    }
    if (child.file !== undefined) return conflictWith(child.file);
    folders.push(child);
    node = child;
  }
  const existing = node.children.get(last);
  if (existing?.file !== undefined) return `duplicates the earlier file '${existing.file}'`;
  if (existing?.firstBelow !== undefined) return conflictWith(existing.firstBelow);
  const leaf = existing ?? newNode();
  leaf.file = path;
  node.children.set(last, leaf);
  for (const folder of folders) folder.firstBelow ??= path;
  return undefined;
}

function conflictWith(file: string): string {
  return `conflicts with the earlier file '${file}' (a path cannot be both a file and a folder)`;
}

function newNode(): PathNode {
  return { file: undefined, firstBelow: undefined, children: new Map() };
}
