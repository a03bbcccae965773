import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../core/errors.js';
import { readSav } from '../../sav/readSav.js';
import { writeSav, writeSavFromQuery, type SavWriteVariable } from '../../sav/writeSav.js';
import { memoryDb, pspp, tableRows, tool } from '../support/savTestTools.js';

const hasPspp = tool('pspp');

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'writesav-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const LONG = `${'é'.repeat(140)}${'a'.repeat(100)}`; // 380 bytes in UTF-8: a very long string
const VARIABLES: SavWriteVariable[] = [
  { name: 'RINPERSOONS', type: 'string', width: 1 },
  { name: 'RINPERSOON', type: 'string', width: 9, label: 'Persoon' },
  { name: 'WMOTYPEMAATWERKARRANGEMENT', type: 'string', width: 2 },
  { name: 'Bedrag', type: 'numeric' },
  { name: 'WMODATUMAANVANG', type: 'date' },
  { name: 'Omschrijving', type: 'string', width: 400 },
];
const ROWS: unknown[][] = [
  ['R', '089711863', '01', 1, '2020-01-31', 'café'],
  ['R', '000000001', '1', 3.25, { days: 0 }, LONG],
  [null, '123', '', null, null, ''],
  ['Z', '999999999', '18', -1e10, new Date(Date.UTC(1582, 9, 14)), 'a b'],
  ['R', '100000000', '99', 151, '19991231', ' lead'],
  ['R', '200000000', '02', -99, '2000-02-29', 'Ærø'],
  ['R', '300000000', '03', 152, '2024-12-31', 'x'],
  ['R', '400000000', '04', -100, '1900-01-01', 'y'],
  ['R', '500000000', '05', 0.1, '1970-01-01', 'z'],
];
/** What readSav gives back for ROWS. */
const EXPECTED = [
  {
    RINPERSOONS: 'R',
    RINPERSOON: '089711863',
    WMOTYPEMAATWERKARRANGEMENT: '01',
    Bedrag: 1,
    WMODATUMAANVANG: '2020-01-31',
    Omschrijving: 'café',
  },
  {
    RINPERSOONS: 'R',
    RINPERSOON: '000000001',
    WMOTYPEMAATWERKARRANGEMENT: '1',
    Bedrag: 3.25,
    WMODATUMAANVANG: '1970-01-01',
    Omschrijving: LONG,
  },
  {
    RINPERSOONS: '',
    RINPERSOON: '123',
    WMOTYPEMAATWERKARRANGEMENT: '',
    Bedrag: null,
    WMODATUMAANVANG: null,
    Omschrijving: '',
  },
  {
    RINPERSOONS: 'Z',
    RINPERSOON: '999999999',
    WMOTYPEMAATWERKARRANGEMENT: '18',
    Bedrag: -1e10,
    WMODATUMAANVANG: '1582-10-14',
    Omschrijving: 'a b',
  },
  {
    RINPERSOONS: 'R',
    RINPERSOON: '100000000',
    WMOTYPEMAATWERKARRANGEMENT: '99',
    Bedrag: 151,
    WMODATUMAANVANG: '1999-12-31',
    Omschrijving: ' lead',
  },
  {
    RINPERSOONS: 'R',
    RINPERSOON: '200000000',
    WMOTYPEMAATWERKARRANGEMENT: '02',
    Bedrag: -99,
    WMODATUMAANVANG: '2000-02-29',
    Omschrijving: 'Ærø',
  },
  {
    RINPERSOONS: 'R',
    RINPERSOON: '300000000',
    WMOTYPEMAATWERKARRANGEMENT: '03',
    Bedrag: 152,
    WMODATUMAANVANG: '2024-12-31',
    Omschrijving: 'x',
  },
  {
    RINPERSOONS: 'R',
    RINPERSOON: '400000000',
    WMOTYPEMAATWERKARRANGEMENT: '04',
    Bedrag: -100,
    WMODATUMAANVANG: '1900-01-01',
    Omschrijving: 'y',
  },
  {
    RINPERSOONS: 'R',
    RINPERSOON: '500000000',
    WMOTYPEMAATWERKARRANGEMENT: '05',
    Bedrag: 0.1,
    WMODATUMAANVANG: '1970-01-01',
    Omschrijving: 'z',
  },
];

const COMPRESSIONS = [
  ['bytecode', 'sav'],
  ['none', 'sav'],
  ['zlib', 'zsav'],
] as const;

