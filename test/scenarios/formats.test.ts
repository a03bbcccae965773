import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';
import { comparableExport } from '../support/comparableExport.js';

describe('the same synthetic data as CSV, Parquet and SPSS .sav', () => {
  it("gives identical internal tables and a byte-identical export/ (the checker's note differs only in the input file names)", async () => {
    const base = mkdtempSync(join(tmpdir(), 'mg-formats-'));
    const tables: Record<string, { internal: string; exported: string; files: Map<string, string> }> = {};
    for (const format of ['csv', 'parquet', 'sav']) {
      const input = join(base, `in-${format}`);
      const out = join(base, `out-${format}`);
      expect(cli(['generate', '--out', input, '--scale', '0.005', '--seed', '3', '--format', format]).code).toBe(0);
      const r = cli(['run', '--input', input, '--out', out]);
      expect([r.code, r.stderr]).toEqual([0, '']);
      tables[format] = {
        internal: readFileSync(join(out, 'internal', 'tables.json'), 'utf8'),
        exported: readFileSync(join(out, 'export', 'tables.json'), 'utf8'),
        // every file of export/, byte for byte (the note's input file names masked)
        files: await comparableExport(out),
      };
    }
    expect(JSON.parse(tables.csv!.internal).tables['3.0'].cells[0][0]).toBeGreaterThan(100);
    expect(tables.csv!.files.size).toBeGreaterThan(3);
    expect(tables.parquet).toEqual(tables.csv);
    expect(tables.sav).toEqual(tables.csv);
  });
});
