import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { InputError } from '../core/errors.js';
import { messages } from '../core/messages.js';
import type { Atom } from '../model/atom.js';
import type { ReleaseSpans, WindowNesting } from '../model/setSpans.js';
import { declarationsFor, type TableDeclaration } from '../model/tableDeclarations.js';
import { ConfigSchema } from '../schemas/config.js';
import { type EarlierRecord, MANIFEST_FILE, manifestThreshold, readManifest } from '../schemas/manifest.js';
import {
  type ExportTables,
  ExportTablesSchema,
  type InternalTables,
  InternalTablesSchema,
  type Period,
  SUPPRESSED,
} from '../schemas/tablesJson.js';

/**
 * Earlier exports (`run --previous DIR`, config `previous`): already published, so fixed. Only their
 * `export/tables.json` and `manifest.json` are read.
 */

/** How the earlier period relates to the new one. */
export type PeriodRelation = 'same' | 'earlierInside' | 'newInside' | 'other';

/**
 * An earlier export: its record (as manifest.json `previous` keeps it), its tables, its threshold, how its period
 * relates to the new run's, and its atoms recomputed from this run's input for its period (null when not
 * recomputable: the same period).
 */
export interface EarlierExport {
  record: EarlierRecord;
  exported: ExportTables;
  /** Its disclosure threshold (from its manifest), when it records one. */
  threshold: number | null;
  relation: PeriodRelation;
  /**
   * Its atoms: recomputed from this run's input for its period, or — `sameData` — this run's own atoms (same period,
   * and its manifest records input files with the same SHA-256 as this run's); null when not known (same period,
   * other data: a corrected snapshot).
   */
  atoms: readonly Atom[] | null;
  /** Made from the same input files for the same period: one atom set for both exports. */
  sameData?: boolean | undefined;
  /**
   * The tables it was made with: the declarations of the config its manifest records (shipped tables kept by
   * `keep`/`drop`, plus its own `add`). Absent: not recorded (an older manifest); this run's are used.
   */
  declarations?: readonly TableDeclaration[] | undefined;
  /**
   * The set spans of its records in use (recomputed from this run's input with its atoms; absent for the same
   * period): which sets its windows share with this run's (model/setSpans.ts).
   */
  spans?: ReleaseSpans | undefined;
  /**
   * Rolling windows (its analysis or background period neither inside nor around this run's): the sets nested
   * between its windows and this run's, from both runs' spans. Absent: none known, no cell linked.
   */
  nesting?: WindowNesting | undefined;
  /** SHA-256 of every input file its manifest records, sorted (absent: not recorded). */
  inputsSha256?: readonly string[] | undefined;
}

/** An earlier export's windows with the set spans of its records in use (for windowNesting); null when not known. */
export function earlierWindows(
  e: EarlierExport,
): { spans: ReleaseSpans; period: Period; backgroundPeriod: Period } | null {
  if (!e.spans) return null;
  return { spans: e.spans, period: e.record.period, backgroundPeriod: e.exported.backgroundPeriod ?? e.record.period };
}

export const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

const ManifestDetailsSchema = z.object({
  config: z
    .object({ value: z.object({ tables: z.unknown().optional() }).passthrough() })
    .partial()
    .optional(),
  inputs: z.array(z.object({ sha256: z.string() }).passthrough()).optional(),
});

/**
 * What an earlier export's manifest says about how it was made: its table declarations (null when the manifest
 * records no config) and the SHA-256 of its input files, sorted (null when it records none). Throws
 * InputError naming the folder when the recorded table selection is not one this version can declare.
 */
export function earlierDetails(
  dir: string,
  manifest: unknown,
): { declarations: TableDeclaration[] | null; inputsSha256: string[] | null } {
  const head = ManifestDetailsSchema.safeParse(manifest);
  if (!head.success) throw new InputError(messages.previousUnreadable(dir, MANIFEST_FILE));
  const value = head.data.config?.value;
  let declarations: TableDeclaration[] | null = null;
  if (value) {
    const tables = ConfigSchema.shape.tables.safeParse(value.tables);
    if (!tables.success) throw new InputError(messages.previousUnreadable(dir, MANIFEST_FILE));
    try {
      declarations = declarationsFor({ tables: tables.data });
    } catch {
      throw new InputError(messages.previousUnreadable(dir, MANIFEST_FILE));
    }
  }
  const inputs = head.data.inputs;
  return { declarations, inputsSha256: inputs ? inputs.map((f) => f.sha256).sort() : null };
}

/** Were both exports made from the same input files (same SHA-256 multiset, non-empty)? */
export function sameInputs(a: readonly string[] | null | undefined, b: readonly string[] | null | undefined): boolean {
  if (!a || !b || a.length === 0 || a.length !== b.length) return false;
  const x = [...a].sort();
  const y = [...b].sort();
  return x.every((h, k) => h.length > 0 && h === y[k]);
}

/** The relation of period `a` (earlier export) to `b` (new run). */
export function periodRelation(a: Period, b: Period): PeriodRelation {
  if (a.start === b.start && a.end === b.end) return 'same';
  if (a.start >= b.start && a.end <= b.end) return 'earlierInside';
  if (b.start >= a.start && b.end <= a.end) return 'newInside';
  return 'other';
}

