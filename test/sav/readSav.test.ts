import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../core/errors.js';
import { readSav, readSavMetadata } from '../../sav/readSav.js';
import { writeSav } from '../../sav/writeSav.js';
import { KNOWN_EXPECTED, knownSyntax, memoryDb, pspp, run, tableRows, tool } from '../support/savTestTools.js';

const hasPspp = tool('pspp');
const hasReadstat = tool('readstat');
const FIXTURES = join(import.meta.dirname, '../../fixtures/sav');

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'readsav-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!hasPspp)('readSav on files written by PSPP', () => {
  const variants = [
    ['windows-1252', 'none', '/UNCOMPRESSED', 'sav'],
    ['windows-1252', 'bytecode', '/COMPRESSED', 'sav'],
    ['windows-1252', 'zlib', '/ZCOMPRESSED', 'zsav'],
    ['UTF-8', 'none', '/UNCOMPRESSED', 'sav'],
    ['UTF-8', 'bytecode', '/COMPRESSED', 'sav'],
    ['UTF-8', 'zlib', '/ZCOMPRESSED', 'zsav'],
  ] as const;
  beforeAll(() => {
    for (const locale of ['windows-1252', 'UTF-8'] as const) {
      const outputs: Record<string, string> = {};
      for (const [l, c, sub, ext] of variants) if (l === locale) outputs[join(dir, `known_${l}_${c}.${ext}`)] = sub;
      pspp(dir, knownSyntax(locale, outputs));
    }
  });

  for (const [locale, compression, , ext] of variants) {
    it(`reads every value (${locale}, ${compression})`, async () => {
      const db = await memoryDb();
      try {
        const file = join(dir, `known_${locale}_${compression}.${ext}`);
        const meta = await readSav(db.conn, file, 'known');
        expect(meta.compression).toBe(compression);
        expect(meta.encoding).toBe(locale.toLowerCase());
        expect(meta.rowCount).toBe(KNOWN_EXPECTED.length);
        expect(await tableRows(db.conn, 'known')).toEqual(KNOWN_EXPECTED);
        const types = await db.conn.runAndReadAll(
          `SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'known' ORDER BY ordinal_position`,
        );
        expect(types.getRows()).toEqual([
          ['RINPERSOONS', 'VARCHAR'],
          ['RINPERSOON', 'VARCHAR'],
          ['NUMKEY', 'DOUBLE'],
          ['GEBDAT', 'DATE'],
          ['TS', 'TIMESTAMP'],
          ['CODE_S', 'VARCHAR'],
          ['CODE_N', 'DOUBLE'],
          ['RANGE_N', 'DOUBLE'],
          ['STRMIS', 'VARCHAR'],
          ['NAAM', 'VARCHAR'],
          ['LANG', 'VARCHAR'],
          ['OPLNIVSOI2021AGG4HBmetNIRWO', 'VARCHAR'],
          ['FRAC', 'DOUBLE'],
        ]);
        const byName = Object.fromEntries(meta.variables.map((v) => [v.name, v]));
        expect(byName.RINPERSOON).toMatchObject({ type: 'string', format: 'A9', label: 'Persoonsnummer é' });
        expect(byName.CODE_N).toMatchObject({
          type: 'numeric',
          format: 'F3.0',
          label: 'Code als getal',
          valueLabels: { '1': 'een', '30': 'dertig' },
        });
        expect(byName.CODE_S!.valueLabels).toEqual({ '01': 'één', '30': 'dertig' });
        expect(byName.GEBDAT).toMatchObject({ type: 'date', format: 'DATE11' });
        expect(byName.TS).toMatchObject({ type: 'datetime', format: 'DATETIME20' });
        expect(byName.LANG).toMatchObject({ type: 'string', format: 'A300' });
      } finally {
        db.close();
      }
    });
  }

  it('loads a case-insensitive subset of columns in file order, and names a missing column', async () => {
    const db = await memoryDb();
    try {
      const file = join(dir, 'known_UTF-8_bytecode.sav');
      const progress: number[] = [];
      const meta = await readSav(db.conn, file, 'sub', {
        columns: ['naam', 'rinpersoon'],
        onProgress: (n) => progress.push(n),
      });
      expect(meta.variables.map((v) => v.name)).toEqual(['RINPERSOON', 'NAAM']);
      expect(await tableRows(db.conn, 'sub')).toEqual(
        KNOWN_EXPECTED.map((r) => ({ RINPERSOON: r.RINPERSOON, NAAM: r.NAAM })),
      );
      expect(progress.at(-1)).toBe(4);
      const err = await readSav(db.conn, file, 'sub2', { columns: ['RINPERSOON', 'GBAGESLACHT'] }).catch(
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(InputError);
      expect((err as Error).message).toContain('known_UTF-8_bytecode.sav');
      expect((err as Error).message).toContain('GBAGESLACHT');
    } finally {
      db.close();
    }
  });

  it('reads files that ReadStat rewrote (.sav and .zsav)', async () => {
    if (!hasReadstat) return expect(process.env.CI).toBeFalsy();
    const src = join(dir, 'known_windows-1252_bytecode.sav');
    run('readstat', [src, join(dir, 'rs.sav')], dir);
    run('readstat', [src, join(dir, 'rs.zsav')], dir);
    const db = await memoryDb();
    try {
      // ReadStat keeps values, labels and numeric user-missing values, but writes every numeric as F8.2 (so
      // dates stay SPSS seconds since 1582-10-14) and drops string user-missing declarations (values read as stored
      // either way).
      const seconds = (iso: unknown) =>
        iso === null ? null : Date.parse(`${String(iso).replace(' ', 'T')}Z`) / 1000 + 12219379200;
      const expected = KNOWN_EXPECTED.map((r) => ({ ...r, GEBDAT: seconds(r.GEBDAT), TS: seconds(r.TS) }));
      for (const f of ['rs.sav', 'rs.zsav']) {
        const table = f.replace('.', '_');
        const meta = await readSav(db.conn, join(dir, f), table);
        expect(meta.compression).toBe(f.endsWith('.zsav') ? 'zlib' : 'bytecode');
        expect(meta.variables.find((v) => v.name === 'CODE_N')?.valueLabels).toEqual({ '1': 'een', '30': 'dertig' });
        expect(await tableRows(db.conn, table)).toEqual(expected);
      }
    } finally {
      db.close();
    }
  });

  it('reads user-missing values (discrete, range, string, an end date) as stored and drops a character cut at the width, as readstat does', async () => {
    if (!hasReadstat) return expect(process.env.CI).toBeFalsy();
    pspp(
      dir,
      [
        "SET LOCALE='UTF-8'.",
        'DATA LIST LIST (",") /RINPERSOONS (A1) RINPERSOON (A9) CODE (F3.0) EINDE (F8.0) R (F5.1) S (A4) T (A5) U (A300).',
        'BEGIN DATA',
        // T (5 bytes) cuts తెలుగు after one 3-byte character and two bytes of the next; U after 299 bytes
        `R,000000001,99,99999999,95,----,తెలుగు,${'x'.repeat(299)}é`,
        'R,000000002,98,20190101,-1,9999,ab,kort',
        'R,000000003,1,,90,abc,é,',
        'END DATA.',
        'MISSING VALUES CODE (99, 98) /EINDE (99999999) /R (90 THRU 99, -1).',
        "MISSING VALUES S ('----', '9999').",
        `SAVE OUTFILE='${join(dir, 'missing.sav')}' /COMPRESSED.`,
        '',
      ].join('\n'),
    );
    run('readstat', [join(dir, 'missing.sav'), join(dir, 'missing.csv')], dir);
    const [head, ...lines] = readFileSync(join(dir, 'missing.csv'), 'utf8').trimEnd().split('\n');
    const names = head!.split(',').map((h) => JSON.parse(h) as string);
    // readstat's CSV: strings quoted, numbers bare, system-missing empty
    const byReadstat = lines.map((l) =>
      Object.fromEntries(
        l
          .split(',')
          .map((f, i) => [names[i], f === '' ? null : f.startsWith('"') ? (JSON.parse(f) as string) : Number(f)]),
      ),
    );
    const db = await memoryDb();
    try {
      await readSav(db.conn, join(dir, 'missing.sav'), 'missing');
      const ours = await tableRows(db.conn, 'missing');
      expect(ours).toEqual(byReadstat);
      // what the statement above means, spelled out
      expect(ours[0]).toMatchObject({ CODE: 99, EINDE: 99999999, R: 95, S: '----', T: 'త', U: 'x'.repeat(299) });
      expect(ours[1]).toMatchObject({ CODE: 98, R: -1, S: '9999' });
      expect(ours[2]).toMatchObject({ EINDE: null, R: 90 });
    } finally {
      db.close();
    }
  });

  it('reads a large file across buffer and zlib block boundaries', async () => {
    const n = 150_000;
    const syntax = [
      "SET LOCALE='UTF-8'.",
      `INPUT PROGRAM.`,
      `LOOP #i = 1 TO ${n}.`,
      `COMPUTE ID = #i.`,
      `STRING KEY (A9) /TXT (A20).`,
      `COMPUTE KEY = STRING(#i * 7, N9).`,
      `COMPUTE TXT = CONCAT('rij ', LTRIM(STRING(#i, F8.0)), ' é').`,
      `COMPUTE X = #i / 4.`,
      `END CASE.`,
      `END LOOP.`,
      `END FILE.`,
      `END INPUT PROGRAM.`,
      `SAVE OUTFILE='${join(dir, 'big.sav')}' /COMPRESSED.`,
      `SAVE OUTFILE='${join(dir, 'big.zsav')}' /ZCOMPRESSED.`,
      '',
    ].join('\n');
    pspp(dir, syntax);
    const db = await memoryDb();
    try {
      for (const f of ['big.sav', 'big.zsav']) {
        const t = f.replace('.', '_');
        const meta = await readSav(db.conn, join(dir, f), t);
        expect(meta.rowCount).toBe(n);
        const bad = await db.conn.runAndReadAll(
          `SELECT count(*) FROM (SELECT rowid + 1 AS i, * FROM "${t}") WHERE ID <> i OR KEY <> lpad(CAST(i * 7 AS VARCHAR), 9, '0') OR TXT <> 'rij ' || i || ' é' OR X <> i / 4`,
        );
        expect(Number(bad.getRows()[0]![0])).toBe(0);
      }
    } finally {
      db.close();
    }
  });
});

