import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { minimalManifest } from '../support/minimalManifest.js';
import { GOLDEN_FILES } from '../support/goldenFiles.js';
import { writeFolder } from '../support/runOnFolder.js';
import { cli } from '../support/cli.js';
import { folderHashes } from '../support/faults.js';

/**
 * Issue 21 point 9: file-system and process errors end as exit 1 with what to do (or, for a reader that went
 * away, quietly), never exit 2 or a stack trace, and the lock is always released. (An input removed between the scan
 * and the hashing: test/faults/provenance.test.ts; compare --out an existing file: test/faults/earlierExports.test.ts.)
 */

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'multigebruik.js');
const noStack = (stderr: string) => expect(stderr).not.toMatch(/\n\s+at |Internal error|node:internal/);

const isRoot = process.getuid?.() === 0;
const canMount = isRoot || process.env.CI === 'true';
if (!canMount)
  process.stdout.write(
    'test/faults/processErrors: mount-point case skipped: mounting a tmpfs needs root (and this is not CI)\n',
  );
const mounted: string[] = [];
afterAll(() => {
  for (const m of mounted) spawnSync('umount', [m]);
});

describe('process and file-system errors', () => {
  it('run … | true (the reader gone): the run completes, exit 0, nothing on stderr', async () => {
    const input = writeFolder(GOLDEN_FILES);
    const parent = mkdtempSync(join(tmpdir(), 'mg-epipe-'));
    const child = spawn(process.execPath, [BIN, 'run', '--input', input, '--out', join(parent, 'out')], {
      env: { ...process.env, CI: 'true' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.destroy(); // as `| true` does: the pipe's reading end closed before anything is written
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((res) => child.on('close', (c) => res(c)));
    expect([code, stderr]).toEqual([0, '']);
    expect(readdirSync(parent)).toEqual(['out']);
  });

  it('a memory limit too small for the solver (ulimit -v): exit 1 saying so and what to do, no stack, lock released, inputs untouched', () => {
    const input = writeFolder(GOLDEN_FILES);
    const before = folderHashes(input);
    const parent = mkdtempSync(join(tmpdir(), 'mg-ulimit-'));
    // enough for Node.js and DuckDB, too little for the WebAssembly memory of the solver and the hashing worker
    const r = spawnSync(
      'bash',
      [
        '-c',
        'ulimit -v 8000000 && exec "$0" "$@"',
        process.execPath,
        BIN,
        'run',
        '--input',
        input,
        '--out',
        join(parent, 'out'),
      ],
      {
        encoding: 'utf8',
        env: { ...process.env, CI: 'true' },
      },
    );
    expect([r.status, r.stderr]).toEqual([
      1,
      expect.stringMatching(
        /^multigebruik: Out of memory: .*\(ulimit -v, a job limit\).*Raise the limit or run on a machine with more memory.*Nothing was written\.\n$/,
      ),
    ]);
    noStack(r.stderr);
    expect(readdirSync(parent)).toEqual([]); // no lock, no staging or spill folder
    expect(folderHashes(input)).toEqual(before);
  });

  it('--period (any single-value option) given twice: exit 1 naming it, before any work', () => {
    const input = writeFolder(GOLDEN_FILES);
    const parent = mkdtempSync(join(tmpdir(), 'mg-twice-'));
    const r = cli([
      'run',
      '--input',
      input,
      '--out',
      join(parent, 'out'),
      '--period',
      '2017-01-01..2021-12-31',
      '--period=2018-01-01..2022-12-31',
    ]);
    expect([r.code, r.stderr]).toEqual([
      1,
      'multigebruik: --period is given more than once; give it once (the run would otherwise silently use the last).\n',
    ]);
    expect(readdirSync(parent)).toEqual([]);
    const v = cli(['validate', '--input', input, '--config', 'a.json', '--config', 'b.json']);
    expect([v.code, v.stderr]).toEqual([1, expect.stringMatching(/--config is given more than once/)]);
  });

  it.runIf(canMount)(
    '--out a mount point: exit 1 before any work, asking for a folder inside it; nothing changed there',
    () => {
      const mnt = mkdtempSync(join(tmpdir(), 'mg-mnt-'));
      const m = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=16m', 'tmpfs', mnt], { encoding: 'utf8' });
      expect([m.status, m.stderr]).toEqual([0, '']);
      mounted.push(mnt);
      const input = writeFolder(GOLDEN_FILES);
      mkdirSync(join(mnt, 'keep'));
      writeFileSync(join(mnt, 'manifest.json'), minimalManifest());
      const r = cli(['run', '--input', input, '--out', mnt, '--force']);
      expect([r.code, r.stderr]).toEqual([
        1,
        expect.stringMatching(
          /is a mount point \(a disk of its own\), which cannot be replaced as a whole; give a new folder inside it as --out/,
        ),
      ]);
      noStack(r.stderr);
      expect(readdirSync(mnt).sort()).toEqual(['keep', 'manifest.json']);
      expect(existsSync(join(mnt, '..', `.${mnt.split('/').pop()}.lock`))).toBe(false);
      // a new folder inside it works (once the mount no longer looks like an earlier output, whose folders are refused)
      rmSync(join(mnt, 'manifest.json'));
      const ok = cli(['run', '--input', input, '--out', join(mnt, 'run1')]);
      expect([ok.code, ok.stderr]).toEqual([0, '']);
    },
  );
});
