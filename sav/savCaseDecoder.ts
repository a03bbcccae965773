/**
 * Case decoders for SPSS system file data: uncompressed and bytecode-compressed (the zlib form is bytecode
 * inside zlib blocks). Both are push decoders: `run(buf, pos, end)` consumes as many whole items as are available
 * and returns the new position; the caller appends more bytes and calls again. Every complete case is written to
 * `caseBytes` (numbers always little-endian) and handed to `emit`.
 */
import { SYSMIS } from './savDictionary.js';

/** A double whose 8 bytes are all ASCII spaces (a normal finite number, so it survives a Float64Array store). */
const SPACES = new Float64Array(new Uint8Array(8).fill(32).buffer)[0]!;

export interface CaseDecoder {
  /** The current case: units × 8 bytes. */
  readonly caseBytes: Uint8Array;
  /** True once an end-of-data code (252) was seen. */
  readonly done: boolean;
  run(buf: Uint8Array, pos: number, end: number): number;
  /** Description of an unfinished case or instruction at end of input, or null if the stream ended cleanly. */
  pending(): string | null;
}

function swapNumericUnits(caseBytes: Uint8Array, unitIsNumeric: Uint8Array): void {
  for (let u = 0; u < unitIsNumeric.length; u++) {
    if (unitIsNumeric[u]) caseBytes.subarray(u * 8, u * 8 + 8).reverse();
  }
}

export class UncompressedDecoder implements CaseDecoder {
  readonly caseBytes: Uint8Array;
  readonly done = false;
  private leftover = 0;
  constructor(
    private readonly unitIsNumeric: Uint8Array,
    private readonly littleEndian: boolean,
    private readonly emit: () => void,
  ) {
    this.caseBytes = new Uint8Array(unitIsNumeric.length * 8);
  }
  run(buf: Uint8Array, pos: number, end: number): number {
    const size = this.caseBytes.length;
    const caseBytes = this.caseBytes;
    while (end - pos >= size) {
      caseBytes.set(buf.subarray(pos, pos + size));
      pos += size;
      if (!this.littleEndian) swapNumericUnits(caseBytes, this.unitIsNumeric);
      this.emit();
    }
    this.leftover = end - pos;
    return pos;
  }
  pending(): string | null {
    return this.leftover > 0 ? `a complete case of ${this.caseBytes.length} bytes (only ${this.leftover} left)` : null;
  }
}

export class BytecodeDecoder implements CaseDecoder {
  readonly caseBytes: Uint8Array;
  private readonly caseF64: Float64Array;
  done = false;
  private readonly cmd = new Uint8Array(8);
  private ci = 8;
  private unit = 0;
  private leftover = 0;
  constructor(
    private readonly unitIsNumeric: Uint8Array,
    private readonly littleEndian: boolean,
    private readonly bias: number,
    private readonly emit: () => void,
  ) {
    this.caseBytes = new Uint8Array(unitIsNumeric.length * 8);
    this.caseF64 = new Float64Array(this.caseBytes.buffer);
  }

  run(buf: Uint8Array, pos: number, end: number): number {
    const cmd = this.cmd;
    const caseBytes = this.caseBytes;
    const caseF64 = this.caseF64;
    const units = this.unitIsNumeric.length;
    const bias = this.bias;
    const swap = !this.littleEndian;
    let ci = this.ci;
    let unit = this.unit;
    if (!this.done) {
      for (;;) {
        if (ci === 8) {
          if (end - pos < 8) break;
          for (let k = 0; k < 8; k++) cmd[k] = buf[pos + k]!;
          pos += 8;
          ci = 0;
        }
        const code = cmd[ci]!;
        if (code === 0) {
          ci++;
          continue;
        }
        if (code === 253) {
          if (end - pos < 8) break;
          const o = unit * 8;
          if (swap && this.unitIsNumeric[unit]) {
            for (let k = 0; k < 8; k++) caseBytes[o + k] = buf[pos + 7 - k]!;
          } else {
            for (let k = 0; k < 8; k++) caseBytes[o + k] = buf[pos + k]!;
          }
          pos += 8;
        } else if (code === 254) {
          caseF64[unit] = SPACES;
        } else if (code === 255) {
          caseF64[unit] = SYSMIS;
        } else if (code === 252) {
          this.done = true;
          ci++;
          break;
        } else {
          caseF64[unit] = code - bias;
        }
        ci++;
        if (++unit === units) {
          unit = 0;
          this.emit();
        }
      }
    }
    this.ci = ci;
    this.unit = unit;
    this.leftover = end - pos;
    return pos;
  }

  pending(): string | null {
    if (this.done) return null;
    if (this.unit !== 0) return `the rest of a case (${this.unit} of ${this.unitIsNumeric.length} values read)`;
    for (let k = this.ci; k < 8; k++) {
      const c = this.cmd[k]!;
      if (c !== 0 && c !== 252) return `data for compression code ${c}`;
      if (c === 252) return null;
    }
    if (this.leftover > 0) return `a complete 8-byte compression instruction block (only ${this.leftover} bytes left)`;
    return null;
  }
}
