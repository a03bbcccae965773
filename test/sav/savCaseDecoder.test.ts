import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BytecodeDecoder, type CaseDecoder, UncompressedDecoder } from '../../sav/savCaseDecoder.js';
import { SYSMIS } from '../../sav/savDictionary.js';

const BIAS = 100;
const f64le = (x: number) => {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setFloat64(0, x, true);
  return b;
};
const f64be = (x: number) => f64le(x).reverse();
const text8 = (s: string) => new TextEncoder().encode(s.padEnd(8, ' ').slice(0, 8));
const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
};

/** Feed `bytes` to a decoder in pieces as a reader would (keeping what was not consumed); collect every emitted case. */
function decode(
  make: (emit: () => void) => CaseDecoder,
  bytes: Uint8Array,
  cuts: number[] = [],
): { cases: Uint8Array[]; decoder: CaseDecoder } {
  const cases: Uint8Array[] = [];
  let decoder!: CaseDecoder;
  decoder = make(() => cases.push(decoder.caseBytes.slice()));
  let buf = new Uint8Array(0);
  let fed = 0;
  for (const cut of [...cuts.filter((c) => c > 0 && c < bytes.length).sort((a, b) => a - b), bytes.length]) {
    buf = concat(buf, bytes.subarray(fed, cut));
    fed = cut;
    const pos = decoder.run(buf, 0, buf.length);
    buf = buf.slice(pos);
  }
  return { cases, decoder };
}

type Unit = { num: number } | { str: string };

/** Bytecode-compress cases as SPSS writers do: one 8-code block, then the raw 8-byte values of its 253 codes. */
function compress(cases: Unit[][], end: boolean, bigEndian = false): Uint8Array {
  const codes: number[] = [];
  const raws: (Uint8Array | null)[] = [];
  for (const c of cases)
    for (const u of c) {
      if ('num' in u) {
        if (u.num === SYSMIS) (codes.push(255), raws.push(null));
        else if (Number.isInteger(u.num) && !Object.is(u.num, -0) && u.num + BIAS >= 1 && u.num + BIAS <= 251)
          (codes.push(u.num + BIAS), raws.push(null));
        else (codes.push(253), raws.push(bigEndian ? f64be(u.num) : f64le(u.num)));
      } else if (u.str.trim() === '') (codes.push(254), raws.push(null));
      else (codes.push(253), raws.push(text8(u.str)));
    }
  if (end) (codes.push(252), raws.push(null));
  const parts: Uint8Array[] = [];
  for (let k = 0; k < codes.length; k += 8) {
    const block = new Uint8Array(8);
    block.set(codes.slice(k, k + 8));
    parts.push(block, ...raws.slice(k, k + 8).filter((r): r is Uint8Array => r !== null));
  }
  return concat(...parts);
}

const expectedCase = (c: Unit[]) => concat(...c.map((u) => ('num' in u ? f64le(u.num) : text8(u.str))));

