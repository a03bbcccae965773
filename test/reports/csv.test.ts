import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvRecords } from '../../reports/csv.js';

/** The hand-written record writer the export's CSV files were made with before csv-stringify: the bytes must stay. */
function handWritten(fields: readonly string[], delimiter: ',' | ';', end: string): string {
  const special = delimiter === ',' ? /[",\r\n]/ : /[";\r\n]/;
  return fields.map((f) => (special.test(f) ? `"${f.replace(/"/g, '""')}"` : f)).join(delimiter) + end;
}

const text = fc.string({ unit: fc.constantFrom('a', 'é', ' ', ',', ';', '"', '\r', '\n', '=', '0', '') });
const records = fc.array(fc.array(text, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 5 });

describe('reports/csv', () => {
  it('hand-checked: quoted only with separator, quote, CR or LF; quotes doubled; every record ended', () => {
    expect(
      csvRecords([
        ['', 'a b', '=1'],
        ['x,y', 'q"q', 'a\rb'],
      ]),
    ).toBe(',a b,=1\r\n"x,y","q""q","a\rb"\r\n');
    expect(csvRecords([['x,y', 'a;b']], { delimiter: ';', recordDelimiter: '\r\n' })).toBe('x,y;"a;b"\r\n');
    expect(csvRecords([['line\nbreak']], { delimiter: ',', recordDelimiter: '\n' })).toBe('"line\nbreak"\n');
    expect(csvRecords([])).toBe('');
  });

  it('the same bytes as the hand-written writer, for both separators and both line ends', () => {
    fc.assert(
      fc.property(
        records,
        fc.constantFrom(',' as const, ';' as const),
        fc.constantFrom('\r\n' as const, '\n' as const),
        (rs, delimiter, end) => {
          expect(csvRecords(rs, { delimiter, recordDelimiter: end })).toBe(
            rs.map((r) => handWritten(r, delimiter, end)).join(''),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('an RFC 4180 parser reads back every field', () => {
    fc.assert(
      fc.property(records, (rs) => {
        const width = rs[0]!.length;
        const same = rs.map((r) => Array.from({ length: width }, (_, k) => r[k] ?? ''));
        expect(
          parse(csvRecords(same, { delimiter: ',', recordDelimiter: '\r\n' }), { relax_column_count: false }),
        ).toEqual(same);
      }),
      { numRuns: 200 },
    );
  });
});
