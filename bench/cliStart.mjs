// How fast the CLI answers --help and --version (heavy modules must load lazily): median of 10 runs each.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const bin = join(import.meta.dirname, '..', 'bin', 'multigebruik.js');
for (const args of [['--help'], ['--version'], ['run', '--help']]) {
  const ms = [];
  for (let i = 0; i < 10; i++) {
    const t = performance.now();
    const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });
    ms.push(performance.now() - t);
    if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  }
  ms.sort((a, b) => a - b);
  console.log(`multigebruik ${args.join(' ')}: median ${Math.round(ms[5])} ms (min ${Math.round(ms[0])}, max ${Math.round(ms[9])})`);
}