describe('writeSav', () => {
  for (const [compression, ext] of COMPRESSIONS) {
    it(`round-trips through readSav (${compression})`, async () => {
      const file = join(dir, `rt_${compression}.${ext}`);
      await writeSav(file, VARIABLES, ROWS, { compression });
      const db = await memoryDb();
      try {
        const meta = await readSav(db.conn, file, 't');
        expect(meta).toMatchObject({ compression, encoding: 'utf-8', rowCount: ROWS.length });
        expect(meta.variables.map((v) => [v.name, v.type, v.format])).toEqual([
          ['RINPERSOONS', 'string', 'A1'],
          ['RINPERSOON', 'string', 'A9'],
          ['WMOTYPEMAATWERKARRANGEMENT', 'string', 'A2'],
          ['Bedrag', 'numeric', 'F8.2'],
          ['WMODATUMAANVANG', 'date', 'DATE11'],
          ['Omschrijving', 'string', 'A400'],
        ]);
        expect(meta.variables[1]!.label).toBe('Persoon');
        expect(await tableRows(db.conn, 't')).toEqual(EXPECTED);
      } finally {
        db.close();
      }
    });

    it.skipIf(!hasPspp)(`is read by PSPP with every value intact (${compression})`, () => {
      const file = join(dir, `pspp_${compression}.${ext}`);
      return writeSav(file, VARIABLES, ROWS, { compression }).then(() => {
        const csv = join(dir, `pspp_${compression}.csv`);
        pspp(
          dir,
          `GET FILE='${file}'.\nSAVE TRANSLATE /OUTFILE='${csv}' /TYPE=CSV /REPLACE /FIELDNAMES /CELLS=VALUES.\n`,
        );
        const records = parse(readFileSync(csv, 'utf8'), { columns: true }) as Record<string, string>[];
        const mdY = (iso: unknown) =>
          iso === null ? ' ' : `${String(iso).slice(5, 7)}/${String(iso).slice(8, 10)}/${String(iso).slice(0, 4)}`;
        expect(records.map((r) => ({ ...r, Bedrag: r.Bedrag === ' ' ? null : Number(r.Bedrag) }))).toEqual(
          EXPECTED.map((e) => ({ ...e, WMODATUMAANVANG: mdY(e.WMODATUMAANVANG) })),
        );
      });
    });
  }

  it('writes the same bytes for the same input', async () => {
    const a = join(dir, 'det_a.sav');
    const b = join(dir, 'det_b.sav');
    await writeSav(a, VARIABLES, ROWS);
    await writeSav(b, VARIABLES, ROWS);
    expect(readFileSync(a).equals(readFileSync(b))).toBe(true);
  });

  it('accepts async iterables and many rows (several flushes and zlib blocks)', async () => {
    const n = 200_000;
    async function* gen() {
      for (let i = 0; i < n; i++)
        yield [String(i).padStart(9, '0'), i % 7 === 0 ? null : i / 8, i % 3 === 0 ? null : { days: i % 20000 }];
    }
    const vars: SavWriteVariable[] = [
      { name: 'K', type: 'string', width: 9 },
      { name: 'X', type: 'numeric' },
      { name: 'D', type: 'date' },
    ];
    for (const [compression, ext] of COMPRESSIONS) {
      const file = join(dir, `many_${compression}.${ext}`);
      await writeSav(file, vars, gen(), { compression });
      const db = await memoryDb();
      try {
        expect((await readSav(db.conn, file, 'm')).rowCount).toBe(n);
        const bad = await db.conn.runAndReadAll(
          `SELECT count(*) FROM (SELECT rowid AS i, * FROM m) WHERE K <> lpad(CAST(i AS VARCHAR), 9, '0')
             OR (X IS NULL) <> (i % 7 = 0) OR X <> i / 8 OR (D IS NULL) <> (i % 3 = 0) OR D <> DATE '1970-01-01' + CAST(i % 20000 AS INTEGER)`,
        );
        expect(Number(bad.getRows()[0]![0])).toBe(0);
      } finally {
        db.close();
      }
    }
  });

  it('refuses a string longer than its width, naming variable and row but not the value', async () => {
    const err = await writeSav(
      join(dir, 'long.sav'),
      [{ name: 'RINPERSOON', type: 'string', width: 9 }],
      [['1234567890']],
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).toMatch(/RINPERSOON, row 1/);
    expect((err as Error).message).not.toContain('1234567890');
  });
});

describe('writeSavFromQuery', () => {
  it('streams a DuckDB query result to .sav (widths from the data when not given)', async () => {
    const db = await memoryDb();
    try {
      await db.conn
        .run(`CREATE TABLE src AS SELECT 'R' AS s, lpad(CAST(i * 13 AS VARCHAR), 9, '0') AS k, CASE WHEN i % 5 = 0 THEN NULL ELSE i * 0.5 END AS x,
        DATE '2000-01-01' + CAST(i % 3000 AS INTEGER) AS d, CAST(i AS BIGINT) AS b,
        CASE WHEN i % 4 = 0 THEN NULL WHEN i % 4 = 1 THEN 'omschrijving nummer ' || i ELSE 'é' || i END AS o FROM range(10000) t(i)`);
      for (const [compression, ext] of COMPRESSIONS) {
        const file = join(dir, `q_${compression}.${ext}`);
        const n = await writeSavFromQuery(
          db.conn,
          'SELECT s, k, x, d, b, o FROM src WHERE rowid >= $lo ORDER BY rowid',
          { lo: 0 },
          file,
          [
            { name: 'RINPERSOONS', type: 'string' },
            { name: 'RINPERSOON', type: 'string', width: 9 },
            { name: 'X', type: 'numeric' },
            { name: 'D', type: 'date' },
            { name: 'B', type: 'numeric' },
            { name: 'Omschrijving', type: 'string' },
          ],
          { compression },
        );
        expect(n).toBe(10000);
        const meta = await readSav(db.conn, file, `back_${compression}`);
        expect(meta.variables[0]!.format).toBe('A1');
        expect(meta.variables[5]!.format).toBe('A24');
        const diff = await db.conn.runAndReadAll(
          `SELECT count(*) FROM ((SELECT s, k, x, d, CAST(b AS DOUBLE), coalesce(o, '') FROM src EXCEPT ALL SELECT * FROM back_${compression})
             UNION ALL (SELECT * FROM back_${compression} EXCEPT ALL SELECT s, k, x, d, CAST(b AS DOUBLE), coalesce(o, '') FROM src))`,
        );
        expect(Number(diff.getRows()[0]![0])).toBe(0);
      }
    } finally {
      db.close();
    }
  });
});
