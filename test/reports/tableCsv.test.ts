import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { CSV_DIALECT, CSV_DIALECT_NL, tableCsv, tableCsvNl } from '../../reports/tableCsv.js';
import type { ExportTable } from '../../schemas/tablesJson.js';
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
    const t = {
      ...tinyExport().tables['3.3']!,
      note: '12 invoerrij(en) met fouten zijn terzijde gelegd (quarantaine) en niet meegeteld.',
    };
    const csv = tableCsv(t);
    expect(
      csv.endsWith('\r\n12 invoerrij(en) met fouten zijn terzijde gelegd (quarantaine) en niet meegeteld.\r\n'),
    ).toBe(true);
    expect(tableCsv(tinyExport().tables['3.3']!)).not.toContain('quarantaine');
  });
});

/** Parse a CSV under its declared dialect with csv-parse; percentages back to numbers by the dialect's decimal mark. */
function parseDialect(text: string, dialect: typeof CSV_DIALECT) {
  expect(text.charCodeAt(0)).toBe(0xfeff);
  return parse(text, {
    bom: true,
    delimiter: dialect.delimiter,
    record_delimiter: '\r\n',
    relax_column_count: false,
  }) as string[][];
}

describe('tables/<id>.csv (RFC 4180, dot) and tables-nl/<id>.csv (Dutch Excel: ";", decimal comma, BOM)', () => {
  const withAwkwardLabels = (): ExportTable => ({
    title: 'x',
    rows: [
      { key: 'a', label: 'Pwet; Wmo, "samen"' },
      { key: 'b', label: 'Overig' },
    ],
    columns: [
      { key: 'man', label: 'man' },
      { key: 'total', label: 'Totaal' },
    ],
    cells: [
      [1234, 2000],
      ['**', 15],
    ],
    percentages: [
      [61.7, 100],
      ['**', 100],
    ],
  });

  it('both parse under their declared dialect to the same fields, numbers read the same way', () => {
    const tables = { ...sampleExport().tables, awkward: withAwkwardLabels() };
    let percentagesSeen = 0;
    for (const [id, t] of Object.entries(tables)) {
      const rfc = parseDialect(tableCsv(t), CSV_DIALECT);
      const nl = parseDialect(tableCsvNl(t), CSV_DIALECT_NL);
      expect(nl.length, id).toBe(t.rows.length + 1);
      expect(nl[0]!.slice(0, t.columns.length + 1), id).toEqual(['', ...t.columns.map((c) => c.label)]);
      t.rows.forEach((row, i) => {
        expect(nl[i + 1]![0], id).toBe(row.label);
        t.columns.forEach((_, j) => {
          const cell = t.cells[i]![j];
          expect(nl[i + 1]![j + 1], `${id} ${i},${j}`).toBe(cell === null ? '' : String(cell));
        });
        t.percentages?.[i]!.forEach((p, j) => {
          const fieldNl = nl[i + 1]![t.columns.length + 1 + j]!;
          const fieldRfc = rfc[i + 1]![t.columns.length + 1 + j]!;
          if (typeof p === 'number') {
            percentagesSeen++;
            expect(fieldNl, id).toMatch(/^\d+,\d$/);
            expect(fieldRfc, id).toMatch(/^\d+\.\d$/);
            expect(Number(fieldNl.replace(',', '.')), id).toBe(p);
            expect(Number(fieldRfc), id).toBe(p);
          } else expect(fieldNl, id).toBe(p === null ? '' : p);
        });
      });
      // the same records apart from the decimal mark
      expect(
        nl.map((r) => r.map((f) => f.replace(/^(\d+),(\d)$/, '$1.$2'))),
        id,
      ).toEqual(rfc);
    }
    expect(percentagesSeen).toBeGreaterThan(0);
  });

  it('a Dutch CSV read with the RFC 4180 dialect is not the table (so the dialects really differ)', () => {
    const t = withAwkwardLabels();
    const wrong = parse(tableCsvNl(t), {
      bom: true,
      delimiter: ',',
      relax_column_count: true,
      relax_quotes: true,
    }) as string[][];
    expect(wrong[1]!.length).not.toBe(t.columns.length * 2 + 1);
  });
});
