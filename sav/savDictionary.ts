/**
 * SPSS system file (.sav / .zsav) header and dictionary parsing: everything before the case data.
 *
 * Written from the public description of the format in the PSPP developers guide ("System File Format"):
 * file header, variable records (2), value labels (3/4), documents (6), extension records (7: subtypes 3, 4, 11,
 * 13, 14, 20, 21, 22 are used, the rest skipped) and the dictionary termination record (999).
 */
import type { FileHandle } from 'node:fs/promises';
import { InputError } from '../core/errors.js';

/** SPSS system-missing: -DBL_MAX. */
export const SYSMIS = -Number.MAX_VALUE;
/** Seconds from the SPSS epoch (1582-10-14) to the Unix epoch (1970-01-01). */
export const SPSS_EPOCH_OFFSET_SECONDS = 12219379200;
export const SPSS_EPOCH_OFFSET_DAYS = 141428;

/** Format type codes (print/write formats), from the format spec table. */
const FORMAT_NAMES: Record<number, string> = {
  1: 'A',
  2: 'AHEX',
  3: 'COMMA',
  4: 'DOLLAR',
  5: 'F',
  6: 'IB',
  7: 'PIBHEX',
  8: 'P',
  9: 'PIB',
  10: 'PK',
  11: 'RB',
  12: 'RBHEX',
  15: 'Z',
  16: 'N',
  17: 'E',
  20: 'DATE',
  21: 'TIME',
  22: 'DATETIME',
  23: 'ADATE',
  24: 'JDATE',
  25: 'DTIME',
  26: 'WKDAY',
  27: 'MONTH',
  28: 'MOYR',
  29: 'QYR',
  30: 'WKYR',
  31: 'PCT',
  32: 'DOT',
  33: 'CCA',
  34: 'CCB',
  35: 'CCC',
  36: 'CCD',
  37: 'CCE',
  38: 'EDATE',
  39: 'SDATE',
  40: 'MTIME',
  41: 'YMDHMS',
};
/** Formats whose values are calendar dates (seconds since 1582-10-14 at midnight). */
const DATE_FORMATS = new Set([20, 23, 24, 28, 29, 30, 38, 39]);
/** Formats whose values are date + time of day. */
const DATETIME_FORMATS = new Set([22, 41]);
/** Numeric formats shown with decimals ("F8.2"). */
const DECIMAL_FORMATS = new Set([3, 4, 5, 8, 10, 15, 16, 17, 31, 32, 33, 34, 35, 36, 37, 6, 9, 11]);

type SavCompression = 'none' | 'bytecode' | 'zlib';

/** One variable as the pipeline sees it (very long strings already joined from their segments). */
export interface SavVariable {
  name: string;
  shortName: string;
  type: 'numeric' | 'string' | 'date' | 'datetime';
  /** String width in bytes (0 for numeric). */
  width: number;
  label?: string;
  valueLabels?: Record<string, string>;
  format: string;
  formatType: number;
  /** Index of the first 8-byte unit in a case. */
  unit: number;
  /** For strings: [unit, usable width] for each segment (one segment unless a very long string). */
  segments: [number, number][];
  /** Numeric user-missing: discrete values and an optional inclusive range. */
  missingValues: number[];
  missingRange?: [number, number];
  /** String user-missing values as raw bytes, trailing spaces removed. */
  missingStrings: Uint8Array[];
}

export interface SavDictionary {
  file: string;
  littleEndian: boolean;
  compression: SavCompression;
  bias: number;
  /** Cases in the header, or null when the writer left it unknown (-1). */
  caseCount: number | null;
  /** 8-byte units per case. */
  caseUnits: number;
  /** For each 8-byte unit: true if it holds (part of) a numeric variable. */
  unitIsNumeric: Uint8Array;
  encoding: string;
  decoder: TextDecoder;
  variables: SavVariable[];
  /** File offset where the data (or, for zlib, the zlib header) starts. */
  dataOffset: number;
}

