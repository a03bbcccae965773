/**
 * Stream an SPSS system file (.sav, bytecode-compressed or not, or .zsav) into a new DuckDB table.
 *
 * Memory stays bounded: the file is read in 4 MB pieces (zlib: one block of ~4 MB at a time) and rows are appended
 * in DuckDB vectors of 2048. See savChunkWriter.ts for how rows get into DuckDB and why.
 *
 * Measured with bench/savBench.mjs (2 vCPUs shared with other jobs, load 5–8; Node 20, DuckDB 1.5.6), 24M-row
 * GBAPERSOONTAB-like file, bytecode-compressed:
 *   6 string columns (1.5 GB): readSav 0.91M rows/s (26.5 s, 18.1 CPU-s), readstat → CSV 0.68M rows/s (35.2 s, 22.6 CPU-s)
 *   6 numeric columns (0.5 GB): readSav 1.80M rows/s (13.4 s, 8.8 CPU-s), readstat → CSV 0.15M rows/s (157 s)
 * Peak JS heap + buffers 14–16 MB at 1M and 24M rows alike; process RSS ~1.5 GB is DuckDB's in-memory table.
 */
import { open } from 'node:fs/promises';
import { promisify } from 'node:util';
import { inflate } from 'node:zlib';
import type { DuckDBConnection } from '@duckdb/node-api';
import { InputError } from '../core/errors.js';
import { sqlIdentifier } from '../core/sql.js';
import { BytecodeDecoder, UncompressedDecoder, type CaseDecoder } from './savCaseDecoder.js';
import { SavChunkWriter } from './savChunkWriter.js';
import { corrupt, readSavDictionary, SavFileSource, truncated, type SavDictionary, type SavVariable } from './savDictionary.js';

const inflateAsync = promisify(inflate);

export interface SavMetadata {
  encoding: string;
  compression: 'none' | 'bytecode' | 'zlib';
  rowCount: number | null;
  variables: { name: string; type: 'numeric' | 'string' | 'date' | 'datetime'; label?: string; valueLabels?: Record<string, string>; format: string }[];
}

export interface ReadSavOptions {
  /** Case-insensitive subset of variables to load (file order is kept). A name not in the file is an InputError. */
  columns?: string[];
  /** Called with the number of rows loaded so far, every 2048 rows or so. */
  onProgress?: (rows: number) => void;
}

const SQL_TYPE: Record<SavVariable['type'], string> = { numeric: 'DOUBLE', string: 'VARCHAR', date: 'DATE', datetime: 'TIMESTAMP' };

/**
 * Create table `table` from the SPSS file `file`: one column per (selected) variable under its long name, rows in
 * file order. System- and user-missing values become NULL. Returns the dictionary (selected variables only);
 * `rowCount` is the number of rows loaded.
 */
export async function readSav(conn: DuckDBConnection, file: string, table: string, options: ReadSavOptions = {}): Promise<SavMetadata> {
  const fh = await open(file, 'r').catch((err: NodeJS.ErrnoException) => {
    throw new InputError(`${file}: cannot open SPSS file (${err.code ?? err.message})`);
  });
  let created = false;
  const src = new SavFileSource(fh, file);
  try {
    const dict = await readSavDictionary(src);
    const selected = selectVariables(dict, options.columns);
    await conn.run(`CREATE TABLE ${sqlIdentifier(table)} (${selected.map((v) => `${sqlIdentifier(v.name)} ${SQL_TYPE[v.type]}`).join(', ')})`);
    created = true;
    const appender = await conn.createAppender(table);
    let rows: number;
    try {
      rows = await readData(src, dict, selected, appender, options.onProgress);
      appender.closeSync();
    } catch (err) {
      try {
        appender.closeSync();
      } catch {
        // the original error matters more
      }
      throw err;
    }
    return {
      encoding: dict.encoding,
      compression: dict.compression,
      rowCount: rows,
      variables: selected.map((v) => ({
        name: v.name, type: v.type, format: v.format,
        ...(v.label !== undefined ? { label: v.label } : {}),
        ...(v.valueLabels !== undefined ? { valueLabels: v.valueLabels } : {}),
      })),
    };
  } catch (err) {
    if (created) await conn.run(`DROP TABLE IF EXISTS ${sqlIdentifier(table)}`).catch(() => undefined);
    throw err;
  } finally {
    await src.settle();
    await fh.close();
  }
}

