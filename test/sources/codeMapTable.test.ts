import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../../core/openDatabase.js';
import { bitOf } from '../../model/personSets.js';
import { normaliseCode } from '../../schemas/loadConfig.js';
import { codeMapRows, installCodeMap } from '../../sources/codeMapTable.js';
import { defaultConfig } from '../support/runOnFolder.js';

describe('sources/codeMapTable', () => {
  it('code lists become rows with the bit of their set; "ignore" is bit -1; lks its own set', () => {
    const config = defaultConfig({
      codes: {
        srg: { '057': 'vervoer', '23': 'ignore', '40': 'lks' },
        wmo: { A1: 'huishouden' },
        uwvType: { '1': 'jobcoach' },
        uwvBackground: { W: 'wajong' },
      },
    });
    const rows = codeMapRows(config);
    const of = (domain: string) => rows.filter((r) => r.domain === domain);
    expect(of('srg')).toEqual([
      { domain: 'srg', code: '23', bit: -1, target: 'ignore' },
      { domain: 'srg', code: '40', bit: bitOf('lks'), target: 'lks' },
      { domain: 'srg', code: '57', bit: bitOf('pwet.vervoer'), target: 'vervoer' },
    ]);
    expect(of('wmo')).toEqual([{ domain: 'wmo', code: 'A1', bit: bitOf('wmo.huishouden'), target: 'huishouden' }]);
    expect(of('uwvType')).toEqual([{ domain: 'uwvType', code: '1', bit: bitOf('uwv.jobcoach'), target: 'jobcoach' }]);
    expect(of('uwvBackground')).toEqual([
      { domain: 'uwvBackground', code: 'W', bit: bitOf('uwv.bg.wajong'), target: 'wajong' },
    ]);
  });

  it('products set the tolk and visueel bits; gender codes and first digits carry a target and no bit', () => {
    const config = defaultConfig({
      codes: { tolkProducts: [' T1 '], visueelProducts: ['V1'] },
      sources: { gba: { genderCodes: { '01': 'man', '2': 'vrouw' } } },
    });
    const rows = codeMapRows(config);
    expect(rows.filter((r) => r.domain === 'uwvProduct')).toEqual([
      { domain: 'uwvProduct', code: 'T1', bit: bitOf('tolk'), target: 'tolk' },
      { domain: 'uwvProduct', code: 'V1', bit: bitOf('visueel'), target: 'visueel' },
    ]);
    // merged with the default {"1": man, "2": vrouw}; "01" is "1" again and deduplicated
    expect(rows.filter((r) => r.domain === 'gender')).toEqual([
      { domain: 'gender', code: '1', bit: null, target: 'man' },
      { domain: 'gender', code: '2', bit: null, target: 'vrouw' },
    ]);
    expect(rows.filter((r) => r.domain === 'education').map((r) => [r.code, r.target])).toEqual([
      ['1', 'laag'],
      ['2', 'midden'],
      ['3', 'hoog'],
    ]);
  });

  it('one code written two ways with one target is one row', () => {
    const rows = codeMapRows(
      defaultConfig({ codes: { srg: { '057': 'vervoer', '57': 'vervoer', '57.0': 'vervoer' } } }),
    );
    expect(rows.filter((r) => r.domain === 'srg')).toEqual([
      { domain: 'srg', code: '57', bit: bitOf('pwet.vervoer'), target: 'vervoer' },
    ]);
  });

  describe('in DuckDB', () => {
    let db: Database;
    beforeAll(async () => {
      db = await openDatabase({ threads: 1, memoryLimit: '256MB' });
      await installCodeMap(db.connection, defaultConfig());
    });
    afterAll(() => db.close());

    it('installCodeMap: the code_map table holds exactly codeMapRows', async () => {
      const r = await db.connection.runAndReadAll('SELECT domain, code, bit, target FROM code_map ORDER BY ALL');
      const want = codeMapRows(defaultConfig()).map((x) => ({ ...x }));
      const key = (x: { domain: string; code: string; bit: number | null; target: string | null }) =>
        JSON.stringify([x.domain, x.code, x.bit, x.target]);
      expect(
        r
          .getRowObjectsJson()
          .map((x) => key(x as never))
          .sort(),
      ).toEqual(want.map(key).sort());
    });

    it('the SQL macro mg_code and normaliseCode agree (config codes and data codes must meet)', async () => {
      const code = fc.oneof(
        fc.stringMatching(/^ {0,2}0{0,3}[0-9]{0,6}(\.0{1,2})? {0,2}$/),
        fc.string({ unit: fc.constantFrom('0', '1', '9', ' ', '.', 'A', '-'), maxLength: 8 }),
        // other white space than the space: a tab from a TSV export, a no-break space from a spreadsheet, …
        fc.string({
          unit: fc.constantFrom(
            '0',
            '5',
            ' ',
            '.',
            '\t',
            '\n',
            '\r',
            '\u00a0',
            '\u2003',
            '\u3000',
            '\u2028',
            '\ufeff',
            '\u200b',
          ),
          maxLength: 6,
        }),
        fc.stringMatching(/^[0-9]{17,20}(\.0)?$/),
      );
      await fc.assert(
        fc.asyncProperty(code, async (x) => {
          // compared inside DuckDB: reading a string back into JavaScript drops a leading byte-order mark
          const r = await db.connection.runAndReadAll('SELECT mg_code($x) = $y AS same', { x, y: normaliseCode(x) });
          expect(r.getRowObjects()[0]!.same, JSON.stringify([x, normaliseCode(x)])).toBe(true);
        }),
        { numRuns: 300 },
      );
    });
  });
});
