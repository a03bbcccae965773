import { execFileSync } from 'node:child_process';

/** CLI tests spawn the built command: compile once before the run so build/ matches the sources. */
export default function setup() {
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json'], { stdio: 'inherit' });
}
