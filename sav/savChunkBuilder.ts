/**
 * Lays out decoded SPSS cases in DuckDB's vector format, in plain JS buffers (no DuckDB here, so it runs in the
 * decoding worker threads): DOUBLE as float64, DATE as int32 days, TIMESTAMP as int64 µs, VARCHAR as 16-byte
 * `duckdb_string_t` entries (public C API layout: uint32 length + 12 inline bytes) for strings of at most 12 UTF-8
 * bytes; longer strings travel separately and are assigned one by one (savChunkWriter.ts). Every chunk also
 * carries the 1-based case number of each row (BIGINT), so rows keep their file position after filtering.
 *
 * With a key filter (savKeyFilter.ts) a case whose key is clean and links to no candidate person is dropped before
 * any of its values are copied.
 *
 * Values the file declares user-missing are read as the values they are, as readstat reports them (docs/spec/inputs.md: an end
 * date declared missing must not become an empty end date, "still running"); only system-missing is NULL. A string
 * cut inside a multi-byte UTF-8 character at the variable's width loses the incomplete character, as readstat does.
 */
import { InputError } from '../core/errors.js';
import { KeySet, type SavKeyFilterSpec } from './savKeyFilter.js';
import { SPSS_EPOCH_OFFSET_DAYS, SPSS_EPOCH_OFFSET_SECONDS, SYSMIS, type SavVariable } from './savDictionary.js';

const KIND_DOUBLE = 0;
export const KIND_DATE = 1;
export const KIND_TIMESTAMP = 2;
export const KIND_STRING = 3;

export function kindOf(v: Pick<SavVariable, 'type'>): number {
  return v.type === 'string'
    ? KIND_STRING
    : v.type === 'date'
      ? KIND_DATE
      : v.type === 'datetime'
        ? KIND_TIMESTAMP
        : KIND_DOUBLE;
}

export function bytesPerValue(kind: number): number {
  return kind === KIND_STRING ? 16 : kind === KIND_DATE ? 4 : 8;
}

/** One column of a chunk, ready for copy_data_to_vector. */
interface SavChunkColumn {
  data: ArrayBuffer;
  /** Validity bitmask (1 = valid), or null when every value is valid. */
  valid: ArrayBuffer | null;
  /** Rows whose string is longer than 12 bytes, and their UTF-8 bytes. */
  longRows: number[];
  longValues: Uint8Array[];
}

export interface SavChunk {
  n: number;
  /** BIGINT case numbers (int64 little-endian). */
  rowNumbers: ArrayBuffer;
  columns: SavChunkColumn[];
}

interface Column {
  name: string;
  kind: number;
  at: number;
  width: number;
  segments: [number, number][];
  data: Uint8Array<ArrayBuffer>;
  f64: Float64Array;
  i32: Int32Array;
  i64: BigInt64Array;
  u32: Uint32Array;
  simple: boolean;
  valid: Uint8Array<ArrayBuffer>;
  anyNull: boolean;
  longRows: number[];
  longValues: Uint8Array[];
  joined: Uint8Array;
}

interface KeyColumn {
  string: boolean;
  at: number;
  width: number;
  /** Very long or a date: never clean. */
  unusable: boolean;
}

function keyColumn(v: SavVariable): KeyColumn {
  return {
    string: v.type === 'string',
    at: v.unit * 8,
    width: v.width,
    unusable: v.type === 'date' || v.type === 'datetime' || (v.type === 'string' && v.segments.length !== 1),
  };
}

/** A value column of the WMOBUS filter (SavKeyFilterSpec.values): a key column's layout, plus its type. */
interface ValueColumn extends KeyColumn {
  kind: SavVariable['type'];
  /** A string of one segment (its bytes are the value). */
  simple: boolean;
}

function valueColumn(v: SavVariable): ValueColumn {
  return {
    ...keyColumn(v),
    kind: v.type,
    simple: v.type === 'string' && v.segments.length === 1,
  };
}

/** The end of a string value at `at` of `width` bytes once trailing blanks and NULs (SPSS padding) are dropped. */
function valueEnd(bytes: Uint8Array, at: number, width: number): number {
  let e = at + width;
  while (e > at && (bytes[e - 1] === 32 || bytes[e - 1] === 0)) e--;
  return e;
}

/**
 * YYYYMMDD when `v` is a valid date of a year 1000–9999 written so, else -1.
 * @internal exported for its test (and only used there)
 */
