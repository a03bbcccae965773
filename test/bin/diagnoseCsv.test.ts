import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diagnoseCsv } from '../../bin/diagnoseCsv.js';
import { writeFolder } from '../support/runOnFolder.js';

const file = (bytes: Buffer | string) => {
  const p = join(writeFolder({}), 'x.csv');
  writeFileSync(p, bytes);
  return p;
};

describe('diagnoseCsv: why DuckDB could not read a CSV file', () => {
  it('finds the first row that is not UTF-8 (a Latin-1 é)', async () => {
    expect(
      await diagnoseCsv(file(Buffer.concat([Buffer.from('a,b\n1,2\n3,'), Buffer.from([0xe9]), Buffer.from('t\n')]))),
    ).toMatch(/^row 2 is not UTF-8 text.*Latin-1/);
  });
  it('finds a row with more or fewer fields than the header, honouring quotes', async () => {
    expect(await diagnoseCsv(file('a,b,c\n1,"x,y",3\n1,2\n'))).toBe('row 2 has 2 fields where the header has 3');
    expect(await diagnoseCsv(file('a;b\n1;2;3\n'), ';')).toBe('row 1 has 3 fields where the header has 2');
  });
  it('accepts UTF-8, a BOM, CRLF, blank lines, quoted line breaks', async () => {
    expect(await diagnoseCsv(file('\uFEFFa,b\r\n"1\n2",é\r\n\r\n3,4'))).toBeUndefined();
  });
  it('an unclosed quote', async () => {
    expect(await diagnoseCsv(file('a,b\n1,"2\n3,4\n'))).toMatch(/never closed/);
  });
});

describe('diagnoseCsv: files DuckDB reads wrongly or not at all', () => {
  it('UTF-16 (with a byte-order mark, or a NUL beside every letter): says so and to save as UTF-8', async () => {
    expect(
      await diagnoseCsv(file(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('a,b\n1,2\n', 'utf16le')]))),
    ).toMatch(/^the file is UTF-16 text.*save it as CSV UTF-8/);
    expect(await diagnoseCsv(file(Buffer.from('a,b\n1,2\n', 'utf16le')))).toMatch(/^the file is UTF-16 text/);
  });
  it('a NUL byte in a row: the row', async () => {
    expect(await diagnoseCsv(file(Buffer.from('a,b\n1,2\n3,\u00004\n')))).toMatch(/^row 2 holds a NUL byte/);
  });
  it("mixed line endings: the first row whose ending differs from the header's", async () => {
    expect(await diagnoseCsv(file('a,b\r\n1,2\r\n3,4\n5,6\r\n'))).toBe(
      'row 2 ends with LF where the rows before it end with CRLF (the file was edited on two systems): save it again with one kind of line ending',
    );
    expect(await diagnoseCsv(file('a,b\n1,2\r\n'))).toMatch(
      /^row 1 ends with CRLF where the rows before it end with LF/,
    );
  });
  it('a row longer than DuckDB reads: the row', async () => {
    expect(await diagnoseCsv(file(`a,b\n1,2\n3,${'x'.repeat(3 << 20)}\n`))).toMatch(
      /^row 2 is longer than 2097152 bytes/,
    );
  });
});
