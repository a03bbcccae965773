import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GOLDEN_FILES } from '../support/goldenFiles.js';
import { writeFolder } from '../support/runOnFolder.js';
import { folderHashes } from '../support/faults.js';

/**
 * Issue 21 point 8: every byte of export/ and internal/ is independent of the time zone (the zip entries of
 * tables.xlsx carry local wall-clock fields), and an output made in one zone passes `audit` in another.
 */

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'multigebruik.js');
const cliIn = (tz: string, args: string[]) => {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, CI: 'true', TZ: tz, LANG: 'nl_NL.UTF-8', LC_ALL: 'nl_NL.UTF-8' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

/** Every file under `dir` (relative path → bytes as base64), sorted. */
function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true }).filter((d) => d.isFile())) {
    const p = join(e.parentPath, e.name);
    out[p.slice(dir.length + 1)] = readFileSync(p).toString('base64');
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : 1)));
}

describe('time zones (TZ=UTC, Europe/Amsterdam, America/New_York)', () => {
  it('give byte-identical export/ and internal/, exit 0 and no message; audit passes across zones; inputs untouched', () => {
    const input = writeFolder(GOLDEN_FILES);
    const before = folderHashes(input);
    const parent = mkdtempSync(join(tmpdir(), 'mg-tz-'));
    const zones = ['UTC', 'Europe/Amsterdam', 'America/New_York'];
    const trees = zones.map((tz) => {
      const out = join(parent, tz.replace('/', '-'));
      const r = cliIn(tz, ['run', '--input', input, '--out', out]);
      expect([tz, r.code, r.stderr]).toEqual([tz, 0, '']);
      return { export: tree(join(out, 'export')), internal: tree(join(out, 'internal')) };
    });
    expect(Object.keys(trees[0]!.export)).toContain('tables.xlsx');
    for (const t of trees.slice(1)) expect(t).toEqual(trees[0]);
    // an output made in UTC, audited in New York and in Amsterdam (the audit renders the export again and compares bytes)
    for (const tz of ['America/New_York', 'Europe/Amsterdam']) {
      const a = cliIn(tz, ['audit', join(parent, 'UTC')]);
      expect([tz, a.code, a.stderr]).toEqual([tz, 0, '']);
      expect(a.stdout).toMatch(/audit PASSED/);
    }
    expect(folderHashes(input)).toEqual(before);
  });
});