export function validYmd(v: number): number {
  if (!Number.isInteger(v) || !(v >= 10000101 && v <= 99991231)) return -1;
  const y = Math.floor(v / 10000);
  const m = Math.floor(v / 100) % 100;
  const d = v % 100;
  if (m < 1 || m > 12 || d < 1) return -1;
  const dim =
    m === 2
      ? y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0)
        ? 29
        : 28
      : m === 4 || m === 6 || m === 9 || m === 11
        ? 30
        : 31;
  return d <= dim ? v : -1;
}

/**
 * YYYYMMDD of a day number (days since 1970-01-01) when its year is 1000–9999, else -1 (civil-from-days).
 * @internal exported for its test (and only used there)
 */
export function ymdOfDays(days: number): number {
  if (!Number.isFinite(days)) return -1;
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return y >= 1000 && y <= 9999 ? y * 10000 + m * 100 + d : -1;
}

/** System-missing (user-missing values are values: see the top of this file). */
function sysmis(v: number): boolean {
  return v === SYSMIS || v !== v;
}

/**
 * The end of a UTF-8 value in src[start, e) without an incomplete multi-byte character at its end (a string cut at the
 * variable's byte width): readstat drops such a character where a decoder would make it U+FFFD.
 */
function completeUtf8End(src: Uint8Array, start: number, e: number): number {
  let k = e;
  // back over at most 3 continuation bytes to the lead byte of the last character
  while (k > start && e - k < 3 && (src[k - 1]! & 0xc0) === 0x80) k--;
  if (k === start) return e;
  const lead = src[k - 1]!;
  const need = lead >= 0xf0 && lead < 0xf8 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return lead >= 0xc0 && lead < 0xf8 && e - (k - 1) < need ? k - 1 : e;
}

export class SavChunkBuilder {
  private readonly columns: Column[];
  private n = 0;
  private rowNumbers!: Int32Array<ArrayBuffer>;
  private readonly encoder = new TextEncoder();
  /** The file's strings are UTF-8 (then a character cut at the width is dropped, see completeUtf8End). */
  private readonly utf8: boolean;
  private readonly caseF64: Float64Array;
  private readonly rs: KeyColumn | undefined;
  private readonly rn: KeyColumn | undefined;
  private readonly keys: KeySet | null = null;
  /** Rows handed on (after filtering). */
  kept = 0;

  constructor(
    private readonly file: string,
    variables: SavVariable[],
    private readonly caseBytes: Uint8Array,
    private readonly decoder: TextDecoder,
    readonly capacity: number,
    private readonly onChunk: (chunk: SavChunk) => void,
    filter?: {
      spec: SavKeyFilterSpec;
      rinpersoons: SavVariable;
      rinpersoon: SavVariable;
      values?: { begin: SavVariable; end: SavVariable; code: SavVariable; codes: Set<string> };
    },
  ) {
    this.caseF64 = new Float64Array(caseBytes.buffer, caseBytes.byteOffset, caseBytes.byteLength / 8);
    this.utf8 = decoder.encoding === 'utf-8';
    this.columns = variables.map((v) => {
      const kind = kindOf(v);
      return {
        name: v.name,
        kind,
        at: v.unit * 8,
        width: v.width,
        segments: v.segments,
        simple: kind === KIND_STRING && v.segments.length === 1 && v.width <= 12,
        anyNull: false,
        longRows: [],
        longValues: [],
        joined: new Uint8Array(v.segments.length > 1 ? v.segments.length * 256 : 0),
        ...SavChunkBuilder.buffers(kind, capacity),
      };
    });
    this.fresh();
    if (filter) {
      this.rs = keyColumn(filter.rinpersoons);
      this.rn = keyColumn(filter.rinpersoon);
      this.keys = filter.spec.keys ? new KeySet(filter.spec.keys) : null;
      if (filter.values) {
        const { begin, end, code, codes } = filter.values;
        this.values = { begin: valueColumn(begin), end: valueColumn(end), code: valueColumn(code), codes };
      }
    }
  }

  private readonly values: { begin: ValueColumn; end: ValueColumn; code: ValueColumn; codes: Set<string> } | undefined;

  /** A numeric value of the current case, or NaN when system-missing. */
  private number(c: ValueColumn): number {
    const v = this.caseF64[c.at >> 3]!;
    return sysmis(v) ? Number.NaN : v;
  }

