import { describe, expect, it } from 'vitest';
import {
  digestsOf,
  isDataFile,
  parseSha256Sums,
  sha256Hex,
  sha256SumsText,
  sumLine,
} from '../../reports/exportSums.js';

describe('reports/exportSums', () => {
  const files = { 'tables.json': '{}\n', 'README.txt': 'note\n', 'charts/F3.1.png': new Uint8Array([1, 2, 3]) };

  it('SHA256SUMS: every file but itself, sorted by path, as sha256sum writes it; read back the same', () => {
    const text = sha256SumsText({ ...files, SHA256SUMS: 'old' });
    expect(text).toBe(
      [
        `${sha256Hex('note\n')}  README.txt`,
        `${sha256Hex(new Uint8Array([1, 2, 3]))}  charts/F3.1.png`,
        `${sha256Hex('{}\n')}  tables.json`,
        '',
      ].join('\n'),
    );
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    const back = parseSha256Sums(text);
    expect(back).toEqual({ digests: digestsOf(files) });
    // binary mode ("*") and CRLF line ends are read too; anything else names its line
    expect(parseSha256Sums(`${'a'.repeat(64)} *x.csv\r\n`)).toEqual({
      digests: [{ file: 'x.csv', sha256: 'a'.repeat(64) }],
    });
    expect(parseSha256Sums(`${sumLine({ file: 'a', sha256: 'b'.repeat(64) })}\n${'c'.repeat(63)}  d\n`)).toEqual({
      badLine: 2,
    });
  });

  it('data files are every file but the notes and SHA256SUMS', () => {
    expect(['tables.json', 'tables/3.1.csv', 'charts/F3.1.png', 'report.html'].every(isDataFile)).toBe(true);
    expect(['README.txt', 'LEESMIJ.txt', 'tables.xlsx', 'SHA256SUMS'].some(isDataFile)).toBe(false);
  });
});
