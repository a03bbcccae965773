import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSav } from '../../sav/readSav.js';
import { KeySet } from '../../sav/savKeyFilter.js';
import { writeSav } from '../../sav/writeSav.js';
import { memoryDb, tableRows } from '../support/savTestTools.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'savfilter-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('KeySet', () => {
  it('answers membership exactly (bitmap in front, hash table behind)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: 999_999_999 }), { maxLength: 3000 }),
        fc.array(fc.integer({ min: 1, max: 999_999_999 }), { maxLength: 200 }),
        (members, others) => {
          const set = KeySet.from(members, members.length);
          const copy = new KeySet(set.buffer); // as a worker sees it
          for (const n of members) expect(copy.has(n)).toBe(true);
          const m = new Set(members);
          for (const n of others) expect(copy.has(n)).toBe(m.has(n));
        },
      ),
      { numRuns: 50 },
    );
  });
});

describe('readSav with a key filter', () => {
  // [RINPERSOONS, RINPERSOON (string), NUMKEY (numeric), VALUE]; persons 11 and 22 are in the set
  const rows: [string, string, number | null, string][] = [
    ['R', '000000011', 11, 'member, string and number'],
    ['R', '000000012', 12, 'clean, nobody'],
    ['', '000000013', 13, 'empty RINPERSOONS'],
    ['R', '', null, 'empty RINPERSOON'],
    ['R', ' 12', 12.5, 'leading space, fraction'],
    ['R', '1234567890', 1234567890, 'ten digits'],
    ['R', '000000000', 0, 'zero'],
    ['R', '22', 22, 'member without leading zeros'],
    ['R', 'X1234567', -3, 'letters, negative'],
    ['é', '000000014', 14, 'non-ASCII RINPERSOONS'],
    ['R', '999999999', 999999999, 'clean, nobody, largest'],
  ];
  const file = () => join(dir, 'keys.sav');
  beforeAll(async () => {
    await writeSav(
      file(),
      [
        { name: 'RINPERSOONS', type: 'string', width: 2 },
        { name: 'RINPERSOON', type: 'string', width: 10 },
        { name: 'NUMKEY', type: 'numeric', decimals: 1 },
        { name: 'VALUE', type: 'string', width: 40 },
      ],
      rows,
      { compression: 'bytecode' },
    );
  });

  const load = async (rinpersoon: string, keys: KeySet | null, worker: boolean) => {
    const db = await memoryDb();
    try {
      const meta = await readSav(db.conn, file(), 't', {
        filter: { rinpersoons: 'rinpersoons', rinpersoon, keys: keys?.buffer ?? null },
        rowNumberColumn: '#row',
        worker,
      });
      const got = (await tableRows(db.conn, 't')).map((r) => [Number(r['#row']), r.VALUE]);
      return { meta, got };
    } finally {
      db.close();
    }
  };
  const members = KeySet.from([11, 22], 2);
  const UNCLEAN = [
    'empty RINPERSOONS',
    'empty RINPERSOON',
    'leading space, fraction',
    'ten digits',
    'zero',
    'letters, negative',
    'non-ASCII RINPERSOONS',
  ];
  /** [case number, VALUE] of the rows whose string key is not clean. */
  const unclean = () => rows.flatMap((r, i) => (UNCLEAN.includes(r[3]) ? [[i + 1, r[3]]] : []));

  for (const worker of [false, true]) {
    it(`string keys: keeps members and unclean keys, with their case numbers (${worker ? 'worker thread' : 'main thread'})`, async () => {
      const { meta, got } = await load('RINPERSOON', members, worker);
      expect(meta.rowCount).toBe(rows.length);
      expect(meta.keptRows).toBe(got.length);
      const want = [[1, 'member, string and number'], ...unclean(), [8, 'member without leading zeros']].sort(
        (a, b) => Number(a[0]) - Number(b[0]),
      );
      expect(got).toEqual(want);
    });
  }

  it('numeric keys (F9.0-like): a whole number 1–999999999 is clean; fractions, zero, negatives and missing are not', async () => {
    const { got } = await load('NUMKEY', members, true);
    // row 4 (empty RINPERSOON) has a missing NUMKEY; row 5 12.5; row 6 ten digits; row 7 zero; row 9 negative
    expect(got.map((r) => r[0])).toEqual([1, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('no linkable persons (keys null): only the unclean keys are kept', async () => {
    const { got } = await load('RINPERSOON', null, false);
    expect(got).toEqual(unclean());
  });

  it('without a filter every row is kept, numbered 1…n', async () => {
    const db = await memoryDb();
    try {
      await readSav(db.conn, file(), 'all', { rowNumberColumn: '#row', worker: true });
      expect((await tableRows(db.conn, 'all')).map((r) => Number(r['#row']))).toEqual(rows.map((_, i) => i + 1));
    } finally {
      db.close();
    }
  });

  it('a file that cannot be read fails from the worker as bad input naming the file', async () => {
    const db = await memoryDb();
    try {
      const err = await readSav(db.conn, join(dir, 'missing.sav'), 'x', { worker: true }).catch((e: unknown) => e);
      expect((err as Error).name).toBe('InputError');
      expect((err as Error).message).toContain('missing.sav');
    } finally {
      db.close();
    }
  });
});

describe('readSav with a WMOBUS value filter (a row of nobody in the set is dropped only when its code and dates are clean)', () => {
  // [RINPERSOON, code (numeric), begin (numeric YYYYMMDD or null), end (string), begin2 (SPSS date), expected kept?]
  const rows: [string, number | null, number | null, string, string | null, boolean, string][] = [
    ['000000011', 1, 20190101, '', '2019-01-01', true, 'a member: always kept'],
    ['000000012', 1, 20190101, '', '2019-01-01', false, 'clean, open end'],
    ['000000013', 1, 20190101, '20191231', '2019-01-01', false, 'clean, closed'],
    ['000000014', 1, 20190505, '20190101', '2019-01-01', true, 'end before begin'],
    ['000000015', 77, 20190101, '', '2019-01-01', true, 'code not mapped'],
    ['000000016', 1, 20190230, '', '2019-01-01', true, 'begin no date'],
    ['000000017', 1, 20190101, '2019-06-01', '2019-01-01', true, 'end in another form'],
    ['000000018', 1, null, '', '2019-01-01', true, 'begin missing'],
    ['000000019', 1.5, 20190101, '', '2019-01-01', true, 'code a fraction'],
    ['000000020', 1, 20240229, '2024-02-29', null, true, 'end with dashes, begin2 missing'],
    ['000000021', 1, 20240229, '20240301', '2024-02-29', false, 'leap day, clean'],
    ['000000022', 1, 20230229, '', '2023-03-01', true, 'no leap day in 2023'],
    ['000000023', null, 20190101, '', '2019-01-01', true, 'code missing'],
    ['000000024', 1, 9990101, '', '2019-01-01', true, 'begin 7 digits'],
  ];
  const file = () => join(dir, 'wmo.sav');
  beforeAll(async () => {
    await writeSav(
      file(),
      [
        { name: 'RINPERSOONS', type: 'string', width: 1 },
        { name: 'RINPERSOON', type: 'string', width: 9 },
        { name: 'CODE', type: 'numeric', decimals: 0 },
        { name: 'BEGIN', type: 'numeric', decimals: 0 },
        { name: 'EINDE', type: 'string', width: 10 },
        { name: 'BEGIN2', type: 'date' },
      ],
      rows.map(([n, c, b, e, b2]) => ['R', n, c, b, e, b2]),
      { compression: 'bytecode' },
    );
  });
  const load = async (begin: string, worker: boolean) => {
    const db = await memoryDb();
    try {
      const keys = KeySet.from([11], 1).buffer;
      const values = { begin, end: 'EINDE', code: 'CODE', codes: ['1', '2', '3'] };
      await readSav(db.conn, file(), 't', {
        filter: { rinpersoons: 'RINPERSOONS', rinpersoon: 'RINPERSOON', keys, values },
        rowNumberColumn: '#row',
        worker,
      });
      return (await tableRows(db.conn, 't')).map((r) => Number(r['#row']));
    } finally {
      db.close();
    }
  };
  for (const worker of [false, true])
    it(`numeric YYYYMMDD begin, string end (${worker ? 'worker thread' : 'main thread'})`, async () => {
      expect(await load('BEGIN', worker)).toEqual(rows.flatMap((r, i) => (r[5] ? [i + 1] : [])));
    });

  it('an SPSS DATE begin: a valid date is clean, a missing one is not', async () => {
    // BEGIN2 is a valid date where BEGIN was a bad or missing number (rows 6, 8, 12, 14: now clean, dropped); row 4
    // ends on its begin day (clean); row 10 has no BEGIN2
    const kept = await load('BEGIN2', true);
    expect(kept).toEqual([1, 5, 7, 9, 10, 13]);
  });
});
