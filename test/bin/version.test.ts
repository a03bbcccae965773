import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GOLDEN_FILES } from '../support/goldenFiles.js';
import { writeFolder } from '../support/runOnFolder.js';
import { cli } from '../support/cli.js';

const ROOT = join(import.meta.dirname, '..', '..');
/** A module run before the CLI that prints, at exit, how many loaded shared objects are DuckDB's. */
const PROBE = `data:text/javascript,${encodeURIComponent(
  "process.on('exit', () => process.stderr.write('duckdb libraries: ' + process.report.getReport().sharedObjects.filter((s) => /duckdb/i.test(s)).length + '\\n'));",
)}`;

/** The number of DuckDB shared objects loaded by the CLI run with `args`. */
function duckdbLibraries(args: string[]): number {
  const r = spawnSync(process.execPath, ['--import', PROBE, join(ROOT, 'bin', 'multigebruik.js'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, CI: 'true' },
  });
  const m = /duckdb libraries: (\d+)/.exec(r.stderr);
  expect(m, r.stderr).not.toBeNull();
  return Number(m![1]);
}

/** An empty MULTIGEBRUIK_COMMIT: the CLI asks git, as a user's run does. */
const GIT = '';
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };

/** The commit of this checkout as the CLI should report it, or "unknown" outside a git checkout. */
function expectedCommit(): RegExp {
  if (!existsSync(join(ROOT, '.git'))) return /^unknown$/;
  const head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
  return new RegExp(`^${head}(-dirty)?$`);
}

describe('--version and manifest.software', () => {
  it('--version prints program version, commit and Node version, without loading DuckDB', () => {
    const r = cli(['--version'], GIT);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(`multigebruik ${pkg.version}`);
    expect(lines[1]).toMatch(/^commit /);
    expect(lines[1]!.slice('commit '.length)).toMatch(expectedCommit());
    expect(lines[2]).toBe(`Node.js ${process.version}`);
    // no DuckDB loaded (so it answers at once): its native library is not among the process's shared objects at
    // exit, where a command that opens a database has it
    expect(duckdbLibraries(['--version'])).toBe(0);
    expect(duckdbLibraries(['validate', '--input', writeFolder(GOLDEN_FILES)])).toBeGreaterThan(0);
  });

  it('manifest.json records the same under software', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'mg-version-')), 'out');
    expect(cli(['run', '--input', writeFolder(GOLDEN_FILES), '--out', out], GIT).code).toBe(0);
    const software = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')).software;
    expect(software.name).toBe('multigebruik');
    expect(software.version).toBe(pkg.version);
    expect(software.commit).toMatch(expectedCommit());
    expect(software.node).toBe(process.version);
    expect(cli(['--version'], GIT).stdout).toContain(`commit ${software.commit}\n`);
  });

  it('MULTIGEBRUIK_COMMIT, when set, is the commit recorded and printed (the tests fix it so)', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'mg-version-')), 'out');
    expect(cli(['run', '--input', writeFolder(GOLDEN_FILES), '--out', out], 'abc-fixed').code).toBe(0);
    expect(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')).software.commit).toBe('abc-fixed');
    expect(readFileSync(join(out, 'export', 'README.txt'), 'utf8')).toContain(', commit abc-fixed.\n');
    expect(cli(['--version'], 'abc-fixed').stdout).toContain('commit abc-fixed\n');
  });
});
