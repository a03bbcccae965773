import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../../core/errors.js';
import { type SavDictionary, SavFileSource, readSavDictionary } from '../../sav/savDictionary.js';

/** A little-endian (or big-endian) byte writer for hand-made system files (PSPP's "System File Format"). */
class Bytes {
  private parts: number[] = [];
  constructor(private readonly le = true) {}
  i32(x: number) {
    const b = new Uint8Array(4);
    new DataView(b.buffer).setInt32(0, x, this.le);
    this.parts.push(...b);
    return this;
  }
  f64(x: number) {
    const b = new Uint8Array(8);
    new DataView(b.buffer).setFloat64(0, x, this.le);
    this.parts.push(...b);
    return this;
  }
  text(s: string, width: number, pad = 32) {
    const e = new TextEncoder().encode(s);
    for (let k = 0; k < width; k++) this.parts.push(k < e.length ? e[k]! : pad);
    return this;
  }
  raw(b: Uint8Array | number[]) {
    this.parts.push(...b);
    return this;
  }
  get length() {
    return this.parts.length;
  }
  bytes() {
    return new Uint8Array(this.parts);
  }
}

const fmt = (type: number, w: number, d: number) => (type << 16) | (w << 8) | d;

function header(
  b: Bytes,
  o: { magic?: string; layout?: number; compression?: number; ncases?: number; bias?: number; units?: number } = {},
) {
  return b
    .text(o.magic ?? '$FL2', 4)
    .text('@(#) SPSS DATA FILE test', 60)
    .i32(o.layout ?? 2)
    .i32(o.units ?? -1)
    .i32(o.compression ?? 1)
    .i32(0)
    .i32(o.ncases ?? -1)
    .f64(o.bias ?? 100)
    .text('01 Jan 26', 9)
    .text('00:00:00', 8)
    .text('', 64)
    .text('', 3, 0);
}

function variable(
  b: Bytes,
  o: { type: number; name: string; format?: number; label?: string; missing?: number[]; nMissing?: number },
) {
  b.i32(2)
    .i32(o.type)
    .i32(o.label === undefined ? 0 : 1)
    .i32(o.nMissing ?? o.missing?.length ?? 0)
    .i32(o.format ?? fmt(5, 8, 2))
    .i32(o.format ?? fmt(5, 8, 2))
    .text(o.name, 8);
  if (o.label !== undefined) {
    const e = new TextEncoder().encode(o.label);
    b.i32(e.length)
      .raw(e)
      .raw(new Array((4 - (e.length % 4)) % 4).fill(32));
  }
  for (const m of o.missing ?? []) b.f64(m);
  return b;
}

const continuation = (b: Bytes) => b.i32(2).i32(-1).i32(0).i32(0).i32(0).i32(0).text('', 8);
const extension = (b: Bytes, subtype: number, data: Uint8Array, size = 1) =>
  b
    .i32(7)
    .i32(subtype)
    .i32(size)
    .i32(data.length / size)
    .raw(data);
const end = (b: Bytes) => b.i32(999).i32(0);

