import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditRun } from '../../audit/auditRun.js';
import { checkExportSums } from '../../audit/exportSums.js';
import { cli, TEST_COMMIT } from '../support/cli.js';

/**
 * Evidence bound to the export: a finished run is copied and one thing changed per test; the check must name what no
 * longer matches, and the whole audit must fail.
 */

let root: string;
let base: string;
let other: string;
let n = 0;
let software: { version: string; commit: string };

function copy(): string {
  const out = join(root, `copy${n++}`);
  cpSync(base, out, { recursive: true });
  return out;
}

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'mg-exportsums-'));
  const input = join(root, 'input');
  base = join(root, 'base');
  other = join(root, 'other');
  expect(cli(['generate', '--out', input, '--scale', '0.005', '--seed', '4']).code).toBe(0);
  expect(cli(['run', '--input', input, '--out', base]).code).toBe(0);
  const input2 = join(root, 'input2');
  expect(cli(['generate', '--out', input2, '--scale', '0.005', '--seed', '5']).code).toBe(0);
  expect(cli(['run', '--input', input2, '--out', other]).code).toBe(0);
  software = (JSON.parse(readFileSync(join(base, 'manifest.json'), 'utf8')) as { software: typeof software }).software;
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('audit/exportSums', () => {
  it('passes on an untouched run whose notes name the program and the commit', async () => {
    expect(software.commit).toBe(TEST_COMMIT);
    const f = checkExportSums({ outDir: base, software });
    expect(f.failures).toEqual([]);
    expect(f.notes[0]).toMatch(/^export files bound to the evidence: \d+ in SHA256SUMS/);
    const readme = readFileSync(join(base, 'export', 'README.txt'), 'utf8');
    expect(readme).toContain(`commit ${TEST_COMMIT}.`);
    expect(readme).toContain(`  ${sha(join(base, 'export', 'tables.json'))}  tables.json\n`);
    expect(readFileSync(join(base, 'internal', 'audit.html'), 'utf8')).toContain(
      `${sha(join(base, 'export', 'SHA256SUMS'))}  SHA256SUMS`,
    );
    expect((await auditRun(base)).ok).toBe(true);
  });

  it('a changed export file differs from its SHA256SUMS line and from the notes, and sha256sum -c agrees', async () => {
    const out = copy();
    appendFileSync(join(out, 'export', 'tables', '3.1.csv'), '\r\n');
    const f = checkExportSums({ outDir: out, software });
    expect(f.failures).toContain('export/tables/3.1.csv is not the file export/SHA256SUMS describes (SHA-256 differs)');
    expect(f.failures).toContain('export/README.txt does not state the SHA-256 that export/tables/3.1.csv has');
    expect(f.failures).toContain('export/LEESMIJ.txt does not state the SHA-256 that export/tables/3.1.csv has');
    expect(f.failures).toContain(
      'internal/audit.html describes another export: not the SHA-256 that export/tables/3.1.csv has',
    );
    const r = await auditRun(out);
    expect(r.ok).toBe(false);
    const c = spawnSync('sha256sum', ['-c', '--quiet', 'SHA256SUMS'], { cwd: join(out, 'export'), encoding: 'utf8' });
    if (!c.error) expect(c.status).not.toBe(0);
    expect(cli(['audit', out]).code).toBe(1);
  });

  it('a SHA256SUMS rewritten to match a changed file still fails: the notes and audit.html state the old hash', () => {
    const out = copy();
    const file = join(out, 'export', 'tables.json');
    const before = sha(file);
    writeFileSync(file, readFileSync(file, 'utf8').replace(/\n$/, ' \n'));
    const sums = join(out, 'export', 'SHA256SUMS');
    writeFileSync(sums, readFileSync(sums, 'utf8').replace(before, sha(file)));
    const f = checkExportSums({ outDir: out, software });
    expect(f.failures.some((l) => l.includes('SHA256SUMS describes'))).toBe(false);
    expect(f.failures).toContain('export/README.txt does not state the SHA-256 that export/tables.json has');
    expect(f.failures).toContain(
      'internal/audit.html describes another export: not the SHA-256 that export/tables.json has',
    );
  });

  it('an added file, a removed file, a missing or malformed SHA256SUMS are named', () => {
    const added = copy();
    writeFileSync(join(added, 'export', 'tables', 'extra.csv'), 'a\r\n');
    expect(checkExportSums({ outDir: added, software }).failures).toContain(
      'export/tables/extra.csv is not listed in export/SHA256SUMS',
    );

    const removed = copy();
    rmSync(join(removed, 'export', 'tables-nl', '3.2.csv'));
    expect(checkExportSums({ outDir: removed, software }).failures).toContain(
      'export/tables-nl/3.2.csv is listed in export/SHA256SUMS but missing',
    );

    const missing = copy();
    rmSync(join(missing, 'export', 'SHA256SUMS'));
    expect(checkExportSums({ outDir: missing, software }).failures[0]).toBe(
      'export/SHA256SUMS is missing: nothing binds the evidence to the files of this export',
    );

    const malformed = copy();
    appendFileSync(join(malformed, 'export', 'SHA256SUMS'), 'not a line\n');
    const lines = readFileSync(join(malformed, 'export', 'SHA256SUMS'), 'utf8')
      .trimEnd()
      .split('\n').length;
    expect(checkExportSums({ outDir: malformed, software }).failures).toContain(
      `export/SHA256SUMS, line ${lines}: not a line of sha256sum (64 hex digits, two spaces, a path)`,
    );
  });

  it('notes that name another program, and an audit.html of another run, fail', async () => {
    const out = copy();
    const readme = join(out, 'export', 'README.txt');
    writeFileSync(readme, readFileSync(readme, 'utf8').replace(`commit ${TEST_COMMIT}.`, 'commit 0000000.'));
    const f = checkExportSums({ outDir: out, software });
    expect(f.failures).toContain(
      `export/README.txt does not say it was made with multigebruik ${software.version}, commit ${TEST_COMMIT} (manifest.json)`,
    );

    const swapped = copy();
    cpSync(join(other, 'internal', 'audit.html'), join(swapped, 'internal', 'audit.html'));
    const g = checkExportSums({ outDir: swapped, software });
    expect(g.failures.length).toBeGreaterThan(10);
    expect(g.failures.every((l) => l.startsWith('internal/audit.html describes another export'))).toBe(true);
    expect((await auditRun(swapped)).ok).toBe(false);
  });
});
