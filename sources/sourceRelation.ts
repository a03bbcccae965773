import type { DuckDBConnection } from '@duckdb/node-api';
import type { Config } from '../schemas/config.js';
import { InputError } from '../core/errors.js';
import { ident } from '../core/loadQuery.js';
import { parseCsvHeader } from './csvHeader.js';
import { messages } from '../core/messages.js';
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

/** A source file ready to be queried: its columns resolved, .sav files already loaded into a DuckDB table. */
export interface PreparedFile {
  file: InputFile;
  index: number;
  /** alias → the file's actual column name */
  columns: Record<string, string>;
  /** For .sav: the DuckDB table it is loaded into (during validation, see loadSavFiles in pipeline/validate.ts). */
  table?: string;
  /** For .sav: each variable's type (numeric, string, date, datetime), by name. */
  savTypes?: Record<string, string>;
  /** For .sav, once loaded: the number of cases in the file (the table may hold fewer: the semi-join). */
  rowCount?: number;
  /** For HOOGSTEOPLTAB: the year from the file name. */
  year?: number;
  /** For CSV whose header was read directly: its delimiter, passed to DuckDB so it need not sniff it. */
  delim?: string;
}

/** Reads the first line of a text file (injected: this stage does no file I/O of its own). */
export type FirstLineReader = (path: string) => Promise<string>;

/** The name of the column of a loaded .sav table that holds each row's 1-based case number ('#' starts no SPSS variable name that can be saved). */
export const SAV_ROW_COLUMN = '#row';

/** Which rows of a big source's .sav file to load: see sav/savKeyFilter.ts (mirrored here so sources/ need not import sav/). */
export interface SavRowFilter {
  rinpersoons: string;
  rinpersoon: string;
  /** KeySet buffer of the candidate person numbers, or null when no row of the file can link. */
  keys: SharedArrayBuffer | ArrayBuffer | null;
}

/** Reads SPSS files (provided by the .sav reader; injected so this stage has no file I/O of its own). */
export interface SavLoader {
  /** The file's variables and their types (dictionary only). */
  columns(path: string): Promise<{ name: string; type: 'numeric' | 'string' | 'date' | 'datetime' }[]>;
  /**
   * Load the given variables into a new table, plus SAV_ROW_COLUMN; with a filter only the rows that may link or
   * whose key is not clean. Returns the file's number of cases and the number of rows loaded.
   */
  load(conn: DuckDBConnection, path: string, table: string, columns: string[], filter?: SavRowFilter): Promise<{ rows: number; kept: number }>;
}

/** A DuckDB error about the file's contents (not our SQL) becomes bad input naming the file. */
export function readError(file: string, err: unknown): unknown {
  const msg = err instanceof Error ? err.message : String(err);
  // (a Binder error on a file column: DuckDB read the file's layout differently from its header, e.g. ragged rows)
  if (/^(Invalid Input Error|Conversion Error|IO Error)|CSV Error|Parquet|^Binder Error: Referenced column/i.test(msg))
    // first line only (later lines may quote the row), long digit runs masked: never a RINPERSOON in a message
    return new InputError(messages.unreadable(file, msg.split('\n')[0]!.replace(/^[A-Za-z ]+Error: /, '').replace(/\d{5,}/g, '…')));
  return err;
}

async function columnNames(conn: DuckDBConnection, file: InputFile): Promise<string[]> {
  const src = file.format === 'csv' ? 'read_csv($f, all_varchar = true, header = true)' : 'read_parquet($f)';
  try {
    const reader = await conn.runAndReadAll(`DESCRIBE SELECT * FROM ${src}`, { f: file.path });
    return reader.getRowObjects().map((r) => String(r.column_name));
  } catch (e) {
    throw readError(file.name, e);
  }
}

/**
 * Stage "read", part 2: resolve each file's columns (case-insensitive; for HOOGSTEOPLTAB the first level
 * variable that exists) and load .sav files. Missing columns are reported all at once.
 */
