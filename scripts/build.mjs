// Builds one package: each entry under src/ is bundled by esbuild into dist/ as ESM.
// Usage (from a package folder): node ../../scripts/build.mjs src/index.ts [src/other.ts …] [--platform=node]
// Our own workspace packages and third-party dependencies stay external; types come from src/ via the "source" condition.
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

const args = process.argv.slice(2);
const entryPoints = args.filter((a) => !a.startsWith('--'));
const platform = args.includes('--platform=neutral') ? 'neutral' : 'node';
if (entryPoints.length === 0) {
  console.error('build: name at least one entry file, e.g. node ../../scripts/build.mjs src/index.ts');
  process.exit(2);
}
rmSync('dist', { recursive: true, force: true });
await build({
  entryPoints,
  outdir: 'dist',
  outbase: 'src',
  bundle: true,
  packages: 'external',
  format: 'esm',
  // Dynamic imports become their own chunks, so a command loads only what it uses.
  splitting: true,
  platform,
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  jsx: 'automatic',
});