/** Buffered sequential reader over a file handle, with absolute byte offsets for error messages. */
export class SavFileSource {
  buf: Uint8Array;
  view: DataView;
  pos = 0;
  end = 0;
  /** File offset of buf[0]. */
  base = 0;
  eof = false;

  constructor(
    readonly fh: FileHandle,
    readonly file: string,
    capacity = 4 << 20,
  ) {
    this.buf = new Uint8Array(capacity);
    this.view = new DataView(this.buf.buffer);
  }

  get offset(): number {
    return this.base + this.pos;
  }

  /** Make at least n bytes available at pos; false when the file ends first. */
  async fill(n: number): Promise<boolean> {
    if (this.end - this.pos >= n) return true;
    if (this.pos > 0) {
      this.buf.copyWithin(0, this.pos, this.end);
      this.base += this.pos;
      this.end -= this.pos;
      this.pos = 0;
    }
    if (n > this.buf.length) {
      const bigger = new Uint8Array(Math.max(n, this.buf.length * 2));
      bigger.set(this.buf.subarray(0, this.end));
      this.buf = bigger;
      this.view = new DataView(bigger.buffer);
    }
    while (this.end < n && !this.eof) {
      const { bytesRead } = await this.fh.read(this.buf, this.end, this.buf.length - this.end, this.base + this.end);
      if (bytesRead === 0) this.eof = true;
      this.end += bytesRead;
    }
    return this.end - this.pos >= n;
  }

  private spare: Uint8Array | undefined;
  private prefetch: Promise<number> | undefined;

  /**
   * Compact the buffer and append the next piece of the file; returns the bytes added (0 at end of file).
   * While the caller decodes, the following piece is already being read (double buffering).
   */
  async refill(): Promise<number> {
    if (this.pos > 0) {
      this.buf.copyWithin(0, this.pos, this.end);
      this.base += this.pos;
      this.end -= this.pos;
      this.pos = 0;
    }
    if (this.eof) return 0;
    const piece = this.buf.length >> 1;
    this.spare ??= new Uint8Array(piece);
    if (this.buf.length - this.end < piece) {
      const bigger = new Uint8Array(this.buf.length * 2);
      bigger.set(this.buf.subarray(0, this.end));
      this.buf = bigger;
      this.view = new DataView(bigger.buffer);
    }
    const got = await (this.prefetch ??
      this.fh.read(this.spare, 0, piece, this.base + this.end).then((r) => r.bytesRead));
    this.prefetch = undefined;
    if (got === 0) {
      this.eof = true;
      return 0;
    }
    this.buf.set(this.spare.subarray(0, got), this.end);
    this.end += got;
    const spare = this.spare;
    this.prefetch = this.fh.read(spare, 0, piece, this.base + this.end).then((r) => r.bytesRead);
    this.prefetch.catch(() => undefined); // surfaced by the next await
    return got;
  }

  /** Wait for a read still in flight (before closing the file). */
  async settle(): Promise<void> {
    await this.prefetch?.catch(() => undefined);
    this.prefetch = undefined;
  }

  async need(n: number, what: string): Promise<void> {
    if (!(await this.fill(n))) throw truncated(this.file, this.offset, what, n);
  }

  /** Move to an absolute file offset (drops the buffer). */
  seek(offset: number): void {
    this.base = offset;
    this.pos = 0;
    this.end = 0;
    this.eof = false;
  }
}

export function truncated(file: string, offset: number, what: string, bytes?: number): InputError {
  return new InputError(
    `${file}: SPSS file is truncated or corrupt at byte offset ${offset}: expected ${what}${bytes !== undefined ? ` (${bytes} bytes)` : ''} but the file ends`,
  );
}

export function corrupt(file: string, offset: number, message: string): InputError {
  return new InputError(`${file}: SPSS file is corrupt at byte offset ${offset}: ${message}`);
}

