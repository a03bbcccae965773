import type { DuckDBConnection } from '@duckdb/node-api';
import type { Config } from '../schemas/config.js';
import { InputError, InternalError } from '../core/errors.js';
import { sqlIdentifier } from '../core/sql.js';
import { loadQuery } from '../core/loadQuery.js';
import { parseCsvHeader, rawCsvHeader } from './csvHeader.js';
import { messages } from '../core/messages.js';
import { duckdbDetail, maskNumbers, translateDuckDBError } from '../core/duckdbErrors.js';
import { type InputFile, type SourceKey, yearFromFileName } from './sourceFiles.js';

/** A standard column of a source: the SQL alias the queries use and the config field that names it. */
export interface ColumnSpec {
  alias: string;
  field: string;
  /** Candidate column names, tried in order (case-insensitive). */
  names: string[];
}

export function columnSpecs(key: SourceKey, config: Config): ColumnSpec[] {
  const key2 = (c: { rinpersoons: string; rinpersoon: string }, src: string): ColumnSpec[] => [
    { alias: 'rs', field: `sources.${src}.columns.rinpersoons`, names: [c.rinpersoons] },
    { alias: 'rn', field: `sources.${src}.columns.rinpersoon`, names: [c.rinpersoon] },
  ];
  if (key === 'srg' && config.sources.srg.wide) return wideSrgSpecs(config);
  switch (key) {
    case 'srg':
    case 'wmo': {
      const c = config.sources[key].columns;
      return [
        ...key2(c, key),
        { alias: 'code', field: `sources.${key}.columns.code`, names: [c.code] },
        { alias: 'begin_raw', field: `sources.${key}.columns.begin`, names: [c.begin] },
        { alias: 'end_raw', field: `sources.${key}.columns.end`, names: [c.end] },
      ];
    }
    case 'uwv': {
      const c = config.sources.uwv.columns;
      return [
        ...key2(c, 'uwv'),
        { alias: 'type', field: 'sources.uwv.columns.type', names: [c.type] },
        { alias: 'background', field: 'sources.uwv.columns.background', names: [c.background] },
        { alias: 'product', field: 'sources.uwv.columns.product', names: [c.product] },
        { alias: 'begin_raw', field: 'sources.uwv.columns.begin', names: [c.begin] },
        { alias: 'end_raw', field: 'sources.uwv.columns.end', names: [c.end] },
      ];
    }
    case 'gba': {
      const c = config.sources.gba.columns;
      return [
        ...key2(c, 'gba'),
        { alias: 'gender', field: 'sources.gba.columns.gender', names: [c.gender] },
        { alias: 'birth_year', field: 'sources.gba.columns.birthYear', names: [c.birthYear] },
        { alias: 'birth_month', field: 'sources.gba.columns.birthMonth', names: [c.birthMonth] },
      ];
    }
    case 'education': {
      const c = config.sources.education.columns;
      return [...key2(c, 'education'), { alias: 'level', field: 'sources.education.columns.level', names: c.level }];
    }
  }
}

/** Wide SRG: the key, the dates and one count column per provision type (aliases w0, w1, … in declaration order). */
function wideSrgSpecs(config: Config): ColumnSpec[] {
  const c = config.sources.srg.columns;
  return [
    { alias: 'rs', field: 'sources.srg.columns.rinpersoons', names: [c.rinpersoons] },
    { alias: 'rn', field: 'sources.srg.columns.rinpersoon', names: [c.rinpersoon] },
    { alias: 'begin_raw', field: 'sources.srg.columns.begin', names: [c.begin] },
    { alias: 'end_raw', field: 'sources.srg.columns.end', names: [c.end] },
    ...Object.keys(config.sources.srg.wide!.columns).map((name, k) => ({ alias: `w${k}`, field: `sources.srg.wide.columns.${name}`, names: [name] })),
  ];
}

