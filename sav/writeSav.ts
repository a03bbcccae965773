/**
 * Streaming SPSS system file writer: bytecode-compressed (default), uncompressed or ZLIB (.zsav), UTF-8.
 *
 * Layout follows the PSPP developers guide ("System File Format"): header, one variable record per 8-byte unit
 * (strings longer than 8 bytes get continuation records, strings longer than 255 bytes are split into segments
 * declared in record 7/14), integer/float info (7/3, 7/4), long names (7/13), encoding "UTF-8" (7/20), 999, data.
 * Output is deterministic: the header's creation date/time are fixed.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { promisify } from 'node:util';
import { deflate } from 'node:zlib';
import duckdb from '@duckdb/node-bindings';
import { DuckDBTypeId, type DuckDBConnection, type DuckDBDataChunk, type DuckDBValue } from '@duckdb/node-api';
import { InputError } from '../core/errors.js';
import { loadQuery } from '../core/loadQuery.js';
import { SPSS_EPOCH_OFFSET_DAYS, SYSMIS } from './savDictionary.js';

const deflateAsync = promisify(deflate);

export interface SavWriteVariable {
  name: string;
  type: 'numeric' | 'string' | 'date';
  /** String width in bytes (UTF-8), 1..32767. Default 255. */
  width?: number;
  /** Decimals shown for numeric variables (print format F(w).d); default 2. */
  decimals?: number;
  label?: string;
}

export interface WriteSavOptions {
  compression?: 'bytecode' | 'zlib' | 'none';
}

const BIAS = 100;
const ZBLOCK = 0x3ff000;
const FLUSH_AT = 1 << 20;
const enc = new TextEncoder();

interface Layout {
  kind: 0 | 1 | 2; // numeric, string, date
  width: number;
  /** First unit. */
  unit: number;
  /** Segments [first unit, units, usable bytes]. */
  segments: [number, number, number][];
  name: string;
}

