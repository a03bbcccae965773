import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { Config } from './config.js';
import { type Period, PeriodSchema } from './tablesJson.js';

/** The manifest's file name in a run's output folder. */
export const MANIFEST_FILE = 'manifest.json';

export interface InputFacts {
  sha256: string;
  lines: number;
}

/** Which software made an output (see bin/version.ts). */
export interface Software {
  name: 'multigebruik';
  version: string;
  commit: string;
  node: string;
}

export interface ManifestInput {
  config: Config;
  software: Software;
  period: Period;
  backgroundPeriod: Period;
  /** The input files used (see manifestInputs). */
  inputs: ManifestInputFile[];
  ignoredFiles: string[];
  rowsKept: Record<string, number>;
  duplicateRecords: Record<string, number>;
  quarantinedRows: number;
  /** Exports already published that this one was protected jointly with (run --previous). */
  previous: EarlierRecord[];
  /** Whether any study person was found (the count itself is in internal/tables.json only). */
  anyPersons: boolean;
  stageMs: Record<string, number>;
  totalMs: number;
  summary: unknown;
}

/**
 * An earlier export (`run --previous DIR`, config `previous`) as manifest.json `previous` and
 * internal/suppression-audit.json `previous` record it. Other commands (audit, compare) rely on these fields.
 */
export const EarlierRecordSchema = z.object({
  /** The folder as the user gave it. */
  dir: z.string(),
  period: PeriodSchema,
  /** SHA-256 (hex) of its export/tables.json. */
  tablesSha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** SHA-256 (hex) of its manifest.json. */
  manifestSha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type EarlierRecord = z.infer<typeof EarlierRecordSchema>;

export interface ManifestInputFile {
  source: string;
  file: string;
  bytes: number;
  rows: number;
  sha256: string;
}

/**
 * The input files as the manifest (and the checker's note) records them, sorted by name. A CSV's rows are its
 * lines less the header unless DuckDB counted them (Parquet metadata, `.sav`).
 */
export function manifestInputs(
  used: { source: string; name: string; bytes: number; facts: InputFacts; rows: number | undefined }[],
): ManifestInputFile[] {
  return [...used]
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .map((f) => ({
      source: f.source,
      file: f.name,
      bytes: f.bytes,
      rows: f.rows ?? Math.max(0, f.facts.lines - 1),
      sha256: f.facts.sha256,
    }));
}

/**
 * manifest.json: inputs (names, sizes, rows, SHA-256), the config and its hash, the period, the software, the time
 * per stage, and the run summary.
 */
export function buildManifest(m: ManifestInput) {
  const configJson = JSON.stringify(m.config);
  return {
    software: m.software,
    period: m.period,
    backgroundPeriod: m.backgroundPeriod,
    config: { sha256: createHash('sha256').update(configJson).digest('hex'), value: m.config },
    inputs: m.inputs,
    ignoredFiles: m.ignoredFiles,
    rowsKept: m.rowsKept,
    duplicateRecords: m.duplicateRecords,
    quarantinedRows: m.quarantinedRows,
    previous: m.previous,
    persons: m.anyPersons ? 'see internal/tables.json' : 'none',
    stageMs: m.stageMs,
    totalMs: m.totalMs,
    summary: m.summary,
  };
}

/**
 * manifest.json as read back (audit, earlier exports, compare, recognising a run's output folder): the fields those
 * readers use, checked; the rest kept as it is. The config is checked by its own schema where it is needed.
 */
const ManifestSchema = z
  .object({
    software: z.object({ name: z.literal('multigebruik'), version: z.string(), commit: z.string() }).passthrough(),
    period: PeriodSchema,
    backgroundPeriod: PeriodSchema.nullish(),
    config: z.object({ sha256: z.string(), value: z.unknown() }),
    previous: z.array(EarlierRecordSchema).optional(),
  })
  .passthrough();
export type Manifest = z.infer<typeof ManifestSchema>;

/** A manifest read from a folder, with its exact text (for its SHA-256); or why it could not be. */
export type ManifestRead =
  | { ok: true; manifest: Manifest; text: string }
  | { ok: false; problem: 'unreadable' | 'notJson' | 'shape'; path: string; detail: string };

/** The one reader of manifest.json: `dir/manifest.json` read, parsed and checked against ManifestSchema. Never throws. */
export function readManifest(dir: string): ManifestRead {
  const path = join(dir, MANIFEST_FILE);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    return { ok: false, problem: 'unreadable', path, detail: (e as NodeJS.ErrnoException).code ?? 'read error' };
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, problem: 'notJson', path, detail: 'not valid JSON' };
  }
  const parsed = ManifestSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      ok: false,
      problem: 'shape',
      path,
      detail: `${issue?.path.join('.') || '(top level)'}: ${issue?.message ?? ''}`,
    };
  }
  return { ok: true, manifest: parsed.data, text };
}

/** The disclosure threshold a manifest's config records, when it records one. */
export function manifestThreshold(m: Pick<Manifest, 'config'>): number | undefined {
  const value = m.config.value as { disclosure?: { threshold?: unknown } } | null;
  const t = value?.disclosure?.threshold;
  return typeof t === 'number' && Number.isInteger(t) ? t : undefined;
}
