import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fileFacts } from '../../bin/fileFacts.js';
import { writeFolder } from '../support/runOnFolder.js';

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
      fc.asyncProperty(fc.array(fc.constantFrom('x', ',', '\n', '\n\n'), { maxLength: 50 }), fc.integer({ min: 0, max: 3 }), async (parts, pad) => {
        const text = parts.join('') + 'y'.repeat(pad);
        const expected = text.split('\n').filter((l) => l.length > 0).length;
        expect(await records(text)).toBe(expected);
      }),
      { numRuns: 50 },
    );
    const big = `${'a,b\n'.repeat(300_000)}\n\nlast`;
    expect(await records(big)).toBe(300_001);
  });
});
