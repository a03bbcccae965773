import { describe, expect, it } from 'vitest';
import { InputError } from '../../core/errors.js';
import { SOURCE_KEYS } from '../../sources/sourceFiles.js';
import { columnSpecs, readError } from '../../sources/sourceRelation.js';
import { defaultConfig } from '../support/runOnFolder.js';

describe('sources/sourceRelation', () => {
  it('columnSpecs: every source has the two key columns first, each named by its config field', () => {
    const config = defaultConfig();
    for (const key of SOURCE_KEYS) {
      const specs = columnSpecs(key, config);
      expect(specs.slice(0, 2).map((s) => s.alias), key).toEqual(['rs', 'rn']);
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
    expect(columnSpecs('uwv', config).map((s) => s.alias)).toEqual(['rs', 'rn', 'type', 'background', 'product', 'begin_raw', 'end_raw']);
    expect(columnSpecs('gba', config).map((s) => s.alias)).toEqual(['rs', 'rn', 'gender', 'birth_year', 'birth_month']);
    const edu = columnSpecs('education', config);
    expect(edu.map((s) => s.alias)).toEqual(['rs', 'rn', 'level']);
    expect(edu[2]!.names).toEqual(config.sources.education.columns.level); // candidates, in order
  });

  it('readError: DuckDB errors about a file\'s contents become input errors naming the file, first line only', () => {
    const e = readError('SRG.csv', new Error('Invalid Input Error: CSV Error on Line: 12\nOriginal Line: R,123456789,57'));
    expect(e).toBeInstanceOf(InputError);
    expect((e as Error).message).toBe('SRG.csv: cannot be read (CSV Error on Line: 12)');
    for (const msg of ['Conversion Error: Could not convert', 'IO Error: No files found', 'Invalid Error: No magic bytes found at end of file', 'Binder Error: Referenced column "X" not found']) {
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
});
