import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlString } from '../../core/sql.js';
import { InputError } from '../../core/errors.js';
import {
  EDUCATION_YEARS,
  WMO_YEARS,
  generateSynthetic,
  type GenerateResult,
} from '../../synthetic/generateSynthetic.js';
import { type Database, openDatabase } from '../../core/openDatabase.js';
import { packageRoot } from '../../core/packageRoot.js';

const SCALE = 0.002;
const dirs: string[] = [];
const scratch = () => {
  const d = mkdtempSync(join(tmpdir(), 'mg-syn-'));
  dirs.push(d);
  return d;
};

async function generate(
  outDir: string,
  seed: number,
  scale = SCALE,
  threads = 2,
  format: 'csv' | 'parquet' | 'sav' = 'csv',
) {
  const db = await openDatabase({ threads });
  try {
    return await generateSynthetic(db.connection, { outDir, scale, seed, format });
  } finally {
    db.close();
  }
}

const bytes = (dir: string) =>
  Object.fromEntries(
    readdirSync(dir)
      .sort()
      .map((f) => [
        f,
        createHash('sha256')
          .update(readFileSync(join(dir, f)))
          .digest('hex'),
      ]),
  );

const config = JSON.parse(readFileSync(join(packageRoot(), 'schemas', 'default.config.json'), 'utf8')) as {
  codes: Record<string, Record<string, string> | string[]>;
};

let base: string;
let baseResult: GenerateResult;
let db: Database;

beforeAll(async () => {
  base = scratch();
  baseResult = await generate(base, 7);
  db = await openDatabase();
});

