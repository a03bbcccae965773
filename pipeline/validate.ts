import type { DuckDBConnection } from '@duckdb/node-api';
import type { Config } from '../schemas/config.js';
import { InputError } from '../core/errors.js';
import { loadQuery } from '../core/loadQuery.js';
import { messages } from '../core/messages.js';
import { DERIVED_SETS, bitOf } from '../model/personSets.js';
import { type ProblemKind, problemKindOf, problemReason } from '../model/problemKinds.js';
import { KeySet } from '../sav/savKeyFilter.js';
import { codeMapRows } from '../sources/codeMapTable.js';
import {
  type CsvDiagnoser,
  type PreparedFile,
  type SavLoader,
  type SavRowFilter,
  columnSpecs,
  fileFault,
  savFault,
  sourceRelation,
} from '../sources/sourceRelation.js';
import { SOURCE_KEYS, SOURCE_NAMES, type SourceKey } from '../sources/sourceFiles.js';
import type { QuarantinedRow } from '../reports/quarantineCsv.js';

interface Problem {
  source: SourceKey;
  file: string;
  /** The file's column name. */
  column: string;
  /** The reason, worded in the terminal's language (English) from the problem kind. */
  problem: string;
  /** Offending value, key-like digits masked (shownValue); null for key columns (a RINPERSOON is never shown). */
  value: string | null;
  count: number;
  /** First rows (1-based data rows, header not counted). */
  rows: number[];
}

export interface ValidationResult {
  problems: Problem[];
  quarantined: QuarantinedRow[];
  /** Exact duplicate records per provision source (harmless: counts are of unique persons). */
  duplicates: Record<string, number>;
  /** Rows kept per source after the period and study filters (for progress and the manifest). */
  keptRows: Record<SourceKey, number>;
}

export interface Periods {
  period: { start: string; end: string };
  background: { start: string; end: string };
}

const TABLE: Record<SourceKey, string> = {
  srg: 'srg_rows',
  uwv: 'uwv_rows',
  wmo: 'wmo_rows',
  gba: 'gba_rows',
  education: 'education_rows',
};
const QUERY: Record<SourceKey, string> = {
  srg: 'coded_records',
  wmo: 'coded_records',
  uwv: 'uwv_records',
  gba: 'gba_rows',
  education: 'education_rows',
};

function studyMasks() {
  const work = DERIVED_SETS.work!;
  return { work, study: work | (1 << bitOf('lks')) };
}

function queryParams(key: SourceKey, p: Periods): Record<string, string | number> {
  const window = {
    window_start: p.period.start < p.background.start ? p.period.start : p.background.start,
    window_end: p.period.end > p.background.end ? p.period.end : p.background.end,
  };
  switch (key) {
    case 'srg':
    case 'wmo':
      return { ...window, domain: key, study_only: key === 'wmo' ? 1 : 0 };
    case 'uwv':
      return window;
    case 'gba':
      return {};
    case 'education':
      return { bg_end_year: Number(p.background.end.slice(0, 4)) };
  }
}

/** An absent optional source: an empty table of the right shape. */
const EMPTY: Record<SourceKey, string> = {
  srg: 'empty_provision_rows',
  uwv: 'empty_provision_rows',
  wmo: 'empty_provision_rows',
  gba: 'empty_gba_rows',
  education: 'empty_education_rows',
};

async function build(
  conn: DuckDBConnection,
  key: SourceKey,
  files: PreparedFile[],
  config: Config,
  periods: Periods,
  target: string,
  located?: Map<number, string>,
  diagnose?: CsvDiagnoser,
) {
  const rel = sourceRelation(key, files, config, located);
  // the big sources start from the semi-join on the study persons' numbers (queries/keyed_rows.sql)
  const raw: Record<string, string> = { relation: rel.sql };
  if (key === 'gba' || key === 'education') raw.keyed = loadQuery('keyed_rows', {}, { relation: rel.sql });
  const sql = loadQuery(QUERY[key], {}, raw);
  try {
    await conn.run(loadQuery('create_table_as', { target }, { select: sql }), {
      ...rel.params,
      ...queryParams(key, periods),
    });
  } catch (e) {
    throw await fileFault(files, e, diagnose);
  }
}

