import { appendFileSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
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
/** As the input folder is listed: path, size, mtime. */
const listed = (p: string) => {
  const st = statSync(p);
  return { path: p, size: st.size, mtimeMs: st.mtimeMs };
};
const files = paths.map(listed);

type HashInputs = typeof hashInputs;

describe('bin/hashInputs', () => {
  it('from the sources (no compiled worker next to it): facts of every path, computed on the main thread', async () => {
    const facts = await hashInputs(files);
    expect([...facts.keys()]).toEqual(paths);
    for (const p of paths) expect(facts.get(p)).toEqual(await fileFacts(p));
    expect(paths.map((p) => facts.get(p)!.lines)).toEqual([1, 4, 7]);
  });

  it('from build/ (the compiled worker exists): the same facts, from the worker thread', async () => {
    const compiled = (await import(join(packageRoot(), 'build', 'bin', 'hashInputs.js'))) as { hashInputs: HashInputs };
    const facts = await compiled.hashInputs(files);
    expect(facts).toEqual(await hashInputs(files));
  });

  it('no paths: an empty map (both ways)', async () => {
    expect((await hashInputs([])).size).toBe(0);
    const compiled = (await import(join(packageRoot(), 'build', 'bin', 'hashInputs.js'))) as { hashInputs: HashInputs };
    expect((await compiled.hashInputs([])).size).toBe(0);
  });

  it('a file removed or changed since the listing rejects with bad input naming it (both ways)', async () => {
    const compiled = (await import(join(packageRoot(), 'build', 'bin', 'hashInputs.js'))) as { hashInputs: HashInputs };
    const missing = [{ path: join(dir, 'nope.csv'), size: 2, mtimeMs: 0 }];
    for (const h of [hashInputs, compiled.hashInputs])
      await expect(h(missing)).rejects.toThrow(/nope\.csv was removed or renamed while the run was reading it/);
    const p = join(dir, 'grows.csv');
    writeFileSync(p, 'h\n1\n');
    const before = listed(p);
    appendFileSync(p, '2\n');
    for (const h of [hashInputs, compiled.hashInputs]) {
      const err = await h([before]).then(
        () => undefined,
        (e: unknown) => e,
      );
      // an InputError (exit 1), also when it comes from the worker thread
      expect((err as { exitCode?: number }).exitCode).toBe(1);
      expect((err as Error).message).toMatch(/grows\.csv changed while the run was reading it/);
    }
    // the same file, listed as it is now: hashed
    expect((await hashInputs([listed(p)])).get(p)!.lines).toBe(3);
  });
});
