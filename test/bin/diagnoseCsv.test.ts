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
    expect(await diagnoseCsv(file(Buffer.concat([Buffer.from('a,b\n1,2\n3,'), Buffer.from([0xe9]), Buffer.from('t\n')])))).toMatch(/^row 2 is not UTF-8 text.*Latin-1/);
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