const CODE_PAGES: Record<number, string> = {
  2: 'windows-1252',
  3: 'windows-1252',
  437: 'ibm866',
  20127: 'windows-1252',
  28591: 'iso-8859-1',
  28592: 'iso-8859-2',
  28605: 'iso-8859-15',
  65001: 'utf-8',
  874: 'windows-874',
  932: 'shift_jis',
  936: 'gbk',
  949: 'euc-kr',
  950: 'big5',
};

function makeDecoder(file: string, label: string): TextDecoder {
  try {
    return new TextDecoder(label.trim());
  } catch {
    throw new InputError(`${file}: unsupported character encoding '${label}' in SPSS file`);
  }
}

interface RawVariable {
  offset: number;
  type: number; // 0 numeric, >0 string width
  shortName: Uint8Array;
  label?: Uint8Array;
  printFormat: number;
  nMissing: number;
  missing: Uint8Array[]; // 8-byte raw values
  unit: number;
}

/** Read the header and dictionary; leaves `src` positioned at the start of the data. */
export async function readSavDictionary(src: SavFileSource): Promise<SavDictionary> {
  const file = src.file;
  await src.fill(176);
  const b = src.buf;
  const magic = String.fromCharCode(...b.subarray(src.pos, Math.min(src.pos + 4, src.end)));
  if (magic !== '$FL2' && magic !== '$FL3') {
    throw corrupt(file, 0, `not an SPSS system file (expected '$FL2' or '$FL3', found ${JSON.stringify(magic)})`);
  }
  await src.need(176, 'the 176-byte file header');
  const layoutLE = src.view.getInt32(src.pos + 64, true);
  const layoutBE = src.view.getInt32(src.pos + 64, false);
  let le: boolean;
  if (layoutLE === 2 || layoutLE === 3) le = true;
  else if (layoutBE === 2 || layoutBE === 3) le = false;
  else throw corrupt(file, 64, `unknown layout code ${layoutLE} (expected 2 or 3)`);
  const v = () => src.view;
  const i32 = (at: number) => v().getInt32(src.pos + at, le);
  const compressionCode = i32(72);
  const compression: SavCompression =
    compressionCode === 0
      ? 'none'
      : compressionCode === 1
        ? 'bytecode'
        : compressionCode === 2
          ? 'zlib'
          : (() => {
              throw corrupt(file, 72, `unknown compression code ${compressionCode}`);
            })();
  if ((compression === 'zlib') !== (magic === '$FL3')) {
    throw corrupt(file, 72, `compression code ${compressionCode} does not match the file type ${magic}`);
  }
  const ncases = i32(80);
  const bias = v().getFloat64(src.pos + 84, le);
  src.pos += 176;

  const readI32 = async (what: string): Promise<number> => {
    await src.need(4, what);
    const x = src.view.getInt32(src.pos, le);
    src.pos += 4;
    return x;
  };
  const readBytes = async (n: number, what: string): Promise<Uint8Array> => {
    await src.need(n, what);
    const out = src.buf.slice(src.pos, src.pos + n);
    src.pos += n;
    return out;
  };

  const raws: RawVariable[] = [];
  const unitOwner: number[] = []; // unit -> index in raws
  const valueLabelSets: { values: Uint8Array[]; labels: Uint8Array[]; vars: number[]; offset: number }[] = [];
  let longNames: Uint8Array | undefined;
  let veryLong: Uint8Array | undefined;
  let encodingName: string | undefined;
  let codePage: number | undefined;
  const longStringLabels: Uint8Array[] = [];
  const longStringMissing: Uint8Array[] = [];

  for (;;) {
    const recOffset = src.offset;
    const recType = await readI32('a record type');
    if (recType === 2) {
      await src.need(28, 'a variable record');
      const type = src.view.getInt32(src.pos, le);
      const hasLabel = src.view.getInt32(src.pos + 4, le);
      const nMissing = src.view.getInt32(src.pos + 8, le);
      const printFormat = src.view.getInt32(src.pos + 12, le);
      const shortName = src.buf.slice(src.pos + 20, src.pos + 28);
      src.pos += 28;
      let label: Uint8Array | undefined;
      if (hasLabel === 1) {
        const len = await readI32('a variable label length');
        if (len < 0 || len > 65535) throw corrupt(file, src.offset - 4, `bad variable label length ${len}`);
        label = (await readBytes(Math.ceil(len / 4) * 4, 'a variable label')).subarray(0, len);
      } else if (hasLabel !== 0) throw corrupt(file, recOffset + 8, `bad variable label flag ${hasLabel}`);
      const nm = Math.abs(nMissing);
      if (nm > 3 || nMissing === -1) throw corrupt(file, recOffset + 12, `bad missing-value count ${nMissing}`);
      const missing: Uint8Array[] = [];
      for (let k = 0; k < nm; k++) missing.push(await readBytes(8, 'a missing value'));
      if (type === -1) {
        // Continuation of the previous string variable.
        const owner = unitOwner[unitOwner.length - 1];
        if (owner === undefined || raws[owner]!.type <= 0)
          throw corrupt(file, recOffset, 'continuation record without a string variable');
        unitOwner.push(owner);
      } else {
        if (type < 0 || type > 255) throw corrupt(file, recOffset + 4, `bad variable type ${type}`);
        raws.push({
          offset: recOffset,
          type,
          shortName,
          printFormat,
          nMissing,
          missing,
          unit: unitOwner.length,
          ...(label ? { label } : {}),
        });
        unitOwner.push(raws.length - 1);
      }
    } else if (recType === 3) {
      const count = await readI32('a value label count');
      if (count < 0 || count > 1 << 24) throw corrupt(file, recOffset + 4, `bad value label count ${count}`);
      const values: Uint8Array[] = [];
      const labels: Uint8Array[] = [];
      for (let k = 0; k < count; k++) {
        values.push(await readBytes(8, 'a value label value'));
        await src.need(1, 'a value label length');
        const len = src.buf[src.pos]!;
        const padded = Math.ceil((len + 1) / 8) * 8;
        labels.push((await readBytes(padded, 'a value label')).subarray(1, 1 + len));
      }
      const rt = await readI32('value label variables record (type 4)');
      if (rt !== 4) throw corrupt(file, src.offset - 4, `expected record type 4 after value labels, found ${rt}`);
      const n = await readI32('a value label variable count');
      if (n < 0 || n > unitOwner.length) throw corrupt(file, src.offset - 4, `bad value label variable count ${n}`);
      const vars: number[] = [];
      for (let k = 0; k < n; k++) vars.push((await readI32('a value label variable index')) - 1);
      valueLabelSets.push({ values, labels, vars, offset: recOffset });
    } else if (recType === 6) {
      const n = await readI32('a document line count');
      if (n < 0 || n > 1 << 20) throw corrupt(file, recOffset + 4, `bad document line count ${n}`);
      await readBytes(n * 80, 'document lines');
    } else if (recType === 7) {
      const subtype = await readI32('an extension record subtype');
      const size = await readI32('an extension record size');
      const count = await readI32('an extension record count');
      const total = size * count;
      if (size < 0 || count < 0 || total > 1 << 30)
        throw corrupt(file, recOffset + 8, `bad extension record size ${size}×${count}`);
      const data = await readBytes(total, `extension record 7/${subtype} data`);
      const dv = new DataView(data.buffer, data.byteOffset, data.byteLength);
      if (subtype === 3 && total >= 32) codePage = dv.getInt32(28, le);
      else if (subtype === 13) longNames = data;
      else if (subtype === 14) veryLong = data;
      else if (subtype === 20) encodingName = String.fromCharCode(...data).replace(/\0+$/, '');
      else if (subtype === 21) longStringLabels.push(data);
      else if (subtype === 22) longStringMissing.push(data);
    } else if (recType === 999) {
      await readI32('the dictionary termination filler');
      break;
    } else {
      throw corrupt(file, recOffset, `unknown record type ${recType}`);
    }
  }
  if (raws.length === 0) throw corrupt(file, src.offset, 'the dictionary has no variables');

  // Character encoding: record 7/20, else the code page of record 7/3, else windows-1252.
  let label = encodingName;
  if (label === undefined && codePage !== undefined) {
    label = CODE_PAGES[codePage] ?? (codePage >= 1250 && codePage <= 1258 ? `windows-${codePage}` : undefined);
    if (label === undefined) throw new InputError(`${file}: unsupported SPSS character code ${codePage} (record 7/3)`);
  }
  const decoder = makeDecoder(file, label ?? 'windows-1252');
  const dec = (x: Uint8Array) => decoder.decode(x);
  const trimRight = (x: Uint8Array): Uint8Array => {
    let e = x.length;
    while (e > 0 && (x[e - 1] === 32 || x[e - 1] === 0)) e--;
    return x.subarray(0, e);
  };

  const caseUnits = unitOwner.length;
  const unitIsNumeric = new Uint8Array(caseUnits);
  for (let u = 0; u < caseUnits; u++) unitIsNumeric[u] = raws[unitOwner[u]!]!.type === 0 ? 1 : 0;

  // Long names (7/13): SHORT=Long pairs separated by tabs.
  const shortNames = raws.map((r) => dec(trimRight(r.shortName)).trim());
  const longByShort = new Map<string, string>();
  if (longNames) {
    for (const pair of dec(longNames).split('\t')) {
      const eq = pair.indexOf('=');
      if (eq > 0) longByShort.set(pair.slice(0, eq).toUpperCase(), pair.slice(eq + 1).replace(/\0+$/, ''));
    }
  }
  // Very long strings (7/14): SHORT=WIDTH pairs separated by NUL+tab.
  const vlsWidth = new Map<string, number>();
  if (veryLong) {
    for (const pair of dec(veryLong).split('\t')) {
      const p = pair.replace(/\0/g, '');
      const eq = p.indexOf('=');
      if (eq > 0) vlsWidth.set(p.slice(0, eq).toUpperCase(), Number.parseInt(p.slice(eq + 1), 10));
    }
  }

  const variables: SavVariable[] = [];
  for (let i = 0; i < raws.length; i++) {
    const r = raws[i]!;
    const shortName = shortNames[i]!;
    const name = longByShort.get(shortName.toUpperCase()) ?? shortName;
    const fmtType = (r.printFormat >>> 16) & 0xff;
    const fmtW = (r.printFormat >>> 8) & 0xff;
    const fmtD = r.printFormat & 0xff;
    if (r.type === 0) {
      const type = DATE_FORMATS.has(fmtType) ? 'date' : DATETIME_FORMATS.has(fmtType) ? 'datetime' : 'numeric';
      const missingValues: number[] = [];
      let missingRange: [number, number] | undefined;
      const nums = r.missing.map((m) => new DataView(m.buffer, m.byteOffset, 8).getFloat64(0, le));
      if (r.nMissing < 0) {
        missingRange = [nums[0]!, nums[1]!];
        if (r.nMissing === -3) missingValues.push(nums[2]!);
      } else missingValues.push(...nums);
      const fname = FORMAT_NAMES[fmtType] ?? `FORMAT${fmtType}`;
      const format = DECIMAL_FORMATS.has(fmtType) ? `${fname}${fmtW}.${fmtD}` : `${fname}${fmtW}`;
      const sv: SavVariable = {
        name,
        shortName,
        type,
        width: 0,
        format,
        formatType: fmtType,
        unit: r.unit,
        segments: [],
        missingValues,
        missingStrings: [],
        ...(missingRange ? { missingRange } : {}),
      };
      if (r.label) sv.label = dec(r.label);
      variables.push(sv);
      continue;
    }
    const sv: SavVariable = {
      name,
      shortName,
      type: 'string',
      width: r.type,
      format: `A${r.type}`,
      formatType: 1,
      unit: r.unit,
      segments: [[r.unit, r.type]],
      missingValues: [],
      missingStrings: r.nMissing > 0 ? r.missing.map(trimRight) : [],
    };
    const total = vlsWidth.get(shortName.toUpperCase());
    if (total !== undefined && total > 255) {
      const nseg = Math.ceil(total / 252);
      for (let s = 1; s < nseg; s++) {
        const seg = raws[i + s];
        if (!seg || seg.type <= 0)
          throw corrupt(
            file,
            r.offset,
            `very long string ${shortName} (width ${total}) lacks segment ${s + 1} of ${nseg}`,
          );
        sv.segments.push([seg.unit, seg.type]);
      }
      sv.width = total;
      sv.format = `A${total}`;
      i += nseg - 1;
    }
    if (r.label) sv.label = dec(r.label);
    variables.push(sv);
  }

  // Value labels (3/4): the variable indexes are 1-based dictionary units.
  const varByUnit = new Map<number, SavVariable>();
  for (const sv of variables) varByUnit.set(sv.unit, sv);
  for (const set of valueLabelSets) {
    for (const u of set.vars) {
      const sv = varByUnit.get(u);
      if (!sv)
        throw corrupt(file, set.offset, `value labels refer to dictionary index ${u + 1}, which is not a variable`);
      const out = (sv.valueLabels ??= {});
      for (let k = 0; k < set.values.length; k++) {
        const raw = set.values[k]!;
        const key =
          sv.width === 0 ? String(new DataView(raw.buffer, raw.byteOffset, 8).getFloat64(0, le)) : dec(trimRight(raw));
        out[key] = dec(set.labels[k]!);
      }
    }
  }
  const byName = new Map<string, SavVariable>();
  for (const sv of variables) byName.set(sv.name.toUpperCase(), sv);
  const parseLenPrefixed = (data: Uint8Array, fn: (dv: DataView, at: number) => number) => {
    const dv = new DataView(data.buffer, data.byteOffset, data.byteLength);
    let at = 0;
    while (at + 4 <= data.length) at = fn(dv, at);
  };
  // Long string value labels (7/21).
  for (const data of longStringLabels) {
    parseLenPrefixed(data, (dv, at) => {
      const nl = dv.getInt32(at, le);
      const vname = dec(data.subarray(at + 4, at + 4 + nl));
      at += 4 + nl + 4; // skip width
      const n = dv.getInt32(at, le);
      at += 4;
      const sv = byName.get(vname.toUpperCase());
      for (let k = 0; k < n; k++) {
        const vl = dv.getInt32(at, le);
        const value = data.subarray(at + 4, at + 4 + vl);
        at += 4 + vl;
        const ll = dv.getInt32(at, le);
        const lab = data.subarray(at + 4, at + 4 + ll);
        at += 4 + ll;
        if (sv) (sv.valueLabels ??= {})[dec(trimRight(value))] = dec(lab);
      }
      return at;
    });
  }
  // Long string missing values (7/22).
  for (const data of longStringMissing) {
    parseLenPrefixed(data, (dv, at) => {
      const nl = dv.getInt32(at, le);
      const vname = dec(data.subarray(at + 4, at + 4 + nl));
      at += 4 + nl;
      const n = data[at]!;
      at += 1;
      const vl = dv.getInt32(at, le);
      at += 4;
      const sv = byName.get(vname.toUpperCase());
      for (let k = 0; k < n; k++) {
        if (sv) sv.missingStrings.push(trimRight(data.slice(at, at + vl)));
        at += vl;
      }
      return at;
    });
  }

  return {
    file,
    littleEndian: le,
    compression,
    bias,
    caseCount: ncases >= 0 ? ncases : null,
    caseUnits,
    unitIsNumeric,
    encoding: decoder.encoding,
    decoder,
    variables,
    dataOffset: src.offset,
  };
}