/** The wide SRG relation turned into the long form (queries/srg_wide.sql): one row per count above zero. */
function wideToLong(rel: Relation, config: Config): Relation {
  const params = { ...rel.params };
  const types = Object.values(config.sources.srg.wide!.columns).map((code, k) => {
    params[`wc${k}`] = code;
    return `{'code': CAST($wc${k} AS VARCHAR), 'n': w${k}}`;
  });
  return { sql: loadQuery('srg_wide', {}, { relation: rel.sql, types: types.join(', ') }), params };
}

/** A source file ready to be queried: its columns resolved, .sav files already loaded into a DuckDB table. */
export interface PreparedFile {
  file: InputFile;
  index: number;
  /** alias → the file's actual column name */
  columns: Record<string, string>;
  /** For .sav: the DuckDB table holding it. */
  table?: string;
  /** For HOOGSTEOPLTAB: the year from the file name. */
  year?: number;
  /** For CSV whose header was read directly: its delimiter, passed to DuckDB so it need not sniff it. */
  delim?: string;
  /** For typed files (Parquet, .sav): alias → DuckDB type of the column. */
  types?: Record<string, string>;
}

/** Reads the first line of a text file (injected: this stage does no file I/O of its own). */
export type FirstLineReader = (path: string) => Promise<string>;

/** Loads an SPSS file into a DuckDB table (provided by the .sav reader; injected so this stage has no file I/O of its own). */
export type SavLoader = (conn: DuckDBConnection, path: string, table: string, columns: string[]) => Promise<void>;

/** A DuckDB error while reading the file(s) becomes bad input naming them (by error type: core/duckdbErrors.ts). */
export function readError(file: string, err: unknown): unknown {
  return translateDuckDBError(err, { file });
}

/** Finds why a CSV file cannot be read (first non-UTF-8 or ragged row), or undefined (injected: does file I/O). */
export type CsvDiagnoser = (path: string, delim?: string) => Promise<string | undefined>;

/**
 * A DuckDB error while reading these files: bad input naming the files (readError); when they are CSV files and a
 * diagnoser is given, naming the one file and row at fault and why.
 */
export async function fileFault(files: readonly PreparedFile[], err: unknown, diagnose?: CsvDiagnoser): Promise<unknown> {
  const translated = readError(files.map((f) => f.file.name).join(', '), err);
  if (!(translated instanceof InputError) || !diagnose) return translated;
  for (const f of files) {
    if (f.file.format !== 'csv') continue;
    const why = await diagnose(f.file.path, f.delim).catch(() => undefined);
    if (why !== undefined) return new InputError(messages.unreadable(f.file.name, why));
  }
  return translated;
}

interface ColumnInfo {
  name: string;
  type: string;
}

async function describeColumns(conn: DuckDBConnection, file: InputFile, table: string | undefined, diagnose?: CsvDiagnoser): Promise<ColumnInfo[]> {
  const src =
    file.format === 'csv'
      ? 'read_csv($f, all_varchar = true, header = true)'
      : file.format === 'parquet'
        ? 'read_parquet($f)'
        : sqlIdentifier(table!);
  try {
    const reader = await conn.runAndReadAll(`DESCRIBE SELECT * FROM ${src}`, file.format === 'sav' ? {} : { f: file.path });
    return reader.getRowObjects().map((r) => ({ name: String(r.column_name), type: String(r.column_type) }));
  } catch (e) {
    throw await fileFault([{ file, index: 0, columns: {} }], e, diagnose);
  }
}

/** Whether the file has no data rows (0 bytes, a CSV with a header only, a Parquet or .sav file without rows). */
async function isEmptyFile(conn: DuckDBConnection, file: InputFile, table: string | undefined, firstLine: string | undefined): Promise<boolean> {
  if (file.size === 0) return true;
  try {
    if (file.format === 'csv') return firstLine !== undefined && file.size - Buffer.byteLength(firstLine) <= 2;
    const r =
      file.format === 'parquet'
        ? await conn.runAndReadAll(loadQuery('parquet_file_rows'), { f: file.path })
        : await conn.runAndReadAll(loadQuery('table_rows', { table: table! }));
    return Number(r.getRowObjects()[0]!.n) === 0;
  } catch (e) {
    throw readError(file.name, e);
  }
}

