import type { DuckDBConnection } from '@duckdb/node-api';
import type { Config } from '../schemas/config.js';
import { installCodeMap } from '../sources/codeMapTable.js';
import { type SourceKey, SOURCE_KEYS, discoverSources } from '../sources/sourceFiles.js';
import { type PreparedFile, prepareSource } from '../sources/sourceRelation.js';
import type { CsvDiagnoser, FirstLineReader, SavLoader } from '../sources/sourceRelation.js';
import type { DirectoryEntry } from '../sources/sourceFiles.js';

/** What the read stage needs from outside (part of the pipeline's effects, pipeline/runPipeline.ts). */
export interface ReadEffects {
  conn: DuckDBConnection;
  /** The listing of the input folder (names, paths, sizes). */
  entries: readonly DirectoryEntry[];
  inputDir: string;
  loadSav?: SavLoader | undefined;
  /** Reads a CSV file's first line (its header), so DuckDB need not sniff every file twice. */
  readFirstLine?: FirstLineReader | undefined;
  /** Warnings for the terminal (e.g. an empty source file with --allow-empty). */
  warn?: (message: string) => void;
  /** Finds the row at fault in a CSV file DuckDB could not read (only called after a failure). */
  diagnoseCsv?: CsvDiagnoser | undefined;
}

export interface ReadResult {
  files: Record<SourceKey, PreparedFile[]>;
  ignoredFiles: string[];
}

/**
 * Stage "read": find each source's files in the input listing and make each file a relation DuckDB can scan
 * (CSV and Parquet in place, `.sav` decoded into a table). Nothing is validated or filtered yet.
 */
export async function read(config: Config, fx: ReadEffects): Promise<ReadResult> {
  const discovered = discoverSources(fx.entries, config, fx.inputDir);
  await installCodeMap(fx.conn, config);
  const files = {} as Record<SourceKey, PreparedFile[]>;
  let index = 0;
  for (const key of SOURCE_KEYS) {
    files[key] = await prepareSource(
      fx.conn,
      key,
      discovered.files[key],
      config,
      fx.loadSav,
      index,
      fx.readFirstLine,
      fx.warn,
      fx.diagnoseCsv,
    );
    // every discovered file keeps its index (an empty one left out with --allow-empty leaves a gap)
    index += discovered.files[key].length;
  }
  return { files, ignoredFiles: discovered.ignored };
}