/** Read only the dictionary (variables, labels, encoding, header row count) of an SPSS file. */
export async function readSavMetadata(file: string): Promise<SavMetadata> {
  const fh = await open(file, 'r').catch((err: NodeJS.ErrnoException) => {
    throw new InputError(`${file}: cannot open SPSS file (${err.code ?? err.message})`);
  });
  try {
    const dict = await readSavDictionary(new SavFileSource(fh, file, 1 << 16));
    return {
      encoding: dict.encoding, compression: dict.compression, rowCount: dict.caseCount,
      variables: dict.variables.map((v) => ({
        name: v.name, type: v.type, format: v.format,
        ...(v.label !== undefined ? { label: v.label } : {}),
        ...(v.valueLabels !== undefined ? { valueLabels: v.valueLabels } : {}),
      })),
    };
  } finally {
    await fh.close();
  }
}

function selectVariables(dict: SavDictionary, columns: string[] | undefined): SavVariable[] {
  if (!columns) return dict.variables;
  const wanted = new Set<string>();
  const byName = new Map(dict.variables.map((v) => [v.name.toUpperCase(), v]));
  for (const c of columns) {
    if (!byName.has(c.toUpperCase())) {
      throw new InputError(`${dict.file}: column '${c}' not found in SPSS file (it has: ${dict.variables.map((v) => v.name).join(', ')})`);
    }
    wanted.add(c.toUpperCase());
  }
  return dict.variables.filter((v) => wanted.has(v.name.toUpperCase()));
}

async function readData(
  src: SavFileSource,
  dict: SavDictionary,
  selected: SavVariable[],
  appender: import('@duckdb/node-api').DuckDBAppender,
  onProgress: ((rows: number) => void) | undefined,
): Promise<number> {
  const { file } = dict;
  let cases = 0;
  let writer: SavChunkWriter | undefined;
  const emit = () => {
    cases++;
    if (dict.caseCount !== null && cases > dict.caseCount) {
      throw corrupt(file, src.offset, `more cases than the ${dict.caseCount} announced in the file header`);
    }
    writer!.addCase();
  };
  const decoder: CaseDecoder =
    dict.compression === 'none'
      ? new UncompressedDecoder(dict.unitIsNumeric, dict.littleEndian, emit)
      : new BytecodeDecoder(dict.unitIsNumeric, dict.littleEndian, dict.bias, emit);
  let lastProgress = 0;
  writer = new SavChunkWriter(file, selected, decoder.caseBytes, dict.decoder, appender, (rows) => {
    if (onProgress && rows - lastProgress >= 65536) {
      lastProgress = rows;
      onProgress(rows);
    }
  });

  let endOffset: number;
  if (dict.compression === 'zlib') {
    endOffset = await readZlibData(src, dict, decoder);
  } else {
    for (;;) {
      src.pos = decoder.run(src.buf, src.pos, src.end);
      if (decoder.done) break;
      if ((await src.refill()) === 0 && src.eof) break;
    }
    endOffset = src.offset;
    const pending = decoder.pending();
    if (pending) throw truncated(file, endOffset, pending);
  }
  writer.flush();
  if (dict.caseCount !== null && cases < dict.caseCount) {
    throw truncated(file, endOffset, `${dict.caseCount} cases as announced in the file header, found only ${cases}`);
  }
  if (onProgress && lastProgress !== writer.rows) onProgress(writer.rows);
  return writer.rows;
}

