import { describe, expect, it } from 'vitest';
import { csvDifference } from '../../audit/exportFiles.js';

const want = '\uFEFFrow,man,vrouw\r\nA,12,**\r\nB,30,41\r\n';

describe('audit/exportFiles: the first differing cell of a table CSV', () => {
  it('names line, row label, column header and both values', () => {
    const have = want.replace('A,12,**', 'A,12,7');
    expect(csvDifference('tables/3.6.csv', have, want)).toBe(
      'export/tables/3.6.csv, line 2 (row "A", column "vrouw"): the file shows "7", export/tables.json "**"; the file was changed after the run, or does not belong to this export',
    );
  });

  it('the Dutch tables are read with ";"', () => {
    const nl = want.replace(/,/g, ';');
    expect(csvDifference('tables-nl/3.6.csv', nl.replace('B;30', 'B;31'), nl)).toContain(
      'line 3 (row "B", column "man"): the file shows "31"',
    );
  });

  it('undefined for a file that is not a CSV, or when no cell differs (line endings only)', () => {
    expect(csvDifference('report.html', 'a', 'b')).toBeUndefined();
    expect(csvDifference('tables/3.6.csv', want.replace(/\r\n/g, '\n'), want)).toBeUndefined();
  });
});
