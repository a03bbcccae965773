import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { GOLDEN_FILES } from '../support/goldenFiles.js';
import { writeFolder } from '../support/runOnFolder.js';
import { cli } from '../support/cli.js';
import { folderHashes } from '../support/faults.js';
import { minimalManifest } from '../support/minimalManifest.js';

/**
 * Resource faults: a full disk and a memory limit too small end as exit 1 with a clear message and nothing
 * half-written next to the output. The full disk is a small tmpfs, which needs root: CI runs as root; elsewhere the
 * test is skipped with the reason printed.
 */

const isRoot = process.getuid?.() === 0;
const canMount = isRoot || process.env.CI === 'true';
if (!canMount)
  process.stdout.write(
    'test/faults/resources: disk-full case skipped: mounting a tmpfs needs root (and this is not CI)\n',
  );

const mounted: string[] = [];
afterAll(() => {
  for (const m of mounted) spawnSync('umount', [m]);
});

describe('resource faults', () => {
  it.runIf(canMount)(
    'a full disk: exit 1 "no space left … (needs about N MB)", nothing half-written, inputs unchanged',
    () => {
      const mnt = mkdtempSync(join(tmpdir(), 'mg-full-'));
      const m = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', mnt], { encoding: 'utf8' });
      expect([m.status, m.stderr]).toEqual([0, '']);
      mounted.push(mnt);
      const input = writeFolder(GOLDEN_FILES);
      const before = folderHashes(input);
      const r = cli(['run', '--input', input, '--out', join(mnt, 'out')]);
      expect([r.code, r.stderr]).toEqual([
        1,
        expect.stringMatching(
          /^multigebruik: No space left on the disk of .*mg-full-.* \(needs about \d+ MB\).*Nothing was written/,
        ),
      ]);
      expect(readdirSync(mnt)).toEqual([]);
      // an earlier output on the full disk is kept as it was
      mkdirSync(join(mnt, 'out'));
      writeFileSync(join(mnt, 'out', 'manifest.json'), minimalManifest());
      const again = cli(['run', '--input', input, '--out', join(mnt, 'out'), '--force']);
      expect(again.code).toBe(1);
      expect(readdirSync(mnt)).toEqual(['out']);
      expect(readdirSync(join(mnt, 'out'))).toEqual(['manifest.json']);
      expect(folderHashes(input)).toEqual(before);
    },
  );

  it('a memory limit DuckDB cannot work in: exit 1 naming duckdb.memoryLimit, no temp folder left', () => {
    const input = writeFolder(GOLDEN_FILES);
    const cfgDir = writeFolder({
      'small.json': '{"duckdb": {"memoryLimit": "8MB"}}',
      'ok.json': '{"duckdb": {"memoryLimit": "200MB", "threads": 1}}',
    });
    const parent = mkdtempSync(join(tmpdir(), 'mg-mem-'));
    const r = cli(['run', '--input', input, '--out', join(parent, 'out'), '--config', join(cfgDir, 'small.json')]);
    expect([r.code, r.stderr]).toEqual([1, expect.stringMatching(/ran out of memory within duckdb\.memoryLimit 8MB/)]);
    expect(readdirSync(parent)).toEqual([]);
    // a modest limit works, spilling (if at all) under the output's parent, and leaves only the output
    const ok = cli(['run', '--input', input, '--out', join(parent, 'out'), '--config', join(cfgDir, 'ok.json')]);
    expect([ok.code, ok.stderr]).toEqual([0, '']);
    expect(readdirSync(parent)).toEqual(['out']);
  });
});