describe('readSav on committed fixtures', () => {
  it('reads the tiny pre-built files (PSPP-written, 3 compressions)', async () => {
    const db = await memoryDb();
    try {
      for (const f of ['known_bytecode.sav', 'known_none.sav', 'known_zlib.zsav']) {
        const t = f.replace('.', '_');
        await readSav(db.conn, join(FIXTURES, f), t);
        expect(await tableRows(db.conn, t)).toEqual(KNOWN_EXPECTED);
      }
      const meta = await readSavMetadata(join(FIXTURES, 'known_bytecode.sav'));
      expect(meta.rowCount).toBe(4);
      expect(meta.encoding).toBe('windows-1252');
    } finally {
      db.close();
    }
  });
});

describe('readSav on truncated or corrupt files', () => {
  const expectInputError = async (file: string, pattern: RegExp) => {
    const db = await memoryDb();
    try {
      const err = await readSav(db.conn, file, 't').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(InputError);
      expect((err as Error).message).toContain(file);
      expect((err as Error).message).toMatch(pattern);
      // no half-loaded table is left behind
      const t = await db.conn.runAndReadAll(`SELECT count(*) FROM information_schema.tables WHERE table_name = 't'`);
      expect(Number(t.getRows()[0]![0])).toBe(0);
    } finally {
      db.close();
    }
  };

  for (const f of ['known_bytecode.sav', 'known_none.sav', 'known_zlib.zsav']) {
    const full = readFileSync(join(FIXTURES, f));
    it(`names file and byte offset when ${f} is cut in the data`, async () => {
      const cut = join(dir, `cut_${f}`);
      writeFileSync(cut, full.subarray(0, full.length - 40));
      await expectInputError(cut, /byte offset \d+/);
    });
    it(`names file and byte offset when ${f} is cut in the dictionary`, async () => {
      const cut = join(dir, `cutdict_${f}`);
      writeFileSync(cut, full.subarray(0, 300));
      await expectInputError(cut, /byte offset \d+: expected/);
    });
  }

  it('rejects a file that is not an SPSS system file', async () => {
    const f = join(dir, 'not.sav');
    writeFileSync(f, 'RINPERSOONS,RINPERSOON\nR,000000001\n');
    await expectInputError(f, /not an SPSS system file/);
  });

  it('rejects a file with fewer cases than its header announces', async () => {
    const f = join(dir, 'short.sav');
    copyFileSync(join(FIXTURES, 'known_bytecode.sav'), f);
    const b = readFileSync(f);
    b.writeInt32LE(5, 80);
    writeFileSync(f, b);
    await expectInputError(f, /5 cases as announced in the file header, found only 4/);
  });

  it('rejects an unknown record type with its offset', async () => {
    const f = join(dir, 'badrec.sav');
    const b = Buffer.from(readFileSync(join(FIXTURES, 'known_bytecode.sav')));
    b.writeInt32LE(42, 176);
    writeFileSync(f, b);
    await expectInputError(f, /byte offset 176: unknown record type 42/);
  });

  it('rejects a date outside the representable range, naming variable and row', async () => {
    const f = join(dir, 'baddate.sav');
    await writeSav(f, [{ name: 'WMODATUMAANVANG', type: 'date' }], [['2020-01-01'], ['2020-01-02']], {
      compression: 'none',
    });
    const b = readFileSync(f);
    b.writeDoubleLE(1e300, b.length - 8);
    writeFileSync(f, b);
    await expectInputError(f, /variable WMODATUMAANVANG, row 2: value is not a valid date/);
  });

  it('names a missing file', async () => {
    await expectInputError(join(dir, 'nope.sav'), /cannot open/);
  });
});