  /** The plain ASCII text of a simple string value (trailing blanks dropped), or null when it is not that. */
  private text(c: ValueColumn): string | null {
    if (!c.simple) return null;
    const bytes = this.caseBytes;
    const e = valueEnd(bytes, c.at, c.width);
    let t = '';
    for (let k = c.at; k < e; k++) {
      const x = bytes[k]!;
      if (x < 0x21 || x > 0x7e) return null;
      t += String.fromCharCode(x);
    }
    return t;
  }

  /**
   * A date of the current case as YYYYMMDD when it is certainly a valid date in the form the value rules read fast
   * (SPSS DATE of a year 1000–9999, a whole number YYYYMMDD, or 8 digits), 0 when empty (system-missing or a blank
   * string), or -1 when not certain (the query decides).
   */
  private date(c: ValueColumn): number {
    if (c.kind === 'numeric' || c.kind === 'date') {
      const v = this.number(c);
      if (v !== v) return 0;
      if (c.kind === 'date') return ymdOfDays(Math.floor(v / 86400) - SPSS_EPOCH_OFFSET_DAYS);
      return validYmd(v);
    }
    if (c.kind !== 'string') return -1;
    const t = this.text(c);
    if (t === '') return 0;
    if (t === null || t.length !== 8 || !/^[0-9]{8}$/.test(t)) return -1;
    return validYmd(Number(t));
  }

  /** Are the current case's code and dates clean (see SavKeyFilterSpec.values)? */
  private cleanValues(): boolean {
    const { begin, end, code, codes } = this.values!;
    let key: string | null = null;
    if (code.kind === 'numeric') {
      const v = this.number(code);
      if (Number.isInteger(v) && v >= 1 && v < 1e15) key = String(v);
    } else if (code.kind === 'string') {
      const t = this.text(code);
      if (t !== null && /^[0-9]{1,15}$/.test(t)) key = String(Number(t));
    }
    if (key === null || !codes.has(key)) return false;
    const b = this.date(begin);
    if (b <= 0) return false;
    const e = this.date(end);
    return e === 0 || e >= b;
  }

  private static buffers(kind: number, cap: number) {
    const data = new Uint8Array(cap * bytesPerValue(kind));
    return {
      data,
      f64: new Float64Array(kind === KIND_DOUBLE ? data.buffer : new ArrayBuffer(0)),
      i32: new Int32Array(kind === KIND_DATE ? data.buffer : new ArrayBuffer(0)),
      i64: new BigInt64Array(kind === KIND_TIMESTAMP ? data.buffer : new ArrayBuffer(0)),
      u32: new Uint32Array(kind === KIND_STRING ? data.buffer : new ArrayBuffer(0)),
      valid: new Uint8Array(cap / 8).fill(0xff),
    };
  }

  /** New buffers for the next chunk (the previous ones were handed on, possibly to another thread). */
  private fresh(): void {
    this.rowNumbers = new Int32Array(this.capacity * 2);
    for (const col of this.columns) Object.assign(col, SavChunkBuilder.buffers(col.kind, this.capacity));
  }

  /** The person number of the current case if its key is clean, else -1 (see savKeyFilter.ts). */
  private cleanKey(): number {
    const rs = this.rs!;
    const rn = this.rn!;
    if (rs.unusable || rn.unusable) return -1;
    const bytes = this.caseBytes;
    if (rs.string) {
      const e = valueEnd(bytes, rs.at, rs.width);
      if (e === rs.at) return -1;
      for (let k = rs.at; k < e; k++) {
        const x = bytes[k]!;
        if (x < 0x21 || x > 0x7e) return -1;
      }
    } else if (sysmis(this.caseF64[rs.at >> 3]!)) return -1;
    if (rn.string) {
      const e = valueEnd(bytes, rn.at, rn.width);
      const len = e - rn.at;
      if (len === 0 || len > 9) return -1;
      let n = 0;
      for (let k = rn.at; k < e; k++) {
        const d = bytes[k]! - 48;
        if (d < 0 || d > 9) return -1;
        n = n * 10 + d;
      }
      if (n === 0) return -1;
      return n;
    }
    const v = this.caseF64[rn.at >> 3]!;
    if (sysmis(v) || !Number.isInteger(v) || v < 1 || v > 999999999) return -1;
    return v;
  }

