// Builds the `lab` command as a few large files (ink, react and their dependencies included) instead
// of hundreds of small modules: Node loads it several times faster, which is the start-up time a
// student feels. The grader and esbuild stay outside, loaded only by the commands that need them.
import { build } from 'esbuild';
await build({
  entryPoints: { cli: 'src/index.ts' },
  outdir: 'dist/cli',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  conditions: ['source'],
  external: ['@virtlab/grader', 'esbuild', 'react-devtools-core'],
  jsx: 'automatic',
  logLevel: 'warning',
  minifyWhitespace: true,
  define: { 'process.env.NODE_ENV': '"production"' },
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
});
