import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSavMetadata } from '../../sav/readSav.js';
import { cli } from '../support/cli.js';
import { comparableExport } from '../support/comparableExport.js';
import { pspp, tool } from '../support/savTestTools.js';

/**
 * SPSS files as CBS Remote Access has them, written by PSPP from the same synthetic data as a CSV folder; the run
 * must give byte-identical export/ and internal/tables.json. Each file gets a different mix of habits:
 * keys as numeric F9.0 or string A9; dates as A8 text, numeric YYYYMMDD (F8.0), SPSS DATE11 or ADATE10;
 * windows-1252 or UTF-8 (character-set record); an extra very long string (> 255 bytes, non-ASCII); value labels;
 * variable names in mixed case; bytecode, uncompressed and .zsav.
 */
interface Habits {
  keys: 'F9.0' | 'A9';
  dates: 'A8' | 'F8.0' | 'DATE11' | 'ADATE10';
  locale: 'windows-1252' | 'UTF-8';
  save: '/COMPRESSED' | '/UNCOMPRESSED' | '/ZCOMPRESSED';
  mixedCase: boolean;
}

const HABITS: Habits[] = [
  { keys: 'F9.0', dates: 'ADATE10', locale: 'windows-1252', save: '/COMPRESSED', mixedCase: true },
  { keys: 'A9', dates: 'A8', locale: 'UTF-8', save: '/ZCOMPRESSED', mixedCase: false },
  { keys: 'F9.0', dates: 'F8.0', locale: 'UTF-8', save: '/UNCOMPRESSED', mixedCase: true },
  { keys: 'A9', dates: 'DATE11', locale: 'windows-1252', save: '/COMPRESSED', mixedCase: false },
];

function conversion(csvPath: string, savPath: string, h: Habits): string {
  const header = readFileSync(csvPath, 'utf8')
    .split(/\r?\n/, 1)[0]!
    .replace(/^\uFEFF/, '')
    .split(',');
  const lines = [
    `SET LOCALE='${h.locale}'.`,
    `GET DATA /TYPE=TXT /FILE='${csvPath}' /ENCODING='UTF-8' /ARRANGEMENT=DELIMITED /DELIMITERS=',' /FIRSTCASE=2`,
    `  /VARIABLES=${header.map((c) => `${c} A40`).join(' ')}.`,
  ];
  const convert = (name: string, expr: string, format: string) => {
    lines.push(
      `NUMERIC x_${name} (${format}).`,
      `COMPUTE x_${name} = ${expr}.`,
      `DELETE VARIABLES ${name}.`,
      `RENAME VARIABLES (x_${name} = ${name}).`,
    );
  };
  const retype = (name: string, width: number) => {
    lines.push(
      `STRING x_${name} (A${width}).`,
      `COMPUTE x_${name} = ${name}.`,
      `DELETE VARIABLES ${name}.`,
      `RENAME VARIABLES (x_${name} = ${name}).`,
    );
  };
  for (const c of header) {
    if (/DATUM/i.test(c)) {
      const d = `REPLACE(${c}, '-', '')`;
      const ymd = `DATE.DMY(NUMBER(SUBSTR(${d}, 7, 2), F2), NUMBER(SUBSTR(${d}, 5, 2), F2), NUMBER(SUBSTR(${d}, 1, 4), F4))`;
      if (h.dates === 'A8') retype(c, 8);
      else if (h.dates === 'F8.0') convert(c, `NUMBER(${d}, F8)`, 'F8.0');
      else convert(c, ymd, h.dates);
    } else if (c === 'RINPERSOON') {
      if (h.keys === 'F9.0') convert(c, `NUMBER(${c}, F9)`, 'F9.0');
      else retype(c, 9);
    } else if (c === 'RINPERSOONS') retype(c, 1);
  }
  if (header.includes('GBAGESLACHT')) lines.push(`VALUE LABELS GBAGESLACHT '1' 'Mannen' '2' 'Vrouwen'.`);
  if (header.includes('SRGVOORZIENING'))
    lines.push(`VALUE LABELS SRGVOORZIENING '30' 'Re-integratie' '31' 'Loonkostensubsidie'.`);
  lines.push(`VARIABLE LABELS RINPERSOON 'Persoonsnummer (versleuteld), één per persoon'.`);
  // a very long string the pipeline does not use (the decoder must still find the next case after it)
  lines.push(`STRING OPMERKING (A400).`, `COMPUTE OPMERKING = RPAD('café ', 300, 'x').`);
  if (h.mixedCase) {
    const renames = header.map((c) => `${c} = ${c.slice(0, 1)}${c.slice(1).toLowerCase()}`);
    lines.push(`RENAME VARIABLES (${renames.join(') (')}).`);
  }
  lines.push(`SAVE OUTFILE='${savPath}' ${h.save}.`);
  return `${lines.join('\n')}\n`;
}

