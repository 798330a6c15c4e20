#!/usr/bin/env node
// The `lab` command: runs the built CLI (pnpm install builds it).
import { main } from '../dist/cli/cli.js';

process.exitCode = await main(process.argv.slice(2));
