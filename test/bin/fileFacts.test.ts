import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
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
    expect((await fileFacts(file('\n'))).lines).toBe(1);
  });

  it('CRLF line ends count once', async () => {
    expect((await fileFacts(file('h\r\n1\r\n2\r\n'))).lines).toBe(3);
  });

  it('more than one read chunk (1 MiB): lines across chunk boundaries counted once, hash of the whole file', async () => {
    const line = `${'x'.repeat(99)}\n`; // 100 bytes
    const content = Buffer.from(line.repeat(30_000) + 'tail'); // ~3 MB, no newline at the end
    expect(await fileFacts(file(content))).toEqual({ sha256: sha(content), lines: 30_001 });
  });

  it('a missing file rejects', async () => {
    await expect(fileFacts(join(dir, 'nope'))).rejects.toThrow(/ENOENT/);
  });
});
