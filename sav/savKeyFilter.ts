/**
 * The semi-join of a big source (GBAPERSOONTAB, HOOGSTEOPLTAB), applied while an SPSS file is decoded, before a
 * row reaches DuckDB. It drops exactly the rows that the source's query (gba_rows.sql, education_rows.sql) drops
 * without looking further: rows whose key is clean — RINPERSOONS not blank, RINPERSOON a plain number from 1 to
 * 999999999 — and whose number belongs to no candidate person. Every other row (a possible link, or a key that is
 * not clean and so must get the exact key rules) is kept, with its row number, and the query decides as it does
 * for CSV. So CSV and .sav give the same rows, problems and row numbers.
 *
 * Pure JavaScript (no DuckDB): runs in the decoding worker threads too.
 */

/**
 * A set of person numbers (1 … 999999999) in a SharedArrayBuffer, shared with the decoding workers without a copy:
 * an open-addressing hash table (linear probing, 0 = empty), preceded by a small bitmap of a second hash that
 * answers "no" for most numbers with one cache-friendly look-up (a national GBA file asks 24 million times, and
 * random probes into a table of millions of slots cost more than decoding the file).
 * Layout (int32): [log2 table size, log2 bitmap bits, bitmap words…, table slots…].
 */
export class KeySet {
  private readonly table: Int32Array;
  private readonly bits: Int32Array;
  private readonly tableShift: number;
  private readonly bitShift: number;

  constructor(readonly buffer: SharedArrayBuffer | ArrayBuffer) {
    const head = new Int32Array(buffer, 0, 2);
    const tableLog = head[0]!;
    const bitsLog = head[1]!;
    const words = 2 ** Math.max(0, bitsLog - 5);
    this.bits = new Int32Array(buffer, 8, words);
    this.table = new Int32Array(buffer, 8 + words * 4, 2 ** tableLog);
    this.tableShift = 32 - tableLog;
    this.bitShift = 32 - bitsLog;
  }

  static from(numbers: Iterable<number>, count: number): KeySet {
    let tableLog = 10;
    while (2 ** tableLog < count * 2) tableLog++;
    // ~16 bits per number (few false "maybe"s), at most 2^23 bits = 1 MB so that it stays in the cache
    let bitsLog = 16;
    while (bitsLog < 23 && 2 ** bitsLog < count * 16) bitsLog++;
    const buffer = new SharedArrayBuffer(8 + 2 ** (bitsLog - 3) + 4 * 2 ** tableLog);
    const head = new Int32Array(buffer, 0, 2);
    head[0] = tableLog;
    head[1] = bitsLog;
    const set = new KeySet(buffer);
    for (const n of numbers) set.add(n);
    return set;
  }

  add(n: number): void {
    const b = Math.imul(n, 0x85ebca6b) >>> this.bitShift;
    this.bits[b >>> 5]! |= 1 << (b & 31);
    const t = this.table;
    const mask = t.length - 1;
    let i = Math.imul(n, 0x9e3779b1) >>> this.tableShift;
    for (;;) {
      const v = t[i]!;
      if (v === n) return;
      if (v === 0) {
        t[i] = n;
        return;
      }
      i = (i + 1) & mask;
    }
  }

  has(n: number): boolean {
    const b = Math.imul(n, 0x85ebca6b) >>> this.bitShift;
    if ((this.bits[b >>> 5]! & (1 << (b & 31))) === 0) return false;
    const t = this.table;
    const mask = t.length - 1;
    let i = Math.imul(n, 0x9e3779b1) >>> this.tableShift;
    for (;;) {
      const v = t[i]!;
      if (v === n) return true;
      if (v === 0) return false;
      i = (i + 1) & mask;
    }
  }
}

/** What the decoder needs to filter rows (structured-cloneable: sent to workers). */
export interface SavKeyFilterSpec {
  /** The file's RINPERSOONS and RINPERSOON variables (any case). */
  rinpersoons: string;
  rinpersoon: string;
  /**
   * The candidate persons' numbers (KeySet buffer), or null when no row of this file can link (e.g. an education
   * file of a year after the background period): then only rows with an unclean key are kept.
   */
  keys: SharedArrayBuffer | ArrayBuffer | null;
  /**
   * WMOBUS: a row of nobody in `keys` with a clean key is dropped only when its values are clean too — the code one
   * of `codes` (normalised as the config's), the begin date a valid date, the end date empty or a valid date not
   * before it, each in its usual form. Any other row is kept and the query's exact rules decide (coded_records.sql
   * checks every WMOBUS row's dates and code), so a bad value is still reported with its row number.
   */
  values?: { begin: string; end: string; code: string; codes: string[] };
}