afterAll(() => {
  db?.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function query(sql: string): Promise<Record<string, unknown>[]> {
  return (await db.connection.runAndReadAll(sql)).getRowObjects() as Record<string, unknown>[];
}
const csv = (name: string) => `read_csv(${sqlString(join(base, name))}, all_varchar = true, header = true)`;
const wmoAll = () =>
  `read_csv([${WMO_YEARS.map((y) => sqlString(join(base, `WMO${y}BUSV1.csv`))).join(', ')}], all_varchar = true, header = true)`;

describe('generateSynthetic', () => {
  it('writes the default layout: CBS-like file names and default column names', () => {
    const expected = [
      'GBAPERSOON2022TABV1.csv',
      ...EDUCATION_YEARS.map((y) => `HOOGSTEOPL${y}TABV1.csv`),
      'PWETSRGVOORZIENINGTAB.csv',
      ...WMO_YEARS.map((y) => `WMO${y}BUSV1.csv`),
      'UWVVOORZIENING.csv',
    ];
    expect(readdirSync(base).sort()).toEqual([...expected].sort());
    expect(baseResult.files.map((f) => f.name)).toEqual(expected);
    const header = (f: string) => readFileSync(join(base, f), 'utf8').split('\n', 1)[0];
    expect(header('GBAPERSOON2022TABV1.csv')).toBe(
      'RINPERSOONS,RINPERSOON,GBAGESLACHT,GBAGEBOORTEJAAR,GBAGEBOORTEMAAND,GBAGEBOORTEDAG',
    );
    expect(header('HOOGSTEOPL2018TABV1.csv')).toBe('RINPERSOONS,RINPERSOON,OPLNIVSOI2016AGG4HBMETNIRWO');
    expect(header('HOOGSTEOPL2019TABV1.csv')).toBe('RINPERSOONS,RINPERSOON,OPLNIVSOI2021AGG4HBmetNIRWO');
    expect(header('PWETSRGVOORZIENINGTAB.csv')).toBe(
      'RINPERSOONS,RINPERSOON,SRGVOORZIENING,SRGDATUMAANVANG,SRGDATUMEINDE',
    );
    expect(header('WMO2020BUSV1.csv')).toBe(
      'RINPERSOONS,RINPERSOON,WMOTYPEMAATWERKARRANGEMENT,WMODATUMAANVANG,WMODATUMEINDE',
    );
    expect(header('UWVVOORZIENING.csv')).toBe(
      'RINPERSOONS,RINPERSOON,UWVSOORTVOORZIENING,UWVWETTELIJKEACHTERGROND,UWVPRODUCT,UWVDATUMAANVANG,UWVDATUMEINDE',
    );
    for (const f of baseResult.files) {
      const lines = readFileSync(join(base, f.name), 'utf8').trimEnd().split('\n').length - 1;
      expect(lines, f.name).toBe(f.rows);
    }
  });

  it('is deterministic per seed, whatever the thread count', async () => {
    const again = scratch();
    await generate(again, 7, SCALE, 1);
    expect(bytes(again)).toEqual(bytes(base));
    const other = scratch();
    await generate(other, 8);
    const a = bytes(base);
    const b = bytes(other);
    expect(Object.keys(b)).toEqual(Object.keys(a));
    for (const f of Object.keys(a)) expect(a[f], f).not.toBe(b[f]);
  });

  it('scales the row counts', async () => {
    const bigger = scratch();
    const r = await generate(bigger, 7, SCALE * 4);
    const rows = (res: GenerateResult, name: string) => res.files.find((f) => f.name === name)!.rows;
    for (const name of [
      'GBAPERSOON2022TABV1.csv',
      'HOOGSTEOPL2022TABV1.csv',
      'PWETSRGVOORZIENINGTAB.csv',
      'WMO2020BUSV1.csv',
      'UWVVOORZIENING.csv',
    ]) {
      const ratio = rows(r, name) / rows(baseResult, name);
      expect(ratio, name).toBeGreaterThan(3.6);
      expect(ratio, name).toBeLessThan(4.4);
    }
    expect(rows(baseResult, 'GBAPERSOON2022TABV1.csv')).toBeGreaterThan(24_000_000 * SCALE * 0.99);
  });

  it('writes 9-digit keys, YYYYMMDD dates and unique GBA persons', async () => {
    const files = baseResult.files.map((f) => f.name);
    for (const f of files) {
      const [row] = await query(
        `SELECT count(*) FILTER (WHERE NOT regexp_full_match(RINPERSOON, '[0-9]{9}') OR RINPERSOON = '000000000') AS bad,
                count(*) FILTER (WHERE RINPERSOONS NOT IN ('R', 'B')) AS badType FROM ${csv(f)}`,
      );
      expect(Number(row!.bad), f).toBe(0);
      expect(Number(row!.badType), f).toBe(0);
    }
    const [gba] = await query(
      `SELECT count(*) AS n, count(DISTINCT RINPERSOON) AS d FROM ${csv('GBAPERSOON2022TABV1.csv')}`,
    );
    expect(gba!.n).toBe(gba!.d);
    for (const [src, prefix] of [
      [csv('PWETSRGVOORZIENINGTAB.csv'), 'SRG'],
      [csv('UWVVOORZIENING.csv'), 'UWV'],
      [wmoAll(), 'WMO'],
    ] as const) {
      const [row] = await query(
        `SELECT count(*) FILTER (WHERE NOT regexp_full_match(${prefix}DATUMAANVANG, '[0-9]{8}')) AS badBegin,
                count(*) FILTER (WHERE ${prefix}DATUMEINDE IS NOT NULL AND NOT regexp_full_match(${prefix}DATUMEINDE, '[0-9]{8}')) AS badEnd,
                count(*) FILTER (WHERE ${prefix}DATUMEINDE < ${prefix}DATUMAANVANG) AS endBeforeBegin,
                count(*) FILTER (WHERE ${prefix}DATUMEINDE IS NULL) AS running
         FROM ${src}`,
      );
      expect(Number(row!.badBegin), prefix).toBe(0);
      expect(Number(row!.badEnd), prefix).toBe(0);
      expect(Number(row!.endBeforeBegin), prefix).toBe(0);
      expect(Number(row!.running), prefix).toBeGreaterThan(0);
    }
  });

  it('uses only codes of the default config, with the SRG classification by date', async () => {
    const keys = (k: string) => Object.keys(config.codes[k] as Record<string, string>);
    const distinct = async (sql: string) => (await query(sql)).map((r) => String(Object.values(r)[0]));
    const srg = await distinct(`SELECT DISTINCT SRGVOORZIENING FROM ${csv('PWETSRGVOORZIENINGTAB.csv')}`);
    expect(srg.every((c) => keys('srg').includes(c))).toBe(true);
    expect(new Set(srg)).toEqual(new Set(keys('srg')));
    const era = await query(
      `SELECT count(*) FILTER (WHERE SRGVOORZIENING IN ('11','12','13','14','16','19') AND SRGDATUMAANVANG >= '20190101') AS oldLate,
              count(*) FILTER (WHERE SRGVOORZIENING NOT IN ('11','12','13','14','16','19') AND SRGDATUMAANVANG < '20190101') AS newEarly
       FROM ${csv('PWETSRGVOORZIENINGTAB.csv')}`,
    );
    expect(Number(era[0]!.oldLate)).toBe(0);
    expect(Number(era[0]!.newEarly)).toBe(0);
    const wmo = await distinct(`SELECT DISTINCT WMOTYPEMAATWERKARRANGEMENT FROM ${wmoAll()}`);
    expect(new Set(wmo)).toEqual(new Set(keys('wmo')));
    const types = await distinct(`SELECT DISTINCT UWVSOORTVOORZIENING FROM ${csv('UWVVOORZIENING.csv')}`);
    expect(new Set(types)).toEqual(new Set(keys('uwvType')));
    const bgs = await distinct(`SELECT DISTINCT UWVWETTELIJKEACHTERGROND FROM ${csv('UWVVOORZIENING.csv')}`);
    expect(new Set(bgs)).toEqual(new Set(keys('uwvBackground')));
    const tolk = config.codes.tolkProducts as string[];
    const visueel = config.codes.visueelProducts as string[];
    const products = await query(
      `SELECT UWVSOORTVOORZIENING AS t, UWVPRODUCT AS p, count(*) AS n FROM ${csv('UWVVOORZIENING.csv')} GROUP BY ALL`,
    );
    for (const { t, p } of products) {
      if (tolk.includes(String(p))) expect(t).toBe('INTERMEDIAIR');
      if (visueel.includes(String(p))) expect(['INTERMEDIAIR', 'MEENEEMBAAR']).toContain(t);
    }
    expect(products.some((r) => tolk.includes(String(r.p)))).toBe(true);
    expect(products.some((r) => visueel.includes(String(r.p)))).toBe(true);
    expect(products.some((r) => r.p === null)).toBe(true);
    const levels = await distinct(
      `SELECT DISTINCT left(coalesce(OPLNIVSOI2021AGG4HBmetNIRWO, 'leeg'), 1) FROM ${csv('HOOGSTEOPL2022TABV1.csv')}`,
    );
    expect(new Set(levels)).toEqual(new Set(['1', '2', '3', '-', '9', 'l']));
    const gender = await distinct(`SELECT DISTINCT GBAGESLACHT FROM ${csv('GBAPERSOON2022TABV1.csv')}`);
    expect(new Set(gender)).toEqual(new Set(['1', '2', '-']));
  });

  it('has study persons in several domains, duplicates and persons that must not count', async () => {
    const srg = csv('PWETSRGVOORZIENINGTAB.csv');
    const uwv = csv('UWVVOORZIENING.csv');
    const [dup] = await query(
      `SELECT (SELECT count(*) - count(DISTINCT (RINPERSOON, SRGVOORZIENING, SRGDATUMAANVANG, SRGDATUMEINDE)) FROM ${srg}) AS srgDup,
              (SELECT count(*) FROM (SELECT DISTINCT RINPERSOON FROM ${srg} WHERE SRGVOORZIENING IN ('16','40','41','42')
                 EXCEPT SELECT DISTINCT RINPERSOON FROM ${srg} WHERE SRGVOORZIENING IN ('30','31','59','57','69','12','13','14','19'))) AS lksOnly,
              (SELECT count(*) FROM (SELECT DISTINCT RINPERSOON FROM ${srg} INTERSECT SELECT DISTINCT RINPERSOON FROM ${uwv})) AS pwetUwv,
              (SELECT count(*) FROM ${wmoAll()} WHERE RINPERSOONS = 'B') AS otherKeyType`,
    );
    expect(Number(dup!.srgDup)).toBeGreaterThan(0);
    expect(Number(dup!.lksOnly)).toBeGreaterThan(0);
    expect(Number(dup!.pwetUwv)).toBeGreaterThan(0);
    expect(Number(dup!.otherKeyType)).toBeGreaterThan(0);
  });

  it('writes parquet and sav with the same rows', async () => {
    const pq = scratch();
    const r = await generate(pq, 7, SCALE, 2, 'parquet');
    expect(r.files.map((f) => f.rows)).toEqual(baseResult.files.map((f) => f.rows));
    expect(readdirSync(pq).every((f) => f.endsWith('.parquet'))).toBe(true);
    const [row] = await query(
      `SELECT count(*) AS n FROM read_parquet(${sqlString(join(pq, 'UWVVOORZIENING.parquet'))})`,
    );
    expect(Number(row!.n)).toBe(r.files.at(-1)!.rows);
    const sav = scratch();
    const s = await generate(sav, 7, SCALE / 4, 2, 'sav');
    expect(readdirSync(sav).filter((f) => f.endsWith('.sav')).length).toBe(s.files.length);
  });

  it('rejects bad options with an InputError', async () => {
    const d = scratch();
    await expect(generate(d, 1, 0)).rejects.toBeInstanceOf(InputError);
    await expect(generate(d, 1.5)).rejects.toBeInstanceOf(InputError);
    const database = await openDatabase();
    try {
      await expect(
        generateSynthetic(database.connection, { outDir: d, scale: 0.01, seed: 1, format: 'xlsx' as 'csv' }),
      ).rejects.toBeInstanceOf(InputError);
    } finally {
      database.close();
    }
  });
});
