import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../core/errors.js';
import { messages } from '../core/messages.js';
import type { Atom } from '../model/atom.js';
import { type EarlierRecord, MANIFEST_FILE, manifestThreshold, readManifest } from '../schemas/manifest.js';
import { type ExportTables, ExportTablesSchema, type Period } from '../schemas/tablesJson.js';

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
  atoms: readonly Atom[] | null;
}

export const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

/** The relation of period `a` (earlier export) to `b` (new run). */
export function periodRelation(a: Period, b: Period): PeriodRelation {
  if (a.start === b.start && a.end === b.end) return 'same';
  if (a.start >= b.start && a.end <= b.end) return 'earlierInside';
  if (b.start >= a.start && b.end <= a.end) return 'newInside';
  return 'other';
}

/** Reads an earlier export, without its atoms (InputError naming the folder and file when it is not one). */
export function readEarlierExport(dir: string, newPeriod: Period): Omit<EarlierExport, 'atoms'> {
  const tablesRel = join('export', 'tables.json');
  let tablesText: string;
  try {
    tablesText = readFileSync(join(dir, tablesRel), 'utf8');
  } catch {
    throw new InputError(messages.previousUnreadable(dir, tablesRel));
  }
  const manifestRead = readManifest(dir);
  if (!manifestRead.ok) throw new InputError(messages.previousUnreadable(dir, MANIFEST_FILE));
  const { manifest, text: manifestText } = manifestRead;
  let data: unknown;
  try {
    data = JSON.parse(tablesText);
  } catch {
    throw new InputError(messages.previousUnreadable(dir, 'export/tables.json'));
  }
  const exported = ExportTablesSchema.safeParse(data);
  if (!exported.success) throw new InputError(messages.previousUnreadable(dir, 'export/tables.json'));
  const period = { start: manifest.period.start, end: manifest.period.end };
  return {
    record: { dir, period, tablesSha256: sha256(tablesText), manifestSha256: sha256(manifestText) },
    exported: exported.data,
    threshold: manifestThreshold(manifest) ?? null,
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
