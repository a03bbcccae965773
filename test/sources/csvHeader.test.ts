import { describe, expect, it } from 'vitest';
import { parseCsvHeader } from '../../sources/csvHeader.js';

describe('parseCsvHeader', () => {
  it('reads names and the delimiter as DuckDB would', () => {
    expect(parseCsvHeader('RINPERSOONS,RINPERSOON,GBAGESLACHT')).toEqual({
      columns: ['RINPERSOONS', 'RINPERSOON', 'GBAGESLACHT'],
      delim: ',',
    });
    expect(parseCsvHeader('\uFEFFA;B;C\r')).toEqual({ columns: ['A', 'B', 'C'], delim: ';' });
    expect(parseCsvHeader('A\tB')).toEqual({ columns: ['A', 'B'], delim: '\t' });
    expect(parseCsvHeader('"A","B ,x", C ')).toEqual({ columns: ['A', 'B ,x', 'C'], delim: ',' });
  });
  it('gives up where DuckDB would rename or could sniff differently', () => {
    expect(parseCsvHeader('A,A,B')).toBeUndefined();
    expect(parseCsvHeader('A,,C')).toBeUndefined();
    expect(parseCsvHeader('ONLYONE')).toBeUndefined();
    expect(parseCsvHeader('"A,B')).toBeUndefined();
  });
});
