import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { InputError } from '../core/errors.js';
import { messages } from '../core/messages.js';
import { declarationsFor, type TableDeclaration } from '../model/tableDeclarations.js';
import { ConfigSchema } from '../schemas/config.js';
import { type ExportTables, ExportTablesSchema, type Period, PeriodSchema } from '../schemas/tablesJson.js';

/**
 * Earlier exports (`run --previous DIR`, config `previous`): already published, so fixed. Only their
 * `export/tables.json` and `manifest.json` are read.
 */

/** One entry of manifest.json `previous` (and of suppression-audit.json `previous`). Other commands rely on these fields. */
export interface PreviousRecord {
  /** The folder as the user gave it. */
  dir: string;
  period: Period;
  /** SHA-256 (hex) of its export/tables.json. */
  tablesSha256: string;
  /** SHA-256 (hex) of its manifest.json. */
  manifestSha256: string;
}

export const PreviousRecordSchema = z.object({
  dir: z.string(),
  period: PeriodSchema,
  tablesSha256: z.string().regex(/^[0-9a-f]{64}$/),
  manifestSha256: z.string().regex(/^[0-9a-f]{64}$/),
});

/** How the earlier period relates to the new one. */
export type PeriodRelation = 'same' | 'earlierInside' | 'newInside' | 'other';

export interface PreviousExport {
  record: PreviousRecord;
  exported: ExportTables;
  /** Its disclosure threshold (from its manifest), when it records one. */
  threshold: number | null;
  relation: PeriodRelation;
  /**
   * The tables it was made with: the declarations of the config its manifest records (shipped tables kept by
   * `keep`/`drop`, plus its own `add`). Absent: not recorded (an older manifest); this run's are used.
   */
  declarations?: readonly TableDeclaration[] | undefined;
  /** SHA-256 of every input file its manifest records, sorted (absent: not recorded). */
  inputsSha256?: readonly string[] | undefined;
}

export const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

const ManifestHeadSchema = z.object({
  period: PeriodSchema,
  config: z
    .object({ value: z.object({ disclosure: z.object({ threshold: z.number().int() }).partial().optional(), tables: z.unknown().optional() }).passthrough() })
    .partial()
    .optional(),
  inputs: z.array(z.object({ sha256: z.string() }).passthrough()).optional(),
});

/**
 * What an earlier export's manifest says about how it was made: its table declarations (null when the manifest
 * records no config) and the SHA-256 of its input files, sorted (null when it records none). Throws
 * InputError naming the folder when the recorded table selection is not one this version can declare.
 */
export function earlierDetails(dir: string, manifest: unknown): { declarations: TableDeclaration[] | null; inputsSha256: string[] | null } {
  const head = ManifestHeadSchema.safeParse(manifest);
  if (!head.success) throw new InputError(messages.previousUnreadable(dir, 'manifest.json'));
  const value = head.data.config?.value;
  let declarations: TableDeclaration[] | null = null;
  if (value) {
    const tables = ConfigSchema.shape.tables.safeParse(value.tables);
    if (!tables.success) throw new InputError(messages.previousUnreadable(dir, 'manifest.json'));
    try {
      declarations = declarationsFor({ tables: tables.data });
    } catch {
      throw new InputError(messages.previousUnreadable(dir, 'manifest.json'));
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

/** Reads an earlier export (InputError naming the folder and file when it is not one). */
export function readPreviousExport(dir: string, newPeriod: Period): PreviousExport {
  const read = (rel: string): string => {
    try {
      return readFileSync(join(dir, rel), 'utf8');
    } catch {
      throw new InputError(messages.previousUnreadable(dir, rel));
    }
  };
  const tablesText = read(join('export', 'tables.json'));
  const manifestText = read('manifest.json');
  const parse = <T>(text: string, rel: string, schema: z.ZodType<T>): T => {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      throw new InputError(messages.previousUnreadable(dir, rel));
    }
    const r = schema.safeParse(data);
    if (!r.success) throw new InputError(messages.previousUnreadable(dir, rel));
    return r.data;
  };
  const exported = parse(tablesText, 'export/tables.json', ExportTablesSchema);
  const manifest = parse(manifestText, 'manifest.json', ManifestHeadSchema);
  const period = { start: manifest.period.start, end: manifest.period.end };
  const details = earlierDetails(dir, JSON.parse(manifestText));
  return {
    record: { dir, period, tablesSha256: sha256(tablesText), manifestSha256: sha256(manifestText) },
    exported,
    threshold: manifest.config?.value?.disclosure?.threshold ?? null,
    relation: periodRelation(period, newPeriod),
    ...(details.declarations ? { declarations: details.declarations } : {}),
    ...(details.inputsSha256 ? { inputsSha256: details.inputsSha256 } : {}),
  };
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