  /** Take the case currently in `caseBytes`; `caseNumber` is its 1-based position in the file. */
  addCase(caseNumber: number): void {
    if (this.rn) {
      const n = this.cleanKey();
      if (n > 0 && (this.keys === null || !this.keys.has(n)) && (this.values === undefined || this.cleanValues()))
        return;
    }
    const row = this.n;
    const bytes = this.caseBytes;
    const f64 = this.caseF64;
    const cols = this.columns;
    this.rowNumbers[row * 2] = caseNumber;
    for (let c = 0; c < cols.length; c++) {
      const col = cols[c]!;
      if (col.kind !== KIND_STRING) {
        const v = f64[col.at >> 3]!;
        if (sysmis(v)) {
          col.valid[row >> 3]! &= ~(1 << (row & 7));
          col.anyNull = true;
          continue;
        }
        if (col.kind === KIND_DOUBLE) col.f64[row] = v;
        else if (col.kind === KIND_DATE) {
          const days = Math.floor(v / 86400) - SPSS_EPOCH_OFFSET_DAYS;
          if (!(days >= -2147483647 && days <= 2147483647)) this.badValue(col, caseNumber, 'is not a valid date');
          col.i32[row] = days;
        } else {
          const micros = Math.round((v - SPSS_EPOCH_OFFSET_SECONDS) * 1e6);
          if (!(micros >= -9.2e18 && micros <= 9.2e18)) this.badValue(col, caseNumber, 'is not a valid date-time');
          col.i64[row] = BigInt(micros);
        }
        continue;
      }
      if (col.simple) {
        // Common case: one segment of at most 12 bytes. Copy while checking for ASCII.
        const start = col.at;
        const e = valueEnd(bytes, start, col.width);
        const len = e - start;
        const o = row * 16;
        const data = col.data;
        let ascii = 0;
        for (let k = 0; k < len; k++) {
          const x = bytes[start + k]!;
          ascii |= x;
          data[o + 4 + k] = x;
        }
        if (ascii < 0x80) {
          col.u32[row * 4] = len;
          continue;
        }
        for (let k = 0; k < 12; k++) data[o + 4 + k] = 0;
      }
      // String: find the bytes, drop trailing spaces (and NULs).
      let src = bytes;
      let start = col.at;
      let e: number;
      if (col.segments.length === 1) {
        e = start + col.width;
      } else {
        src = col.joined;
        start = 0;
        let len = 0;
        for (const [unit, w] of col.segments) {
          const take = Math.min(w, 255);
          src.set(bytes.subarray(unit * 8, unit * 8 + take), len);
          len += take;
        }
        e = Math.min(len, col.width);
      }
      while (e > start && (src[e - 1] === 32 || src[e - 1] === 0)) e--;
      const len = e - start;
      let ascii = 0;
      for (let k = start; k < e; k++) ascii |= src[k]!;
      const o = row * 16;
      const data = col.data;
      if (ascii < 0x80 && len <= 12) {
        col.u32[row * 4] = len;
        for (let k = 0; k < len; k++) data[o + 4 + k] = src[start + k]!;
        continue;
      }
      const utf8 =
        ascii < 0x80
          ? src.slice(start, e)
          : this.encoder.encode(
              this.decoder.decode(src.subarray(start, this.utf8 ? completeUtf8End(src, start, e) : e)),
            );
      if (utf8.length <= 12) {
        col.u32[row * 4] = utf8.length;
        for (let k = 0; k < utf8.length; k++) data[o + 4 + k] = utf8[k]!;
      } else {
        // Placeholder entry (empty string, buffers start zeroed); the real value is assigned after the bulk copy.
        col.longRows.push(row);
        col.longValues.push(utf8);
      }
    }
    if (++this.n === this.capacity) this.flush();
  }

  private badValue(col: Column, caseNumber: number, what: string): never {
    throw new InputError(`${this.file}: variable ${col.name}, row ${caseNumber}: value ${what}`);
  }

  /** Hand on the buffered rows. */
  flush(): void {
    const n = this.n;
    if (n === 0) return;
    const chunk: SavChunk = {
      n,
      rowNumbers: this.rowNumbers.buffer,
      columns: this.columns.map((c) => ({
        data: c.data.buffer,
        valid: c.anyNull ? c.valid.buffer : null,
        longRows: c.longRows,
        longValues: c.longValues,
      })),
    };
    for (const c of this.columns) {
      c.longRows = [];
      c.longValues = [];
      c.anyNull = false;
    }
    this.kept += n;
    this.n = 0;
    this.fresh();
    this.onChunk(chunk);
  }
}
