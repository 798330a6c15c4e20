#!/usr/bin/env node
// The `lab` command: runs the built CLI (pnpm install builds it). On Node 22.1 and later, V8's
// compiled code is kept between runs (Node's compile cache), which shortens every start.
import module from 'node:module';

module.enableCompileCache?.();
const { main } = await import('../dist/cli/cli.js');
process.exitCode = await main(process.argv.slice(2));
