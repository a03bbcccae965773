import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';

describe('the same synthetic data as CSV, Parquet and SPSS .sav', () => {
  it('gives identical internal tables and a byte-identical export/', () => {
    const base = mkdtempSync(join(tmpdir(), 'mg-formats-'));
    const tables: Record<string, { internal: string; exported: string; files: Record<string, string> }> = {};
    for (const format of ['csv', 'parquet', 'sav']) {
      const input = join(base, `in-${format}`);
      const out = join(base, `out-${format}`);
      expect(cli(['generate', '--out', input, '--scale', '0.005', '--seed', '3', '--format', format]).code).toBe(0);
      const r = cli(['run', '--input', input, '--out', out]);
      expect([r.code, r.stderr]).toEqual([0, '']);
      tables[format] = {
        internal: readFileSync(join(out, 'internal', 'tables.json'), 'utf8'),
        exported: readFileSync(join(out, 'export', 'tables.json'), 'utf8'),
        // every file of export/, byte for byte (as base64)
        files: Object.fromEntries(
          (readdirSync(join(out, 'export'), { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[])
            .filter((e) => e.isFile())
            .map((e) => [join(e.parentPath, e.name).slice(out.length), readFileSync(join(e.parentPath, e.name)).toString('base64')]),
        ),
      };
    }
    expect(JSON.parse(tables.csv!.internal).tables['3.0'].cells[0][0]).toBeGreaterThan(100);
    expect(Object.keys(tables.csv!.files).length).toBeGreaterThan(3);
    expect(tables.parquet).toEqual(tables.csv);
    expect(tables.sav).toEqual(tables.csv);
  });
});
