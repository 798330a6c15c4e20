/**
 * The sandbox's outer layers: which this machine has, and the command line that stacks them.
 *
 *   prlimit (address space, files, no core dumps)
 *     └ bwrap (no network, no host file system but a read-only view of the sandbox runtime,
 *              own PID namespace, clean environment, uid 65534)
 *         └ node --permission (no child processes, no file access outside the runtime folder)
 *             └ supervisor.js → worker thread (heap limit, SES lockdown) → Compartment per submission
 *
 * The inner layers (Compartment, worker) are always there. A layer the machine lacks (macOS has
 * no bwrap; some kernels forbid user namespaces) is left out, and `describeLayers` says so, with
 * how to get it. Detection runs the real commands once and is cached.
 */

import { spawnSync } from 'node:child_process';
import { dirname } from 'node:path';

/** One sandbox layer and whether it is on. */
export interface Layer {
  /** Short name. */
  name: string;
  /** Whether the grader uses it on this machine. */
  active: boolean;
  /** What it stops (active) or why it is off and how to turn it on (inactive). */
  note: string;
}

/** What was found on this machine. */
export interface LayerSupport {
  /** bubblewrap works here (installed, and user namespaces allowed). */
  bwrap: boolean;
  /** Why bwrap is off, when it is. */
  bwrapWhy: string;
  /** prlimit is installed. */
  prlimit: boolean;
  /** The node flag of the permission model (`--permission`, or `--experimental-permission` on Node 20), or '' when absent. */
  permissionFlag: string;
}

let cached: LayerSupport | undefined;

/** Detects the layers once per process (runs `bwrap` and `prlimit` briefly). */
export function detectLayers(): LayerSupport {
  if (cached !== undefined) return cached;
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin' };
  let bwrap = false;
  let bwrapWhy = '';
  if (process.platform !== 'linux') bwrapWhy = `bubblewrap exists only on Linux (this is ${process.platform})`;
  else {
    const probe = spawnSync('bwrap', ['--unshare-all', '--die-with-parent', '--ro-bind', '/', '/', 'true'], { env, timeout: 5000 });
    if (probe.error !== undefined) bwrapWhy = 'bubblewrap is not installed (Debian/Ubuntu: apt-get install bubblewrap)';
    else if (probe.status !== 0) bwrapWhy = `bubblewrap cannot create namespaces here: ${String(probe.stderr).trim().split('\n')[0]}`;
    else bwrap = true;
  }
  const prlimit = process.platform === 'linux' && spawnSync('prlimit', ['--version'], { env, timeout: 5000 }).status === 0;
  const flags = process.allowedNodeEnvironmentFlags;
  const permissionFlag = flags.has('--permission') ? '--permission' : flags.has('--experimental-permission') ? '--experimental-permission' : '';
  cached = { bwrap, bwrapWhy, prlimit, permissionFlag };
  return cached;
}

/** The layers in order, outermost first, with what each does here. */
export function describeLayers(s: LayerSupport = detectLayers()): Layer[] {
  return [
    {
      name: 'prlimit',
      active: s.prlimit,
      note: s.prlimit ? 'caps address space (ArrayBuffer bombs), open files, file size' : 'not available (util-linux); off-heap memory is not capped',
    },
    {
      name: 'bubblewrap',
      active: s.bwrap,
      note: s.bwrap ? 'no network, no host files, own PID namespace, clean environment, uid 65534' : s.bwrapWhy,
    },
    {
      name: 'node permission model',
      active: s.permissionFlag !== '',
      note: s.permissionFlag !== '' ? 'no child processes, no file access outside the sandbox runtime' : 'this Node has no permission model',
    },
    { name: 'worker thread', active: true, note: 'heap limit; killed on an endless loop or a microtask flood' },
    { name: 'SES compartment', active: true, note: 'frozen intrinsics; no process, require, fs or network; nothing to forge results with' },
  ];
}

/** The layers as the lines `grade` prints when it starts. */
export function formatLayers(layers: readonly Layer[] = describeLayers()): string[] {
  const width = Math.max(...layers.map((l) => l.name.length));
  return ['sandbox layers:', ...layers.map((l) => `  ${l.name.padEnd(width)}  ${l.active ? 'on ' : 'off'}  ${l.note}`)];
}

/** Options of `sandboxCommand`. */
export interface SandboxCommandOptions {
  /** Folder holding supervisor.js and worker.js (bound read-only). */
  runtimeDir: string;
  /** Address-space limit of the whole sandbox process, in MiB (prlimit --as). */
  addressSpaceMb: number;
}

/** The command and arguments that start one sandbox process with every available layer. */
export function sandboxCommand(options: SandboxCommandOptions, s: LayerSupport = detectLayers()): { command: string; args: string[] } {
  const node = process.execPath;
  const inside = s.bwrap ? '/sandbox' : options.runtimeDir;
  const nodeArgs = ['--max-old-space-size=128', '--disable-warning=ExperimentalWarning', '--no-warnings'];
  if (s.permissionFlag !== '') nodeArgs.push(s.permissionFlag, '--allow-worker', `--allow-fs-read=${inside}/*`);
  nodeArgs.push(`${inside}/supervisor.js`);
  let command = node;
  let args = nodeArgs;
  if (s.bwrap) {
    const nodeDir = dirname(node);
    const bind = ['--ro-bind', '/usr', '/usr', '--symlink', 'usr/lib', '/lib', '--symlink', 'usr/lib64', '/lib64', '--symlink', 'usr/bin', '/bin'];
    if (!nodeDir.startsWith('/usr/')) bind.push('--ro-bind', dirname(nodeDir), dirname(nodeDir));
    args = [
      '--unshare-all',
      '--unshare-user',
      '--uid',
      '65534',
      '--gid',
      '65534',
      '--die-with-parent',
      '--new-session',
      '--clearenv',
      '--setenv',
      'PATH',
      '/usr/bin:/bin',
      ...bind,
      '--proc',
      '/proc',
      '--dev',
      '/dev',
      '--tmpfs',
      '/tmp',
      '--ro-bind',
      options.runtimeDir,
      '/sandbox',
      '--chdir',
      '/sandbox',
      node,
      ...nodeArgs,
    ];
    command = 'bwrap';
  }
  if (s.prlimit) {
    args = [`--as=${options.addressSpaceMb * 1024 * 1024}`, '--nofile=256', '--fsize=16777216', '--core=0', command, ...args];
    command = 'prlimit';
  }
  return { command, args };
}
