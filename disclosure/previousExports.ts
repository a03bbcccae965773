import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { InputError } from '../core/errors.js';
import { messages } from '../core/messages.js';
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
}

export const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

const ManifestHeadSchema = z.object({
  period: PeriodSchema,
  config: z.object({ value: z.object({ disclosure: z.object({ threshold: z.number().int() }).partial().optional() }).passthrough() }).partial().optional(),
});

/** The relation of period `a` (earlier export) to `b` (new run). */
export function periodRelation(a: Period, b: Period): PeriodRelation {
  if (a.start === b.start && a.end === b.end) return 'same';
  if (a.start >= b.start && a.end <= b.end) return 'earlierInside';
  if (b.start >= a.start && b.end <= a.end) return 'newInside';
  return 'other';
}

/** Reads an earlier export (InputError naming the folder and file when it is not one). */
export function readPreviousExport(dir: string, newPeriod: Period): PreviousExport {
  if (!existsSync(dir)) throw new InputError(messages.previousMissing(dir));
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
  return {
    record: { dir, period, tablesSha256: sha256(tablesText), manifestSha256: sha256(manifestText) },
    exported,
    threshold: manifest.config?.value?.disclosure?.threshold ?? null,
    relation: periodRelation(period, newPeriod),
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