/** export/ files and internal/tables.json of a run, by relative path. */
describe.skipIf(!tool('pspp'))('.sav with the habits of CBS files (PSPP-written) = CSV, byte for byte', () => {
  let base: string;
  let csvDir: string;
  let savDir: string;
  beforeAll(() => {
    base = mkdtempSync(join(tmpdir(), 'mg-habits-'));
    csvDir = join(base, 'csv');
    savDir = join(base, 'sav');
    expect(cli(['generate', '--out', csvDir, '--scale', '0.002', '--seed', '11']).code).toBe(0);
    mkdirSync(savDir);
    const files = readdirSync(csvDir)
      .filter((f) => f.endsWith('.csv'))
      .sort();
    // one PSPP job per file: SET LOCALE applies to the files saved after it
    for (const [i, f] of files.entries()) {
      const h = HABITS[i % HABITS.length]!;
      pspp(
        savDir,
        conversion(
          join(csvDir, f),
          join(savDir, basename(f, '.csv') + (h.save === '/ZCOMPRESSED' ? '.zsav' : '.sav')),
          h,
        ),
      );
    }
  });
  afterAll(() => {
    if (base) rmSync(base, { recursive: true, force: true });
  });

  it('the files really have those habits', async () => {
    const metas = await Promise.all(
      readdirSync(savDir)
        .filter((f) => /\.z?sav$/.test(f))
        .map((f) => readSavMetadata(join(savDir, f))),
    );
    const formats = new Set(metas.flatMap((m) => m.variables.map((v) => v.format.replace(/\d+(\.\d+)?$/, ''))));
    for (const f of ['A', 'F', 'DATE', 'ADATE']) expect(formats).toContain(f);
    const key = metas.flatMap((m) => m.variables.filter((v) => v.name.toUpperCase() === 'RINPERSOON'));
    expect(new Set(key.map((v) => v.format))).toEqual(new Set(['F9.0', 'A9']));
    expect(new Set(key.map((v) => v.name))).toEqual(new Set(['RINPERSOON', 'Rinpersoon']));
    expect(metas.some((m) => m.variables.some((v) => /DATUM/i.test(v.name) && v.format === 'A8'))).toBe(true);
    expect(metas.some((m) => m.variables.some((v) => /DATUM/i.test(v.name) && v.format === 'F8.0'))).toBe(true);
    expect(new Set(metas.map((m) => m.encoding.toUpperCase()))).toEqual(new Set(['WINDOWS-1252', 'UTF-8']));
    expect(new Set(metas.map((m) => m.compression))).toEqual(new Set(['none', 'bytecode', 'zlib']));
    expect(metas.every((m) => m.variables.some((v) => v.name.toUpperCase() === 'OPMERKING'))).toBe(true);
    expect(
      metas.some((m) => m.variables.some((v) => v.valueLabels !== undefined && Object.keys(v.valueLabels).length > 0)),
    ).toBe(true);
  });

  it('gives the same export/ and internal/tables.json as the CSV files', async () => {
    const runs = new Map<string, Map<string, string>>();
    for (const [name, dir] of [
      ['csv', csvDir],
      ['sav', savDir],
    ] as const) {
      const out = join(base, `out-${name}`);
      const r = cli(['run', '--input', dir, '--out', out]);
      expect([r.code, r.stderr]).toEqual([0, '']);
      runs.set(name, await comparableExport(out));
    }
    const csv = runs.get('csv')!;
    const sav = runs.get('sav')!;
    expect(JSON.parse(csv.get('internal/tables.json')!).tables['3.0'].cells[0][0]).toBeGreaterThan(50);
    expect([...sav.keys()].sort()).toEqual([...csv.keys()].sort());
    for (const [path, text] of csv) expect(sav.get(path), path).toBe(text);
  });
});
