import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../../core/openDatabase.js';
import { loadQuery } from '../../core/loadQuery.js';

/** The date rule of docs/spec/inputs.md as the macros document it, in JavaScript: YYYY-MM-DD or null. */
function reference(x: string | null): string | null {
  if (x === null) return null;
  const t = x.trim();
  if (t === '') return null;
  const digits = t.includes('.') ? t.replace(/^([0-9]+)\.0+$/, '$1') : t;
  const real = (y: number, m: number, d: number) => {
    const dt = new Date(Date.UTC(y, m - 1, d));
    return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d
      ? `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`
      : null;
  };
  if (/^[1-9][0-9]{7}$/.test(digits))
    return real(Number(digits.slice(0, 4)), Number(digits.slice(4, 6)), Number(digits.slice(6, 8)));
  const iso = /^([1-9][0-9]{3})-([0-9]{2})-([0-9]{2})( 00:00:00(\.0+)?)?$/.exec(t);
  return iso ? real(Number(iso[1]), Number(iso[2]), Number(iso[3])) : null;
}

let db: Database;
beforeAll(async () => {
  db = await openDatabase({ memoryLimit: '500MB', threads: 1 });
  await db.connection.run(loadQuery('macros'));
  // the definition before one CASE took both the length and the range test (must give the same dates)
  await db.connection.run(
    `CREATE MACRO old_ymd(i) AS CASE WHEN i BETWEEN 10000101 AND 99991231 THEN try(make_date(i // 10000, i // 100 % 100, i % 100)) END`,
  );
  await db.connection.run(
    `CREATE MACRO old_date(x) AS coalesce(CASE WHEN length(x) = 8 THEN old_ymd(TRY_CAST(x AS INTEGER)) END, mg_date_slow(x))`,
  );
});
afterAll(() => db.close());

async function dates(values: (string | null)[]): Promise<[string | null, string | null][]> {
  const list = values.map((v) => (v === null ? 'NULL' : `'${v.replaceAll("'", "''")}'`)).join(', ');
  const r = await db.connection.runAndReadAll(
    `SELECT CAST(mg_date(x) AS VARCHAR), CAST(old_date(x) AS VARCHAR) FROM unnest([${list}]::VARCHAR[]) AS t(x)`,
  );
  return r.getRows() as [string | null, string | null][];
}

describe('queries/macros.sql: mg_date', () => {
  it('hand-picked values: the fast and the careful path', async () => {
    const cases: [string | null, string | null][] = [
      ['20170101', '2017-01-01'],
      ['20240229', '2024-02-29'],
      ['20230229', null],
      ['20170230', null],
      ['10000101', '1000-01-01'],
      ['09990101', null],
      ['2017010', null],
      ['201701011', null],
      [' 20170101', '2017-01-01'],
      ['20170101.0', '2017-01-01'],
      ['20170100.5', null],
      ['2.0190805e7', null],
      ['2016_12_31', null],
      ['+2017010', null],
      ['2017-01-01', '2017-01-01'],
      ['2017-01-01 00:00:00', '2017-01-01'],
      ['2017-01-01 12:00:00', null],
      ['0000-01-01', null],
      ['', null],
      [null, null],
    ];
    const got = await dates(cases.map((c) => c[0]));
    expect(got.map((g) => g[0])).toEqual(cases.map((c) => c[1]));
    expect(got.map((g) => g[1])).toEqual(cases.map((c) => c[1]));
  });

  it('random values: the rule, and the same as the earlier definition', async () => {
    const ymd = fc.tuple(
      fc.integer({ min: 0, max: 9999 }),
      fc.integer({ min: 0, max: 13 }),
      fc.integer({ min: 0, max: 32 }),
    );
    const pad = (n: number, w: number) => String(n).padStart(w, '0');
    const value = fc.oneof(
      ymd.map(([y, m, d]) => `${pad(y, 4)}${pad(m, 2)}${pad(d, 2)}`),
      ymd.map(([y, m, d]) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`),
      ymd.map(([y, m, d]) => ` ${pad(y, 4)}${pad(m, 2)}${pad(d, 2)}.0`),
      fc.integer({ min: 0, max: 999_999_999 }).map(String),
      fc.string({ maxLength: 10 }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(value, { minLength: 1, maxLength: 50 }), async (values) => {
        const got = await dates(values);
        got.forEach(([now, before], k) => {
          expect(now, JSON.stringify(values[k])).toBe(reference(values[k]!));
          expect(now, JSON.stringify(values[k])).toBe(before);
        });
      }),
      { seed: 17, numRuns: 60 },
    );
  });
});

describe('queries/macros.sql: the key rules', () => {
  async function keys(
    pairs: [string | null, string | null][],
  ): Promise<[string | null, number | null, string | null, string | null][]> {
    const lit = (v: string | null) => (v === null ? 'NULL' : `'${v.replaceAll("'", "''")}'`);
    const rows = pairs.map(([s, x]) => `(${lit(s)}, ${lit(x)})`).join(', ');
    const r = await db.connection.runAndReadAll(
      `SELECT mg_rinpersoons(s), mg_key_number(x), mg_key_problem(s, x, mg_key_number(x)), mg_big_key_problem(s, x, mg_key_number(x), NULL) FROM (VALUES ${rows}) AS t(s, x)`,
    );
    return r
      .getRows()
      .map((row) => [
        row[0] as string | null,
        row[1] === null ? null : Number(row[1]),
        row[2] as string | null,
        row[3] as string | null,
      ]);
  }

  it('only plain digits take the fast path: a key in spreadsheet notation is refused, never rounded into another key', async () => {
    const got = await keys([
      ['R', '223249000'],
      ['R', '089711863'],
      ['R', '89711863'],
      ['R', '89711863.0'],
      ['R', '2.23249E+08'],
      ['R', '2.23249e8'],
      ['R', '+12'],
      ['R', '1.5'],
      ['R', '0x1F'],
    ]);
    expect(got.map((g) => g[1])).toEqual([223249000, 89711863, 89711863, 89711863, null, null, null, null, null]);
    expect(got.map((g) => g[2])).toEqual([null, null, null, null, ...Array(5).fill('key_not_digits')]);
    // a big source's row of nobody: no further check only when the key is clean; otherwise the exact rules
    expect(got.map((g) => g[3])).toEqual(got.map((g) => g[2]));
  });

  it('RINPERSOONS in one normal form (upper case, trimmed); anything but one letter is refused', async () => {
    const got = await keys([
      ['r', '000000001'],
      [' R ', '000000001'],
      ['b', '000000001'],
      ['RR', '000000001'],
      ['1', '000000001'],
      ['', '000000001'],
      ['é', '000000001'],
    ]);
    expect(got.map((g) => g[0])).toEqual(['R', 'R', 'B', 'RR', '1', '', 'É']);
    expect(got.map((g) => g[2])).toEqual([
      null,
      null,
      null,
      'key_rinpersoons_not_letter',
      'key_rinpersoons_not_letter',
      'key_empty_rinpersoons',
      'key_rinpersoons_not_letter',
    ]);
  });
});