/** Aliases whose values are keys or dates: a 32-bit float cannot hold them exactly (123456789 reads as 123456792). */
const EXACT_ALIASES = new Set(['rs', 'rn', 'begin_raw', 'end_raw', 'birth_year', 'birth_month', 'code', 'type', 'background', 'product', 'level', 'gender']);

/**
 * One rule per concept for typed columns (Parquet, .sav): integers, text, DATE/TIMESTAMP and DOUBLE are read through
 * the same text rules as CSV (a DOUBLE prints as "20170101.0", allowed; "20170100.5" is refused by the value rules);
 * FLOAT (32-bit) is refused for every column the config uses, since it silently rounds keys and dates.
 */
function typeProblem(file: InputFile, column: string, type: string, alias: string): string | undefined {
  const t = type.toUpperCase();
  if (EXACT_ALIASES.has(alias) && (t === 'FLOAT' || t === 'REAL' || t === 'FLOAT4')) return messages.floatColumn(file.name, column, type);
  return undefined;
}

/**
 * Stage "read", part 2: resolve each file's columns (case-insensitive; for HOOGSTEOPLTAB the first level
 * variable that exists) and load .sav files. Missing columns are reported all at once. A file without data rows is
 * an error, or (config.allowEmpty) a warning and the file is left out.
 */
export async function prepareSource(
  conn: DuckDBConnection,
  key: SourceKey,
  files: readonly InputFile[],
  config: Config,
  loadSav: SavLoader | undefined,
  firstIndex: number,
  readFirstLine?: FirstLineReader,
  warn: (message: string) => void = () => {},
  diagnose?: CsvDiagnoser,
): Promise<PreparedFile[]> {
  const specs = columnSpecs(key, config);
  const problems: string[] = [];
  const empty: string[] = [];
  const prepared: PreparedFile[] = [];
  for (const [i, file] of files.entries()) {
    const index = firstIndex + i;
    let table: string | undefined;
    if (file.format === 'sav') {
      if (!loadSav) throw new InputError(`${file.name}: SPSS .sav files are not supported in this build`);
      table = `sav_${key}_${index}`;
      const wanted = specs.flatMap((s) => s.names);
      try {
        await loadSav(conn, file.path, table, wanted);
      } catch (e) {
        // the reader failing on a file (truncated, corrupt) is the file's fault; our own faults stay InternalError
        if (e instanceof InternalError) throw e;
        if (e instanceof InputError) throw new InputError(maskNumbers(e.message), e.details.map(maskNumbers));
        const typed = translateDuckDBError(e, { file: file.name });
        throw typed instanceof InputError ? typed : new InputError(messages.unreadable(file.name, duckdbDetail(e)));
      }
    }
    let firstLine: string | undefined;
    try {
      firstLine = file.format === 'csv' && readFirstLine && file.size > 0 ? await readFirstLine(file.path) : undefined;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === undefined) throw e;
      throw new InputError(messages.unreadable(file.name, code));
    }
    if (await isEmptyFile(conn, file, table, firstLine)) {
      empty.push(file.name);
      continue;
    }
    const raw = firstLine !== undefined ? rawCsvHeader(firstLine) : undefined;
    const header = firstLine !== undefined ? parseCsvHeader(firstLine) : undefined;
    const described = header ? undefined : await describeColumns(conn, file, table, diagnose);
    const available = header ? header.columns : described!.map((c) => c.name);
    const written = raw ? raw.columns : available;
    const byUpper = new Map(available.map((c) => [c.toUpperCase(), c]));
    const columns: Record<string, string> = {};
    for (const spec of specs) {
      const found = spec.names.map((n) => byUpper.get(n.toUpperCase())).find((c) => c !== undefined);
      if (found === undefined) {
        problems.push(messages.missingColumn(file.name, spec.names.join('" or "'), spec.field, written));
        continue;
      }
      columns[spec.alias] = found;
      const times = written.filter((c) => c.toUpperCase() === found.toUpperCase()).length;
      if (times > 1) problems.push(messages.duplicateColumn(file.name, found, times));
      const type = described?.find((c) => c.name === found)?.type;
      const typeIssue = type === undefined ? undefined : typeProblem(file, found, type, spec.alias);
      if (typeIssue) problems.push(typeIssue);
    }
    let year: number | undefined;
    if (key === 'education') {
      year = yearFromFileName(file.name);
      if (year === undefined) problems.push(messages.noYear(file.name));
    }
    const types = described ? Object.fromEntries(Object.entries(columns).map(([alias, name]) => [alias, described.find((c) => c.name === name)?.type ?? 'VARCHAR'])) : undefined;
    prepared.push({
      file,
      index,
      columns,
      ...(types ? { types } : {}),
      ...(table ? { table } : {}),
      ...(year !== undefined ? { year } : {}),
      ...(header ? { delim: header.delim } : {}),
    });
  }
  if (empty.length > 0 && !config.allowEmpty) throw new InputError(messages.emptyFile(empty[0]!), empty.slice(1).map((f) => messages.emptyFile(f)));
  for (const f of empty) warn(messages.emptyFileWarning(f));
  if (problems.length > 0) throw new InputError(messages.missingColumns(), [...new Set(problems)]);
  return prepared;
}

