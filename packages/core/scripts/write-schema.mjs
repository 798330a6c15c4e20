// Writes lab.schema.json, the JSON Schema editors use for lab.json, from the zod schema in src/manifest/.
// Usage (from packages/core): pnpm schema   — then commit lab.schema.json; a test fails while it is stale.
// Node 20 cannot run TypeScript, so esbuild bundles the loader (zod included) into memory and we import that.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = new URL('.', import.meta.url);
const result = await build({
  entryPoints: [fileURLToPath(new URL('../src/manifest/load.ts', here))],
  bundle: true,
  write: false,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  logLevel: 'warning',
});
const code = result.outputFiles[0].text;
const { labManifestJsonSchema } = await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
const target = new URL('../lab.schema.json', here);
writeFileSync(target, `${JSON.stringify(labManifestJsonSchema(), null, 2)}\n`);
console.log(`wrote ${fileURLToPath(target)}`);
