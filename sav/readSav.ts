/**
 * Stream an SPSS system file (.sav, bytecode-compressed or not, or .zsav) into a new DuckDB table.
 *
 * Decoding (decodeSav.ts) runs on the main thread or in a worker thread (savWorker.ts); either way rows arrive in
 * chunks in DuckDB's vector layout and are appended here (savChunkWriter.ts), so memory does not grow with the
 * file. With a key filter only rows that may link to a candidate person (or whose key is not clean) are kept,
 * each with its case number; see savKeyFilter.ts.
 *
 * Measured with bench/savBench.mjs (2 vCPUs shared with other jobs, load 5–8; Node 20, DuckDB 1.5.6), 24M-row
 * GBAPERSOONTAB-like file, bytecode-compressed, no filter:
 *   6 string columns (1.5 GB): readSav 0.91M rows/s (26.5 s, 18.1 CPU-s), readstat → CSV 0.68M rows/s (35.2 s, 22.6 CPU-s)
 *   6 numeric columns (0.5 GB): readSav 1.80M rows/s (13.4 s, 8.8 CPU-s), readstat → CSV 0.15M rows/s (157 s)
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { DuckDBConnection } from '@duckdb/node-api';
import { InputError, InternalError } from '../core/errors.js';
import { sqlIdentifier } from '../core/sql.js';
import { loadQuery } from '../core/loadQuery.js';
import { decodeSav, openSav, type DecodeSavOptions } from './decodeSav.js';
import { kindOf, type SavChunk } from './savChunkBuilder.js';
import { SavChunkWriter, sqlTypeOfKind, vectorSize } from './savChunkWriter.js';
import type { SavKeyFilterSpec } from './savKeyFilter.js';
import { readSavDictionary, SavFileSource, type SavVariable } from './savDictionary.js';
import type { SavWorkerData, SavWorkerMessage } from './savWorker.js';

export interface SavMetadata {
  encoding: string;
  compression: 'none' | 'bytecode' | 'zlib';
  rowCount: number | null;
  variables: {
    name: string;
    type: 'numeric' | 'string' | 'date' | 'datetime';
    label?: string;
    valueLabels?: Record<string, string>;
    format: string;
  }[];
}

export interface ReadSavOptions {
  /** Case-insensitive subset of variables to load (file order is kept). A name not in the file is an InputError. */
  columns?: string[] | undefined;
  /** Called with the number of rows loaded so far, every 64k rows or so, and at the end. */
  onProgress?: ((rows: number) => void) | undefined;
  /** Keep only the rows that may link to a candidate person, or whose key is not clean (savKeyFilter.ts). */
  filter?: SavKeyFilterSpec | undefined;
  /** Add a last BIGINT column of this name with each row's 1-based case number in the file. */
  rowNumberColumn?: string | undefined;
  /** Decode in a worker thread (the main thread only appends to DuckDB). */
  worker?: boolean | undefined;
}

/**
 * Files may load in parallel into one connection (pipeline/validate.ts). A DuckDB connection must not be used from
 * two threads at once, and conn.run works on a libuv thread while an append runs on this one: so every use of the
 * connection here (create, append, close, drop) takes this per-connection lock.
 */
const locks = new WeakMap<DuckDBConnection, Promise<unknown>>();
function withConnection<T>(conn: DuckDBConnection, fn: () => T | Promise<T>): Promise<T> {
  const prev = locks.get(conn) ?? Promise.resolve();
  const next = prev.then(fn, fn);
  locks.set(
    conn,
    next.catch(() => undefined),
  );
  return next;
}

const variableInfo = (v: SavVariable) => ({
  name: v.name,
  type: v.type,
  format: v.format,
  ...(v.label !== undefined ? { label: v.label } : {}),
  ...(v.valueLabels !== undefined ? { valueLabels: v.valueLabels } : {}),
});

/**
 * Create table `table` from the SPSS file `file`: one column per (selected) variable under its long name, rows in
 * file order. System-missing values become NULL; user-missing values are read as the values they are (as readstat
 * reports them). Returns the dictionary (selected variables only);
 * `rowCount` is the number of cases in the file, `keptRows` the number of rows loaded.
 */
