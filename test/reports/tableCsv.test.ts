import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { tableCsv } from '../../reports/tableCsv.js';
import { sampleExport } from '../support/sampleExport.js';
import { tinyExport } from '../support/tinyExport.js';

const golden = (name: string) => join(import.meta.dirname, 'golden', name);

describe('tableCsv', () => {
  for (const id of ['3.3', 'F3.2']) {
    it(`matches the golden file for table ${id}`, () => {
      const csv = tableCsv(tinyExport().tables[id]!);
      const file = golden(`tiny-${id}.csv`);
      if (process.env.UPDATE_GOLDEN === '1') writeFileSync(file, csv);
      expect(csv).toBe(readFileSync(file, 'utf8'));
    });
  }

  it('starts with a BOM, ends every record with CRLF, and has no bare LF', () => {
    const csv = tableCsv(tinyExport().tables['3.3']!);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('round-trips through an RFC 4180 parser for every sample table', () => {
    const s = sampleExport();
    for (const [id, t] of Object.entries(s.tables)) {
      const records = parse(tableCsv(t), { bom: true, relax_column_count: false }) as string[][];
      expect(records[0]!.slice(0, t.columns.length + 1), id).toEqual(['', ...t.columns.map((c) => c.label)]);
      expect(records.length, id).toBe(t.rows.length + 1);
      t.rows.forEach((row, i) => {
        expect(records[i + 1]![0]).toBe(row.label);
        t.columns.forEach((_, j) => {
          const cell = t.cells[i]![j];
          expect(records[i + 1]![j + 1], `${id} ${i},${j}`).toBe(cell === null ? '' : String(cell));
        });
      });
    }
  });

  it('ends with the quarantine note when input rows were set aside', () => {
    const t = { ...tinyExport().tables['3.3']!, note: '12 invoerrij(en) met fouten zijn terzijde gelegd (quarantaine) en niet meegeteld.' };
    const csv = tableCsv(t);
    expect(csv.endsWith('\r\n12 invoerrij(en) met fouten zijn terzijde gelegd (quarantaine) en niet meegeteld.\r\n')).toBe(true);
    expect(tableCsv(tinyExport().tables['3.3']!)).not.toContain('quarantaine');
  });
});