const dir = mkdtempSync(join(tmpdir(), 'mg-savdict-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let k = 0;

async function read(bytes: Uint8Array, name = `f${k++}.sav`): Promise<SavDictionary> {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  const fh = await open(path, 'r');
  try {
    return await readSavDictionary(new SavFileSource(fh, name, 64));
  } finally {
    await fh.close();
  }
}

/** X numeric F8.2 with a label, S string A10 (two units), D a DATE11 date; bytecode, bias 100, unknown case count. */
function basic(b = new Bytes()): Bytes {
  header(b);
  variable(b, { type: 0, name: 'X', label: 'Een getal' });
  variable(b, { type: 10, name: 'S', format: fmt(1, 10, 0) });
  continuation(b);
  variable(b, { type: 0, name: 'D', format: fmt(20, 11, 0) });
  return b;
}

describe('sav/savDictionary', () => {
  it('header and variables: types, widths, formats, units, labels; positioned at the data', async () => {
    const b = end(basic());
    const dataStart = b.length;
    b.raw([1, 2, 3]);
    const d = await read(b.bytes());
    expect(d).toMatchObject({
      littleEndian: true,
      compression: 'bytecode',
      bias: 100,
      caseCount: null,
      caseUnits: 4,
      encoding: 'windows-1252',
      dataOffset: dataStart,
    });
    expect([...d.unitIsNumeric]).toEqual([1, 0, 0, 1]);
    expect(d.variables.map((v) => [v.name, v.type, v.width, v.format, v.unit])).toEqual([
      ['X', 'numeric', 0, 'F8.2', 0],
      ['S', 'string', 10, 'A10', 1],
      ['D', 'date', 0, 'DATE11', 3],
    ]);
    expect(d.variables[0]!.label).toBe('Een getal');
    expect(d.variables[1]!.segments).toEqual([[1, 10]]);
  });

  it('the case count when the header has one; no compression', async () => {
    const b = new Bytes();
    header(b, { compression: 0, ncases: 12 });
    variable(b, { type: 0, name: 'X' });
    const d = await read(end(b).bytes());
    expect(d.caseCount).toBe(12);
    expect(d.compression).toBe('none');
    const empty = new Bytes();
    header(empty, { ncases: 0 });
    variable(empty, { type: 0, name: 'X' });
    expect((await read(end(empty).bytes())).caseCount).toBe(0); // 0 is a count, only -1 is unknown
  });

  it('a big-endian file is read with its byte order', async () => {
    const b = new Bytes(false);
    header(b, { ncases: 3, bias: 100 });
    variable(b, { type: 0, name: 'X', missing: [9.5] });
    const d = await read(end(b).bytes());
    expect(d.littleEndian).toBe(false);
    expect(d.caseCount).toBe(3);
    expect(d.bias).toBe(100);
    expect(d.variables[0]!.missingValues).toEqual([9.5]);
  });

  it('user-missing values: discrete values, a range, a range plus one value, strings', async () => {
    const b = new Bytes();
    header(b);
    variable(b, { type: 0, name: 'A', missing: [-1, 98, 99] });
    variable(b, { type: 0, name: 'B', nMissing: -2, missing: [90, 99] });
    variable(b, { type: 0, name: 'C', nMissing: -3, missing: [90, 99, -1] });
    b.i32(2)
      .i32(4)
      .i32(0)
      .i32(1)
      .i32(fmt(1, 4, 0))
      .i32(fmt(1, 4, 0))
      .text('S', 8)
      .text('--', 8);
    const d = await read(end(b).bytes());
    const [A, B, C, S] = d.variables;
    expect(A!.missingValues).toEqual([-1, 98, 99]);
    expect(B!.missingRange).toEqual([90, 99]);
    expect(B!.missingValues).toEqual([]);
    expect(C!.missingRange).toEqual([90, 99]);
    expect(C!.missingValues).toEqual([-1]);
    expect(S!.missingStrings.map((m) => new TextDecoder().decode(m))).toEqual(['--']);
  });

  it('long names (7/13), encoding (7/20) and value labels (3/4)', async () => {
    const b = basic();
    const labels = (value: number, label: string) => {
      const e = new TextEncoder().encode(label);
      const padded = Math.ceil((e.length + 1) / 8) * 8;
      const out = new Uint8Array(8 + padded).fill(32);
      new DataView(out.buffer).setFloat64(0, value, true);
      out[8] = e.length;
      out.set(e, 9);
      return out;
    };
    b.i32(3).i32(2).raw(labels(1, 'één')).raw(labels(2, 'twee'));
    b.i32(4).i32(1).i32(1); // applies to dictionary index 1 = X
    extension(b, 13, new TextEncoder().encode('X=LangeNaamVoorX\tS=Tekst'));
    extension(b, 20, new TextEncoder().encode('UTF-8'));
    const d = await read(end(b).bytes());
    expect(d.encoding).toBe('utf-8');
    expect(d.variables.map((v) => v.name)).toEqual(['LangeNaamVoorX', 'Tekst', 'D']);
    expect(d.variables.map((v) => v.shortName)).toEqual(['X', 'S', 'D']);
    expect(d.variables[0]!.valueLabels).toEqual({ 1: 'één', 2: 'twee' });
  });

  it('the code page of 7/3 chooses the encoding when there is no 7/20', async () => {
    const b = basic();
    const info = new Uint8Array(32);
    new DataView(info.buffer).setInt32(28, 65001, true);
    extension(b, 3, info, 4);
    expect((await read(end(b).bytes())).encoding).toBe('utf-8');
    const unknown = basic();
    const bad = new Uint8Array(32);
    new DataView(bad.buffer).setInt32(28, 12345, true);
    extension(unknown, 3, bad, 4);
    await expect(read(end(unknown).bytes())).rejects.toThrow(/unsupported SPSS character code 12345/);
  });

  it('documents (6) and unknown extension subtypes are skipped', async () => {
    const b = basic();
    b.i32(6).i32(1).text('a document line', 80);
    extension(b, 99, new Uint8Array(12), 4);
    const d = await read(end(b).bytes());
    expect(d.variables).toHaveLength(3);
  });

  describe('bad files are input errors naming the file and the byte offset', () => {
    const expectInputError = async (bytes: Uint8Array, message: RegExp) => {
      const err = await read(bytes, 'bad.sav').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(InputError);
      expect((err as Error).message).toMatch(/^bad\.sav: /);
      expect((err as Error).message).toMatch(message);
    };

    it('not a system file', async () => {
      await expectInputError(
        new TextEncoder().encode('RINPERSOONS,RINPERSOON\nR,1\n'.repeat(10)),
        /not an SPSS system file \(expected '\$FL2' or '\$FL3'/,
      );
    });

    it('truncated header and truncated dictionary', async () => {
      await expectInputError(
        basic().bytes().subarray(0, 100),
        /truncated or corrupt at byte offset 0: expected the 176-byte file header/,
      );
      const cut = basic().bytes();
      await expectInputError(cut, /truncated or corrupt at byte offset \d+: expected a record type/);
    });

    it('unknown layout code, compression code, record type', async () => {
      await expectInputError(
        end(variable(header(new Bytes(), { layout: 7 }), { type: 0, name: 'X' })).bytes(),
        /byte offset 64: unknown layout code 7/,
      );
      await expectInputError(
        end(variable(header(new Bytes(), { compression: 5 }), { type: 0, name: 'X' })).bytes(),
        /byte offset 72: unknown compression code 5/,
      );
      await expectInputError(
        end(variable(header(new Bytes(), { compression: 2 }), { type: 0, name: 'X' })).bytes(),
        /compression code 2 does not match the file type \$FL2/,
      );
      const b = basic();
      const at = b.length;
      await expectInputError(end(b.i32(5)).bytes(), new RegExp(`byte offset ${at}: unknown record type 5`));
    });

    it('no variables; a continuation without a string; a bad missing-value count', async () => {
      await expectInputError(end(header(new Bytes())).bytes(), /the dictionary has no variables/);
      await expectInputError(
        end(continuation(header(new Bytes()))).bytes(),
        /continuation record without a string variable/,
      );
      await expectInputError(
        end(variable(header(new Bytes()), { type: 0, name: 'X', nMissing: 4, missing: [1, 2, 3, 4] })).bytes(),
        /bad missing-value count 4/,
      );
    });

    it('value labels for an index that is no variable', async () => {
      const b = basic();
      b.i32(3).i32(1).f64(1).raw([1, 65, 32, 32, 32, 32, 32, 32]).i32(4).i32(1).i32(3); // index 3 = a continuation unit of S
      await expectInputError(end(b).bytes(), /value labels refer to dictionary index 3, which is not a variable/);
    });
  });
});
