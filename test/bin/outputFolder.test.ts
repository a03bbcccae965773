import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkOutputFolder, replaceFiles, withOutputFolder, writeFiles } from '../../bin/outputFolder.js';
import { InputError } from '../../core/errors.js';
import { minimalManifest } from '../support/minimalManifest.js';

const root = mkdtempSync(join(tmpdir(), 'mg-outfolder-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let k = 0;
/** What a run writes: its files through the atomic folder; a manifest.json marks the folder as ours. */
const MANIFEST = { 'manifest.json': minimalManifest() };
const writeOutput = (out: string, force: boolean, files: Record<string, string | Uint8Array>) =>
  withOutputFolder(out, force, (dir) => writeFiles(dir, { ...MANIFEST, ...files }));
const fresh = () => join(root, `out${k++}`);

describe('bin/outputFolder', () => {
  it('checkOutputFolder: a missing or empty folder is fine; an earlier output needs --force; a foreign folder or a file never', () => {
    const out = fresh();
    expect(() => checkOutputFolder(out, false)).not.toThrow();
    mkdirSync(out);
    expect(() => checkOutputFolder(out, false)).not.toThrow();
    writeFileSync(join(out, 'x'), 'x');
    expect(() => checkOutputFolder(out, true)).toThrow(/not made by multigebruik/);
    writeFileSync(join(out, 'manifest.json'), MANIFEST['manifest.json']);
    expect(() => checkOutputFolder(out, false)).toThrow(InputError);
    expect(() => checkOutputFolder(out, false)).toThrow(
      `Output folder ${out} exists and is not empty; use --force to replace it.`,
    );
    expect(() => checkOutputFolder(out, true)).not.toThrow();
    const file = join(root, `file${k++}`);
    writeFileSync(file, 'x');
    expect(() => checkOutputFolder(file, false)).toThrow(InputError);
  });

  it('writeOutput: every file written under OUT (sub-folders made), no staging folder left', async () => {
    const out = fresh();
    await writeOutput(out, false, {
      'a.txt': 'A',
      'export/tables/3.1.csv': 'x,y',
      'charts/F3.1.png': new Uint8Array([1, 2, 3]),
    });
    expect(readFileSync(join(out, 'a.txt'), 'utf8')).toBe('A');
    expect(readFileSync(join(out, 'export', 'tables', '3.1.csv'), 'utf8')).toBe('x,y');
    expect([...readFileSync(join(out, 'charts', 'F3.1.png'))]).toEqual([1, 2, 3]);
    expect(readdirSync(root).filter((n) => n.includes('partial'))).toEqual([]);
  });

  it('--force replaces the old content entirely (no stale files)', async () => {
    const out = fresh();
    await writeOutput(out, false, { 'old.txt': 'old' });
    await expect(writeOutput(out, false, { 'new.txt': 'new' })).rejects.toThrow(InputError);
    expect(readdirSync(out).sort()).toEqual(['manifest.json', 'old.txt']);
    await writeOutput(out, true, { 'new.txt': 'new' });
    expect(readdirSync(out).sort()).toEqual(['manifest.json', 'new.txt']);
  });

  it('a failed run leaves no partial output and keeps the old output', async () => {
    const out = fresh();
    await writeOutput(out, false, { 'old.txt': 'old' });
    await expect(
      withOutputFolder(out, true, async (staging) => {
        writeFileSync(join(staging, 'half.txt'), 'half');
        throw new Error('stage failed');
      }),
    ).rejects.toThrow('stage failed');
    expect(readdirSync(out).sort()).toEqual(['manifest.json', 'old.txt']);
    expect(readdirSync(root).filter((n) => n.includes('partial'))).toEqual([]);
    const never = fresh();
    await expect(withOutputFolder(never, false, async () => Promise.reject(new Error('x')))).rejects.toThrow('x');
    expect(existsSync(never)).toBe(false);
  });

  it('withOutputFolder returns what the writer returns and writes into a hidden sibling first', async () => {
    const out = fresh();
    let seen = '';
    const r = await withOutputFolder(out, false, async (staging) => {
      seen = staging;
      expect(existsSync(out)).toBe(false); // OUT appears only at the end
      return 42;
    });
    expect(r).toBe(42);
    expect(seen.startsWith(join(root, '.out'))).toBe(true);
    expect(existsSync(out)).toBe(true);
  });

  it('writeFiles: nested relative paths with "/" on any platform', async () => {
    const dir = fresh();
    await writeFiles(dir, { 'a/b/c.txt': 'c' });
    expect(readFileSync(join(dir, 'a', 'b', 'c.txt'), 'utf8')).toBe('c');
  });
  it("replaceFiles: named files replaced, the folder's other files kept, no temporary file left", async () => {
    const dir = fresh();
    mkdirSync(dir);
    writeFileSync(join(dir, 'mine.txt'), 'keep');
    writeFileSync(join(dir, 'comparison.csv'), 'old');
    await replaceFiles(dir, { 'comparison.csv': 'new', 'comparison.html': '<p>' });
    expect(readdirSync(dir).sort()).toEqual(['comparison.csv', 'comparison.html', 'mine.txt']);
    expect(readFileSync(join(dir, 'comparison.csv'), 'utf8')).toBe('new');
    expect(readFileSync(join(dir, 'mine.txt'), 'utf8')).toBe('keep');
  });
});