/** A minimal SPSS file built byte by byte: NUM (F8.2) and STR (A8), windows-1252, either byte order. */
function buildSav(le: boolean, compression: 0 | 1, cases: [number | null, string][]): Buffer {
  const parts: Buffer[] = [];
  const i32 = (x: number) => {
    const b = Buffer.alloc(4);
    if (le) b.writeInt32LE(x);
    else b.writeInt32BE(x);
    parts.push(b);
  };
  const f64b = (x: number) => {
    const b = Buffer.alloc(8);
    if (le) b.writeDoubleLE(x);
    else b.writeDoubleBE(x);
    return b;
  };
  const text = (t: string, n: number) => parts.push(Buffer.from(t.padEnd(n, ' '), 'latin1'));
  text('$FL2', 4);
  text('@(#) SPSS DATA FILE hand-built test file', 60);
  for (const x of [2, 2, compression, 0, cases.length]) i32(x);
  parts.push(f64b(100));
  text('01 Jan 70', 9);
  text('00:00:00', 8);
  text('', 67);
  for (const [type, fmt, name] of [
    [0, (5 << 16) | (8 << 8) | 2, 'NUM'],
    [8, (1 << 16) | (8 << 8), 'STR'],
  ] as const) {
    for (const x of [2, type, 0, 0, fmt, fmt]) i32(x);
    text(name, 8);
  }
  i32(999);
  i32(0);
  const SYS = -Number.MAX_VALUE;
  if (compression === 0) {
    for (const [n, t] of cases) {
      parts.push(f64b(n ?? SYS));
      text(t, 8);
    }
  } else {
    const codes: number[] = [];
    const data: Buffer[] = [];
    const block = () => {
      while (codes.length < 8) codes.push(0);
      parts.push(Buffer.from(codes), ...data);
      codes.length = 0;
      data.length = 0;
    };
    const code = (c: number, d?: Buffer) => {
      codes.push(c);
      if (d) data.push(d);
      if (codes.length === 8) block();
    };
    for (const [n, t] of cases) {
      if (n === null) code(255);
      else if (Number.isInteger(n) && n >= -99 && n <= 151) code(n + 100);
      else code(253, f64b(n));
      if (t === '') code(254);
      else code(253, Buffer.from(t.padEnd(8, ' '), 'latin1'));
    }
    code(252);
    if (codes.length > 0) block();
  }
  return Buffer.concat(parts);
}

describe('readSav on hand-built files in both byte orders', () => {
  const cases: [number | null, string][] = [
    [1, 'abc'],
    [null, ''],
    [3.5, 'xyz12345'],
    [-1e10, 'é'],
    [151, '  x'],
    [0.1, 'q'],
  ];
  const expected = cases.map(([n, t]) => ({ NUM: n, STR: t.trimEnd() }));
  for (const le of [true, false]) {
    for (const compression of [0, 1] as const) {
      it(`${le ? 'little' : 'big'}-endian, ${compression ? 'bytecode' : 'uncompressed'}`, async () => {
        const f = join(dir, `hand_${le}_${compression}.sav`);
        writeFileSync(f, buildSav(le, compression, cases));
        const db = await memoryDb();
        try {
          const meta = await readSav(db.conn, f, 'h');
          expect(meta).toMatchObject({
            encoding: 'windows-1252',
            compression: compression ? 'bytecode' : 'none',
            rowCount: cases.length,
          });
          expect(await tableRows(db.conn, 'h')).toEqual(expected);
        } finally {
          db.close();
        }
      });
    }
  }
});
