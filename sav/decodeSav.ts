/**
 * Decode an SPSS system file (.sav, bytecode-compressed or not, or .zsav) into chunks of rows in DuckDB's vector
 * layout (savChunkBuilder.ts), optionally keeping only the rows a key filter lets through (savKeyFilter.ts).
 * Pure JavaScript and file I/O, no DuckDB: the same code runs on the main thread (readSav) and in the decoding
 * worker threads (savWorker.ts).
 *
 * Memory stays bounded: the file is read in 4 MB pieces (zlib: one block of ~4 MB at a time), rows leave in
 * chunks of `capacity` (DuckDB's vector size).
 */
import { open } from 'node:fs/promises';
import { promisify } from 'node:util';
import { inflate } from 'node:zlib';
import { InputError } from '../core/errors.js';
import { BytecodeDecoder, UncompressedDecoder, type CaseDecoder } from './savCaseDecoder.js';
import { type SavChunk, SavChunkBuilder } from './savChunkBuilder.js';
import type { SavKeyFilterSpec } from './savKeyFilter.js';
import {
  corrupt,
  readSavDictionary,
  SavFileSource,
  truncated,
  type SavDictionary,
  type SavVariable,
} from './savDictionary.js';

const inflateAsync = promisify(inflate);

export interface DecodeSavOptions {
  /** Case-insensitive subset of variables to load (file order is kept). A name not in the file is an InputError. */
  columns?: string[] | undefined;
  /** Keep only rows that may link to a candidate person or whose key is not clean. */
  filter?: SavKeyFilterSpec | undefined;
  /** Rows per chunk (DuckDB's vector size). */
  capacity: number;
}

export interface DecodeSavResult {
  dict: SavDictionary;
  selected: SavVariable[];
  /** Cases in the file. */
  rows: number;
  /** Rows handed on (after filtering). */
  kept: number;
}

export async function openSav(file: string) {
  const fh = await open(file, 'r').catch((err: NodeJS.ErrnoException) => {
    throw new InputError(`${file}: cannot open SPSS file (${err.code ?? err.message})`);
  });
  return fh;
}

function selectVariables(dict: SavDictionary, columns: string[] | undefined): SavVariable[] {
  if (!columns) return dict.variables;
  const wanted = new Set<string>();
  const byName = new Map(dict.variables.map((v) => [v.name.toUpperCase(), v]));
  for (const c of columns) {
    if (!byName.has(c.toUpperCase())) {
      throw new InputError(
        `${dict.file}: column '${c}' not found in SPSS file (it has: ${dict.variables.map((v) => v.name).join(', ')})`,
      );
    }
    wanted.add(c.toUpperCase());
  }
  return dict.variables.filter((v) => wanted.has(v.name.toUpperCase()));
}

/**
 * Decode `file`. `onDictionary` sees the dictionary and the selected variables before any row; `onChunk` gets the
 * chunks in file order (synchronously, while decoding).
 */
export async function decodeSav(
  file: string,
  options: DecodeSavOptions,
  onDictionary: (dict: SavDictionary, selected: SavVariable[]) => void | Promise<void>,
  onChunk: (chunk: SavChunk) => void,
): Promise<DecodeSavResult> {
  const fh = await openSav(file);
  const src = new SavFileSource(fh, file);
  try {
    const dict = await readSavDictionary(src);
    const selected = selectVariables(dict, options.columns);
    let filter: ConstructorParameters<typeof SavChunkBuilder>[6];
    if (options.filter) {
      const find = (name: string) => selectVariables(dict, [name])[0]!;
      const v = options.filter.values;
      filter = {
        spec: options.filter,
        rinpersoons: find(options.filter.rinpersoons),
        rinpersoon: find(options.filter.rinpersoon),
        ...(v
          ? { values: { begin: find(v.begin), end: find(v.end), code: find(v.code), codes: new Set(v.codes) } }
          : {}),
      };
    }
    await onDictionary(dict, selected);
    let cases = 0;
    let builder: SavChunkBuilder | undefined;
    const emit = () => {
      cases++;
      if (dict.caseCount !== null && cases > dict.caseCount) {
        throw corrupt(file, src.offset, `more cases than the ${dict.caseCount} announced in the file header`);
      }
      builder!.addCase(cases);
    };
    const decoder: CaseDecoder =
      dict.compression === 'none'
        ? new UncompressedDecoder(dict.unitIsNumeric, dict.littleEndian, emit)
        : new BytecodeDecoder(dict.unitIsNumeric, dict.littleEndian, dict.bias, emit);
    builder = new SavChunkBuilder(file, selected, decoder.caseBytes, dict.decoder, options.capacity, onChunk, filter);

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
    builder.flush();
    if (dict.caseCount !== null && cases < dict.caseCount) {
      throw truncated(file, endOffset, `${dict.caseCount} cases as announced in the file header, found only ${cases}`);
    }
    return { dict, selected, rows: cases, kept: builder.kept };
  } finally {
    await src.settle();
    await fh.close();
  }
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
  if (nBlocks !== (ztrailerLen - 24) / 24)
    throw corrupt(file, ztrailerOfs + 20, `ZLIB trailer has ${nBlocks} blocks but length ${ztrailerLen}`);
  const blocks: { cofs: number; usize: number; csize: number; at: number }[] = [];
  let expectC = headerAt + 24;
  for (let k = 0; k < nBlocks; k++) {
    const at = 24 + k * 24;
    const cofs = i64(tv, at + 8);
    const usize = tv.getInt32(at + 16, le);
    const csize = tv.getInt32(at + 20, le);
    if (cofs !== expectC || csize <= 0 || usize < 0)
      throw corrupt(file, ztrailerOfs + at, `bad ZLIB block descriptor ${k + 1}`);
    expectC += csize;
    blocks.push({ cofs, usize, csize, at });
  }
  if (expectC !== ztrailerOfs) throw corrupt(file, ztrailerOfs, `ZLIB blocks end at ${expectC}, not at the trailer`);

  const loadBlock = async (k: number): Promise<Uint8Array> => {
    const b = blocks[k]!;
    const comp = new Uint8Array(b.csize);
    const r = await src.fh.read(comp, 0, b.csize, b.cofs);
    if (r.bytesRead < b.csize)
      throw truncated(file, b.cofs + r.bytesRead, `ZLIB block ${k + 1} of ${nBlocks}`, b.csize);
    let out: Uint8Array;
    try {
      out = await inflateAsync(comp);
    } catch (err) {
      throw corrupt(file, b.cofs, `ZLIB block ${k + 1} of ${nBlocks} does not decompress (${(err as Error).message})`);
    }
    if (out.length !== b.usize)
      throw corrupt(file, b.cofs, `ZLIB block ${k + 1} decompresses to ${out.length} bytes, trailer says ${b.usize}`);
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
