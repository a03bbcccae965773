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
 * A set of person numbers (1 … 999999999) in a SharedArrayBuffer: open addressing, linear probing, 0 = empty.
 * Shared with the decoding workers without a copy.
 */
export class KeySet {
  readonly table: Int32Array;
  private readonly mask: number;

  constructor(buffer: SharedArrayBuffer | ArrayBuffer) {
    this.table = new Int32Array(buffer);
    this.mask = this.table.length - 1;
  }

  static from(numbers: Iterable<number>, count: number): KeySet {
    let size = 1024;
    while (size < count * 2) size *= 2;
    const set = new KeySet(new SharedArrayBuffer(size * 4));
    for (const n of numbers) set.add(n);
    return set;
  }

  get buffer(): SharedArrayBuffer | ArrayBuffer {
    return this.table.buffer as SharedArrayBuffer | ArrayBuffer;
  }

  private static slot(n: number, mask: number): number {
    return Math.imul(n, 0x9e3779b1) >>> 0 & mask;
  }

  add(n: number): void {
    const t = this.table;
    let i = KeySet.slot(n, this.mask);
    for (;;) {
      const v = t[i]!;
      if (v === n) return;
      if (v === 0) {
        t[i] = n;
        return;
      }
      i = (i + 1) & this.mask;
    }
  }

  has(n: number): boolean {
    const t = this.table;
    let i = KeySet.slot(n, this.mask);
    for (;;) {
      const v = t[i]!;
      if (v === n) return true;
      if (v === 0) return false;
      i = (i + 1) & this.mask;
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
}