async function buildPersons(conn: DuckDBConnection, periods: Periods) {
  const m = studyMasks();
  await conn.run(loadQuery('person_sets', {}, { records: loadQuery('set_records') }), {
    p_start: periods.period.start,
    p_end: periods.period.end,
    bg_start: periods.background.start,
    bg_end: periods.background.end,
    work_mask: m.work,
    study_mask: m.study,
  });
}

/**
 * Stage "validate": read every source once, normalise keys, dates and codes, keep the rows that matter (in the
 * period window, of study persons), and find every problem. Creates the tables srg_rows, uwv_rows, wmo_rows,
 * persons, gba_rows, education_rows. Problem rows of CSV files are located by a second, ordered read of just
 * that file. Throws InputError (naming file, column, row, value, count) unless quarantine is on.
 */
export async function validateSources(
  conn: DuckDBConnection,
  prepared: Record<SourceKey, PreparedFile[]>,
  config: Config,
  periods: Periods,
  onStage: (stage: string) => void = () => {},
  diagnose?: CsvDiagnoser,
  loadSav?: SavLoader,
): Promise<ValidationResult> {
  const problems: Problem[] = [];
  const savFiles = (keys: SourceKey[]) =>
    keys.flatMap((k) => prepared[k].filter((f) => f.file.format === 'sav').map((f) => ({ key: k, f })));
  // .sav: SRG and UWV are decoded in full first (they define the study population) ...
  await loadSavFiles(conn, loadSav, savFiles(['srg', 'uwv']), config, periods, null, onStage);
  const quarantined: QuarantinedRow[] = [];
  const duplicates: Record<string, number> = {};
  const keptRows = {} as Record<SourceKey, number>;
  await conn.run(loadQuery('study_keys_table'));
  for (const key of SOURCE_KEYS) {
    if (key === 'wmo') {
      await conn.run(loadQuery('study_keys'), { study_mask: studyMasks().study });
      // ... WMOBUS once the candidate study persons are known: a row of nobody among them whose key, code and
      // dates are clean is dropped while decoding (coded_records.sql would drop it without a problem)
      const wmo = savFiles(['wmo']);
      if (wmo.length > 0)
        await loadSavFiles(
          conn,
          loadSav,
          wmo,
          config,
          periods,
          await personKeys(conn, 'study_keys'),
          onStage,
          wmoCodes(config),
        );
    }
    if (key === 'gba') {
      await buildPersons(conn, periods);
      // ... the big ones only now, keeping rows that may link to a person (the semi-join of gba_rows.sql and
      // education_rows.sql, applied while decoding, on both cores)
      const big = savFiles(['gba', 'education']);
      if (big.length > 0)
        await loadSavFiles(conn, loadSav, big, config, periods, await personKeys(conn, 'persons'), onStage);
    }
    onStage(`read ${SOURCE_NAMES[key]}`);
    const files = prepared[key];
    const table = TABLE[key];
    if (files.length === 0) {
      // an optional source that is absent: an empty table of the right shape
      await conn.run(loadQuery(EMPTY[key], { table }));
      keptRows[key] = 0;
      continue;
    }
    await build(conn, key, files, config, periods, table, undefined, diagnose);
    for (const f of files) if (f.file.format === 'sav') await conn.run(loadQuery('drop_table', { table: f.table! }));
    keptRows[key] = Number((await conn.runAndReadAll(loadQuery('table_rows', { table }))).getRowObjects()[0]!.n);
    onStage(`read ${SOURCE_NAMES[key]}: ${files.length} file(s), ${keptRows[key].toLocaleString('en')} rows kept`);
    const summary = await summarise(conn, table);
    if (summary.length === 0) continue;
    // Locate problem rows of CSV files: an ordered read of just those files.
    const byFile = new Map(files.map((f) => [f.index, f]));
    const csvWithProblems = [...new Set(summary.map((s) => s.file_idx))]
      .map((i) => byFile.get(i)!)
      .filter((f) => f.file.format === 'csv');
    let rowsTable = table;
    if (csvWithProblems.length > 0) {
      const located = new Map<number, string>();
      // rowid = row - 1 only when DuckDB keeps the file's order (off elsewhere: faster, and no query needs it)
      await conn.run(loadQuery('keep_insertion_order'));
      for (const f of csvWithProblems) {
        const t = `located_${key}_${f.index}`;
        await conn.run(loadQuery('located_csv', { table: t }), { f: f.file.path });
        located.set(f.index, t);
      }
      await conn.run(loadQuery('free_insertion_order'));
      rowsTable = `${table}_located`;
      await build(conn, key, csvWithProblems, config, periods, rowsTable, located);
      await conn.run(loadQuery('located_problems', { table: rowsTable }));
      for (const t of located.values()) await conn.run(loadQuery('drop_table', { table: t }));
    }
    const located =
      rowsTable === table
        ? summary
        : [
            ...summary.filter((s) => byFile.get(s.file_idx)!.file.format !== 'csv'),
            ...(await summarise(conn, rowsTable)),
          ];
    const specs = columnSpecs(key, config);
    const fileColumn = (f: PreparedFile, alias: string) => {
      const spec = specs.find((s) => s.alias === aliasOf(alias));
      return f.columns[spec?.alias ?? alias] ?? alias;
    };
    // per file and column, in the alphabetical order of the English reasons (the order the messages have always had)
    const reasoned = located.map((s) => ({ ...s, reason: problemReason(s.p_kind) }));
    for (const s of reasoned.sort(
      (a, b) => a.file_idx - b.file_idx || a.p_col.localeCompare(b.p_col) || a.reason.localeCompare(b.reason),
    )) {
      const f = byFile.get(s.file_idx)!;
      problems.push({
        source: key,
        file: f.file.name,
        column: fileColumn(f, s.p_col),
        problem: s.reason,
        value: shownValue(s.example),
        count: s.n,
        rows: s.rows.slice(0, 3),
      });
    }
    if (config.onBadRows === 'quarantine') {
      const tables = rowsTable === table ? [table] : [table, rowsTable];
      for (const t of tables) {
        const r = await conn.runAndReadAll(loadQuery('problem_rows', { table: t }));
        for (const row of r.getRowObjects()) {
          const f = byFile.get(Number(row.file_idx))!;
          if (t === table && f.file.format === 'csv' && rowsTable !== table) continue;
          quarantined.push({
            file: f.file.name,
            row: Number(row.row_nr),
            column: fileColumn(f, String(row.p_col)),
            problem: problemReason(problemKindOf(String(row.p_kind))),
            value: shownValue(row.p_val === null ? null : String(row.p_val)),
          });
        }
      }
    }
    if (rowsTable !== table) await conn.run(loadQuery('drop_table', { table: rowsTable }));
  }
  for (const key of ['srg', 'uwv', 'wmo'] as const) {
    const r = await conn.runAndReadAll(loadQuery('duplicate_records', { table: TABLE[key] }));
    duplicates[key] = Number(r.getRowObjects()[0]!.duplicates);
  }
  if (problems.length > 0 && config.onBadRows === 'error') {
    const rows = problems.reduce((a, p) => a + p.count, 0);
    throw new InputError(
      messages.badInput(problems.length, rows),
      problems.map((p) => messages.problem(p)),
    );
  }
  return { problems, quarantined, duplicates, keptRows };
}

