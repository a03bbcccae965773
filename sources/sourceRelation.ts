import { type DuckDBConnection, type DuckDBValue, listValue } from '@duckdb/node-api';
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
    ...Object.keys(config.sources.srg.wide!.columns).map((name, k) => ({
      alias: `w${k}`,
      field: `sources.srg.wide.columns.${name}`,
      names: [name],
    })),
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
  /** For .sav: the DuckDB table it is loaded into (during validation, see loadSavFiles in pipeline/validate.ts). */
  table?: string;
  /** For .sav: each variable's type (numeric, string, date, datetime), by name. */
  savTypes?: Record<string, string>;
  /** Parquet: its rows (from its metadata, read once here); .sav, once loaded: its cases (the table may hold fewer: the semi-join). */
  rowCount?: number;
  /** For HOOGSTEOPLTAB: the year from the file name. */
  year?: number;
  /** For CSV whose header was read directly: its delimiter, passed to DuckDB so it need not sniff it. */
  delim?: string;
  /** For CSV whose header was read directly: every column name in order (files with the same header are read together). */
  header?: readonly string[];
  /** For typed files (Parquet, .sav): alias → DuckDB type of the column. */
  types?: Record<string, string>;
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
  /** WMOBUS: the variables and mapped codes whose clean values let a row of nobody in `keys` be dropped. */
  values?: { begin: string; end: string; code: string; codes: string[] };
}

/** Reads SPSS files (provided by the .sav reader; injected so this stage has no file I/O of its own). */
export interface SavLoader {
  /** The file's variables and their types, and its number of cases when the header states it (dictionary only). */
  columns(
    path: string,
  ): Promise<{ variables: { name: string; type: 'numeric' | 'string' | 'date' | 'datetime' }[]; cases: number | null }>;
  /**
   * Load the given variables into a new table, plus SAV_ROW_COLUMN; with a filter only the rows that may link or
   * whose key is not clean. Returns the file's number of cases and the number of rows loaded.
   */
  load(
    conn: DuckDBConnection,
    path: string,
    table: string,
    columns: string[],
    filter?: SavRowFilter,
  ): Promise<{ rows: number; kept: number }>;
}

/**
 * The .sav reader failing on a file (truncated, corrupt) is the file's fault: bad input naming it, with long digit runs
 * masked (a key never reaches a message); our own faults stay InternalError.
 */
export function savFault(file: string, e: unknown): unknown {
  if (e instanceof InternalError) return e;
  if (e instanceof InputError) return new InputError(maskNumbers(e.message), e.details.map(maskNumbers));
  const typed = translateDuckDBError(e, { file });
  return typed instanceof InputError ? typed : new InputError(messages.unreadable(file, duckdbDetail(e)));
}

/**
 * A DuckDB error while reading the file(s) becomes bad input naming them (by error type: core/duckdbErrors.ts).
 * @internal exported for its test (and only used there)
 */
export function readError(file: string, err: unknown): unknown {
  return translateDuckDBError(err, { file });
}

/** Finds why a CSV file cannot be read (first non-UTF-8 or ragged row), or undefined (injected: does file I/O). */
export type CsvDiagnoser = (path: string, delim?: string) => Promise<string | undefined>;

/**
 * A DuckDB error while reading these files: bad input naming the files (readError); when they are CSV files and a
 * diagnoser is given, naming the one file and row at fault and why.
 */
