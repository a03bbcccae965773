import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import { sqlString } from '../core/sql.js';
import { InputError, InternalError } from '../core/errors.js';
import { messages } from '../core/messages.js';
import { loadQuery } from '../core/loadQuery.js';
import { type SavWriteVariable, writeSavFromQuery } from '../sav/writeSav.js';
import { PWET_CATS, UWV_BACKGROUNDS, UWV_TYPES, WMO_CATS, bitOf } from '../model/personSets.js';
import { segmentDemographics } from './syntheticDemographics.js';
import { defaultProfileFit, integerizeProfiles, mulberry32, segmentOf } from './syntheticProfiles.js';

/**
 * The synthetic data generator: a complete input directory in the default layout and default codes of docs/spec/inputs.md,
 * generated inside DuckDB and deterministic per seed (hash-based pseudo-randomness, rows in a fixed order, so the
 * same seed gives the same bytes whatever the thread count).
 *
 * Study persons come from profiles calibrated to the published tables (syntheticProfiles.ts), scaled; the rest of
 * the population (GBA, education, Wmo users without a work provision, SRG and UWV records that must not count)
 * scales proportionally. At scale 1 the data is national size (GBAPERSOONTAB ≈ 24 million rows).
 */

export interface GenerateOptions {
  outDir: string;
  scale: number;
  /**
   * Scale of the persons outside the study (the GBA population, Wmo-only users, records that must not count);
   * default `scale`. The demo keeps it small: those persons cost reading time but change no published cell.
   */
  populationScale?: number | undefined;
  seed: number;
  format: 'csv' | 'parquet' | 'sav';
  onProgress?: (stage: string, rows: number) => void;
}

export interface GenerateResult {
  files: { name: string; rows: number }[];
  totalRows: number;
}

/** Default of `generate`: small enough to generate and run in seconds; large enough that most published cells are non-trivial. */
export const DEFAULT_SCALE = 0.02;

/**
 * The demo's data: the study persons at 0.3 of national size, so that every figure shows bars (the interpreter
 * figures need a few hundred interpreter users) while protection still hides cells in most tables; everyone else
 * (the GBA population, Wmo-only users, records that must not count) at 0.005, which changes no published cell but
 * keeps reading fast. Seed 2: with seed 1 half the tables, with seed 2 17 of 28 show a `**`.
 */
export const DEMO_SETTINGS = { scale: 0.3, populationScale: 0.005, seed: 2 } as const;

/** National volumes at scale 1 (besides the calibrated study persons). */
const NATIONAL_VOLUMES = {
  /** Everyone in GBAPERSOONTAB. */
  population: 24_200_000,
  /** Wmo users without a work provision (≈ 4.5 records each over 2015–2023). */
  wmoOnly: 2_300_000,
  /** Persons with only SRG records that must not count (ignored codes, outside the period). */
  srgNoise: 250_000,
  /** Persons with only UWV records outside the period. */
  uwvNoise: 60_000,
} as const;

/** The default period the generated records are placed around (inputs: default config). */
const SYNTHETIC_PERIOD = { start: '2017-01-01', end: '2022-12-31' } as const;

/**
 * HOOGSTEOPLTAB years written: each person's record comes from the latest file ≤ the end year; 2023 must be ignored.
 * @internal exported for its test (and only used there)
 */
export const EDUCATION_YEARS = [2016, 2018, 2019, 2021, 2022, 2023] as const;
/** @internal exported for its test (and only used there) */
export const WMO_YEARS = [2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023] as const;

const EDUCATION_COLUMN = (year: number) =>
  year <= 2018 ? 'OPLNIVSOI2016AGG4HBMETNIRWO' : 'OPLNIVSOI2021AGG4HBmetNIRWO';

/** Bit positions of the profile layout the SQL relies on (contiguous ranges of BASE_SETS). */
function profileBits() {
  const start = (keys: readonly string[]) => {
    const bits = keys.map((k) => bitOf(k));
    bits.forEach((b, i) => {
      if (b !== bits[0]! + i)
        throw new InternalError(`synthetic generator: base sets ${keys.join(',')} are not contiguous`);
    });
    return bits[0]!;
  };
  return {
    pwetBit: start(PWET_CATS.map((c) => `pwet.${c}`)),
    lksBit: bitOf('lks'),
    typeBit: start(UWV_TYPES.map((t) => `uwv.${t}`)),
    bgBit: start(UWV_BACKGROUNDS.map((b) => `uwv.bg.${b}`)),
    tolkBit: bitOf('tolk'),
    visBit: bitOf('visueel'),
    wmoBit: start(WMO_CATS.map((c) => `wmo.${c}`)),
  };
}