/**
 * A value as shown in a message or written to quarantine: every run of 5 or more digits masked digit by digit
 * ("#########"), since a key in a date or code column (a shifted row, a pasted column) must not be printed and a
 * RINPERSOON whose leading zeros were lost may have fewer than 9 digits; the shape stays (a user sees "########.5" or
 * "#########" and the row number, and finds the row); years, months and codes of up to 4 digits are shown. Control
 * characters (a NUL byte) are written as \xNN, never raw.
 */
function shownValue(value: string | null): string | null {
  if (value === null) return null;
  return value
    .replace(/\p{Nd}{5,}/gu, (d) => '#'.repeat([...d].length))
    .replace(/[\u0000-\u001f\u007f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** The WMOBUS codes the config maps (normalised as in code_map, "ignore" included): a code not among them is a problem. */
function wmoCodes(config: Config): string[] {
  return codeMapRows(config)
    .filter((r) => r.domain === 'wmo')
    .map((r) => r.code);
}

/** The numbers of a persons table (the key of a .sav file's semi-join while decoding), as a set shareable with workers. */
async function personKeys(conn: DuckDBConnection, table: 'persons' | 'study_keys'): Promise<KeySet> {
  const count = Number((await conn.runAndReadAll(loadQuery('person_key_count', { table }))).getRowObjects()[0]!.c);
  const keys = KeySet.from([], count);
  const result = await conn.run(loadQuery('person_keys', { table }));
  for await (const chunk of result) for (const n of chunk.getColumnValues(0)) keys.add(Number(n));
  return keys;
}

/**
 * Decode .sav files into their tables (PreparedFile.table), `threads` files at a time, each in a worker thread.
 * With `keys` (WMOBUS, GBA, HOOGSTEOPLTAB) only the rows that may link to one of those persons, or whose key is not clean
 * (WMOBUS: or whose code or dates are not clean);
 * an HOOGSTEOPLTAB file of a year after the background period links no one (education_rows.sql), so only its
 * unclean keys are kept.
 */
async function loadSavFiles(
  conn: DuckDBConnection,
  loadSav: SavLoader | undefined,
  jobs: { key: SourceKey; f: PreparedFile }[],
  config: Config,
  periods: Periods,
  keys: KeySet | null,
  onStage: (stage: string) => void,
  /** WMOBUS: the mapped codes; rows are then dropped only when their values are clean too (SavRowFilter.values). */
  codes?: string[],
): Promise<void> {
  if (jobs.length === 0) return;
  if (!loadSav) throw new InputError(`${jobs[0]!.f.file.name}: SPSS .sav files are not supported in this build`);
  const bgEndYear = Number(periods.background.end.slice(0, 4));
  const specs = new Map<SourceKey, ReturnType<typeof columnSpecs>>();
  const queue = [...jobs];
  const errors: unknown[] = [];
  const worker = async () => {
    for (let job = queue.shift(); job !== undefined && errors.length === 0; job = queue.shift()) {
      const { key, f } = job;
      if (!specs.has(key)) specs.set(key, columnSpecs(key, config));
      const columns = [...new Set(specs.get(key)!.map((s) => f.columns[s.alias]!))];
      let filter: SavRowFilter | undefined;
      if (keys) {
        const linkable = key !== 'education' || (f.year !== undefined && f.year <= bgEndYear);
        filter = { rinpersoons: f.columns.rs!, rinpersoon: f.columns.rn!, keys: linkable ? keys.buffer : null };
        if (codes)
          filter.values = { begin: f.columns.begin_raw!, end: f.columns.end_raw!, code: f.columns.code!, codes };
      }
      try {
        const r = await loadSav.load(conn, f.file.path, f.table!, columns, filter);
        f.rowCount = r.rows;
        // a file whose header did not state its cases (sourceRelation.ts checks those that do): 0 cases is no data
        if (r.rows === 0 && !config.allowEmpty) throw new InputError(messages.emptyFile(f.file.name));
        onStage(`decoded ${f.file.name}: ${r.rows.toLocaleString('en')} rows, ${r.kept.toLocaleString('en')} kept`);
      } catch (e) {
        errors.push(savFault(f.file.name, e));
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(config.duckdb.threads, jobs.length)) }, worker));
  if (errors.length > 0) throw errors[0];
}

/** Query aliases → standard column aliases (p_col values are the standard aliases, or config field names for GBA). */
function aliasOf(pCol: string): string {
  switch (pCol) {
    case 'rinpersoons':
      return 'rs';
    case 'rinpersoon':
      return 'rn';
    case 'begin':
      return 'begin_raw';
    case 'end':
      return 'end_raw';
    case 'birthYear':
      return 'birth_year';
    case 'birthMonth':
      return 'birth_month';
    default:
      return pCol;
  }
}

interface SummaryRow {
  file_idx: number;
  p_kind: ProblemKind;
  p_col: string;
  n: number;
  example: string | null;
  rows: number[];
}

async function summarise(conn: DuckDBConnection, table: string): Promise<SummaryRow[]> {
  const r = await conn.runAndReadAll(loadQuery('problem_summary', { table }));
  return r.getRowObjectsJson().map((o) => ({
    file_idx: Number(o.file_idx),
    p_kind: problemKindOf(String(o.p_kind)),
    p_col: String(o.p_col),
    n: Number(o.n),
    example: o.example === null || o.example === undefined ? null : String(o.example),
    rows: Array.isArray(o.rows) ? (o.rows as unknown[]).map(Number) : [],
  }));
}
