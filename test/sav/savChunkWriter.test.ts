import type { DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../core/errors.js';
import { type Database, openDatabase } from '../../core/openDatabase.js';
import { SavChunkWriter } from '../../sav/savChunkWriter.js';
import { SPSS_EPOCH_OFFSET_SECONDS, SYSMIS, type SavVariable } from '../../sav/savDictionary.js';

const base = { shortName: '', format: '', formatType: 0, segments: [] as [number, number][], missingValues: [] as number[], missingStrings: [] as Uint8Array[] };
const num = (name: string, unit: number, extra: Partial<SavVariable> = {}): SavVariable => ({ ...base, name, type: 'numeric', width: 0, unit, ...extra });
const str = (name: string, unit: number, width: number, extra: Partial<SavVariable> = {}): SavVariable => ({
  ...base, name, type: 'string', width, unit, segments: [[unit, width]], ...extra,
});

const VARIABLES: SavVariable[] = [
  num('N', 0, { missingValues: [99], missingRange: [-5, -1] }),
  num('D', 1, { type: 'date' }),
  num('T', 2, { type: 'datetime' }),
  str('S', 3, 8),
  str('L', 4, 20), // units 4, 5, 6
  str('M', 7, 4, { missingStrings: [new TextEncoder().encode('--')] }),
];
const UNITS = 8;
const cp1252 = (s: string) => Uint8Array.from([...s].map((ch) => ({ é: 0xe9, ë: 0xeb, Æ: 0xc6 })[ch] ?? ch.charCodeAt(0)));
/** SPSS time: seconds since 1582-10-14 00:00. */
const spssSeconds = (iso: string) => Date.parse(`${iso}Z`) / 1000 + SPSS_EPOCH_OFFSET_SECONDS;

interface Row { N: number; D: number; T: number; S: Uint8Array | string; L: Uint8Array | string; M: string }

describe('sav/savChunkWriter', () => {
  let db: Database;
  let conn: DuckDBConnection;
  beforeAll(async () => {
    db = await openDatabase({ threads: 1, memoryLimit: '256MB' });
    conn = db.connection;
  });
  afterAll(() => db.close());

  async function write(rows: Row[], variables = VARIABLES) {
    await conn.run('DROP TABLE IF EXISTS t');
    await conn.run('CREATE TABLE t ("N" DOUBLE, "D" DATE, "T" TIMESTAMP, "S" VARCHAR, "L" VARCHAR, "M" VARCHAR)');
    const appender = await conn.createAppender('t');
    const caseBytes = new Uint8Array(UNITS * 8);
    const view = new DataView(caseBytes.buffer);
    const chunks: number[] = [];
    const writer = new SavChunkWriter('test.sav', variables, caseBytes, new TextDecoder('windows-1252'), appender, (n) => chunks.push(n));
    const put = (unit: number, width: number, v: Uint8Array | string) => {
      const bytes = typeof v === 'string' ? cp1252(v) : v;
      caseBytes.fill(32, unit * 8, unit * 8 + Math.ceil(width / 8) * 8);
      caseBytes.set(bytes, unit * 8);
    };
    try {
      for (const r of rows) {
        view.setFloat64(0, r.N, true);
        view.setFloat64(8, r.D, true);
        view.setFloat64(16, r.T, true);
        put(3, 8, r.S);
        put(4, 20, r.L);
        put(7, 4, r.M);
        writer.addCase();
      }
      writer.flush();
    } finally {
      appender.closeSync();
    }
    const out = await conn.runAndReadAll('SELECT "N", CAST("D" AS VARCHAR) AS "D", CAST("T" AS VARCHAR) AS "T", "S", "L", "M" FROM t ORDER BY rowid');
    return { rows: out.getRowObjectsJson(), chunks, total: writer.rows };
  }

  it('numbers, dates, date-times and strings (short, long, non-ASCII) land in DuckDB as values', async () => {
    const { rows, total } = await write([
      { N: 1.5, D: spssSeconds('1980-03-15T00:00:00'), T: spssSeconds('1980-03-15T13:45:10'), S: 'abc', L: 'a long string value!', M: 'x' },
      { N: 0, D: spssSeconds('1582-10-14T00:00:00'), T: spssSeconds('1970-01-01T00:00:00'), S: 'Zoë', L: 'Ærø é', M: 'ab' },
    ]);
    expect(total).toBe(2);
    expect(rows).toEqual([
      { N: 1.5, D: '1980-03-15', T: '1980-03-15 13:45:10', S: 'abc', L: 'a long string value!', M: 'x' },
      { N: 0, D: '1582-10-14', T: '1970-01-01 00:00:00', S: 'Zoë', L: 'Ærø é', M: 'ab' },
    ]);
  });

  it('a date value with a time of day is the calendar day (not rounded to the next day)', async () => {
    const { rows } = await write([{ N: 1, D: spssSeconds('1980-03-15T13:00:00'), T: SYSMIS, S: 'a', L: 'b', M: 'c' }]);
    expect(rows[0]!.D).toBe('1980-03-15');
  });

  it('system-missing, user-missing values and ranges and missing strings become NULL; blank strings are empty', async () => {
    const { rows } = await write([
      { N: 99, D: SYSMIS, T: SYSMIS, S: '', L: '', M: '--' },
      { N: -3, D: SYSMIS, T: SYSMIS, S: '        ', L: 'x', M: '--  ' },
      { N: SYSMIS, D: SYSMIS, T: SYSMIS, S: 'a', L: 'x', M: '-' },
      { N: -5.5, D: SYSMIS, T: SYSMIS, S: 'a', L: 'x', M: '---' },
    ]);
    expect(rows.map((r) => r.N)).toEqual([null, null, null, -5.5]);
    expect(rows.map((r) => r.D)).toEqual([null, null, null, null]);
    expect(rows.map((r) => r.T)).toEqual([null, null, null, null]);
    expect(rows.map((r) => r.S)).toEqual(['', '', 'a', 'a']);
    expect(rows.map((r) => r.M)).toEqual([null, null, '-', '---']);
  });

  it('trailing spaces and NULs are dropped, leading and inner spaces kept', async () => {
    const { rows } = await write([{ N: 1, D: SYSMIS, T: SYSMIS, S: Uint8Array.from([32, 65, 32, 66, 0, 0, 32, 32]), L: ' lead  inner   ', M: 'a ' }]);
    expect(rows[0]).toMatchObject({ S: ' A B', L: ' lead  inner', M: 'a' });
  });

  it('more rows than one DuckDB vector: flushed in chunks, every row kept and NULLs in the right rows', async () => {
    const n = 5000;
    const rows: Row[] = Array.from({ length: n }, (_, i) => ({
      N: i % 7 === 0 ? SYSMIS : i, D: SYSMIS, T: SYSMIS, S: `s${i}`, L: `long value number ${i}`.slice(0, 20), M: i % 2 ? '--' : 'ok',
    }));
    const { rows: out, chunks, total } = await write(rows);
    expect(total).toBe(n);
    expect(out).toHaveLength(n);
    expect(chunks.length).toBeGreaterThanOrEqual(2);
    expect(chunks.at(-1)).toBe(n);
    for (const i of [0, 1, 2047, 2048, 2049, 4095, 4096, 4999]) {
      expect(out[i]!.N, `row ${i}`).toBe(i % 7 === 0 ? null : i);
      expect(out[i]!.S).toBe(`s${i}`);
      expect(out[i]!.L).toBe(`long value number ${i}`.slice(0, 20));
      expect(out[i]!.M).toBe(i % 2 ? null : 'ok');
    }
    // row 99 holds the user-missing value 99
    expect(out[99]!.N).toBeNull();
    expect(out.filter((r) => r.N === null).length).toBe(Math.ceil(n / 7) + 1);
  });

  it('a date far outside any calendar is an input error naming the file, variable and row', async () => {
    const err = await write([
      { N: 1, D: spssSeconds('2000-01-01T00:00:00'), T: SYSMIS, S: 'a', L: 'b', M: 'c' },
      { N: 1, D: 1e300, T: SYSMIS, S: 'a', L: 'b', M: 'c' },
    ]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).toBe('test.sav: variable D, row 2: value is not a valid date');
  });
});