/** SPSS variables of a generated file: dates as SPSS dates, everything else as strings of a fixed width. */
const SAV_WIDTHS: Record<string, number> = {
  RINPERSOONS: 1,
  RINPERSOON: 9,
  GBAGESLACHT: 1,
  GBAGEBOORTEJAAR: 4,
  GBAGEBOORTEMAAND: 2,
  GBAGEBOORTEDAG: 2,
  OPLNIVSOI2016AGG4HBMETNIRWO: 4,
  OPLNIVSOI2021AGG4HBmetNIRWO: 4,
  SRGVOORZIENING: 2,
  WMOTYPEMAATWERKARRANGEMENT: 2,
  UWVSOORTVOORZIENING: 12,
  UWVWETTELIJKEACHTERGROND: 10,
  UWVPRODUCT: 24,
};

async function savVariables(
  conn: DuckDBConnection,
  select: string,
  params: Record<string, DuckDBValue>,
): Promise<SavWriteVariable[]> {
  const reader = await conn.runAndReadAll(loadQuery('synthetic/columns_of', {}, { select }), params);
  return reader.columnNames().map((name): SavWriteVariable => {
    if (name.includes('DATUM')) return { name, type: 'date' };
    const width = SAV_WIDTHS[name];
    if (width === undefined) throw new InternalError(`synthetic generator: no SPSS width for column ${name}`);
    return { name, type: 'string', width };
  });
}

/** Bind only the $params a statement uses (DuckDB rejects unknown names). */
function paramsFor(sql: string, all: Record<string, DuckDBValue>): Record<string, DuckDBValue> {
  const out: Record<string, DuckDBValue> = {};
  for (const m of sql.matchAll(/\$([A-Za-z_]\w*)/g)) {
    const name = m[1]!;
    if (!(name in all)) throw new InternalError(`synthetic generator: no value for $${name}`);
    out[name] = all[name]!;
  }
  return out;
}

/** The largest population scale (1 = national size): above it the generator's own tables outgrow its memory limit. */
export const MAX_SCALE = 4;
const FORMATS = ['csv', 'parquet', 'sav'] as const;

function checkOptions(o: GenerateOptions): void {
  if (!Number.isFinite(o.scale) || o.scale <= 0 || o.scale > MAX_SCALE) {
    throw new InputError(messages.badOption('--scale', String(o.scale), messages.scaleRange(MAX_SCALE)));
  }
  if (!Number.isSafeInteger(o.seed))
    throw new InputError(messages.badOption('--seed', String(o.seed), messages.wholeNumber()));
  if (!(FORMATS as readonly string[]).includes(o.format)) {
    throw new InputError(messages.badOption('--format', String(o.format), FORMATS.join(', ')));
  }
}

