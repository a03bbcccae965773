/**
 * readSav on .sav/.zsav files written by programs other than PSPP and this project: the committed fixtures in
 * fixtures/sav/ (which program wrote each, and how to regenerate them: fixtures/sav/README.md).
 *
 * For every fixture our rows must equal readstat's (`readstat FILE out.csv`) value by value: user-missing values as
 * the values stored, system-missing empty. readstat's CSV is text, so our values are written the way readstat 1.1.8
 * writes them (readstatNumber) and compared as text; that makes the comparison exact. readstat prints SPSS dates and
 * datetimes as the stored number (seconds since 1582-10-14), so ours are turned back into those seconds.
 *
 * Each fixture also comes with what its writer meant (haven_intent.csv: R's own values, 17 significant digits),
 * compared with our rows exactly, so a value on which readstat and the writer disagree would show here.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSav, type SavMetadata } from '../../sav/readSav.js';
import { openSav } from '../../sav/decodeSav.js';
import {
  readSavDictionary,
  SavFileSource,
  SPSS_EPOCH_OFFSET_SECONDS,
  type SavVariable,
} from '../../sav/savDictionary.js';
import { csvFields } from '../../sources/csvHeader.js';
import { memoryDb, run, tableRows, tool } from '../support/savTestTools.js';

const hasReadstat = tool('readstat');
const FIXTURES = join(import.meta.dirname, '../../fixtures/sav');

/** The fixtures: file, compression, and the CSV of the values its writer meant. */
const FILES = [
  { file: 'haven_byte.sav', compression: 'bytecode', intent: 'haven_intent.csv' },
  { file: 'haven_none.sav', compression: 'none', intent: 'haven_intent.csv' },
  { file: 'haven_zsav.zsav', compression: 'zlib', intent: 'haven_intent.csv' },
] as const;
const ROWS = 200;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'foreignsav-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/**
 * A double as readstat 1.1.8's CSV writer prints it (src/bin/write/mod_csv.c): "%lf" when the value has at most 6
 * decimals that are not trailing zeros in "%.14f", else "%.14f". toFixed rounds the exact binary value as glibc's
 * printf does (a tie cannot occur at 6 or 14 decimals: no double ends exactly in a decimal 5 there).
 */
function readstatNumber(v: number): string {
  const s14 = v.toFixed(14);
  const decimals = s14.replace(/0+$/, '').split('.')[1]!.length;
  return decimals <= 6 ? v.toFixed(6) : s14;
}

/** SPSS seconds since 1582-10-14 of a DuckDB DATE or TIMESTAMP as tableRows gives it ("2015-02-07", "2020-01-01 00:00:01.5"). */
function spssSeconds(iso: string): number {
  const t = Date.parse(`${iso.replace(' ', 'T')}${iso.length === 10 ? 'T00:00:00' : ''}Z`);
  if (Number.isNaN(t)) throw new Error(`not a date: ${iso}`);
  return t / 1000 + SPSS_EPOCH_OFFSET_SECONDS;
}

type Cell = string | null;

/** Lines of a CSV file, split into fields (no value in these fixtures holds a line break). */
function csvRecords(file: string): { names: string[]; records: string[][] } {
  const [head, ...lines] = readFileSync(file, 'utf8').replace(/\n$/, '').split('\n');
  const split = (l: string) => {
    const f = csvFields(l, ',');
    if (!f) throw new Error(`unbalanced quote in ${file}: ${l}`);
    return f;
  };
  return { names: split(head!), records: lines.map(split) };
}

/** readstat's CSV of `file` as rows of text cells: numbers as printed, strings unquoted, system-missing null. */
function readstatRows(
  file: string,
  types: Record<string, SavMetadata['variables'][number]['type']>,
): Record<string, Cell>[] {
  const out = join(dir, `${file.replace(/.*\//, '')}.csv`);
  run('readstat', [file, out], dir);
  const { names, records } = csvRecords(out);
  // a string is always quoted by readstat, so an empty numeric field (system-missing) is the only empty non-string
  return records.map((r) =>
    Object.fromEntries(names.map((n, i) => [n, types[n] !== 'string' && r[i] === '' ? null : r[i]!])),
  );
}

/** Our row cells written the way readstat writes them. */
function asReadstat(
  rows: Record<string, unknown>[],
  types: Record<string, SavMetadata['variables'][number]['type']>,
): Record<string, Cell>[] {
  return rows.map((row) =>
    Object.fromEntries(
      Object.entries(row).map(([n, v]) => {
        if (v === null) return [n, null];
        if (types[n] === 'string') return [n, v as string];
        if (types[n] === 'date' || types[n] === 'datetime') return [n, readstatNumber(spssSeconds(v as string))];
        return [n, readstatNumber(v as number)];
      }),
    ),
  );
}

async function dictionary(file: string): Promise<Record<string, SavVariable>> {
  const fh = await openSav(file);
  try {
    const d = await readSavDictionary(new SavFileSource(fh, file));
    return Object.fromEntries(d.variables.map((v) => [v.name, v]));
  } finally {
    await fh.close();
  }
}

async function ourRows(
  file: string,
): Promise<{ meta: SavMetadata; rows: Record<string, unknown>[]; sqlTypes: [string, string][] }> {
  const db = await memoryDb();
  try {
    const meta = await readSav(db.conn, file, 't');
    const rows = await tableRows(db.conn, 't');
    const types = await db.conn.runAndReadAll(
      `SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 't' ORDER BY ordinal_position`,
    );
    return { meta, rows, sqlTypes: types.getRows() as [string, string][] };
  } finally {
    db.close();
  }
}