export async function readSav(
  conn: DuckDBConnection,
  file: string,
  table: string,
  options: ReadSavOptions = {},
): Promise<SavMetadata & { keptRows: number }> {
  let created = false;
  let writer: SavChunkWriter | undefined;
  let appender: import('@duckdb/node-api').DuckDBAppender | undefined;
  let lastProgress = 0;
  const onDictionary = async (
    info: { encoding: string; compression: SavMetadata['compression'] },
    selected: SavVariable[],
  ) => {
    const cols = selected.map((v) => `${sqlIdentifier(v.name)} ${sqlTypeOfKind(kindOf(v))}`);
    if (options.rowNumberColumn) cols.push(`${sqlIdentifier(options.rowNumberColumn)} BIGINT`);
    await withConnection(conn, async () => {
      await conn.run(loadQuery('sav_table', { table }, { columns: cols.join(', ') }));
      created = true;
      appender = await conn.createAppender(table);
    });
    writer = new SavChunkWriter(appender!, selected.map(kindOf), Boolean(options.rowNumberColumn));
    meta = {
      encoding: info.encoding,
      compression: info.compression,
      rowCount: null,
      variables: selected.map(variableInfo),
    };
  };
  const onChunk = (chunk: SavChunk) => {
    writer!.append(chunk);
    if (options.onProgress && writer!.rows - lastProgress >= 65536) {
      lastProgress = writer!.rows;
      options.onProgress(writer!.rows);
    }
  };
  let meta: SavMetadata | undefined;
  const decodeOptions: DecodeSavOptions = { columns: options.columns, filter: options.filter, capacity: vectorSize() };
  try {
    const script = options.worker ? workerScript() : undefined;
    // (on this thread the decoder calls onChunk synchronously: no other use of the connection can come between)
    const r = script
      ? await decodeInWorker(script, file, decodeOptions, onDictionary, (chunk) =>
          withConnection(conn, () => onChunk(chunk)),
        )
      : await decodeSav(file, decodeOptions, onDictionary, onChunk);
    await withConnection(conn, () => appender!.closeSync());
    appender = undefined;
    if (options.onProgress && lastProgress !== writer!.rows) options.onProgress(writer!.rows);
    return { ...meta!, rowCount: r.rows, keptRows: r.kept };
  } catch (err) {
    await withConnection(conn, async () => {
      try {
        appender?.closeSync();
      } catch {
        // the original error matters more
      }
      if (created) await conn.run(loadQuery('drop_table', { table })).catch(() => undefined);
    });
    throw err;
  }
}

/** The compiled worker: next to this module, or (running from the TypeScript sources, as tests do) in dist/. */
function workerScript(): URL | undefined {
  for (const rel of ['./savWorker.js', '../dist/sav/savWorker.js']) {
    const url = new URL(rel, import.meta.url);
    if (existsSync(fileURLToPath(url))) return url;
  }
  return undefined;
}

/** decodeSav in a worker thread; the callbacks run on this thread, in order. */
function decodeInWorker(
  script: URL,
  file: string,
  options: DecodeSavOptions,
  onDictionary: (
    info: { encoding: string; compression: SavMetadata['compression'] },
    selected: SavVariable[],
  ) => Promise<void>,
  onChunk: (chunk: SavChunk) => Promise<void>,
): Promise<{ rows: number; kept: number }> {
  const flow = new SharedArrayBuffer(8);
  const counters = new Int32Array(flow);
  const data: SavWorkerData = { file, options, flow };
  const worker = new Worker(script, { workerData: data });
  return new Promise((resolve, reject) => {
    let chain: Promise<unknown> = Promise.resolve();
    let failed = false;
    let finished = false;
    const fail = (err: unknown) => {
      if (failed) return;
      failed = true;
      void worker.terminate();
      reject(err);
    };
    worker.on('message', (m: SavWorkerMessage) => {
      chain = chain
        .then(async () => {
          if (failed) return;
          switch (m.type) {
            case 'dictionary':
              await onDictionary(m, m.selected);
              break;
            case 'chunk':
              await onChunk(m.chunk);
              Atomics.add(counters, 1, 1);
              Atomics.notify(counters, 1);
              break;
            case 'done':
              finished = true;
              resolve({ rows: m.rows, kept: m.kept });
              break;
            case 'error': {
              const e = m.input ? new InputError(m.message, m.details) : new InternalError(`${file}: ${m.message}`);
              if (m.stack && !m.input) e.stack = m.stack;
              fail(e);
            }
          }
        })
        .catch(fail);
    });
    worker.on('error', fail);
    worker.on('exit', (code) => {
      void chain.then(() => {
        if (!failed && !finished) fail(new InternalError(`${file}: decoding worker stopped (exit ${code})`));
      });
    });
  });
}

/** Read only the dictionary (variables, labels, encoding, header row count) of an SPSS file. */
export async function readSavMetadata(file: string): Promise<SavMetadata> {
  const fh = await openSav(file);
  try {
    const dict = await readSavDictionary(new SavFileSource(fh, file, 1 << 16));
    return {
      encoding: dict.encoding,
      compression: dict.compression,
      rowCount: dict.caseCount,
      variables: dict.variables.map(variableInfo),
    };
  } finally {
    await fh.close();
  }
}
