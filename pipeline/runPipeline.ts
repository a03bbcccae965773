import type { DuckDBConnection } from '@duckdb/node-api';
import type { Config } from '../schemas/config.js';
import type { ExportTables, InternalTables, Period } from '../schemas/tablesJson.js';
import type { Atom } from '../model/atom.js';
import { installCodeMap } from '../sources/codeMapTable.js';
import { linkPersons } from './link.js';
import { messagesFor } from '../core/messages.js';
import { type DirectoryEntry, type SourceKey, SOURCE_KEYS, discoverSources } from '../sources/sourceFiles.js';
import { type FirstLineReader, type PreparedFile, type SavLoader, prepareSource } from '../sources/sourceRelation.js';
import { TABLE_DECLARATIONS, type TableDeclaration } from '../model/tableDeclarations.js';
import { tabulate } from './tabulate.js';
import { type ValidationResult, validateSources } from './validate.js';

/** The flow, named once: read → validate → link → tabulate → protect → render (render and writing are in bin/). */
export const STAGES = ['read', 'validate', 'link', 'tabulate', 'protect', 'render'] as const;
export type Stage = (typeof STAGES)[number];

export interface ProtectInput {
  internal: InternalTables;
  atoms: readonly Atom[];
  declarations: readonly TableDeclaration[];
  params: Config['disclosure'];
}
export interface ProtectOutput {
  exported: ExportTables;
  /** Files for internal/ (audit detail), relative path → content. */
  internalFiles: Record<string, string>;
  /** export/README.txt for the output checker. */
  checkerNote: string;
  marks: Record<string, ('primary' | 'secondary' | null)[][]>;
}
export type Protect = (input: ProtectInput) => Promise<ProtectOutput>;

export interface PipelineEffects {
  conn: DuckDBConnection;
  /** The listing of the input folder (names, paths, sizes). */
  entries: readonly DirectoryEntry[];
  inputDir: string;
  loadSav?: SavLoader | undefined;
  /** Reads a CSV file's first line (its header), so DuckDB need not sniff every file twice. */
  readFirstLine?: FirstLineReader | undefined;
  protect: Protect;
  /** Monotonic clock in ms, for the per-stage timings of the manifest. */
  now: () => number;
  onStage?: (stage: string) => void;
}

export interface PipelineResult {
  period: Period;
  backgroundPeriod: Period;
  files: Record<SourceKey, PreparedFile[]>;
  ignoredFiles: string[];
  validation: ValidationResult;
  atoms: Atom[];
  internal: InternalTables;
  protection: ProtectOutput;
  stageMs: Partial<Record<Stage, number>>;
}

export function periodsOf(config: Config): { period: Period; backgroundPeriod: Period } {
  return { period: config.period, backgroundPeriod: config.backgroundPeriod ?? config.period };
}

/** Validate only (the `validate` command): read + validate, same errors as run. */
export async function validateInputs(config: Config, fx: Omit<PipelineEffects, 'protect'>) {
  const { period, backgroundPeriod } = periodsOf(config);
  const discovered = discoverSources(fx.entries, config, fx.inputDir);
  await installCodeMap(fx.conn, config);
  const files = {} as Record<SourceKey, PreparedFile[]>;
  let index = 0;
  for (const key of SOURCE_KEYS) {
    files[key] = await prepareSource(fx.conn, key, discovered.files[key], config, fx.loadSav, index, fx.readFirstLine);
    index += files[key].length;
  }
  const validation = await validateSources(fx.conn, files, config, { period, background: backgroundPeriod }, fx.onStage, fx.loadSav);
  return { period, backgroundPeriod, files, ignoredFiles: discovered.ignored, validation };
}

export async function runPipeline(config: Config, fx: PipelineEffects): Promise<PipelineResult> {
  const stageMs: Partial<Record<Stage, number>> = {};
  let t = fx.now();
  const lap = (stage: Stage) => {
    const now = fx.now();
    stageMs[stage] = Math.round(now - t);
    t = now;
  };
  fx.onStage?.('read');
  const v = await validateInputs(config, fx);
  lap('validate');
  fx.onStage?.('link');
  const atoms = await linkPersons(fx.conn);
  lap('link');
  fx.onStage?.('tabulate');
  const internal = tabulate({ atoms, declarations: TABLE_DECLARATIONS, period: v.period, backgroundPeriod: v.backgroundPeriod });
  const setAside = v.validation.quarantined.length;
  const say = messagesFor(config.language);
  if (setAside > 0) for (const t of Object.values(internal.tables)) t.note = say.quarantineNote(String(setAside));
  lap('tabulate');
  fx.onStage?.('protect');
  const protection = await fx.protect({ internal, atoms, declarations: TABLE_DECLARATIONS, params: config.disclosure });
  if (setAside > 0) {
    // a row count, not a person count; still shown only as "under the threshold" when small
    const shown = setAside < config.disclosure.threshold ? say.fewerThan(config.disclosure.threshold) : String(setAside);
    for (const t of Object.values(protection.exported.tables)) t.note = say.quarantineNote(shown);
  }
  lap('protect');
  return { ...v, atoms, internal, protection, stageMs };
}
