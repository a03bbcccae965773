import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'multigebruik.js');

/** The commit the CLI records when run by `cli` (bin/version.ts): outputs stay byte-identical from commit to commit. */
export const TEST_COMMIT = 'test-commit';

/**
 * Run the built CLI the way a user does; CI set so no progress output, and a fixed commit (TEST_COMMIT) unless `commit`
 * names another.
 */
export function cli(args: string[], commit: string = TEST_COMMIT) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, CI: 'true', MULTIGEBRUIK_COMMIT: commit },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