/**
 * Reads an earlier export, without its atoms (InputError naming the folder and file when it is not one, or when its
 * export/tables.json is not what its run wrote). `dir` is where it is read; `recordAs` how the record names it
 * (default `dir`).
 */
export function readEarlierExport(
  dir: string,
  newPeriod: Period,
  recordAs: string = dir,
): Omit<EarlierExport, 'atoms'> {
  if (!existsSync(dir)) throw new InputError(messages.previousMissing(recordAs));
  const read = (rel: string): string => {
    try {
      return readFileSync(join(dir, rel), 'utf8');
    } catch {
      throw new InputError(messages.previousUnreadable(recordAs, rel));
    }
  };
  const tablesText = read(join('export', 'tables.json'));
  const manifestRead = readManifest(dir);
  if (!manifestRead.ok) throw new InputError(messages.previousUnreadable(recordAs, MANIFEST_FILE));
  const { manifest, text: manifestText } = manifestRead;
  const parse = <T>(text: string, rel: string, schema: z.ZodType<T>): T => {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      throw new InputError(messages.previousUnreadable(recordAs, rel));
    }
    const r = schema.safeParse(data);
    if (!r.success) throw new InputError(messages.previousUnreadable(recordAs, rel));
    return r.data;
  };
  const exported = parse(tablesText, 'export/tables.json', ExportTablesSchema);
  // the export as its run wrote it: every cell its exact count (internal/tables.json) or `**` where the run's
  // suppression audit lists the cell; a tables.json edited afterwards would protect against numbers never published
  const internal = parse(read(join('internal', 'tables.json')), 'internal/tables.json', InternalTablesSchema);
  const audit = parse(
    read(join('internal', 'suppression-audit.json')),
    'internal/suppression-audit.json',
    AuditCellsSchema,
  );
  const edited = firstEditedCell(exported, internal, audit);
  if (edited) throw new InputError(messages.previousEdited(recordAs, edited));
  const period = { start: manifest.period.start, end: manifest.period.end };
  const details = earlierDetails(recordAs, manifest);
  return {
    record: { dir: recordAs, period, tablesSha256: sha256(tablesText), manifestSha256: sha256(manifestText) },
    exported,
    threshold: manifestThreshold(manifest) ?? null,
    relation: periodRelation(period, newPeriod),
    ...(details.declarations ? { declarations: details.declarations } : {}),
    ...(details.inputsSha256 ? { inputsSha256: details.inputsSha256 } : {}),
  };
}

const AuditCellsSchema = z.object({
  cells: z.array(z.object({ table: z.string(), row: z.string(), column: z.string() })),
});

/** The first cell (`table row/column`) of `exported` that is not its exact count or its run's `**`; undefined when none. */
function firstEditedCell(
  exported: ExportTables,
  internal: InternalTables,
  audit: z.infer<typeof AuditCellsSchema>,
): string | undefined {
  const suppressed = new Set(audit.cells.map((c) => `${c.table}\t${c.row}\t${c.column}`));
  if (exported.period.start !== internal.period.start || exported.period.end !== internal.period.end) return 'period';
  for (const [id, t] of Object.entries(exported.tables)) {
    const exact = internal.tables[id];
    if (!exact) return id;
    const rows = new Map(exact.rows.map((h, k) => [h.key, k]));
    const cols = new Map(exact.columns.map((h, k) => [h.key, k]));
    for (const [i, row] of t.rows.entries())
      for (const [j, col] of t.columns.entries()) {
        const a = rows.get(row.key);
        const b = cols.get(col.key);
        const value = a === undefined || b === undefined ? undefined : exact.cells[a]?.[b];
        const expected =
          value === undefined || value === null
            ? null
            : suppressed.has(`${id}\t${row.key}\t${col.key}`)
              ? SUPPRESSED
              : value;
        if ((t.cells[i]?.[j] ?? null) !== expected) return `${id} ${row.key}/${col.key}`;
      }
  }
  return undefined;
}

/** A cell shown in both exports: where, and both numbers. */
export interface SharedCell {
  table: string;
  row: string;
  column: string;
  /** Position in the new export. */
  i: number;
  j: number;
  earlier: number | '**';
  now: number | '**';
}

/** Every cell (same table, row key and column key) that both exports have; numbers or `**`. */
export function sharedCells(earlier: ExportTables, now: ExportTables): SharedCell[] {
  const out: SharedCell[] = [];
  for (const [id, t] of Object.entries(now.tables)) {
    const e = earlier.tables[id];
    if (!e) continue;
    const er = new Map(e.rows.map((h, k) => [h.key, k]));
    const ec = new Map(e.columns.map((h, k) => [h.key, k]));
    t.rows.forEach((row, i) =>
      t.columns.forEach((col, j) => {
        const a = er.get(row.key);
        const b = ec.get(col.key);
        if (a === undefined || b === undefined) return;
        const x = e.cells[a]?.[b];
        const y = t.cells[i]?.[j];
        if (x === null || x === undefined || y === null || y === undefined) return;
        out.push({ table: id, row: row.key, column: col.key, i, j, earlier: x, now: y });
      }),
    );
  }
  return out;
}

/** Is a difference between two shown counts too small to show (1 … threshold − 1 persons)? */
export const isUnsafeDifference = (a: number, b: number, threshold: number) => {
  const d = Math.abs(a - b);
  return d >= 1 && d < threshold;
};
