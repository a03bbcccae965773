import { appendFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCommand } from '../../bin/runCommand.js';
import { GOLDEN_FILES } from '../support/goldenFiles.js';
import { writeFolder } from '../support/runOnFolder.js';

/**
 * Issue 21 point 10 (and the ENOENT of point 9): what the manifest says about an input is what was read. An input
 * changed, appended to or removed after the scans (here: at the start of the link stage, when the scans are done and
 * the hashing is about to start) stops the run with exit 1 naming the file; nothing is written, the lock is released.
 */

async function runChanging(change: (input: string) => void) {
  const input = writeFolder(GOLDEN_FILES);
  const parent = mkdtempSync(join(tmpdir(), 'mg-prov-'));
  const out = join(parent, 'out');
  const err = await runCommand({ input, out, onStage: (stage) => stage === 'link' && change(input) }).then(
    () => undefined,
    (e: unknown) => e as Error & { exitCode?: number },
  );
  return { err, parent };
}

describe('an input changed during the run', () => {
  it('appended to after the scans: exit 1 naming the file, nothing written, lock released', async () => {
    const { err, parent } = await runChanging((input) =>
      appendFileSync(join(input, 'UWVVOORZIENING.csv'), 'R,000000008,JOBCOACH,WAJONG,JOBCOACH_EXTERN,20200101,\n'),
    );
    expect(err?.exitCode).toBe(1);
    expect(err?.message).toMatch(
      /UWVVOORZIENING\.csv changed while the run was reading it .* nothing was written\. Run again when no program is writing to the input folder\./,
    );
    expect(err?.message).not.toMatch(/000000008/);
    expect(readdirSync(parent)).toEqual([]);
  });

  it('removed after the scans: exit 1 naming the file (no ENOENT internal error), nothing written, lock released', async () => {
    const { err, parent } = await runChanging((input) => rmSync(join(input, 'WMO2019BUSV1.csv')));
    expect(err?.exitCode).toBe(1);
    expect(err?.message).toMatch(/WMO2019BUSV1\.csv was removed or renamed while the run was reading it/);
    expect(readdirSync(parent)).toEqual([]);
  });

  it('unchanged: the run succeeds (the check refuses only a real change)', async () => {
    const { err, parent } = await runChanging(() => undefined);
    expect(err).toBeUndefined();
    expect(readdirSync(parent)).toEqual(['out']);
  });
});