export async function generateSynthetic(conn: DuckDBConnection, options: GenerateOptions): Promise<GenerateResult> {
  checkOptions(options);
  const { scale, seed, format } = options;
  const outDir = resolve(options.outDir);
  mkdirSync(outDir, { recursive: true });

  const rnd = mulberry32(seed ^ 0x2a5f1c3d);
  const fit = defaultProfileFit();
  const counts = integerizeProfiles(fit.profiles, scale, rnd());
  const studyPersons = counts.reduce((s, c) => s + c.n, 0);
  const v = (n: number) => Math.round(n * (options.populationScale ?? scale));
  const wmoOnly = v(NATIONAL_VOLUMES.wmoOnly);
  const srgNoise = v(NATIONAL_VOLUMES.srgNoise);
  const uwvNoise = v(NATIONAL_VOLUMES.uwvNoise);
  const wmoStart = studyPersons;
  const srgNoiseStart = wmoStart + wmoOnly;
  const uwvNoiseStart = srgNoiseStart + srgNoise;
  const persons = Math.max(uwvNoiseStart + uwvNoise, v(NATIONAL_VOLUMES.population));
  // RINPERSOON = (pid × rinMul + rinAdd) mod 999,999,937 + 1: a bijection, different per seed.
  const rinMul = 100_003 + Math.floor(rnd() * 899_000_000);
  const rinAdd = Math.floor(rnd() * 999_999_937);

  const all: Record<string, DuckDBValue> = {
    seed: BigInt(seed),
    rinMul: BigInt(rinMul),
    rinAdd: BigInt(rinAdd),
    pStart: SYNTHETIC_PERIOD.start,
    pEnd: SYNTHETIC_PERIOD.end,
    bgEndYear: Number(SYNTHETIC_PERIOD.end.slice(0, 4)),
    studyPersons: BigInt(studyPersons),
    persons: BigInt(persons),
    ...profileBits(),
  };
  const run = async (sql: string, extra: Record<string, DuckDBValue> = {}) => {
    await conn.run(sql, paramsFor(sql, { ...all, ...extra }));
  };

  const count = async (table: string) =>
    Number((await conn.runAndReadAll(loadQuery('synthetic/count', { table }))).getRows()[0]?.[0] ?? 0);

  const files: { name: string; rows: number }[] = [];
  const ext = format;
  const copyOptions = format === 'parquet' ? 'FORMAT parquet' : 'FORMAT csv, HEADER';
  const write = async (base: string, query: string, extra: Record<string, DuckDBValue> = {}) => {
    const name = `${base}.${ext}`;
    if (format === 'sav') {
      const select = query.trim().replace(/;$/, '');
      const params = paramsFor(select, { ...all, ...extra });
      const variables = await savVariables(conn, select, params);
      const rows = await writeSavFromQuery(conn, select, params, join(outDir, name), variables);
      files.push({ name, rows });
      options.onProgress?.(name, rows);
      return;
    }
    const sql = loadQuery(
      'synthetic/copy',
      {},
      { query: query.trim().replace(/;$/, ''), file: sqlString(join(outDir, name)), options: copyOptions },
    );
    const reader = await conn.runAndReadAll(sql, paramsFor(sql, { ...all, ...extra }));
    const rows = Number(reader.getRows()[0]?.[0] ?? 0);
    files.push({ name, rows });
    options.onProgress?.(name, rows);
  };

  try {
    await conn.run(loadQuery('synthetic/macros'));
    await conn.run(loadQuery('synthetic/tables'));
    const profiles = await conn.createAppender('syn_profiles', 'main', 'temp');
    counts.forEach((c, i) => {
      profiles.appendInteger(i);
      profiles.appendInteger(c.bits);
      profiles.appendBigInt(BigInt(c.n));
      profiles.appendVarchar(segmentOf(c.bits));
      profiles.endRow();
    });
    profiles.closeSync();
    const segments = await conn.createAppender('syn_segments', 'main', 'temp');
    for (const d of segmentDemographics()) {
      segments.appendVarchar(d.seg);
      for (const x of [d.man, d.laag, d.midden, d.hoog, d.eduUnknown, d.lt18, d.a18_27, d.a28_55, d.gt55])
        segments.appendDouble(x);
      segments.endRow();
    }
    segments.closeSync();

    await run(loadQuery('synthetic/persons'));
    options.onProgress?.('persons', studyPersons);
    await run(loadQuery('synthetic/srg'), {
      noiseStart: BigInt(srgNoiseStart),
      noiseEnd: BigInt(srgNoiseStart + srgNoise),
    });
    await run(loadQuery('synthetic/uwv'), {
      noiseStart: BigInt(uwvNoiseStart),
      noiseEnd: BigInt(uwvNoiseStart + uwvNoise),
    });
    await run(loadQuery('synthetic/wmo_study'));
    await run(loadQuery('synthetic/wmo_general'), { start: BigInt(wmoStart), persons: BigInt(wmoOnly) });
    options.onProgress?.('records', (await count('syn_srg')) + (await count('syn_uwv')) + (await count('syn_wmo')));
    await run(loadQuery('synthetic/demographics'));

    await write('GBAPERSOON2022TABV1', loadQuery('synthetic/gba'));
    for (const year of EDUCATION_YEARS) {
      await write(
        `HOOGSTEOPL${year}TABV1`,
        loadQuery('synthetic/hoogsteopl', { levelColumn: EDUCATION_COLUMN(year) }),
        { year },
      );
    }
    await write('PWETSRGVOORZIENINGTAB', loadQuery('synthetic/srg_file'));
    for (const year of WMO_YEARS) await write(`WMO${year}BUSV1`, loadQuery('synthetic/wmo_file'), { year });
    await write('UWVVOORZIENING', loadQuery('synthetic/uwv_file'));
  } finally {
    await conn.run(loadQuery('synthetic/cleanup'));
  }
  return { files, totalRows: files.reduce((s, f) => s + f.rows, 0) };
}