export async function prepareSource(
  conn: DuckDBConnection,
  key: SourceKey,
  files: readonly InputFile[],
  config: Config,
  loadSav: SavLoader | undefined,
  firstIndex: number,
  readFirstLine?: FirstLineReader,
): Promise<PreparedFile[]> {
  const specs = columnSpecs(key, config);
  const problems: string[] = [];
  const prepared: PreparedFile[] = [];
  for (const [i, file] of files.entries()) {
    const index = firstIndex + i;
    let table: string | undefined;
    let savColumns: string[] | undefined;
    let savTypes: Record<string, string> | undefined;
    if (file.format === 'sav') {
      // only the dictionary now: the data is decoded during validation, when the semi-join's keys are known
      if (!loadSav) throw new InputError(`${file.name}: SPSS .sav files are not supported in this build`);
      table = `sav_${key}_${index}`;
      const vars = await loadSav.columns(file.path);
      savColumns = vars.map((v) => v.name);
      savTypes = Object.fromEntries(vars.map((v) => [v.name, v.type]));
    }
    const header = file.format === 'csv' && readFirstLine ? parseCsvHeader(await readFirstLine(file.path)) : undefined;
    const available = header ? header.columns : (savColumns ?? (await columnNames(conn, file)));
    const byUpper = new Map(available.map((c) => [c.toUpperCase(), c]));
    const columns: Record<string, string> = {};
    for (const spec of specs) {
      const found = spec.names.map((n) => byUpper.get(n.toUpperCase())).find((c) => c !== undefined);
      if (found === undefined) problems.push(messages.missingColumn(file.name, spec.names.join('" or "'), spec.field, available));
      else columns[spec.alias] = found;
    }
    let year: number | undefined;
    if (key === 'education') {
      year = yearFromFileName(file.name);
      if (year === undefined) problems.push(messages.noYear(file.name));
    }
    prepared.push({
      file,
      index,
      columns,
      ...(table ? { table } : {}),
      ...(savTypes ? { savTypes } : {}),
      ...(year !== undefined ? { year } : {}),
      ...(header ? { delim: header.delim } : {}),
    });
  }
  if (problems.length > 0) throw new InputError(messages.missingColumns(), problems);
  return prepared;
}

/**
 * A column as text for the value macros. CSV is text already; Parquet columns are cast. A .sav DATE becomes
 * YYYYMMDD (the macros' fast path; 'YYYY-MM-DD' is the same date by their rules but parses ~5× slower: 10 M
 * dates 14.8 s → 2.7 s), a positive whole number stored as an SPSS numeric its digits without the ".0" (the macros
 * read "89711863.0" as "89711863" too, only slower). Same values by the same rules, so the same tables.
 */
function asText(pf: PreparedFile, column: string): string {
  const c = ident(column);
  switch (pf.savTypes?.[column]) {
    case 'date':
      return `CASE WHEN year(${c}) BETWEEN 1000 AND 9999 THEN strftime(${c}, '%Y%m%d') ELSE CAST(${c} AS VARCHAR) END`;
    case 'numeric':
      // (from 1 up: "-5.0", "0.0" and "-0.0" keep their text, which the macros do not read as digits)
      return `CASE WHEN ${c} >= 1 AND ${c} < 1e15 AND ${c} = trunc(${c}) THEN CAST(CAST(${c} AS BIGINT) AS VARCHAR) ELSE CAST(${c} AS VARCHAR) END`;
    default:
      return `CAST(${c} AS VARCHAR)`;
  }
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
    const cols = specs.map((s) => `${asText(pf, pf.columns[s.alias]!)} AS ${s.alias}`).join(', ');
    params[`i${pf.index}`] = pf.index;
    let year = '';
    if (pf.year !== undefined) {
      params[`y${pf.index}`] = pf.year;
      year = `, CAST($y${pf.index} AS INTEGER) AS year`;
    }
    const idx = `CAST($i${pf.index} AS INTEGER) AS file_idx`;
    const locTable = located.get(pf.index);
    if (locTable) return `SELECT ${idx}, rowid + 1 AS row_nr, ${cols}${year} FROM ${ident(locTable)}`;
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
        return `SELECT ${idx}, ${ident(SAV_ROW_COLUMN)} AS row_nr, ${cols}${year} FROM ${ident(pf.table!)}`;
    }
  });
  return { sql: parts.join('\nUNION ALL\n'), params };
}
