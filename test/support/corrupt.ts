/**
 * Seeded corruptions of input files for the fuzz test. For CSV (text, no checksum) the operators corrupt the
 * structure, so a correct reader must notice: a cut inside a line (fewer fields), high-bit flips (invalid UTF-8), a
 * splice of stray continuation bytes, or a duplicated whole line (an exact duplicate record, harmless). For Parquet
 * and .sav (binary) the operators are blind: truncate anywhere, flip any bytes, splice a chunk of the file elsewhere.
 */
export type Rng = () => number;

export interface Corruption {
  kind: string;
  bytes: Buffer;
}

const int = (rng: Rng, n: number) => Math.floor(rng() * n);

function lineStarts(b: Buffer): number[] {
  const starts = [0];
  for (let i = 0; i < b.length; i++) if (b[i] === 10 && i + 1 < b.length) starts.push(i + 1);
  return starts;
}

export function corruptCsv(src: Buffer, rng: Rng): Corruption {
  const starts = lineStarts(src);
  const op = int(rng, 4);
  if (op === 0) {
    // cut inside a line, before its last delimiter: the cut line has fewer fields than the header
    const li = int(rng, starts.length);
    const start = starts[li]!;
    const end = li + 1 < starts.length ? starts[li + 1]! - 1 : src.length;
    const lastDelim = src.subarray(start, end).lastIndexOf(44);
    if (lastDelim > 0) return { kind: 'csv-truncate', bytes: src.subarray(0, start + 1 + int(rng, lastDelim)) };
    return { kind: 'csv-truncate', bytes: src.subarray(0, start + 1) };
  }
  if (op === 1) {
    // 1–3 high-bit flips at non-adjacent positions: each gives a byte ≥ 0x80 between ASCII bytes (invalid UTF-8)
    const out = Buffer.from(src);
    const n = 1 + int(rng, 3);
    const used = new Set<number>();
    for (let k = 0; k < n; k++) {
      const p = int(rng, out.length);
      if (used.has(p - 1) || used.has(p + 1) || used.has(p)) continue;
      used.add(p);
      out[p] = out[p]! ^ 0x80;
    }
    return { kind: 'csv-flip', bytes: out };
  }
  if (op === 2) {
    // splice 1–8 stray UTF-8 continuation bytes (never valid UTF-8) anywhere
    const p = int(rng, src.length + 1);
    const junk = Buffer.from(Array.from({ length: 1 + int(rng, 8) }, () => 0x80 + int(rng, 0x40)));
    return { kind: 'csv-splice-bytes', bytes: Buffer.concat([src.subarray(0, p), junk, src.subarray(p)]) };
  }
  // splice a copy of a whole data line at a line boundary: an exact duplicate record
  if (starts.length < 2) return { kind: 'csv-splice-line', bytes: src };
  const li = 1 + int(rng, starts.length - 1);
  const end = li + 1 < starts.length ? starts[li + 1]! : src.length;
  let line = src.subarray(starts[li]!, end);
  if (line[line.length - 1] !== 10) line = Buffer.concat([line, Buffer.from('\n')]);
  const at = starts[1 + int(rng, starts.length - 1)]!;
  return { kind: 'csv-splice-line', bytes: Buffer.concat([src.subarray(0, at), line, src.subarray(at)]) };
}

export function corruptBinary(src: Buffer, rng: Rng): Corruption {
  const op = int(rng, 3);
  if (op === 0) return { kind: 'truncate', bytes: src.subarray(0, int(rng, src.length)) };
  if (op === 1) {
    const out = Buffer.from(src);
    const n = 1 + int(rng, 4);
    for (let k = 0; k < n; k++) {
      const p = int(rng, out.length);
      out[p] = out[p]! ^ (1 + int(rng, 255));
    }
    return { kind: 'flip', bytes: out };
  }
  const len = 1 + int(rng, 64);
  const from = int(rng, Math.max(1, src.length - len));
  const chunk = Buffer.from(src.subarray(from, from + len));
  const at = int(rng, src.length);
  if (rng() < 0.5)
    return { kind: 'splice-insert', bytes: Buffer.concat([src.subarray(0, at), chunk, src.subarray(at)]) };
  const out = Buffer.from(src);
  chunk.copy(out, at);
  return { kind: 'splice-overwrite', bytes: out };
}