/** ZLIB data: header (zheader_ofs, ztrailer_ofs, ztrailer_len), blocks, trailer with one descriptor per block. */
async function readZlibData(src: SavFileSource, dict: SavDictionary, decoder: CaseDecoder): Promise<number> {
  const { file, littleEndian: le } = dict;
  const headerAt = src.offset;
  await src.need(24, 'the ZLIB data header');
  const i64 = (view: DataView, at: number) => Number(view.getBigInt64(at, le));
  const zheaderOfs = i64(src.view, src.pos);
  const ztrailerOfs = i64(src.view, src.pos + 8);
  const ztrailerLen = i64(src.view, src.pos + 16);
  if (zheaderOfs !== headerAt) throw corrupt(file, headerAt, `ZLIB header says it is at offset ${zheaderOfs}`);
  if (ztrailerLen < 24 || (ztrailerLen - 24) % 24 !== 0 || ztrailerOfs < headerAt + 24) {
    throw corrupt(file, headerAt + 8, `bad ZLIB trailer position ${ztrailerOfs} / length ${ztrailerLen}`);
  }
  const trailer = new Uint8Array(ztrailerLen);
  const { bytesRead } = await src.fh.read(trailer, 0, ztrailerLen, ztrailerOfs);
  if (bytesRead < ztrailerLen) throw truncated(file, ztrailerOfs + bytesRead, 'the ZLIB trailer', ztrailerLen);
  const tv = new DataView(trailer.buffer);
  const nBlocks = tv.getInt32(20, le);
  if (nBlocks !== (ztrailerLen - 24) / 24) throw corrupt(file, ztrailerOfs + 20, `ZLIB trailer has ${nBlocks} blocks but length ${ztrailerLen}`);
  const blocks: { cofs: number; usize: number; csize: number; at: number }[] = [];
  let expectC = headerAt + 24;
  for (let k = 0; k < nBlocks; k++) {
    const at = 24 + k * 24;
    const cofs = i64(tv, at + 8);
    const usize = tv.getInt32(at + 16, le);
    const csize = tv.getInt32(at + 20, le);
    if (cofs !== expectC || csize <= 0 || usize < 0) throw corrupt(file, ztrailerOfs + at, `bad ZLIB block descriptor ${k + 1}`);
    expectC += csize;
    blocks.push({ cofs, usize, csize, at });
  }
  if (expectC !== ztrailerOfs) throw corrupt(file, ztrailerOfs, `ZLIB blocks end at ${expectC}, not at the trailer`);

  const loadBlock = async (k: number): Promise<Uint8Array> => {
    const b = blocks[k]!;
    const comp = new Uint8Array(b.csize);
    const r = await src.fh.read(comp, 0, b.csize, b.cofs);
    if (r.bytesRead < b.csize) throw truncated(file, b.cofs + r.bytesRead, `ZLIB block ${k + 1} of ${nBlocks}`, b.csize);
    let out: Uint8Array;
    try {
      out = await inflateAsync(comp);
    } catch (err) {
      throw corrupt(file, b.cofs, `ZLIB block ${k + 1} of ${nBlocks} does not decompress (${(err as Error).message})`);
    }
    if (out.length !== b.usize) throw corrupt(file, b.cofs, `ZLIB block ${k + 1} decompresses to ${out.length} bytes, trailer says ${b.usize}`);
    return out;
  };

  let carry = new Uint8Array(0);
  let next: Promise<Uint8Array> | undefined = nBlocks > 0 ? loadBlock(0) : undefined;
  for (let k = 0; k < nBlocks && !decoder.done; k++) {
    const block = await next!;
    next = k + 1 < nBlocks ? loadBlock(k + 1) : undefined;
    next?.catch(() => undefined); // surfaced when awaited
    let buf: Uint8Array = block;
    if (carry.length > 0) {
      buf = new Uint8Array(carry.length + block.length);
      buf.set(carry);
      buf.set(block, carry.length);
    }
    const pos = decoder.run(buf, 0, buf.length);
    carry = buf.slice(pos);
  }
  const pending = decoder.pending();
  if (pending) throw truncated(file, ztrailerOfs, `${pending} in the ZLIB-compressed data`);
  return ztrailerOfs;
}
