import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from './cli.ts';

describe('grade', () => {
  afterEach(() => vi.restoreAllMocks());

  it('prints usage and exits 2 without arguments, 0 with --help', async () => {
    const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    expect(await main([])).toBe(2);
    expect(await main(['--help'])).toBe(0);
    expect(String(out.mock.calls[0]?.[0])).toMatch(/^Usage: pnpm grade <lab> <submissions>/);
  });

  it('says plainly that nothing was graded while the runner is missing', async () => {
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    expect(await main(['director', 'subs'])).toBe(2);
    expect(String(err.mock.calls[0]?.[0])).toBe('grade: this build of @virtlab/grader has no test runner yet; nothing was graded.\n');
  });
});
