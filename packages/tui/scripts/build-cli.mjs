// Builds the `lab` command as a few large files (ink, react and their dependencies included) instead
// of hundreds of small modules: Node loads it several times faster, which is the start-up time a
// student feels. The grader and esbuild stay outside, loaded only by the commands that need them.
//
// Three changes to Ink's dependencies, each worth 15 to 50 ms before the first frame:
// - every copy of string-width answers first from src/ui/fast-string-width.ts (its general path
//   compiles large Unicode regexes on first use; the fast path is checked against it in tests);
// - every grapheme Intl.Segmenter they make is src/ui/fast-segmenter.ts, which cuts simple text
//   itself and makes the real one (ICU's break rules: ~16 ms to load) only when needed;
// - yoga's WebAssembly loader sees no `fetch`, so it decodes its inline module at once instead of
//   "fetching" the data: URL through undici, which Node loads on first use.
// A patch whose target text is gone (a new version of a dependency) fails the build, by name.
import { rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const fastWidth = fileURLToPath(new URL('../src/ui/fast-string-width.ts', import.meta.url));
const fastSegmenter = fileURLToPath(new URL('../src/ui/fast-segmenter.ts', import.meta.url));

/** string-width's default export, with the fast path in front. */
function patchStringWidth(path, source) {
  const head = 'export default function stringWidth(';
  if (!source.includes(head)) throw new Error(`${path}: no "${head}" to put the fast path in front of; update scripts/build-cli.mjs`);
  return `${source.replace(head, 'function slowStringWidth(')}
import { fastStringWidth } from ${JSON.stringify(fastWidth)};
export default function stringWidth(s, options) {
  const width = fastStringWidth(s, options);
  return width >= 0 ? width : slowStringWidth(s, options);
}
`;
}

/** How many files each patch changed: every patch must change at least one. */
const applied = { stringWidth: 0, segmenter: 0, yoga: 0 };

/** @type {import('esbuild').Plugin} */
const startUpPatches = {
  name: 'start-up-patches',
  setup(b) {
    b.onLoad({ filter: /[\\/]node_modules[\\/].*\.js$/ }, async (args) => {
      let source = await readFile(args.path, 'utf8');
      let changed = false;
      if (/[\\/]string-width[\\/]index\.js$/.test(args.path)) {
        source = patchStringWidth(args.path, source);
        applied.stringWidth++;
        changed = true;
      }
      if (source.includes('new Intl.Segmenter(') && /^(import|export) /m.test(source)) {
        source = `import { fastSegmenter as __fastSegmenter } from ${JSON.stringify(fastSegmenter)};\n${source.replaceAll('new Intl.Segmenter(', '__fastSegmenter(')}`;
        applied.segmenter++;
        changed = true;
      }
      if (/[\\/]yoga-layout[\\/].*yoga-wasm-base64-esm\.js$/.test(args.path)) {
        source = `const fetch = undefined;\n${source}`;
        applied.yoga++;
        changed = true;
      }
      return changed ? { contents: source, loader: 'js' } : undefined;
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

for (const [patch, files] of Object.entries(applied)) {
  if (files === 0) throw new Error(`build-cli: the ${patch} patch changed no file (did a dependency change?); update scripts/build-cli.mjs`);
}
