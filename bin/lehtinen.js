#!/usr/bin/env node
// lehtinen's executable: runs the compiled CLI (npm install / npm run compile writes dist/).
import { existsSync } from 'node:fs';

const entry = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('lehtinen is not compiled yet: run `npm install` (or `npm run compile`) in its folder first.\n');
  process.exit(1);
}
const { main } = await import(entry.href);
await main();
