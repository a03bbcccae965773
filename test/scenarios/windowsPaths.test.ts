import { mkdirSync, readdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';
import { comparableExport } from '../support/comparableExport.js';

/**
 * Researchers in CBS Remote Access keep their work in folders like
 * `C:\Users\Onderzoeker\Mijn documenten\multigebruik [2024]\in & out — é`. The same names, with POSIX separators, on
 * this machine: spaces, brackets, `&`, a single quote, non-ASCII letters and a dash must reach DuckDB intact (bound
 * as parameters or quoted by core/sql.ts), through generate, validate, run and audit.
 */

const ok = (r: { code: number | null; stderr: string }) => expect(r.code, r.stderr).toBe(0);

describe('input and output folders with Windows-style names', () => {
  const base = mkdtempSync(join(tmpdir(), 'mg-paths-'));
  afterAll(() => rmSync(base, { recursive: true, force: true }));
  const exports: Record<string, Map<string, string>> = {};

  const cases = [
    {
      format: 'csv',
      dir: join(base, 'C:', 'Users', 'Onderzoeker', 'Mijn documenten', 'multigebruik [2024]', 'in & out — é'),
    },
    { format: 'parquet', dir: join(base, "O'Brien", "it's (kopie) Ä — é & 'x'") },
    { format: 'sav', dir: join(base, 'Ärger [2024]', "O'Brien's map & co") },
  ];

  for (const { format, dir } of cases) {
    it(`generate (${format}) → validate → run → audit in ${relative(base, dir)}`, async () => {
      const input = join(dir, "invoer 'Ä'");
      const out = join(dir, 'uitvoer [run 1] & é');
      const config = join(dir, "config O'Brien é.json");
      mkdirSync(dir, { recursive: true });
      writeFileSync(config, '{}\n');
      ok(cli(['generate', '--format', format, '--out', input]));
      expect(readdirSync(input).some((f) => f.endsWith(`.${format}`))).toBe(true);
      const v = cli(['validate', '--input', input, '--config', config]);
      ok(v);
      expect(v.stdout).toContain('all sources valid');
      ok(cli(['run', '--input', input, '--out', out, '--config', config]));
      const audit = cli(['audit', out]);
      ok(audit);
      expect(audit.stdout).toContain('audit PASSED');
      const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
      expect(manifest.inputs.length).toBeGreaterThan(5);
      expect(manifest.inputs.every((i: { file: string }) => i.file.endsWith(`.${format}`))).toBe(true);
      expect(readFileSync(join(out, 'export', 'report.html'), 'utf8')).toContain('<html');
      exports[format] = await comparableExport(out);
    });
  }

  it('gives the same export/ whatever the folder names and file format (the note names the input files)', () => {
    const [first, ...rest] = cases.map((c) => exports[c.format]);
    expect(first?.size ?? 0).toBeGreaterThan(3);
    for (const other of rest) expect(other).toEqual(first);
  });
});
