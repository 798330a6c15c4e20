// The sandbox's outer layers: what this machine has, and that the command line stacks them.
// A check that needs a layer the machine lacks is skipped with the reason printed, never silently.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { describeLayers, detectLayers, sandboxCommand } from '../src/layers.ts';

const support = detectLayers();
for (const layer of describeLayers(support)) {
  if (!layer.active) console.warn(`grader tests: sandbox layer "${layer.name}" is off on this machine (${layer.note}); checks that need it are skipped`);
}

describe('sandbox layers', () => {
  it('lists the five layers, outermost first, the inner two always on', () => {
    const layers = describeLayers(support);
    expect(layers.map((l) => l.name)).toEqual(['prlimit', 'bubblewrap', 'node permission model', 'worker thread', 'SES compartment']);
    expect(layers.slice(3).every((l) => l.active)).toBe(true);
  });

  it('stacks prlimit, bwrap and the permission model when they are all there', () => {
    const all = { bwrap: true, bwrapWhy: '', prlimit: true, permissionFlag: '--permission' };
    const { command, args } = sandboxCommand({ runtimeDir: '/opt/rt', addressSpaceMb: 1024 }, all);
    expect(command).toBe('prlimit');
    expect(args.slice(0, 5)).toEqual(['--as=1073741824', '--nofile=256', '--fsize=16777216', '--core=0', 'bwrap']);
    expect(args).toContain('--unshare-all');
    expect(args.join(' ')).toContain('--ro-bind /opt/rt /sandbox');
    expect(args.slice(-4)).toEqual(['--permission', '--allow-worker', '--allow-fs-read=/sandbox/*', '/sandbox/supervisor.js']);
  });

  it('runs node alone, still with the permission model, when neither prlimit nor bwrap exists', () => {
    const none = { bwrap: false, bwrapWhy: 'not installed', prlimit: false, permissionFlag: '--experimental-permission' };
    const { command, args } = sandboxCommand({ runtimeDir: '/opt/rt', addressSpaceMb: 1024 }, none);
    expect(command).toBe(process.execPath);
    expect(args.slice(-4)).toEqual(['--experimental-permission', '--allow-worker', '--allow-fs-read=/opt/rt/*', '/opt/rt/supervisor.js']);
    expect(describeLayers(none)[1]).toEqual({ name: 'bubblewrap', active: false, note: 'not installed' });
  });

  it.skipIf(!support.bwrap)(`bubblewrap cuts the network off${support.bwrap ? '' : ` (skipped: ${support.bwrapWhy})`}`, () => {
    const r = spawnSync('bwrap', ['--unshare-all', '--die-with-parent', '--ro-bind', '/', '/', 'cat', '/proc/net/dev'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    const interfaces = r.stdout.split('\n').slice(2).map((l) => l.trim().split(':')[0]).filter(Boolean);
    expect(interfaces).toEqual(['lo']);
  });
});
