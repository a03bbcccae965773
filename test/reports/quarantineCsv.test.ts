import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { QuarantinedRow } from '../../reports/quarantineCsv.js';
import { quarantineCsv } from '../../reports/quarantineCsv.js';

describe('reports/quarantineCsv', () => {
  it('header only when nothing was set aside', () => {
    expect(quarantineCsv([])).toBe('file,row,column,problem,value\n');
  });

  it('plain fields unquoted, null value empty', () => {
    expect(quarantineCsv([{ file: 'a.csv', row: 3, column: 'BEGIN', problem: 'unparseable date', value: null }])).toBe(
      'file,row,column,problem,value\na.csv,3,BEGIN,unparseable date,\n',
    );
  });

  it('quotes fields with a comma, a quote, CR or LF, doubling quotes', () => {
    const csv = quarantineCsv([{ file: 'my,file.csv', row: 7, column: 'C"1', problem: 'line\nbreak', value: 'x\r' }]);
    expect(csv).toBe('file,row,column,problem,value\n"my,file.csv",7,"C""1","line\nbreak","x\r"\n');
  });

  it('round-trips any text through an RFC 4180 parser', () => {
    const rowArb = fc.record({
      file: fc.string(),
      row: fc.nat(),
      column: fc.string(),
      problem: fc.string(),
      value: fc.option(fc.string(), { nil: null }),
    });
    fc.assert(
      fc.property(fc.array(rowArb, { maxLength: 5 }), (rows: QuarantinedRow[]) => {
        const records = parse(quarantineCsv(rows), { relax_column_count: false }) as string[][];
        expect(records[0]).toEqual(['file', 'row', 'column', 'problem', 'value']);
        expect(records.slice(1)).toEqual(rows.map((r) => [r.file, String(r.row), r.column, r.problem, r.value ?? '']));
      }),
    );
  });
});
