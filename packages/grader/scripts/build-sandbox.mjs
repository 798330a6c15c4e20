// Builds the sandbox runtime: dist/sandbox/supervisor.js and dist/sandbox/worker.js, each ONE
// self-contained file (ses, the harness, chai, @vitest/expect and @virtlab/core bundled in), so the
// sandbox needs nothing from node_modules and can be given a read-only view of this folder alone.
import { build } from 'esbuild';

await build({
  entryPoints: { supervisor: 'src/sandbox/supervisor.ts', worker: 'src/sandbox/worker.ts' },
  outdir: 'dist/sandbox',
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  conditions: ['source'],
  logLevel: 'warning',
  legalComments: 'none',
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
});