describe('sav/savCaseDecoder: BytecodeDecoder', () => {
  const layout = new Uint8Array([1, 1, 0]); // numeric, numeric, 8-byte string

  it('hand-made bytes: a compressed number (code − bias), system-missing (255), raw data (253), end (252)', () => {
    const bytes = concat(new Uint8Array([101, 255, 253, 252, 0, 0, 0, 0]), text8('abcdefgh'));
    const { cases, decoder } = decode((emit) => new BytecodeDecoder(layout, true, BIAS, emit), bytes);
    expect(cases).toHaveLength(1);
    const v = new DataView(cases[0]!.buffer);
    expect(v.getFloat64(0, true)).toBe(1);
    expect(v.getFloat64(8, true)).toBe(SYSMIS);
    expect(new TextDecoder().decode(cases[0]!.subarray(16))).toBe('abcdefgh');
    expect(decoder.done).toBe(true);
    expect(decoder.pending()).toBeNull();
  });

  it('254 is eight spaces; 0 is padding and skipped', () => {
    const bytes = new Uint8Array([0, 99, 0, 150, 254, 252, 0, 0]);
    const { cases } = decode((emit) => new BytecodeDecoder(layout, true, BIAS, emit), bytes);
    expect(cases).toHaveLength(1);
    const v = new DataView(cases[0]!.buffer);
    expect(v.getFloat64(0, true)).toBe(-1);
    expect(v.getFloat64(8, true)).toBe(50);
    expect([...cases[0]!.subarray(16)]).toEqual(new Array(8).fill(32));
  });

  it('nothing after the end code is read', () => {
    const bytes = concat(new Uint8Array([101, 102, 254, 252, 101, 102, 254, 0]));
    const { cases, decoder } = decode((emit) => new BytecodeDecoder(layout, true, BIAS, emit), bytes);
    expect(cases).toHaveLength(1);
    expect(decoder.done).toBe(true);
  });

  it('big-endian files: raw numbers are turned little-endian, raw strings kept as they are', () => {
    const bytes = concat(new Uint8Array([253, 253, 253, 252, 0, 0, 0, 0]), f64be(3.25), f64be(-1e10), text8('XY'));
    const { cases } = decode((emit) => new BytecodeDecoder(layout, false, BIAS, emit), bytes);
    expect(cases[0]).toEqual(expectedCase([{ num: 3.25 }, { num: -1e10 }, { str: 'XY' }]));
  });

  it('pending(): describes what is missing at the end of the input', () => {
    const midCase = decode(
      (emit) => new BytecodeDecoder(layout, true, BIAS, emit),
      new Uint8Array([101, 0, 0, 0, 0, 0, 0, 0]),
    ).decoder;
    expect(midCase.pending()).toBe('the rest of a case (1 of 3 values read)');
    const noData = decode(
      (emit) => new BytecodeDecoder(layout, true, BIAS, emit),
      new Uint8Array([101, 101, 253, 0, 0, 0, 0, 0]),
    ).decoder;
    expect(noData.pending()).toMatch(/rest of a case \(2 of 3|data for compression code 253/);
    const atCaseStart = decode(
      (emit) => new BytecodeDecoder(layout, true, BIAS, emit),
      new Uint8Array([101, 101, 254, 253, 0, 0, 0, 0]),
    ).decoder;
    expect(atCaseStart.pending()).toBe('data for compression code 253');
    const block = decode(
      (emit) => new BytecodeDecoder(new Uint8Array([1]), true, BIAS, emit),
      new Uint8Array([101, 101, 101, 101, 101, 101, 101, 101, 7, 7, 7]),
    ).decoder;
    expect(block.pending()).toBe('a complete 8-byte compression instruction block (only 3 bytes left)');
    const clean = decode(
      (emit) => new BytecodeDecoder(new Uint8Array([1]), true, BIAS, emit),
      new Uint8Array([101, 101, 0, 0, 0, 0, 0, 0]),
    ).decoder;
    expect(clean.pending()).toBeNull(); // ended without 252 after whole cases: fine
  });

  const unitArb = (numeric: boolean): fc.Arbitrary<Unit> =>
    numeric
      ? fc.oneof(
          fc.integer({ min: -99, max: 151 }).map((num) => ({ num })),
          fc.double({ noNaN: true, noDefaultInfinity: true }).map((num) => ({ num })),
          fc.constant({ num: SYSMIS }),
        )
      : fc.oneof(
          fc.constant({ str: '' }),
          fc.string({ unit: fc.constantFrom('a', 'b', ' ', 'Z', '0'), maxLength: 8 }).map((str) => ({ str })),
        );

  it('any cases, cut into any pieces: the decoded cases are the cases (both byte orders)', () => {
    const layoutArb = fc.array(fc.boolean(), { minLength: 1, maxLength: 5 });
    fc.assert(
      fc.property(
        layoutArb.chain((numeric) =>
          fc.tuple(
            fc.constant(numeric),
            fc.array(fc.tuple(...numeric.map(unitArb)), { maxLength: 12 }),
            fc.array(fc.nat(400), { maxLength: 6 }),
            fc.boolean(),
            fc.boolean(),
          ),
        ),
        ([numeric, cases, cuts, end, bigEndian]) => {
          const units = new Uint8Array(numeric.map((n) => (n ? 1 : 0)));
          const bytes = compress(cases, end, bigEndian);
          const { cases: got, decoder } = decode(
            (emit) => new BytecodeDecoder(units, !bigEndian, BIAS, emit),
            bytes,
            cuts,
          );
          expect(got).toEqual(cases.map(expectedCase));
          expect(decoder.done).toBe(end);
          expect(decoder.pending()).toBeNull();
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('sav/savCaseDecoder: UncompressedDecoder', () => {
  it('emits one case per units × 8 bytes, across any pieces; leftover bytes are reported', () => {
    const layout = new Uint8Array([1, 0]);
    const one = concat(f64le(1.5), text8('ab'));
    const two = concat(f64le(-2), text8('cd'));
    const { cases, decoder } = decode(
      (emit) => new UncompressedDecoder(layout, true, emit),
      concat(one, two, new Uint8Array(5)),
      [3, 17, 20],
    );
    expect(cases).toEqual([one, two]);
    expect(decoder.pending()).toBe('a complete case of 16 bytes (only 5 left)');
  });

  it('big-endian: numeric units swapped, strings not', () => {
    const layout = new Uint8Array([1, 0]);
    const { cases, decoder } = decode(
      (emit) => new UncompressedDecoder(layout, false, emit),
      concat(f64be(1.5), text8('ab')),
    );
    expect(cases).toEqual([concat(f64le(1.5), text8('ab'))]);
    expect(decoder.pending()).toBeNull();
    expect(decoder.done).toBe(false);
  });
});
