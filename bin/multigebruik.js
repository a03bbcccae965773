#!/usr/bin/env node
// Entry point installed as `multigebruik`. The TypeScript sources are compiled to build/ by `npm ci` (prepare).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const main = new URL('../build/bin/cli.js', import.meta.url);
if (!existsSync(fileURLToPath(main))) {
  console.error('multigebruik is not built yet: run `npm ci` (or `npm run build`) in the project folder first.');
  process.exit(2);
}
await import(main.href);