/**
 * A column as text for the value rules. A TIMESTAMP WITH TIME ZONE is an instant: it is read in UTC, so a date stored
 * as midnight UTC reads as that date and any other time of day is refused by the date rule (not shifted a day).
 */
function asText(column: string, type: string | undefined): string {
  if (type === 'TIMESTAMP WITH TIME ZONE') return `strftime(timezone('UTC', ${column}), '%Y-%m-%d %H:%M:%S')`;
  return `CAST(${column} AS VARCHAR)`;
}

export interface Relation {
  sql: string;
  params: Record<string, string | number>;
}

/**
 * The SQL relation of a source: the union of its files with standard aliases, every column as VARCHAR, plus
 * file_idx and row_nr (1-based data row; NULL for CSV in the main pass, which never materialises a file).
 * `located` maps a CSV file index to a temp table holding that file in order (rowid = row - 1).
 */
export function sourceRelation(key: SourceKey, files: readonly PreparedFile[], config: Config, located: Map<number, string> = new Map()): Relation {
  const specs = columnSpecs(key, config);
  const params: Record<string, string | number> = {};
  const parts = files.map((pf) => {
    const p = `f${pf.index}`;
    const cols = specs.map((s) => `${asText(sqlIdentifier(pf.columns[s.alias]!), pf.types?.[s.alias])} AS ${s.alias}`).join(', ');
    params[`i${pf.index}`] = pf.index;
    let year = '';
    if (pf.year !== undefined) {
      params[`y${pf.index}`] = pf.year;
      year = `, CAST($y${pf.index} AS INTEGER) AS year`;
    }
    const idx = `CAST($i${pf.index} AS INTEGER) AS file_idx`;
    const locTable = located.get(pf.index);
    if (locTable) return `SELECT ${idx}, rowid + 1 AS row_nr, ${cols}${year} FROM ${sqlIdentifier(locTable)}`;
    switch (pf.file.format) {
      case 'csv': {
        params[p] = pf.file.path;
        let delim = '';
        if (pf.delim !== undefined) {
          params[`d${pf.index}`] = pf.delim;
          delim = `, delim = $d${pf.index}`;
        }
        return `SELECT ${idx}, CAST(NULL AS BIGINT) AS row_nr, ${cols}${year} FROM read_csv($${p}, all_varchar = true, header = true${delim})`;
      }
      case 'parquet':
        params[p] = pf.file.path;
        return `SELECT ${idx}, file_row_number + 1 AS row_nr, ${cols}${year} FROM read_parquet($${p}, file_row_number = true)`;
      case 'sav':
        return `SELECT ${idx}, rowid + 1 AS row_nr, ${cols}${year} FROM ${sqlIdentifier(pf.table!)}`;
    }
  });
  const rel = { sql: parts.join('\nUNION ALL\n'), params };
  return key === 'srg' && config.sources.srg.wide ? wideToLong(rel, config) : rel;
}
