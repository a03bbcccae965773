import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder holding multigebruik's package.json, found from this module (works from source and from build/). */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'queries'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('multigebruik: package root not found');
    dir = parent;
  }
}
