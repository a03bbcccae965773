import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../../core/openDatabase.js';
import type { Atom } from '../../model/atom.js';
import type { ProblemKind } from '../../model/problemKinds.js';
import { linkPersons, setSpans } from '../../pipeline/link.js';

/**
 * The link stage on hand-made relations (the shapes validate creates): persons (s, n, bits, bits_bg, first_day),
 * gba_rows (s, n, gender, byear, bmonth, p_kind), education_rows (s, n, year, education, p_kind).
 */
interface Person {
  n: number;
  bits?: number;
  bitsBg?: number;
  first?: string | null;
  s?: string;
}
interface Gba {
  n: number;
  gender?: string;
  byear?: number | null;
  bmonth?: number | null;
  p?: ProblemKind | null;
  s?: string;
}
interface Edu {
  n: number;
  year: number;
  education: string;
  p?: ProblemKind | null;
  s?: string;
}

const lit = (v: string | number | null | undefined) =>
  v === null || v === undefined ? 'NULL' : typeof v === 'number' ? String(v) : `'${v}'`;

describe('pipeline/link', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openDatabase({ threads: 1, memoryLimit: '256MB' });
  });
  afterAll(() => db.close());

  async function link(persons: Person[], gba: Gba[] = [], edu: Edu[] = []): Promise<Atom[]> {
    const c = db.connection;
    await c.run('DROP TABLE IF EXISTS persons; DROP TABLE IF EXISTS gba_rows; DROP TABLE IF EXISTS education_rows;');
    await c.run('CREATE TABLE persons (s VARCHAR, n BIGINT, bits INTEGER, bits_bg INTEGER, first_day DATE)');
    await c.run(
      'CREATE TABLE gba_rows (s VARCHAR, n BIGINT, gender VARCHAR, byear INTEGER, bmonth INTEGER, p_kind VARCHAR)',
    );
    await c.run('CREATE TABLE education_rows (s VARCHAR, n BIGINT, year INTEGER, education VARCHAR, p_kind VARCHAR)');
    for (const p of persons)
      await c.run(
        `INSERT INTO persons VALUES (${lit(p.s ?? 'R')}, ${p.n}, ${p.bits ?? 1}, ${p.bitsBg ?? p.bits ?? 1}, ${p.first === undefined ? "DATE '2020-03-15'" : p.first === null ? 'NULL' : `DATE '${p.first}'`})`,
      );
    for (const g of gba)
      await c.run(
        `INSERT INTO gba_rows VALUES (${lit(g.s ?? 'R')}, ${g.n}, ${lit(g.gender ?? 'man')}, ${lit(g.byear === undefined ? 1980 : g.byear)}, ${lit(g.bmonth === undefined ? 1 : g.bmonth)}, ${lit(g.p)})`,
      );
    for (const e of edu)
      await c.run(
        `INSERT INTO education_rows VALUES (${lit(e.s ?? 'R')}, ${e.n}, ${e.year}, ${lit(e.education)}, ${lit(e.p)})`,
      );
    return linkPersons(c);
  }

  const only = async (p: Person, gba: Gba[] = [], edu: Edu[] = []) => {
    const atoms = await link([p], gba, edu);
    expect(atoms).toHaveLength(1);
    return atoms[0]!;
  };

  it('an atom carries bits, background bits, classes and a count, and nothing else (no key)', async () => {
    const a = await only(
      { n: 123456789, bits: 5, bitsBg: 4 },
      [{ n: 123456789, gender: 'vrouw', byear: 1980, bmonth: 1 }],
      [{ n: 123456789, year: 2021, education: 'midden' }],
    );
    expect(a).toEqual({ bits: 5, bitsBg: 4, age: '28_55', gender: 'vrouw', education: 'midden', n: 1 });
    expect(Object.keys(a).sort()).toEqual(['age', 'bits', 'bitsBg', 'education', 'gender', 'n']);
  });

  it('persons with the same combination are counted together, different ones apart; atoms sorted', async () => {
    const atoms = await link([{ n: 1 }, { n: 2 }, { n: 3, bits: 2 }], [{ n: 1 }, { n: 2 }, { n: 3 }]);
    expect(atoms.map((a) => [a.bits, a.n])).toEqual([
      [1, 2],
      [2, 1],
    ]);
  });

  it('age on the first day of use: birthday not yet reached counts one year less; unknown month = July', async () => {
    const age = async (byear: number, bmonth: number | null, first: string) =>
      (await only({ n: 1, first }, [{ n: 1, byear, bmonth }])).age;
    expect(await age(2002, 4, '2020-03-15')).toBe('lt18'); // 17
    expect(await age(2002, 3, '2020-03-15')).toBe('18_27'); // 18
    expect(await age(1992, 2, '2020-03-15')).toBe('28_55'); // 28
    expect(await age(1993, 2, '2020-03-15')).toBe('18_27'); // 27
    expect(await age(1965, 2, '2020-03-15')).toBe('28_55'); // 55
    expect(await age(1964, 2, '2020-03-15')).toBe('gt55'); // 56
    expect(await age(2002, null, '2020-06-30')).toBe('lt18'); // 17: birthday assumed in July
    expect(await age(2002, null, '2020-07-01')).toBe('18_27'); // 18
  });

  it('age unknown without a first day, a birth year or a GBA record; gender unknown without a GBA record', async () => {
    expect((await only({ n: 1, first: null }, [{ n: 1 }])).age).toBe('onbekend');
    expect((await only({ n: 1 }, [{ n: 1, byear: null }])).age).toBe('onbekend');
    const none = await only({ n: 1 });
    expect([none.age, none.gender, none.education]).toEqual(['onbekend', 'onbekend', 'onbekend']);
  });

  it('GBA duplicates: the row with known values wins; problem rows and other RINPERSOONS are ignored', async () => {
    const a = await only({ n: 1 }, [
      { n: 1, gender: 'onbekend', byear: 1980 },
      { n: 1, gender: 'vrouw', byear: null },
      { n: 1, gender: 'man', byear: 2010, p: 'birth_month_unparseable' },
      { n: 1, gender: 'man', byear: 2010, s: 'X' },
    ]);
    expect(a.gender).toBe('vrouw');
    expect(a.age).toBe('onbekend'); // the chosen row (known gender first) has no birth year
    const b = await only({ n: 1 }, [
      { n: 1, gender: 'man', byear: null },
      { n: 1, gender: 'man', byear: 1980 },
    ]);
    expect(b.age).toBe('28_55');
  });

  it('education: the latest year; within it the highest level; problem rows and other RINPERSOONS ignored', async () => {
    const edu = (rows: Edu[]) => only({ n: 1 }, [{ n: 1 }], rows).then((a) => a.education);
    expect(
      await edu([
        { n: 1, year: 2019, education: 'hoog' },
        { n: 1, year: 2021, education: 'laag' },
      ]),
    ).toBe('laag');
    expect(
      await edu([
        { n: 1, year: 2021, education: 'midden' },
        { n: 1, year: 2021, education: 'hoog' },
        { n: 1, year: 2021, education: 'laag' },
      ]),
    ).toBe('hoog');
    expect(
      await edu([
        { n: 1, year: 2021, education: 'onbekend' },
        { n: 1, year: 2021, education: 'laag' },
      ]),
    ).toBe('laag');
    expect(
      await edu([
        { n: 1, year: 2022, education: 'hoog', p: 'key_not_digits' },
        { n: 1, year: 2021, education: 'laag' },
      ]),
    ).toBe('laag');
    expect(await edu([{ n: 1, year: 2022, education: 'hoog', s: 'X' }])).toBe('onbekend');
  });

  it('no persons: no atoms', async () => {
    expect(await link([])).toEqual([]);
  });

  it("setSpans: per record mask, the latest begin and earliest end of study persons' records in use in each window", async () => {
    const c = db.connection;
    await c.run(
      'DROP TABLE IF EXISTS persons; DROP TABLE IF EXISTS srg_rows; DROP TABLE IF EXISTS uwv_rows; DROP TABLE IF EXISTS wmo_rows;',
    );
    await c.run('CREATE TABLE persons (s VARCHAR, n BIGINT, bits INTEGER, bits_bg INTEGER, first_day DATE)');
    await c.run("INSERT INTO persons VALUES ('R', 1, 1, 1, NULL), ('R', 2, 1, 1, NULL)");
    for (const t of ['srg_rows', 'uwv_rows', 'wmo_rows'])
      await c.run(`CREATE TABLE ${t} (s VARCHAR, n BIGINT, mask INTEGER, b DATE, e DATE, p_kind VARCHAR)`);
    await c.run(`INSERT INTO srg_rows VALUES
      ('R', 1, 1, DATE '2017-02-01', DATE '2018-06-30', NULL),
      ('R', 2, 1, DATE '2018-03-01', NULL, NULL),
      ('R', 3, 1, DATE '2020-01-01', NULL, NULL),               -- not a study person
      ('R', 1, 1, DATE '2019-01-01', NULL, 'bad_date'),         -- a problem row
      ('R', 1, 4, DATE '2016-01-01', DATE '2016-12-31', NULL)`); // not in use in either window
    await c.run(`INSERT INTO wmo_rows VALUES ('R', 2, 8, DATE '2021-05-01', DATE '2022-04-30', NULL)`);
    const spans = await setSpans(c, {
      period: { start: '2017-01-01', end: '2021-12-31' },
      background: { start: '2018-01-01', end: '2018-12-31' },
    });
    expect(spans.period).toEqual([
      { mask: 1, lastBegin: '2018-03-01', firstEnd: '2018-06-30' },
      { mask: 8, lastBegin: '2021-05-01', firstEnd: '2022-04-30' },
    ]);
    expect(spans.background).toEqual([{ mask: 1, lastBegin: '2018-03-01', firstEnd: '2018-06-30' }]);
  });
});
