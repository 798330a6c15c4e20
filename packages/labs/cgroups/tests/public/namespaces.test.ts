// Step 6 — namespaces (public tests). Run them with `pnpm lab test cgroups --step namespaces`.
import { CLONE_NEWPID, CLONE_NEWUTS } from '@virtlab/core';
import { describe, expect, it } from 'vitest';
import { gethostname, pidIn, resolvePath, sethostname } from '../../src/namespaces.ts';
import { boot } from '../../src/system.ts';

describe('namespaces', () => {
  it("the first process in a new PID namespace is its PID 1", () => {
    const s = boot();
    const shell = s.spawn({ workload: { kind: 'sleep' } });
    const [ns] = s.unshare(shell, CLONE_NEWPID);
    const init = s.fork(shell, { workload: { kind: 'sleep' } });
    expect(pidIn(s.k, init, ns!)).toBe(1);
  });

  it('a hostname set in a new UTS namespace stays there', () => {
    const s = boot();
    const c = s.spawn({ workload: { kind: 'sleep' } });
    s.unshare(c, CLONE_NEWUTS);
    sethostname(s.k, c, 'box');
    expect(gethostname(s.k, c)).toBe('box');
    expect(s.k.uts[0]!.hostname).toBe('host');
  });

  it('inside a chroot, "/" means the new root, and ".." cannot climb above it', () => {
    expect(resolvePath('/srv/root', '/srv/root', '/../bin/./sh')).toBe('/srv/root/bin/sh');
  });
});
