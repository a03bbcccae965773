import { createHash } from 'node:crypto';
import type { Config } from './config.js';
import type { Period } from './tablesJson.js';

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
  previous: { dir: string; period: Period; tablesSha256: string; manifestSha256: string }[];
  /** Whether any study person was found (the count itself is in internal/tables.json only). */
  anyPersons: boolean;
  stageMs: Record<string, number>;
  totalMs: number;
  summary: unknown;
}

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
export function manifestInputs(used: { source: string; name: string; bytes: number; facts: InputFacts; rows: number | undefined }[]): ManifestInputFile[] {
  return [...used]
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .map((f) => ({ source: f.source, file: f.name, bytes: f.bytes, rows: f.rows ?? Math.max(0, f.facts.lines - 1), sha256: f.facts.sha256 }));
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
