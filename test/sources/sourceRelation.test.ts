import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../core/openDatabase.js';
import { InputError } from '../../core/errors.js';
import { SOURCE_KEYS } from '../../sources/sourceFiles.js';
import { type PreparedFile, columnSpecs, readError, sourceRelation } from '../../sources/sourceRelation.js';
import { defaultConfig } from '../support/runOnFolder.js';

describe('sources/sourceRelation', () => {
  it('columnSpecs: every source has the two key columns first, each named by its config field', () => {
    const config = defaultConfig();
    for (const key of SOURCE_KEYS) {
      const specs = columnSpecs(key, config);
      expect(
        specs.slice(0, 2).map((s) => s.alias),
        key,
      ).toEqual(['rs', 'rn']);
      expect(specs[0]!.names, key).toEqual([config.sources[key].columns.rinpersoons]);
      for (const s of specs) {
        expect(s.field.startsWith(`sources.${key}.columns.`), s.field).toBe(true);
        expect(s.names.length).toBeGreaterThan(0);
      }
      expect(new Set(specs.map((s) => s.alias)).size).toBe(specs.length);
    }
  });

  it('columnSpecs: the aliases the queries use, and config renames followed', () => {
    const config = defaultConfig({ sources: { srg: { columns: { code: 'MYCODE' } } } });
    expect(columnSpecs('srg', config).map((s) => s.alias)).toEqual(['rs', 'rn', 'code', 'begin_raw', 'end_raw']);
    expect(columnSpecs('srg', config).find((s) => s.alias === 'code')!.names).toEqual(['MYCODE']);
    expect(columnSpecs('uwv', config).map((s) => s.alias)).toEqual([
      'rs',
      'rn',
      'type',
      'background',
      'product',
      'begin_raw',
      'end_raw',
    ]);
    expect(columnSpecs('gba', config).map((s) => s.alias)).toEqual(['rs', 'rn', 'gender', 'birth_year', 'birth_month']);
    const edu = columnSpecs('education', config);
    expect(edu.map((s) => s.alias)).toEqual(['rs', 'rn', 'level']);
    expect(edu[2]!.names).toEqual(config.sources.education.columns.level); // candidates, in order
  });

  it("readError: DuckDB errors about a file's contents become input errors naming the file, first line only", () => {
    const e = readError(
      'SRG.csv',
      new Error('Invalid Input Error: CSV Error on Line: 12\nOriginal Line: R,123456789,57'),
    );
    expect(e).toBeInstanceOf(InputError);
    expect((e as Error).message).toBe('SRG.csv: cannot be read (CSV Error on Line: 12)');
    for (const msg of [
      'Conversion Error: Could not convert',
      'IO Error: No files found',
      'Invalid Error: No magic bytes found at end of file',
      'Binder Error: Referenced column "X" not found',
    ]) {
      expect(readError('f', new Error(msg)), msg).toBeInstanceOf(InputError);
    }
  });

  it('readError: long digit runs (possible RINPERSOON values) are masked', () => {
    const e = readError('GBA.csv', new Error('Conversion Error: Could not convert string "089711863" to INT32'));
    expect((e as Error).message).toBe('GBA.csv: cannot be read (Could not convert string "…" to INT32)');
    expect((e as Error).message).not.toMatch(/\d{5,}/);
  });

  it('readError: anything else (our own SQL, bugs) is passed on unchanged', () => {
    const bug = new Error('Catalog Error: Table with name foo does not exist');
    expect(readError('f', bug)).toBe(bug);
    expect(readError('f', 'a string')).toBe('a string');
  });

  it('sourceRelation: CSV files with the same header and delimiter are one scan; each row keeps its file index and year', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mg-rel-'));
    const db = await openDatabase({ memoryLimit: '500MB', threads: 2 });
    try {
      const config = defaultConfig();
      const level = config.sources.education.columns.level;
      const file = (
        name: string,
        header: string[],
        rows: string[],
        delim = ',',
        year?: number,
        index = 0,
      ): PreparedFile => {
        const path = join(dir, name);
        writeFileSync(path, `${[header.join(delim), ...rows.map((r) => r.replaceAll(',', delim))].join('\n')}\n`);
        const columns = { rs: header[0]!, rn: header[1]!, level: header[2]! };
        return {
          file: { name, path, size: 1, format: 'csv' },
          index,
          columns,
          delim,
          header,
          ...(year !== undefined ? { year } : {}),
        } as PreparedFile;
      };
      const h1 = ['RINPERSOONS', 'RINPERSOON', level[0]!];
      const h2 = ['RINPERSOONS', 'RINPERSOON', level[1] ?? 'OTHERLEVEL'];
      const files = [
        file("HOOGSTEOPL2016TABV1 O'Brien.csv", h1, ['R,1,1111', 'R,2,2222'], ',', 2016, 3),
        file('HOOGSTEOPL2018TABV1.csv', h1, ['R,3,3333'], ',', 2018, 4),
        file('HOOGSTEOPL2019TABV1.csv', h2, ['R,4,4444'], ',', 2019, 5),
        file('HOOGSTEOPL2020TABV1.csv', h2, ['R,5,5555'], ';', 2020, 6),
        file('HOOGSTEOPL2021TABV1.csv', h2, ['R,6,6666'], ';', 2021, 8),
      ];
      const rel = sourceRelation('education', files, config);
      // one scan per run of consecutive files with one header and delimiter: [3,4], [5], [6,8]
      expect(rel.sql.match(/read_csv\(/g)!.length).toBe(3);
      const r = await db.connection.runAndReadAll(
        `SELECT file_idx, year, rn, level FROM (${rel.sql}) ORDER BY rn`,
        rel.params,
      );
      expect(r.getRows()).toEqual([
        [3, 2016, '1', '1111'],
        [3, 2016, '2', '2222'],
        [4, 2018, '3', '3333'],
        [5, 2019, '4', '4444'],
        [6, 2020, '5', '5555'],
        [8, 2021, '6', '6666'],
      ]);
    } finally {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
