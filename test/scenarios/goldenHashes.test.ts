import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';

/**
 * Golden hashes: the sha256 of every file in export/ and internal/ of runs on generated data (two seeds at a small
 * scale, one of them also in English) and of the demo. Refactors that must not change a byte keep this green.
 * After a deliberate change of the outputs, regenerate with `UPDATE_GOLDEN=1 npx vitest run test/scenarios/goldenHashes.test.ts`
 * and say in the commit which files changed and why.
 */
const GOLDEN = join(import.meta.dirname, 'goldenHashes.json');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

function hashes(out: string): Record<string, string> {
  const files = ['export', 'internal']
    .flatMap((d) => filesUnder(join(out, d)))
    .map((f) => relative(out, f).split('\\').join('/'));
  return Object.fromEntries(
    files.sort().map((rel) => [
      rel,
      createHash('sha256')
        .update(readFileSync(join(out, rel)))
        .digest('hex'),
    ]),
  );
}

function ok(r: { code: number | null; stderr: string }) {
  expect(r.stderr).not.toMatch(/internal error/i);
  expect(r.code).toBe(0);
}

let demoOut = '';
let demoStdout = '';

describe('golden hashes of export/ and internal/', () => {
  it('runs on generated data (seeds 1 and 2, scale 0.005, nl and en) and the demo give the recorded bytes', () => {
    const base = mkdtempSync(join(tmpdir(), 'mg-golden-'));
    const actual: Record<string, Record<string, string>> = {};
    for (const seed of ['1', '2']) {
      const input = join(base, `in${seed}`);
      ok(cli(['generate', '--out', input, '--scale', '0.005', '--seed', seed]));
      ok(cli(['run', '--input', input, '--out', join(base, `out${seed}`)]));
      actual[`seed${seed}`] = hashes(join(base, `out${seed}`));
      if (seed === '1') {
        const config = join(base, 'en.json');
        writeFileSync(config, JSON.stringify({ language: 'en' }));
        ok(cli(['run', '--input', input, '--out', join(base, 'out1en'), '--config', config]));
        actual.seed1en = hashes(join(base, 'out1en'));
      }
    }
    const demo = cli(['demo', '--out', join(base, 'demo')]);
    ok(demo);
    demoStdout = demo.stdout;
    demoOut = join(base, 'demo', 'output');
    actual.demo = hashes(demoOut);

    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(GOLDEN, `${JSON.stringify(actual, null, 2)}\n`);
    // a missing file is a failure (CI must not record whatever it gets); only UPDATE_GOLDEN=1 writes it
    expect(existsSync(GOLDEN), `${GOLDEN} is missing: regenerate it with UPDATE_GOLDEN=1`).toBe(true);
    const expected = JSON.parse(readFileSync(GOLDEN, 'utf8')) as typeof actual;
    for (const run of Object.keys(expected)) expect(Object.keys(expected[run]!).length).toBeGreaterThan(40);
    expect(actual).toEqual(expected);
  });

  it('the demo shows a bar in every figure, ** in most tables, and says where to look first', () => {
    expect(demoOut).not.toBe('');
    const t = (
      JSON.parse(readFileSync(join(demoOut, 'export', 'tables.json'), 'utf8')) as {
        tables: Record<string, { columns: { key: string }[]; cells: unknown[][] }>;
      }
    ).tables;
    const figures = Object.keys(t).filter((id) => id.startsWith('F'));
    expect(figures).toHaveLength(8);
    for (const id of figures) {
      // a visible bar: a published count above zero outside the `total` column
      const visible = t[id]!.cells.flatMap((row) =>
        row.filter((c, j) => t[id]!.columns[j]!.key !== 'total' && typeof c === 'number' && c > 0),
      );
      expect(visible.length, id).toBeGreaterThan(0);
    }
    const withStars = Object.keys(t).filter((id) => t[id]!.cells.some((row) => row.includes('**')));
    expect(withStars.length).toBeGreaterThan(Object.keys(t).length / 2);
    expect(demoStdout).toMatch(/Look first at report\.html: Figure 3\.1 .*Table [0-9.]+ \(\d+ cells shown as \*\*/);
  });
});