export async function fileFault(
  files: readonly PreparedFile[],
  err: unknown,
  diagnose?: CsvDiagnoser,
): Promise<unknown> {
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

async function describeColumns(
  conn: DuckDBConnection,
  file: InputFile,
  diagnose?: CsvDiagnoser,
): Promise<ColumnInfo[]> {
  try {
    const reader = await conn.runAndReadAll(loadQuery(file.format === 'csv' ? 'describe_csv' : 'describe_parquet'), {
      f: file.path,
    });
    return reader.getRowObjects().map((r) => ({ name: String(r.column_name), type: String(r.column_type) }));
  } catch (e) {
    throw await fileFault([{ file, index: 0, columns: {} }], e, diagnose);
  }
}

/** A Parquet file's rows, from its metadata (no scan). */
async function parquetRows(conn: DuckDBConnection, file: InputFile): Promise<number> {
  try {
    const r = await conn.runAndReadAll(loadQuery('parquet_file_rows'), { f: file.path });
    return Number(r.getRowObjects()[0]!.n);
  } catch (e) {
    throw readError(file.name, e);
  }
}

/** Data parts of at most this many bytes are looked at: blank lines only (a header, CRLF and an empty line) is no data. */
const SMALL_DATA_PART = 4096;

/**
 * Does a CSV file hold no data row: nothing after its header but line ends and blanks? (DuckDB's reader skips blank
 * lines, so such a file reads as 0 rows.) Only a file whose data part is small is read; a bigger one has data.
 */
async function csvWithoutData(conn: DuckDBConnection, file: InputFile, firstLine: string): Promise<boolean> {
  const rest = file.size - Buffer.byteLength(firstLine);
  if (rest > SMALL_DATA_PART) return false;
  let bytes: Uint8Array;
  try {
    const r = await conn.runAndReadAll(loadQuery('file_bytes'), { f: file.path });
    bytes = (r.getRows()[0]![0] as { bytes: Uint8Array }).bytes;
  } catch (e) {
    throw readError(file.name, e);
  }
  const nl = bytes.indexOf(0x0a);
  if (nl < 0) return true;
  for (let k = nl + 1; k < bytes.length; k++) if (![0x0a, 0x0d, 0x20, 0x09].includes(bytes[k]!)) return false;
  return true;
}

/** Aliases whose values are keys or dates: a 32-bit float cannot hold them exactly (123456789 reads as 123456792). */
const EXACT_ALIASES = new Set([
  'rs',
  'rn',
  'begin_raw',
  'end_raw',
  'birth_year',
  'birth_month',
  'code',
  'type',
  'background',
  'product',
  'level',
  'gender',
]);

/**
 * One rule per concept for typed columns (Parquet, .sav): integers, text, DATE/TIMESTAMP and DOUBLE are read through
 * the same text rules as CSV (a DOUBLE prints as "20170101.0", allowed; "20170100.5" is refused by the value rules);
 * FLOAT (32-bit) is refused for every column the config uses, since it silently rounds keys and dates.
 */
function typeProblem(file: InputFile, column: string, type: string, alias: string): string | undefined {
  const t = type.toUpperCase();
  if (EXACT_ALIASES.has(alias) && (t === 'FLOAT' || t === 'REAL' || t === 'FLOAT4'))
    return messages.floatColumn(file.name, column, type);
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
    let savColumns: string[] | undefined;
    let savTypes: Record<string, string> | undefined;
    let savCases: number | null = null;
    if (file.format === 'sav') {
      if (!loadSav) throw new InputError(`${file.name}: SPSS .sav files are not supported in this build`);
      table = `sav_${key}_${index}`;
      // only the dictionary now: the data is decoded during validation, when the semi-join's keys are known
      try {
        const dict = await loadSav.columns(file.path);
        savColumns = dict.variables.map((v) => v.name);
        savTypes = Object.fromEntries(dict.variables.map((v) => [v.name, v.type]));
        savCases = dict.cases;
      } catch (e) {
        throw savFault(file.name, e);
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
    // UTF-16 (Excel's "Unicode text"): a byte-order mark read as UTF-8, or a NUL byte beside every ASCII letter
    if (firstLine !== undefined && (firstLine.startsWith('\uFFFD\uFFFD') || firstLine.includes('\u0000'))) {
      throw new InputError(
        messages.unreadable(
          file.name,
          firstLine.startsWith('\uFFFD\uFFFD') || /[^\u0000]\u0000[^\u0000]\u0000/.test(firstLine)
            ? messages.csvUtf16()
            : messages.csvNul(0),
        ),
      );
    }
    // a file without data rows: 0 bytes, a CSV with a header only (and blank lines), a Parquet file without rows, a
    // .sav file whose header says 0 cases (one that does not say is checked once decoded: emptySavFiles)
    const rows = file.format === 'parquet' && file.size > 0 ? await parquetRows(conn, file) : undefined;
    const csvEmpty = file.format === 'csv' && firstLine !== undefined && (await csvWithoutData(conn, file, firstLine));
    if (file.size === 0 || rows === 0 || csvEmpty || savCases === 0) {
      empty.push(file.name);
      continue;
    }
    const raw = firstLine !== undefined ? rawCsvHeader(firstLine) : undefined;
    const header = firstLine !== undefined ? parseCsvHeader(firstLine) : undefined;
    const described = header || savColumns ? undefined : await describeColumns(conn, file, diagnose);
    const available = header ? header.columns : (savColumns ?? described!.map((c) => c.name));
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
    const types = described
      ? Object.fromEntries(
          Object.entries(columns).map(([alias, name]) => [
            alias,
            described.find((c) => c.name === name)?.type ?? 'VARCHAR',
          ]),
        )
      : undefined;
    prepared.push({
      file,
      index,
      columns,
      ...(types ? { types } : {}),
      ...(table ? { table } : {}),
      ...(savTypes ? { savTypes } : {}),
      ...(rows !== undefined ? { rowCount: rows } : {}),
      ...(year !== undefined ? { year } : {}),
      ...(header ? { delim: header.delim, header: header.columns } : {}),
    });
  }
  if (empty.length > 0 && !config.allowEmpty)
    throw new InputError(
      messages.emptyFile(empty[0]!),
      empty.slice(1).map((f) => messages.emptyFile(f)),
    );
  for (const f of empty) warn(messages.emptyFileWarning(f));
  if (problems.length > 0) throw new InputError(messages.missingColumns(), [...new Set(problems)]);
  return prepared;
}

/**
 * A column as text for the value rules. CSV is text already; Parquet columns are cast. A TIMESTAMP WITH TIME ZONE is
 * an instant: it is read in UTC, so a date stored as midnight UTC reads as that date and any other time of day is
 * refused by the date rule (not shifted a day). A .sav DATE becomes YYYYMMDD (the rules' fast path; 'YYYY-MM-DD' is
 * the same date by the same rules but parses ~5× slower), a positive whole number stored as an SPSS numeric its digits
 * without the ".0". Same values by the same rules, so the same tables.
 */
function asText(pf: PreparedFile, alias: string): string {
  const name = pf.columns[alias]!;
  const c = sqlIdentifier(name);
  if (pf.types?.[alias] === 'TIMESTAMP WITH TIME ZONE') return `strftime(timezone('UTC', ${c}), '%Y-%m-%d %H:%M:%S')`;
  switch (pf.savTypes?.[name]) {
    case 'date':
      return `CASE WHEN year(${c}) BETWEEN 1000 AND 9999 THEN strftime(${c}, '%Y%m%d') ELSE CAST(${c} AS VARCHAR) END`;
    case 'numeric':
      // (from 1 up: "-5.0", "0.0" and "-0.0" keep their text, which the rules do not read as digits)
      return `CASE WHEN ${c} >= 1 AND ${c} < 1e15 AND ${c} = trunc(${c}) THEN CAST(CAST(${c} AS BIGINT) AS VARCHAR) ELSE CAST(${c} AS VARCHAR) END`;
    default:
      return `CAST(${c} AS VARCHAR)`;
  }
}

export interface Relation {
  sql: string;
  params: Record<string, DuckDBValue>;
}

/**
 * CSV files DuckDB can read as one multi-file scan: same header (names, order) and delimiter, and consecutive
 * indexes. One scan of several files is about twice as fast as a union of one scan per file (the dialect is sniffed
 * once, and the threads move on from file to file), which matters for the nine yearly WMOBUS files.
 */
function csvGroups(files: readonly PreparedFile[], located: Map<number, string>): PreparedFile[][] {
  const groups: PreparedFile[][] = [];
  const key = (pf: PreparedFile) =>
    pf.file.format === 'csv' && pf.header && !located.has(pf.index) ? JSON.stringify([pf.delim, pf.header]) : undefined;
  for (const pf of files) {
    const last = groups.at(-1);
    const prev = last?.at(-1);
    if (
      last &&
      prev &&
      key(pf) !== undefined &&
      key(pf) === key(prev) &&
      JSON.stringify(pf.columns) === JSON.stringify(prev.columns)
    )
      last.push(pf);
    else groups.push([pf]);
  }
  return groups;
}

/**
 * The SQL relation of a source: the union of its files with standard aliases, every column as VARCHAR, plus
 * file_idx and row_nr (1-based data row; NULL for CSV in the main pass, which never materialises a file).
 * `located` maps a CSV file index to a temp table holding that file in order (rowid = row - 1).
 */
export function sourceRelation(
  key: SourceKey,
  files: readonly PreparedFile[],
  config: Config,
  located: Map<number, string> = new Map(),
): Relation {
  const specs = columnSpecs(key, config);
  const params: Record<string, DuckDBValue> = {};
  const parts = csvGroups(files, located).map((group) => {
    const pf = group[0]!;
    const p = `f${pf.index}`;
    const cols = specs.map((s) => `${asText(pf, s.alias)} AS ${s.alias}`).join(', ');
    if (group.length > 1) {
      // several CSV files in one scan: file_index (0-based in the list) gives each row its file's index and year
      params[p] = listValue(group.map((g) => g.file.path));
      params[`i${pf.index}`] = listValue(group.map((g) => g.index));
      params[`d${pf.index}`] = pf.delim!;
      let year = '';
      if (pf.year !== undefined) {
        params[`y${pf.index}`] = listValue(group.map((g) => g.year!));
        year = `, CAST(list_extract($y${pf.index}, CAST(file_index AS BIGINT) + 1) AS INTEGER) AS year`;
      }
      const idx = `CAST(list_extract($i${pf.index}, CAST(file_index AS BIGINT) + 1) AS INTEGER) AS file_idx`;
      return loadQuery('source_part_csv', {}, { idx, cols, year, path: `$${p}`, delim: `, delim = $d${pf.index}` });
    }
    params[`i${pf.index}`] = pf.index;
    let year = '';
    if (pf.year !== undefined) {
      params[`y${pf.index}`] = pf.year;
      year = `, CAST($y${pf.index} AS INTEGER) AS year`;
    }
    const idx = `CAST($i${pf.index} AS INTEGER) AS file_idx`;
    const fragments = { idx, cols, year };
    const locTable = located.get(pf.index);
    if (locTable) return loadQuery('source_part_located', { table: locTable }, fragments);
    switch (pf.file.format) {
      case 'csv': {
        params[p] = pf.file.path;
        let delim = '';
        if (pf.delim !== undefined) {
          params[`d${pf.index}`] = pf.delim;
          delim = `, delim = $d${pf.index}`;
        }
        return loadQuery('source_part_csv', {}, { ...fragments, path: `$${p}`, delim });
      }
      case 'parquet':
        params[p] = pf.file.path;
        return loadQuery('source_part_parquet', {}, { ...fragments, path: `$${p}` });
      case 'sav':
        return loadQuery('source_part_sav', { table: pf.table!, rowColumn: SAV_ROW_COLUMN }, fragments);
    }
  });
  const rel = { sql: parts.join('\nUNION ALL\n'), params };
  return key === 'srg' && config.sources.srg.wide ? wideToLong(rel, config) : rel;
}