function shortNameFactory(): (name: string) => string {
  const used = new Set<string>();
  return (name: string) => {
    let base = name.toUpperCase().replace(/[^A-Z0-9_.@#$]/g, '_');
    if (!/^[A-Z@#$]/.test(base)) base = `V${base}`;
    base = base.slice(0, 8).replace(/\.+$/, '');
    let cand = base;
    for (let k = 1; used.has(cand); k++) cand = `${base.slice(0, 8 - String(k).length)}${k}`;
    used.add(cand);
    return cand;
  };
}

/** Builds the dictionary bytes and keeps the unit layout for encoding rows. */
function buildDictionary(
  variables: SavWriteVariable[],
  compression: 0 | 1 | 2,
): { bytes: Uint8Array; layouts: Layout[]; units: number } {
  if (variables.length === 0) throw new InputError('writeSav: no variables');
  const parts: number[] = [];
  const u8 = (x: number) => parts.push(x & 0xff);
  const i32 = (x: number) => {
    u8(x);
    u8(x >> 8);
    u8(x >> 16);
    u8(x >> 24);
  };
  const f64 = (x: number) => {
    const b = new Uint8Array(new Float64Array([x]).buffer);
    for (const v of b) u8(v);
  };
  const str = (s: string | Uint8Array, len: number, pad = 32) => {
    const b = typeof s === 'string' ? enc.encode(s) : s;
    for (let k = 0; k < len; k++) u8(k < b.length ? b[k]! : pad);
  };
  // File header.
  str(compression === 2 ? '$FL3' : '$FL2', 4);
  str('@(#) SPSS DATA FILE multigebruik', 60);
  i32(2);
  const caseSizeAt = parts.length;
  i32(0); // nominal case size, patched below
  i32(compression);
  i32(0);
  i32(-1); // ncases, patched at the end of writing
  f64(BIAS);
  str('01 Jan 70', 9);
  str('00:00:00', 8);
  str('', 64);
  str('', 3, 0);

  const short = shortNameFactory();
  const layouts: Layout[] = [];
  const longNames: string[] = [];
  const veryLong: string[] = [];
  let unit = 0;
  const varRecord = (type: number, name: string, format: number, label?: string) => {
    i32(2);
    i32(type);
    i32(label ? 1 : 0);
    i32(0);
    i32(format);
    i32(format);
    str(name, 8);
    if (label) {
      const lb = enc.encode(label).subarray(0, 255);
      i32(lb.length);
      str(lb, Math.ceil(lb.length / 4) * 4);
    }
  };
  const stringRecords = (width: number, name: string, label?: string) => {
    varRecord(width, name, (1 << 16) | (Math.min(width, 255) << 8), label);
    const n = Math.ceil(width / 8);
    for (let k = 1; k < n; k++) varRecord(-1, '', 0);
    unit += n;
    return n;
  };
  for (const v of variables) {
    const sn = short(v.name);
    longNames.push(`${sn}=${v.name}`);
    if (v.type === 'string') {
      const width = v.width ?? 255;
      if (!Number.isInteger(width) || width < 1 || width > 32767)
        throw new InputError(`writeSav: variable ${v.name}: bad string width ${width}`);
      const layout: Layout = { kind: 1, width, unit, segments: [], name: v.name };
      if (width <= 255) {
        const first = unit;
        layout.segments.push([first, stringRecords(width, sn, v.label), width]);
      } else {
        veryLong.push(`${sn}=${String(width).padStart(5, '0')}\0`);
        const nseg = Math.ceil(width / 252);
        for (let s = 0; s < nseg; s++) {
          const w = s < nseg - 1 ? 255 : width - (nseg - 1) * 252;
          const segName = s === 0 ? sn : short(`${sn.slice(0, 5)}${s}`);
          const first = unit;
          layout.segments.push([first, stringRecords(w, segName, s === 0 ? v.label : undefined), w]);
        }
      }
      layouts.push(layout);
    } else if (v.type === 'date') {
      varRecord(0, sn, (20 << 16) | (11 << 8), v.label);
      layouts.push({ kind: 2, width: 0, unit: unit++, segments: [], name: v.name });
    } else {
      const d = v.decimals ?? 2;
      varRecord(0, sn, (5 << 16) | (Math.max(8, d + 2) << 8) | d, v.label);
      layouts.push({ kind: 0, width: 0, unit: unit++, segments: [], name: v.name });
    }
  }
  // 7/3 machine integer info: version 1.0.0, machine -1, IEEE floats, compression, little-endian, UTF-8.
  i32(7);
  i32(3);
  i32(4);
  i32(8);
  for (const x of [1, 0, 0, -1, 1, compression === 0 ? 0 : 1, 2, 65001]) i32(x);
  // 7/4 machine float info: sysmis, highest, lowest.
  i32(7);
  i32(4);
  i32(8);
  i32(3);
  f64(SYSMIS);
  f64(Number.MAX_VALUE);
  f64(-1.7976931348623155e308);
  const textRecord = (subtype: number, text: string) => {
    const b = enc.encode(text);
    i32(7);
    i32(subtype);
    i32(1);
    i32(b.length);
    str(b, b.length);
  };
  textRecord(13, longNames.join('\t'));
  if (veryLong.length > 0) textRecord(14, veryLong.map((x) => `${x}\t`).join(''));
  textRecord(20, 'UTF-8');
  i32(999);
  i32(0);
  const bytes = Uint8Array.from(parts);
  new DataView(bytes.buffer).setInt32(caseSizeAt, unit, true);
  return { bytes, layouts, units: unit };
}

/** Writes cases one at a time; `needsFlush` tells the caller to await `flush()`. */
class SavWriter {
  private fh!: FileHandle;
  private readonly layouts: Layout[];
  private readonly units: number;
  private readonly dictBytes: Uint8Array;
  private readonly mode: 0 | 1 | 2;
  private out = new Uint8Array(FLUSH_AT + (1 << 16));
  private len = 0;
  private cmdAt = -1;
  private ci = 8;
  private readonly caseBuf: Uint8Array;
  private readonly caseView: DataView;
  rows = 0;
  private filePos = 0;
  // zlib state
  private zheaderAt = 0;
  private zblocks: { uofs: number; cofs: number; usize: number; csize: number }[] = [];
  private zu = 0;
  private deflating: { job: Promise<Buffer>; size: number }[] = [];

  private constructor(
    private readonly file: string,
    variables: SavWriteVariable[],
    compression: 'bytecode' | 'zlib' | 'none',
  ) {
    this.mode = compression === 'none' ? 0 : compression === 'bytecode' ? 1 : 2;
    const d = buildDictionary(variables, this.mode);
    this.layouts = d.layouts;
    this.units = d.units;
    this.dictBytes = d.bytes;
    this.caseBuf = new Uint8Array(this.units * 8);
    this.caseView = new DataView(this.caseBuf.buffer);
  }

  static async create(file: string, variables: SavWriteVariable[], options: WriteSavOptions = {}): Promise<SavWriter> {
    const w = new SavWriter(file, variables, options.compression ?? 'bytecode');
    w.fh = await open(file, 'w');
    await w.writeRaw(w.dictBytes);
    if (w.mode === 2) {
      w.zheaderAt = w.filePos;
      await w.writeRaw(new Uint8Array(24)); // patched in close()
      w.zu = w.zheaderAt;
    }
    return w;
  }

  get needsFlush(): boolean {
    return this.len >= (this.mode === 2 ? ZBLOCK : FLUSH_AT);
  }

  private async writeRaw(b: Uint8Array): Promise<void> {
    let off = 0;
    while (off < b.length) {
      const { bytesWritten } = await this.fh.write(b, off, b.length - off, this.filePos);
      off += bytesWritten;
      this.filePos += bytesWritten;
    }
  }

  /** Encode one case (values in variable order). */
  writeRow(row: readonly unknown[]): void {
    const ls = this.layouts;
    if (row.length !== ls.length)
      throw new InputError(`${this.file}: row ${this.rows + 1} has ${row.length} values, expected ${ls.length}`);
    for (let i = 0; i < ls.length; i++) this.setValue(i, row[i]);
    this.endRow();
  }

  /** Set value `i` of the current case (then call endRow once all are set). */
  setValue(i: number, v: unknown): void {
    const l = this.layouts[i]!;
    if (l.kind !== 1) {
      this.caseView.setFloat64(
        l.unit * 8,
        l.kind === 2 ? dateToSpss(v, this.file, l.name, this.rows) : toNumber(v, this.file, l.name, this.rows),
        true,
      );
      return;
    }
    const cb = this.caseBuf;
    const s = v === null || v === undefined ? '' : typeof v === 'string' ? v : String(v);
    if (l.segments.length === 1 && s.length <= l.width) {
      // Fast path: ASCII text straight into the case (TextEncoder.encode allocates and is slow per value).
      const o = l.unit * 8;
      const n = s.length;
      let k = 0;
      for (; k < n; k++) {
        const c = s.charCodeAt(k);
        if (c >= 0x80) break;
        cb[o + k] = c;
      }
      if (k === n) {
        for (let e = o + l.segments[0]![1] * 8, j = o + n; j < e; j++) cb[j] = 32;
        return;
      }
    }
    const b = s === '' ? EMPTY : enc.encode(s);
    this.setStringBytes(i, b, 0, b.length);
  }

  /** Set string value `i` of the current case from UTF-8 bytes src[from, from + len). */
  setStringBytes(i: number, src: Uint8Array, from: number, len: number): void {
    const l = this.layouts[i]!;
    if (len > l.width) {
      throw new InputError(
        `${this.file}: variable ${l.name}, row ${this.rows + 1}: value of ${len} bytes does not fit width ${l.width}`,
      );
    }
    const cb = this.caseBuf;
    let taken = 0;
    for (const [first, n, usable] of l.segments) {
      const o = first * 8;
      const take = Math.max(0, Math.min(usable, len - taken));
      for (let k = 0; k < take; k++) cb[o + k] = src[from + taken + k]!;
      for (let j = o + take, e = o + n * 8; j < e; j++) cb[j] = 32;
      taken += take;
    }
  }

  /** Set numeric (or date, already in SPSS seconds) value `i` of the current case; NaN = system-missing. */
  setNumber(i: number, x: number): void {
    this.caseView.setFloat64(this.layouts[i]!.unit * 8, x !== x ? SYSMIS : x, true);
  }

  /** The current case is complete. */
  endRow(): void {
    if (this.mode === 0) this.append(this.caseBuf, 0, this.caseBuf.length);
    else this.compressCase();
    this.rows++;
  }

  private ensure(n: number): void {
    if (this.len + n <= this.out.length) return;
    const bigger = new Uint8Array(Math.max(this.out.length * 2, this.len + n));
    bigger.set(this.out.subarray(0, this.len));
    this.out = bigger;
  }

  private append(b: Uint8Array, from: number, to: number): void {
    this.ensure(to - from);
    this.out.set(b.subarray(from, to), this.len);
    this.len += to - from;
  }

  private code(c: number): void {
    if (this.ci === 8) {
      this.ensure(8);
      this.cmdAt = this.len;
      this.out.fill(0, this.len, this.len + 8);
      this.len += 8;
      this.ci = 0;
    }
    this.out[this.cmdAt + this.ci++] = c;
  }

  private compressCase(): void {
    const cb = this.caseBuf;
    const ls = this.layouts;
    this.ensure(this.units * 9 + 16);
    for (let i = 0; i < ls.length; i++) {
      const l = ls[i]!;
      if (l.kind !== 1) {
        const o = l.unit * 8;
        const x = this.caseView.getFloat64(o, true);
        if (x === SYSMIS) this.code(255);
        else if (Number.isInteger(x) && x >= 1 - BIAS && x <= 251 - BIAS && !Object.is(x, -0)) this.code(x + BIAS);
        else {
          this.code(253);
          this.out.set(cb.subarray(o, o + 8), this.len);
          this.len += 8;
        }
        continue;
      }
      for (const [first, n] of l.segments) {
        for (let u = first; u < first + n; u++) {
          const o = u * 8;
          let spaces = true;
          for (let k = 0; k < 8; k++)
            if (cb[o + k] !== 32) {
              spaces = false;
              break;
            }
          if (spaces) this.code(254);
          else {
            this.code(253);
            for (let k = 0; k < 8; k++) this.out[this.len + k] = cb[o + k]!;
            this.len += 8;
          }
        }
      }
    }
  }

  /** Write buffered output (for zlib: complete blocks only, unless `final`). */
  async flush(final = false): Promise<void> {
    if (this.mode !== 2) {
      if (this.ci !== 8 && !final) return this.flushPartial();
      await this.writeRaw(this.out.subarray(0, this.len));
      this.len = 0;
      return;
    }
    // ZLIB: the bytecode stream is cut into blocks of ZBLOCK uncompressed bytes. A block may end in the middle of
    // an instruction group: the reader concatenates the decompressed blocks.
    // Blocks are deflated (level 1: ~3x faster than 6, ~30% larger) on the libuv thread pool while encoding goes
    // on; at most two are in flight.
    let start = 0;
    const limit = final || this.ci === 8 ? this.len : this.cmdAt;
    while (limit - start >= ZBLOCK || (final && limit - start > 0)) {
      const size = Math.min(ZBLOCK, limit - start);
      const block = this.out.slice(start, start + size);
      const job = deflateAsync(block, { level: 1 });
      job.catch(() => undefined); // surfaced when awaited in order
      this.deflating.push({ job, size });
      if (this.deflating.length > 2) await this.writeDeflated();
      start += size;
    }
    if (final) while (this.deflating.length > 0) await this.writeDeflated();
    if (this.cmdAt >= start) this.cmdAt -= start;
    else if (this.ci !== 8) throw new Error('writeSav: internal: open instruction block was flushed');
    this.out.copyWithin(0, start, this.len);
    this.len -= start;
  }

  private async writeDeflated(): Promise<void> {
    const { job, size } = this.deflating.shift()!;
    const comp = await job;
    this.zblocks.push({ uofs: this.zu, cofs: this.filePos, usize: size, csize: comp.length });
    this.zu += size;
    await this.writeRaw(comp);
  }

  /** Write everything before the open instruction block (it still gets codes). */
  private async flushPartial(): Promise<void> {
    const keep = this.cmdAt;
    await this.writeRaw(this.out.subarray(0, keep));
    this.out.copyWithin(0, keep, this.len);
    this.len -= keep;
    this.cmdAt = 0;
  }

  async close(): Promise<void> {
    try {
      if (this.mode !== 0) {
        this.code(252);
        this.ci = 8;
      }
      if (this.mode === 2) {
        // Keep the last block whole: flush complete blocks, then the rest.
        await this.flush(true);
        const n = this.zblocks.length;
        const trailer = new DataView(new ArrayBuffer(24 + 24 * n));
        trailer.setBigInt64(0, BigInt(-BIAS), true);
        trailer.setBigInt64(8, 0n, true);
        trailer.setInt32(16, ZBLOCK, true);
        trailer.setInt32(20, n, true);
        this.zblocks.forEach((b, k) => {
          trailer.setBigInt64(24 + k * 24, BigInt(b.uofs), true);
          trailer.setBigInt64(32 + k * 24, BigInt(b.cofs), true);
          trailer.setInt32(40 + k * 24, b.usize, true);
          trailer.setInt32(44 + k * 24, b.csize, true);
        });
        const trailerAt = this.filePos;
        await this.writeRaw(new Uint8Array(trailer.buffer));
        const zh = new DataView(new ArrayBuffer(24));
        zh.setBigInt64(0, BigInt(this.zheaderAt), true);
        zh.setBigInt64(8, BigInt(trailerAt), true);
        zh.setBigInt64(16, BigInt(trailer.byteLength), true);
        await this.fh.write(new Uint8Array(zh.buffer), 0, 24, this.zheaderAt);
      } else {
        await this.flush(true);
      }
      const nc = new DataView(new ArrayBuffer(4));
      nc.setInt32(0, this.rows > 0x7fffffff ? -1 : this.rows, true);
      await this.fh.write(new Uint8Array(nc.buffer), 0, 4, 80);
    } finally {
      await this.fh.close();
    }
  }

  /** Close the file without finishing it (after an error). */
  async abort(): Promise<void> {
    await this.fh.close().catch(() => undefined);
  }
}

const EMPTY = new Uint8Array(0);

function toNumber(v: unknown, file: string, name: string, row: number): number {
  if (v === null || v === undefined) return SYSMIS;
  if (typeof v === 'number') return Number.isNaN(v) ? SYSMIS : v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'object' && typeof (v as { toDouble?: unknown }).toDouble === 'function')
    return (v as { toDouble(): number }).toDouble();
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  throw new InputError(`${file}: variable ${name}, row ${row + 1}: not a number`);
}

const DAY = 86400;

function dateToSpss(v: unknown, file: string, name: string, row: number): number {
  if (v === null || v === undefined || v === '') return SYSMIS;
  let days: number | undefined;
  if (v instanceof Date) days = Math.floor(v.getTime() / 86400000);
  else if (typeof v === 'object' && typeof (v as { days?: unknown }).days === 'number')
    days = (v as { days: number }).days;
  else if (typeof v === 'string') {
    const m = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(v);
    if (m) {
      const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
      const d = new Date(t);
      if (
        d.getUTCFullYear() === Number(m[1]) &&
        d.getUTCMonth() === Number(m[2]) - 1 &&
        d.getUTCDate() === Number(m[3])
      )
        days = t / 86400000;
    }
  }
  if (days === undefined || !Number.isFinite(days))
    throw new InputError(`${file}: variable ${name}, row ${row + 1}: not a date`);
  return (days + SPSS_EPOCH_OFFSET_DAYS) * DAY;
}

function isAsyncIterable(x: unknown): x is AsyncIterable<unknown[]> {
  return typeof (x as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function';
}

/**
 * Write `rows` (arrays of values in variable order) to `file`. Numbers: number/bigint/null; strings: any value
 * (String()), null → empty; dates: Date, {days} (DuckDB DATE), 'YYYY-MM-DD' or 'YYYYMMDD', null → system-missing.
 * @internal exported for its test (and only used there)
 */
export async function writeSav(
  file: string,
  variables: SavWriteVariable[],
  rows: AsyncIterable<unknown[]> | Iterable<unknown[]>,
  options: WriteSavOptions = {},
): Promise<void> {
  const w = await SavWriter.create(file, variables, options);
  try {
    if (isAsyncIterable(rows)) {
      for await (const row of rows) {
        w.writeRow(row);
        if (w.needsFlush) await w.flush();
      }
    } else {
      for (const row of rows) {
        w.writeRow(row);
        if (w.needsFlush) await w.flush();
      }
    }
  } catch (err) {
    await w.abort();
    throw err;
  }
  await w.close();
}

/**
 * Write the result of a DuckDB query to `file` without materialising it: rows are streamed chunk by chunk.
 * `variables` give the SPSS name, type and width of each result column, in order. A string column without a
 * width gets the longest value's byte length (one extra pass over the query).
 */
export async function writeSavFromQuery(
  conn: DuckDBConnection,
  sql: string,
  params: Record<string, DuckDBValue> | undefined,
  file: string,
  variables: SavWriteVariable[],
  options: WriteSavOptions = {},
): Promise<number> {
  const vars = variables.map((v) => ({ ...v }));
  const needWidth = vars.filter((v) => v.type === 'string' && v.width === undefined);
  if (needWidth.length > 0) {
    const aliases = vars.map((_, i) => `c${i}`);
    const exprs = vars.flatMap((v, i) =>
      v.type === 'string' && v.width === undefined ? [`max(strlen(CAST(c${i} AS VARCHAR)))`] : [],
    );
    const r = await conn.runAndReadAll(
      loadQuery('sav_write_select', {}, { exprs: exprs.join(', '), query: sql, aliases: aliases.join(', ') }),
      params,
    );
    const row = r.getRows()[0] ?? [];
    needWidth.forEach((v, k) => {
      v.width = Math.max(1, Number(row[k] ?? 1));
    });
  }
  const w = await SavWriter.create(file, vars, options);
  try {
    const result = await conn.stream(sql, params);
    if (result.columnCount !== vars.length) {
      throw new InputError(`${file}: query returns ${result.columnCount} columns, ${vars.length} variables given`);
    }
    const typeIds = vars.map((_, c) => result.columnTypeId(c));
    for (;;) {
      const chunk = await result.fetchChunk();
      if (!chunk || chunk.rowCount === 0) break;
      const n = chunk.rowCount;
      // Read DOUBLE, DATE and short VARCHAR values straight from the vectors' memory; the rest via getItem.
      const readers = vars.map((v, c) => columnReader(w, c, v, typeIds[c]!, chunk, n));
      for (let i = 0; i < n; i++) {
        for (let c = 0; c < readers.length; c++) readers[c]!(i);
        w.endRow();
      }
      if (w.needsFlush) await w.flush();
    }
  } catch (err) {
    await w.abort();
    throw err;
  }
  await w.close();
  return w.rows;
}

function columnReader(
  w: SavWriter,
  c: number,
  v: SavWriteVariable,
  typeId: DuckDBTypeId,
  chunk: DuckDBDataChunk,
  n: number,
): (i: number) => void {
  const raw = duckdb.data_chunk_get_vector(chunk.chunk, c);
  const validity = duckdb.vector_get_validity(raw, Math.ceil(n / 64) * 8) as Uint8Array | null | undefined;
  const isNull = validity ? (i: number) => (validity[i >> 3]! & (1 << (i & 7))) === 0 : () => false;
  if (v.type === 'numeric' && typeId === DuckDBTypeId.DOUBLE) {
    const bytes = duckdb.vector_get_data(raw, n * 8);
    const f = new Float64Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + n * 8));
    return (i) => w.setNumber(c, isNull(i) ? SYSMIS : f[i]!);
  }
  if (v.type === 'date' && typeId === DuckDBTypeId.DATE) {
    const bytes = duckdb.vector_get_data(raw, n * 4);
    const d = new Int32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + n * 4));
    return (i) => w.setNumber(c, isNull(i) ? SYSMIS : (d[i]! + SPSS_EPOCH_OFFSET_DAYS) * DAY);
  }
  const vector = chunk.getColumnVector(c);
  if (v.type === 'string' && typeId === DuckDBTypeId.VARCHAR) {
    const data = duckdb.vector_get_data(raw, n * 16);
    const view = new DataView(data.buffer, data.byteOffset, n * 16);
    return (i) => {
      if (isNull(i)) return w.setStringBytes(c, EMPTY, 0, 0);
      const len = view.getUint32(i * 16, true);
      if (len <= 12) w.setStringBytes(c, data, i * 16 + 4, len);
      else w.setValue(c, vector.getItem(i));
    };
  }
  return (i) => w.setValue(c, vector.getItem(i));
}
