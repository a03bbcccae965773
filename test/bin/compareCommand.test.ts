import { mkdirSync, mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { compareCommand } from '../../bin/compareCommand.js';
import { InputError } from '../../core/errors.js';
import type { ExportTables } from '../../schemas/tablesJson.js';
import { tinyExport } from '../support/tinyExport.js';
import { defaultConfig } from '../support/runOnFolder.js';
import { minimalManifest } from '../support/minimalManifest.js';

function run(root: string, name: string, tables: unknown): string {
  const dir = join(root, name);
  mkdirSync(join(dir, 'export'), { recursive: true });
  writeFileSync(join(dir, 'export', 'tables.json'), typeof tables === 'string' ? tables : JSON.stringify(tables));
  return dir;
}

describe('compareCommand', () => {
  it('needs --out, and refuses a folder inside a run folder', async () => {
    const root = mkdtempSync(join(tmpdir(), 'mg-compare-'));
    const a = run(root, 'a', tinyExport());
    writeFileSync(join(a, 'manifest.json'), '{}');
    await expect(compareCommand(a, a, undefined)).rejects.toThrow(/needs --out DIR/);
    const inside = await compareCommand(a, a, join(a, 'compare-a')).catch((e: unknown) => e);
    expect(inside).toBeInstanceOf(InputError);
    expect((inside as Error).message).toContain(`is inside the run folder ${a}`);
    expect(existsSync(join(a, 'compare-a'))).toBe(false);
  });

  it('writes into --out, shows both periods, warns when their lengths differ, flags small changes, and says whether NEW was protected against OLD', async () => {
    const root = mkdtempSync(join(tmpdir(), 'mg-compare-'));
    const before: ExportTables = {
      ...structuredClone(tinyExport()),
      period: { start: '2017-01-01', end: '2021-12-31' },
    };
    const after: ExportTables = {
      ...structuredClone(tinyExport()),
      period: { start: '2017-01-01', end: '2022-12-31' },
    };
    after.tables['3.3']!.cells[0]![0] = 2100;
    after.tables['3.3']!.cells[1]![1] = 3; // 0 → 3: a difference of 3 persons
    const oldDir = run(root, 'run-2023', before);
    const newDir = run(root, 'run-2024', after);
    const target = join(root, 'elsewhere', 'cmp');
    const r = await compareCommand(oldDir, newDir, target);
    expect(existsSync(join(newDir, 'compare-run-2023'))).toBe(false);
    expect(readFileSync(join(target, 'comparison.csv'), 'utf8')).toContain(
      '3.3,cell,both,ondersteuning_werkplek,Ondersteuning op de werkplek *,begeleiding_jobcoach,Begeleiding op werkkring/jobcoach ~,2075,2100,25,',
    );
    expect(readFileSync(join(target, 'comparison.csv'), 'utf8')).toContain(
      ',2017-01-01..2021-12-31,5.0,2017-01-01..2022-12-31,6.0\r\n',
    );
    const html = readFileSync(join(target, 'comparison.html'), 'utf8');
    expect(html).toContain('gewijzigd: 2;');
    expect(html).toContain('(5,0 jaar)');
    expect(html).toContain('Let op: de perioden zijn niet even lang');
    expect(r.lines).toEqual([
      `Wrote ${join(target, 'comparison.csv')} and comparison.html.`,
      `  Old: ${oldDir}: 2017-01-01 to 2021-12-31 (5.0 years)`,
      `  New: ${newDir}: 2017-01-01 to 2022-12-31 (6.0 years)`,
      '  WARNING: the periods differ in length (5.0 against 6.0 years): differences are not changes per year.',
      '  Cells compared: 11; changed: 2; suppression changed: 0.',
      '  Cells with a difference of 1 to 9 (for the output checker): 1.',
      '  NEW was not protected with --previous OLD: small differences between the two may disclose persons.',
    ]);
    // NEW's manifest lists OLD's export (by the SHA-256 of its tables.json) among its --previous exports
    const sha = createHash('sha256')
      .update(readFileSync(join(oldDir, 'export', 'tables.json')))
      .digest('hex');
    writeFileSync(
      join(newDir, 'manifest.json'),
      minimalManifest({
        config: { sha256: '0'.repeat(64), value: { disclosure: { threshold: 5 } } },
        previous: [{ dir: oldDir, period: before.period, tablesSha256: sha, manifestSha256: 'f'.repeat(64) }],
      }),
    );
    const again = await compareCommand(oldDir, newDir, target);
    expect(again.lines).toContain('  NEW was protected jointly with OLD (run --previous OLD).');
    expect(again.lines).toContain('  Cells with a difference of 1 to 4 (for the output checker): 1.');
  });

  it('captions a user figure as a figure when the manifests tell (its kind is not in tables.json), else by the F rule', async () => {
    const root = mkdtempSync(join(tmpdir(), 'mg-compare-'));
    const withU2 = (cell: number): ExportTables => {
      const t = structuredClone(tinyExport());
      t.tables['U2'] = structuredClone(t.tables['3.3']!);
      t.tables['U2'].cells[0]![0] = cell;
      return t;
    };
    const oldDir = run(root, 'old', withU2(2075));
    const newDir = run(root, 'new', withU2(2100));
    await compareCommand(oldDir, newDir, join(root, 'plain'));
    expect(readFileSync(join(root, 'plain', 'comparison.html'), 'utf8')).toContain('Tabel U2 — ');
    const config = defaultConfig({
      tables: {
        add: [
          {
            id: 'U2',
            kind: 'figure',
            chart: 'bars',
            title: { nl: 'U {period}.', en: 'U {period}.' },
            rows: [{ each: 'pwet' }],
            columns: ['users'],
          },
        ],
      },
    });
    for (const dir of [oldDir, newDir])
      writeFileSync(join(dir, 'manifest.json'), minimalManifest({ config: { sha256: '0'.repeat(64), value: config } }));
    await compareCommand(oldDir, newDir, join(root, 'told'));
    const html = readFileSync(join(root, 'told', 'comparison.html'), 'utf8');
    expect(html).toContain('Figuur U2 — ');
    expect(html).not.toContain('Tabel U2');
  });

  it('names the file when tables.json is missing, not JSON, or the wrong shape', async () => {
    const root = mkdtempSync(join(tmpdir(), 'mg-compare-'));
    const good = run(root, 'good', tinyExport());
    const missing = join(root, 'missing');
    const notJson = run(root, 'notjson', '{"period":');
    const wrong = run(root, 'wrong', {
      period: { start: '2017-01-01', end: '2022-12-31' },
      tables: { '3.1': { title: 'x', rows: [], columns: [], cells: [[-1]] } },
    });
    for (const [dir, msg] of [
      [missing, /no such file/],
      [notJson, /not valid JSON/],
      [wrong, /not an export tables\.json/],
    ] as const) {
      const err = await compareCommand(good, dir, join(root, 'o')).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(InputError);
      expect((err as Error).message).toContain(join(dir, 'export', 'tables.json'));
      expect((err as Error).message).toMatch(msg);
    }
  });
});
