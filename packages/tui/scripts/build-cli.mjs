// Builds the `lab` command as a few large files (ink, react and their dependencies included) instead
// of hundreds of small modules: Node loads it several times faster, which is the start-up time a
// student feels. The grader and esbuild stay outside, loaded only by the commands that need them.
//
// Two changes to Ink's dependencies, each worth ~40 ms before the first frame:
// - every copy of string-width answers first from src/ui/fast-string-width.ts (its general path
//   compiles large Unicode regexes on first use; the fast path is checked against it in tests);
// - yoga's WebAssembly loader sees no `fetch`, so it decodes its inline module at once instead of
//   "fetching" the data: URL through undici, which Node loads on first use.
import { rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const fastWidth = fileURLToPath(new URL('../src/ui/fast-string-width.ts', import.meta.url));

/** @type {import('esbuild').Plugin} */
const startUpPatches = {
  name: 'start-up-patches',
  setup(b) {
    b.onLoad({ filter: /[\\/]string-width[\\/]index\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const head = 'export default function stringWidth(';
      if (!source.includes(head)) throw new Error(`${args.path}: no "${head}" to put the fast path in front of; update scripts/build-cli.mjs`);
      const contents = `${source.replace(head, 'function slowStringWidth(')}
import { fastStringWidth } from ${JSON.stringify(fastWidth)};
export default function stringWidth(s, options) {
  const width = fastStringWidth(s, options);
  return width >= 0 ? width : slowStringWidth(s, options);
}
`;
      return { contents, loader: 'js' };
    });
    b.onLoad({ filter: /[\\/]yoga-layout[\\/].*yoga-wasm-base64-esm\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      return { contents: `const fetch = undefined;\n${source}`, loader: 'js' };
    });
  },
};

// Chunk names carry content hashes: clear the folder so stale chunks do not pile up.
rmSync(new URL('../dist/cli/', import.meta.url), { recursive: true, force: true });

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
  minify: true,
  define: { 'process.env.NODE_ENV': '"production"' },
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  plugins: [startUpPatches],
});