const typesOf = (meta: SavMetadata) => Object.fromEntries(meta.variables.map((v) => [v.name, v.type]));
const enc = (s: string) => new TextEncoder().encode(s);

describe.each(FILES)('$file', ({ file, compression, intent }) => {
  const path = join(FIXTURES, file);

  it('is read as written: dictionary, types and the declared user-missing values', async () => {
    const { meta, sqlTypes } = await ourRows(path);
    expect(meta).toMatchObject({ encoding: 'utf-8', compression, rowCount: ROWS, keptRows: ROWS });
    expect(sqlTypes).toEqual([
      ['RINPERSOONS', 'VARCHAR'],
      ['RINPERSOON', 'VARCHAR'],
      ['NUMKEY', 'DOUBLE'],
      ['BEGIN_NUM', 'DOUBLE'],
      ['EINDE_NUM', 'DOUBLE'],
      ['DATUM', 'DATE'],
      ['TS', 'TIMESTAMP'],
      ['CODE_D', 'DOUBLE'],
      ['CODE_R', 'DOUBLE'],
      ['STRMIS', 'VARCHAR'],
      ['NAAM', 'VARCHAR'],
      ['BEDRAG', 'DOUBLE'],
      ['FRAC', 'DOUBLE'],
    ]);
    const byName = Object.fromEntries(meta.variables.map((v) => [v.name, v]));
    expect(byName.RINPERSOON).toMatchObject({ type: 'string', format: 'A9', label: 'Persoonsnummer (synthetisch)' });
    expect(byName.NUMKEY).toMatchObject({ type: 'numeric', format: 'F9.0' });
    expect(byName.DATUM).toMatchObject({ type: 'date', format: 'DATE11' });
    expect(byName.TS).toMatchObject({ type: 'datetime' });
    expect(byName.CODE_D).toMatchObject({
      label: 'Code met ontbrekende waarden',
      valueLabels: { '1': 'een', '2': 'twee', '99': 'onbekend' },
    });
    expect(byName.STRMIS!.valueLabels).toEqual({ '01': 'een', '----': 'onbekend' });
    // the fixture really declares what the test is about (else the row comparison below would prove nothing)
    const dict = await dictionary(path);
    expect(dict.EINDE_NUM).toMatchObject({ missingValues: [99999999] });
    expect(dict.CODE_D).toMatchObject({ missingValues: [97, 98, 99] });
    expect(dict.CODE_R).toMatchObject({ missingValues: [-1], missingRange: [900, Number.MAX_VALUE] }); // 900 THRU HIGHEST
    expect(dict.STRMIS!.missingStrings).toEqual([enc('----'), enc('9999')]);
  });

  it.skipIf(!hasReadstat && !process.env.CI)("gives readstat's values, value by value", async () => {
    const { meta, rows } = await ourRows(path);
    const types = typesOf(meta);
    const theirs = readstatRows(path, types);
    expect(theirs).toHaveLength(ROWS);
    expect(asReadstat(rows, types)).toEqual(theirs);

    // what that equality covers, spelled out: user-missing cells are there, as stored, next to system-missing ones
    const count = (col: string, pred: (v: unknown) => boolean) => rows.filter((r) => pred(r[col])).length;
    expect(count('EINDE_NUM', (v) => v === 99999999)).toBe(35); // declared missing: an unknown end, not "still running"
    expect(count('EINDE_NUM', (v) => v === null)).toBe(28); // system-missing: still running
    expect(theirs.filter((r) => r.EINDE_NUM === '99999999.000000')).toHaveLength(35);
    expect(count('CODE_D', (v) => v === 97 || v === 98 || v === 99)).toBe(99);
    expect(count('CODE_R', (v) => v === -1 || (typeof v === 'number' && v >= 900))).toBe(115);
    expect(count('CODE_R', (v) => v === 1e6)).toBe(29);
    expect(count('STRMIS', (v) => v === '----' || v === '9999')).toBe(80);
    expect(theirs.filter((r) => r.STRMIS === '----')).toHaveLength(40);
    expect(rows[2]).toMatchObject({
      RINPERSOON: '014285709',
      NUMKEY: 14285709,
      BEGIN_NUM: 20150422,
      CODE_D: 97,
      CODE_R: 950.5,
      STRMIS: '9999',
      NAAM: '€ 5',
    });
    expect(rows.map((r) => r.NAAM)).toContain('naïve 😀');
    expect(rows.map((r) => r.NAAM)).toContain('తెలుగు');
  });

  it('gives the values its writer meant', async () => {
    const { meta, rows } = await ourRows(path);
    const types = typesOf(meta);
    const { names, records } = csvRecords(join(FIXTURES, intent));
    // the writer's CSV: numbers with 17 significant digits (exact), dates ISO, datetimes as seconds since 1970 (UTC)
    const meant = records.map((r) =>
      Object.fromEntries(
        names.map((n, i) => {
          const f = r[i]!;
          if (types[n] === 'string' || types[n] === 'date') return [n, types[n] === 'date' && f === '' ? null : f];
          return [n, f === '' ? null : Number(f)];
        }),
      ),
    );
    expect(meant).toHaveLength(ROWS);
    const ours = rows.map((row) =>
      Object.fromEntries(
        Object.entries(row).map(([n, v]) => [
          n,
          types[n] === 'datetime' && v !== null ? Date.parse(`${String(v).replace(' ', 'T')}Z`) / 1000 : v,
        ]),
      ),
    );
    expect(ours).toEqual(meant);
    expect(ours.filter((r) => r.TS === 1577840401.5)).toHaveLength(1); // the half second kept
  });
});
