import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readFirstLine } from '../../bin/readFirstLine.js';
import { parseCsvHeader } from '../../sources/csvHeader.js';

const dir = mkdtempSync(join(tmpdir(), 'mg-firstline-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let k = 0;
const file = (content: string | Buffer) => {
  const p = join(dir, `f${k++}.csv`);
  writeFileSync(p, content);
  return p;
};

describe('bin/readFirstLine', () => {
  it('the text before the first LF', async () => {
    expect(await readFirstLine(file('RINPERSOONS,RINPERSOON\nR,1\n'))).toBe('RINPERSOONS,RINPERSOON');
  });

  it('CRLF: the CR stays (parseCsvHeader drops it)', async () => {
    const line = await readFirstLine(file('A;B\r\n1;2\r\n'));
    expect(line).toBe('A;B\r');
    expect(parseCsvHeader(line)).toEqual({ columns: ['A', 'B'], delim: ';' });
  });

  it('no newline at all: the whole file; empty file: empty string', async () => {
    expect(await readFirstLine(file('only,header'))).toBe('only,header');
    expect(await readFirstLine(file(''))).toBe('');
  });

  it('a BOM and UTF-8 are passed through as text', async () => {
    expect(await readFirstLine(file('\uFEFFnaam,plaats\nZoë,Ærø\n'))).toBe('\uFEFFnaam,plaats');
  });

  it('a first line longer than 64 KiB is cut at 64 KiB (only the head of a file is read)', async () => {
    const long = 'x'.repeat(70_000);
    const line = await readFirstLine(file(`${long}\nnext\n`));
    expect(line).toBe('x'.repeat(65_536));
  });

  it('a missing file rejects', async () => {
    await expect(readFirstLine(join(dir, 'nope.csv'))).rejects.toThrow(/ENOENT/);
  });
});
