import { mkdirSync, mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareCommand, defaultCompareDir } from '../../bin/compareCommand.js';
import { InputError } from '../../core/errors.js';
import type { ExportTables } from '../../schemas/tablesJson.js';
import { tinyExport } from '../support/tinyExport.js';

function run(root: string, name: string, tables: unknown): string {
  const dir = join(root, name);
  mkdirSync(join(dir, 'export'), { recursive: true });
  writeFileSync(join(dir, 'export', 'tables.json'), typeof tables === 'string' ? tables : JSON.stringify(tables));
  return dir;
}

describe('compareCommand', () => {
  it('writes comparison.csv and comparison.html into NEW/compare-<OLD>', async () => {
    const root = mkdtempSync(join(tmpdir(), 'mg-compare-'));
    const changed: ExportTables = structuredClone(tinyExport());
    changed.tables['3.3']!.cells[0]![0] = 2100;
    const oldDir = run(root, 'run-2023', tinyExport());
    const newDir = run(root, 'run-2024', changed);
    await compareCommand(oldDir, newDir, undefined);
    const out = join(newDir, 'compare-run-2023');
    expect(defaultCompareDir(oldDir + '/', newDir)).toBe(out);
    expect(readFileSync(join(out, 'comparison.csv'), 'utf8')).toContain('3.3,cell,both,ondersteuning_werkplek,Ondersteuning op de werkplek *,begeleiding_jobcoach,Begeleiding op werkkring/jobcoach ~,2075,2100,25,');
    expect(readFileSync(join(out, 'comparison.html'), 'utf8')).toContain('gewijzigd: 1;');
  });

  it('honours --out', async () => {
    const root = mkdtempSync(join(tmpdir(), 'mg-compare-'));
    const a = run(root, 'a', tinyExport());
    const target = join(root, 'elsewhere', 'cmp');
    await compareCommand(a, a, target);
    expect(existsSync(join(target, 'comparison.csv'))).toBe(true);
    expect(existsSync(join(a, 'compare-a'))).toBe(false);
  });

  it('names the file when tables.json is missing, not JSON, or the wrong shape', async () => {
    const root = mkdtempSync(join(tmpdir(), 'mg-compare-'));
    const good = run(root, 'good', tinyExport());
    const missing = join(root, 'missing');
    const notJson = run(root, 'notjson', '{"period":');
    const wrong = run(root, 'wrong', { period: { start: '2017-01-01', end: '2022-12-31' }, tables: { '3.1': { title: 'x', rows: [], columns: [], cells: [[-1]] } } });
    for (const [dir, msg] of [[missing, /no such file/], [notJson, /not valid JSON/], [wrong, /not an export tables\.json/]] as const) {
      const err = await compareCommand(good, dir, join(root, 'o')).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(InputError);
      expect((err as Error).message).toContain(join(dir, 'export', 'tables.json'));
      expect((err as Error).message).toMatch(msg);
    }
  });
});
