import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fileFacts } from '../../bin/fileFacts.js';
import { hashInputs } from '../../bin/hashInputs.js';
import { packageRoot } from '../../core/packageRoot.js';

const dir = mkdtempSync(join(tmpdir(), 'mg-hashinputs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const paths = ['a.csv', 'b.csv', 'c.csv'].map((name, i) => {
  const p = join(dir, name);
  writeFileSync(p, `h\n${'1\n'.repeat(i * 3)}`);
  return p;
});

type HashInputs = typeof hashInputs;

describe('bin/hashInputs', () => {
  it('from the sources (no compiled worker next to it): facts of every path, computed on the main thread', async () => {
    const facts = await hashInputs(paths);
    expect([...facts.keys()]).toEqual(paths);
    for (const p of paths) expect(facts.get(p)).toEqual(await fileFacts(p));
    expect(paths.map((p) => facts.get(p)!.lines)).toEqual([1, 4, 7]);
  });

  it('from build/ (the compiled worker exists): the same facts, from the worker thread', async () => {
    const compiled = (await import(join(packageRoot(), 'build', 'bin', 'hashInputs.js'))) as { hashInputs: HashInputs };
    const facts = await compiled.hashInputs(paths);
    expect(facts).toEqual(await hashInputs(paths));
  });

  it('no paths: an empty map (both ways)', async () => {
    expect((await hashInputs([])).size).toBe(0);
    const compiled = (await import(join(packageRoot(), 'build', 'bin', 'hashInputs.js'))) as { hashInputs: HashInputs };
    expect((await compiled.hashInputs([])).size).toBe(0);
  });

  it('a missing file rejects (both ways)', async () => {
    const missing = [join(dir, 'nope.csv')];
    await expect(hashInputs(missing)).rejects.toThrow(/ENOENT/);
    const compiled = (await import(join(packageRoot(), 'build', 'bin', 'hashInputs.js'))) as { hashInputs: HashInputs };
    await expect(compiled.hashInputs(missing)).rejects.toThrow(/ENOENT/);
  });
});
