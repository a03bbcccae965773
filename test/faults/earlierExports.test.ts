import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { GOLDEN_FILES } from '../support/goldenFiles.js';
import { writeFolder } from '../support/runOnFolder.js';
import { folderHashes } from '../support/faults.js';

/**
 * Issue 21 point 13 and the --previous messages: no output may replace an export named as earlier, nor lie inside an
 * earlier run's folder; compare never overwrites a file it did not write; an edited earlier tables.json is refused;
 * a relative --previous is recorded so that audit works from any folder.
 */

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'multigebruik.js');
const cliAt = (cwd: string, args: string[]) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, CI: 'true' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};
const noStack = (stderr: string) => expect(stderr).not.toMatch(/\n\s+at |Internal error/);

let root: string;
let input: string;
let inputHashes: Record<string, string>;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'mg-earlier-'));
  input = writeFolder(GOLDEN_FILES);
  inputHashes = folderHashes(input);
  const r = cliAt(root, ['run', '--input', input, '--out', 'old']);
  expect([r.code, r.stderr]).toEqual([0, '']);
}, 120_000);

describe('outputs that would replace or change an earlier export', () => {
  it('run --out X --force --previous X, or --previous inside --out: exit 1 before any work, X unchanged', () => {
    const before = folderHashes(join(root, 'old', 'export'));
    for (const args of [
      ['--out', 'old', '--force', '--previous', 'old'],
      ['--out', '.', '--force', '--previous', 'old'],
    ]) {
      const r = cliAt(root, ['run', '--input', input, ...args]);
      expect([r.code, r.stderr]).toEqual([
        1,
        expect.stringMatching(
          /is, contains or lies inside the earlier export old \(--previous\) that this run is protected against/,
        ),
      ]);
      noStack(r.stderr);
    }
    expect(folderHashes(join(root, 'old', 'export'))).toEqual(before);
    expect(folderHashes(input)).toEqual(inputHashes);
  });

  it("--out inside an earlier run's export/ or internal/: exit 1 naming that run, nothing written there", () => {
    for (const sub of [join('old', 'export', 'new'), join('old', 'internal', 'x', 'new')]) {
      const r = cliAt(root, ['run', '--input', input, '--out', sub]);
      expect([r.code, r.stderr]).toEqual([
        1,
        expect.stringMatching(
          new RegExp(`Output folder ${sub.replaceAll('/', '\\/')} lies inside the output of an earlier run, .*old;`),
        ),
      ]);
    }
    expect(cliAt(root, ['audit', 'old']).code).toBe(0); // the earlier output is as it was
  });
});

describe('compare --out', () => {
  it("never overwrites the user's own comparison.csv / comparison.html, refuses a file as --out, and replaces its own earlier comparison", () => {
    const dir = join(root, 'mine');
    mkdirSync(dir);
    writeFileSync(join(dir, 'comparison.csv'), 'my own notes\n');
    const r = cliAt(root, ['compare', 'old', 'old', '--out', 'mine']);
    expect([r.code, r.stderr]).toEqual([
      1,
      expect.stringMatching(
        /mine\/comparison\.csv exists and was not written by multigebruik compare; compare does not overwrite it/,
      ),
    ]);
    expect(readFileSync(join(dir, 'comparison.csv'), 'utf8')).toBe('my own notes\n');
    writeFileSync(join(root, 'a-file'), 'x');
    const f = cliAt(root, ['compare', 'old', 'old', '--out', 'a-file']);
    expect([f.code, f.stderr]).toEqual([1, expect.stringMatching(/Output a-file is a file, not a folder/)]);
    noStack(f.stderr);
    expect(readFileSync(join(root, 'a-file'), 'utf8')).toBe('x');
    for (let k = 0; k < 2; k++) expect(cliAt(root, ['compare', 'old', 'old', '--out', 'cmp']).code).toBe(0);
  });
});

describe('--previous', () => {
  it('an earlier export whose tables.json was edited is refused (exit 1, naming the folder and the cell)', () => {
    cpSync(join(root, 'old'), join(root, 'edited'), { recursive: true });
    const path = join(root, 'edited', 'export', 'tables.json');
    const t = JSON.parse(readFileSync(path, 'utf8')) as {
      tables: Record<string, { cells: (number | string | null)[][] }>;
    };
    const [id, table] = Object.entries(t.tables).find(([, x]) => x.cells.flat().some((c) => typeof c === 'number'))!;
    const i = table.cells.findIndex((row) => row.some((c) => typeof c === 'number'));
    const j = table.cells[i]!.findIndex((c) => typeof c === 'number');
    table.cells[i]![j] = (table.cells[i]![j] as number) + 1;
    writeFileSync(path, JSON.stringify(t, null, 2));
    const r = cliAt(root, ['run', '--input', input, '--out', 'new-edited', '--previous', 'edited']);
    expect([r.code, r.stderr]).toEqual([
      1,
      expect.stringMatching(
        new RegExp(
          `Earlier export edited \\(--previous\\): export/tables\\.json is not what its run wrote \\(${id.replace('.', '\\.')} `,
        ),
      ),
    ]);
    noStack(r.stderr);
  });

  it('a relative --previous is recorded relative to the folder holding OUT: audit passes from any working folder', () => {
    const r = cliAt(root, ['run', '--input', input, '--out', join('runs', 'new'), '--previous', 'old']);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toContain('Protected jointly with the earlier export(s): old.');
    const manifest = JSON.parse(readFileSync(join(root, 'runs', 'new', 'manifest.json'), 'utf8')) as {
      previous: { dir: string }[];
    };
    expect(manifest.previous.map((p) => p.dir)).toEqual(['../old']);
    const elsewhere = mkdtempSync(join(tmpdir(), 'mg-elsewhere-'));
    const a = cliAt(elsewhere, ['audit', join(root, 'runs', 'new')]);
    expect([a.code, a.stderr]).toEqual([0, '']);
    expect(a.stdout).toMatch(/earlier export \.\.\/old: \d+ cells shown in both, SHA-256 checked/);
    expect(folderHashes(input)).toEqual(inputHashes);
  });
});
