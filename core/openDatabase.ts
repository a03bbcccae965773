import { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';

export interface DatabaseOptions {
  /** DuckDB memory limit, e.g. "4GB" (DuckDB's own default is 80 % of RAM, too much on a shared machine). */
  memoryLimit: string;
  threads: number;
  /** Where DuckDB may spill; undefined = DuckDB's default (next to the database / .tmp). */
  tempDirectory?: string | undefined;
  /**
   * Keep row order in scans and COPY (DuckDB's default). The generator needs it for byte-identical files; the run
   * turns it off (faster scans; every query there is an aggregate or locates rows with the setting back on).
   */
  preserveInsertionOrder?: boolean;
}

/** @internal exported for its test (and only used there) */
export const DEFAULT_DATABASE_OPTIONS: DatabaseOptions = { memoryLimit: '4GB', threads: 2 };

export interface Database {
  instance: DuckDBInstance;
  connection: DuckDBConnection;
  close(): void;
}

/** An in-memory DuckDB with explicit limits. The caller (bin/) owns it and closes it. */
export async function openDatabase(options: Partial<DatabaseOptions> = {}): Promise<Database> {
  const o = { ...DEFAULT_DATABASE_OPTIONS, ...options };
  const settings: Record<string, string> = {
    memory_limit: o.memoryLimit,
    threads: String(o.threads),
    preserve_insertion_order: String(o.preserveInsertionOrder ?? true),
  };
  if (o.tempDirectory) settings.temp_directory = o.tempDirectory;
  const instance = await DuckDBInstance.create(':memory:', settings);
  const connection = await instance.connect();
  return {
    instance,
    connection,
    close() {
      connection.closeSync();
      instance.closeSync();
    },
  };
}
