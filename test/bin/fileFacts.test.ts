import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { writeFolder } from '../support/runOnFolder.js';
import { fileFacts } from '../../bin/fileFacts.js';

const dir = mkdtempSync(join(tmpdir(), 'mg-filefacts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let k = 0;
const file = (content: string | Buffer) => {
  const p = join(dir, `f${k++}`);
  writeFileSync(p, content);
  return p;
};
const sha = (content: string | Buffer) => createHash('sha256').update(content).digest('hex');

describe('bin/fileFacts', () => {
  it('SHA-256 of the bytes and the number of lines', async () => {
    const text = 'a,b\n1,2\n3,4\n';
    expect(await fileFacts(file(text))).toEqual({ sha256: sha(text), lines: 3 });
  });

  it('a last line without newline counts; an empty file has 0 lines', async () => {
    expect((await fileFacts(file('a\nb'))).lines).toBe(2);
    expect((await fileFacts(file('a'))).lines).toBe(1);
    expect(await fileFacts(file(''))).toEqual({ sha256: sha(''), lines: 0 });
    expect((await fileFacts(file('\n'))).lines).toBe(0); // a blank line is no record (bin/fileFacts.ts)
  });

  it('CRLF line ends count once', async () => {
    expect((await fileFacts(file('h\r\n1\r\n2\r\n'))).lines).toBe(3);
  });

  it('more than one read chunk (1 MiB): lines across chunk boundaries counted once, hash of the whole file', async () => {
    const line = `${'x'.repeat(99)}\n`; // 100 bytes
    const content = Buffer.from(line.repeat(30_000) + 'tail'); // ~3 MB, no newline at the end
    expect(await fileFacts(file(content))).toEqual({ sha256: sha(content), lines: 30_001 });
  });

  it('blank lines and a line end exactly at a 1 MiB block boundary: each record counted once', async () => {
    const block = 1 << 20;
    // block 1 ends with "…x\n", block 2 starts with "\n" (a blank line: no record), then lines and a blank run
    const first = Buffer.concat([Buffer.from('h\n'), Buffer.alloc(block - 3, 0x61), Buffer.from('\n')]);
    const content = Buffer.concat([first, Buffer.from('\nb\n\n\nc\n'), Buffer.alloc(block, 0x62), Buffer.from('\n')]);
    // records: "h", the long line, "b", "c", the last long line
    expect(await fileFacts(file(content))).toEqual({ sha256: sha(content), lines: 5 });
  });

  it('a missing file rejects with bad input naming it', async () => {
    await expect(fileFacts(join(dir, 'nope'))).rejects.toThrow(
      /nope was removed or renamed while the run was reading it/,
    );
  });

  it('with the listing: a file of another size or mtime than listed is refused, the listed one hashed', async () => {
    const p = file('h\n1\n');
    const st = statSync(p);
    expect(await fileFacts(p, { size: st.size, mtimeMs: st.mtimeMs })).toEqual({ sha256: sha('h\n1\n'), lines: 2 });
    await expect(fileFacts(p, { size: st.size - 1, mtimeMs: st.mtimeMs })).rejects.toThrow(
      /changed while the run was reading it/,
    );
    // same size, rewritten later (another mtime): refused too
    writeFileSync(p, 'h\n2\n');
    utimesSync(p, new Date(2020, 0, 1), new Date(2020, 0, 1));
    await expect(fileFacts(p, { size: st.size, mtimeMs: st.mtimeMs })).rejects.toThrow(
      /changed while the run was reading it/,
    );
  });
});

const records = async (text: string) => {
  const p = join(writeFolder({}), 'x.csv');
  writeFileSync(p, text);
  return (await fileFacts(p)).lines;
};

describe('fileFacts: records of a CSV for the manifest', () => {
  it('counts records, not lines: embedded newlines, CR-only and CRLF line ends, blank lines', async () => {
    expect(await records('a,b\n1,2\n3,4\n')).toBe(3);
    expect(await records('a,b\n1,2\n3,4')).toBe(3);
    expect(await records('a,b\n"1\n2",x\n3,4\n')).toBe(3);
    expect(await records('a,b\r1,2\r3,4\r')).toBe(3);
    expect(await records('a,b\r\n1,2\r\n3,4\r\n')).toBe(3);
    expect(await records('a,b\n\n1,2\n\n\n3,4\n\n')).toBe(3);
    expect(await records('')).toBe(0);
  });
  it('agrees with a plain reference count for quote-free LF text spread over many chunks', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom('x', ',', '\n', '\n\n'), { maxLength: 50 }),
        fc.integer({ min: 0, max: 3 }),
        async (parts, pad) => {
          const text = parts.join('') + 'y'.repeat(pad);
          const expected = text.split('\n').filter((l) => l.length > 0).length;
          expect(await records(text)).toBe(expected);
        },
      ),
      { numRuns: 50 },
    );
    const big = `${'a,b\n'.repeat(300_000)}\n\nlast`;
    expect(await records(big)).toBe(300_001);
  });
});
