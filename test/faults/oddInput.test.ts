import { mkdirSync, mkdtempSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../core/errors.js';
import { listInput } from '../../bin/runCommand.js';
import { writeSav } from '../../sav/writeSav.js';
import { GOLDEN_FILES } from '../support/goldenFiles.js';
import { defaultConfig, runOnFolder, writeFolder } from '../support/runOnFolder.js';
import { duck, folderHashes, badInputText, runInProcess as run, sqlString } from '../support/faults.js';

/**
 * Odd input a careless user really leaves: every case ends as the clean run or as bad input (exit 1) naming the file,
 * never silently different numbers. Runs in-process with the real stages (listing by the CLI's listInput, so
 * symbolic links are treated as the CLI treats them).
 */

const SRG = 'PWETSRGVOORZIENINGTAB.csv';
const UWV = 'UWVVOORZIENING.csv';
const WMO = 'WMO2019BUSV1.csv';
const GBA = 'GBAPERSOON2022TABV1.csv';

let golden: string | undefined;
async function goldenTables() {
  golden ??= JSON.stringify((await runOnFolder(writeFolder(GOLDEN_FILES))).internal);
  return golden;
}

/** The run must fail as bad input (test/support/faults.ts badInputText). */
const badInput = badInputText;

const srgWith = (row: string) => ({ ...GOLDEN_FILES, [SRG]: `${GOLDEN_FILES[SRG]}${row}\n` });

describe('source discovery: stray copies and variants are refused, listing the candidates', () => {
  const cases: [string, Record<string, string>, RegExp[]][] = [
    [
      '"UWVVOORZIENING - kopie.csv" next to the original',
      { ...GOLDEN_FILES, 'UWVVOORZIENING - kopie.csv': GOLDEN_FILES[UWV] },
      [/UWVVOORZIENING - kopie\.csv/, /UWVVOORZIENING\.csv/, /More than one candidate/],
    ],
    [
      '"WMO2019BUSV1_old.csv" next to the original',
      { ...GOLDEN_FILES, 'WMO2019BUSV1_old.csv': GOLDEN_FILES[WMO] },
      [/WMO2019BUSV1_old\.csv/, /WMOBUS/],
    ],
    [
      'HOOGSTEOPL V1 and V2 of one year',
      { ...GOLDEN_FILES, 'HOOGSTEOPL2019TABV2.csv': GOLDEN_FILES['HOOGSTEOPL2019TABV1.csv'] },
      [/HOOGSTEOPL2019TABV1\.csv, HOOGSTEOPL2019TABV2\.csv/],
    ],
    [
      'GBAPERSOONTAB and GBAPERSOONKTAB',
      { ...GOLDEN_FILES, 'GBAPERSOON2022KTABV1.csv': GOLDEN_FILES[GBA] },
      [/GBAPERSOONKTAB/, /GBAPERSOON2022KTABV1\.csv/, /GBAPERSOON2022TABV1\.csv/],
    ],
  ];
  for (const [name, files, patterns] of cases)
    it(name, async () => {
      const text = await badInput(writeFolder(files));
      for (const p of patterns) expect(text).toMatch(p);
    });

  it('the CSV and the Parquet of one source', async () => {
    const dir = writeFolder(GOLDEN_FILES);
    await duck(
      `COPY (SELECT * FROM read_csv(${sqlString(join(dir, SRG))}, all_varchar = true)) TO ${sqlString(join(dir, 'PWETSRGVOORZIENINGTAB.parquet'))} (FORMAT parquet)`,
    );
    expect(await badInput(dir)).toMatch(/PWETSRGVOORZIENINGTAB\.csv, PWETSRGVOORZIENINGTAB\.parquet/);
  });

  it('GBAPERSOONKTAB alone is the GBA source', async () => {
    const dir = writeFolder(GOLDEN_FILES);
    renameSync(join(dir, GBA), join(dir, 'GBAPERSOON2022KTABV1.csv'));
    const r = await run(dir);
    expect(r.read!.files.gba.map((f) => f.file.name)).toEqual(['GBAPERSOON2022KTABV1.csv']);
    expect(JSON.stringify(r.internal)).toBe(await goldenTables());
  });

  it('a symbolic link to an input file is followed (same tables as the copy)', async () => {
    const elsewhere = writeFolder({ [UWV]: GOLDEN_FILES[UWV] });
    const files: Record<string, string> = { ...GOLDEN_FILES };
    delete (files as Record<string, string | undefined>)[UWV];
    const dir = writeFolder(files);
    symlinkSync(join(elsewhere, UWV), join(dir, UWV));
    const r = await run(dir);
    expect(r.read!.files.uwv.map((f) => f.file.name)).toEqual([UWV]);
    expect(JSON.stringify(r.internal)).toBe(await goldenTables());
  });

  it('a dangling symbolic link is bad input naming it', async () => {
    const dir = writeFolder(GOLDEN_FILES);
    symlinkSync(join(dir, 'nowhere.csv'), join(dir, 'UWVVOORZIENING_2.csv'));
    expect(await badInput(dir)).toMatch(/UWVVOORZIENING_2\.csv: a symbolic link/);
  });
});

describe('empty source files', () => {
  for (const [name, content] of [
    ['0 bytes', ''],
    ['header only', `${GOLDEN_FILES[WMO].split('\n')[0]}\n`],
  ] as const) {
    it(`${name}: bad input naming the file; --allow-empty warns and goes on without it`, async () => {
      const dir = writeFolder({ ...GOLDEN_FILES, [WMO]: content });
      expect(await badInput(dir)).toMatch(/WMO2019BUSV1\.csv: the file has no data rows/);
      const warnings: string[] = [];
      const r = await run(dir, { ...defaultConfig(), allowEmpty: true }, warnings);
      expect(warnings).toEqual([expect.stringMatching(/WMO2019BUSV1\.csv has no data rows.*--allow-empty/)]);
      expect(r.read!.files.wmo).toEqual([]);
    });
  }
  it('a Parquet file without rows', async () => {
    const dir = writeFolder(GOLDEN_FILES);
    await duck(
      `COPY (SELECT * FROM read_csv(${sqlString(join(dir, 'HOOGSTEOPL2016TABV1.csv'))}, all_varchar = true) WHERE false) TO ${sqlString(join(dir, 'HOOGSTEOPL2015TABV1.parquet'))} (FORMAT parquet)`,
    );
    expect(await badInput(dir)).toMatch(/HOOGSTEOPL2015TABV1\.parquet: the file has no data rows/);
  });
});

describe('one rule per concept: dates, keys, birth years', () => {
  for (const date of ['20170100.5', '2.0190805e7', '2016_12_31', '00000101', '0000-01-01'])
    it(`begin date "${date}" is an unparseable date`, async () => {
      const text = await badInput(writeFolder(srgWith(`R,000000011,30,${date},`)));
      // a run of 5 or more digits could be a key: masked digit by digit (the shape and the row stay)
      const shown = date.replace(/\d{5,}/g, (d) => '#'.repeat(d.length));
      expect(text).toMatch(
        new RegExp(`SRGDATUMAANVANG: unparseable date value "${shown.replace('.', '\\.')}" at row 8`),
      );
    });

  it('birth year 0000 is an unparseable birth year', async () => {
    const dir = writeFolder({
      ...GOLDEN_FILES,
      [GBA]: GOLDEN_FILES[GBA].replace('R,000000001,1,1990,', 'R,000000001,1,0000,'),
    });
    expect(await badInput(dir)).toMatch(/GBAGEBOORTEJAAR: unparseable birth year value "0000" at row 1/);
  });

  it('a CSV with two RINPERSOON columns is refused (not the first one silently)', async () => {
    const dir = writeFolder({
      ...GOLDEN_FILES,
      [UWV]: GOLDEN_FILES[UWV].replace(/^(.*)$/m, '$1,RINPERSOON').replace(/(\n[^\n]+)/g, '$1,000000099'),
    });
    expect(await badInput(dir)).toMatch(/UWVVOORZIENING\.csv: column "RINPERSOON" appears 2 times/);
  });

  const parquetSrg = async (select: string) => {
    const files: Record<string, string> = { ...GOLDEN_FILES };
    delete (files as Record<string, string | undefined>)[SRG];
    const dir = writeFolder(files);
    const src = join(writeFolder({ [SRG]: GOLDEN_FILES[SRG] }), SRG);
    await duck(
      `COPY (SELECT ${select} FROM read_csv(${sqlString(src)}, all_varchar = true)) TO ${sqlString(join(dir, 'PWETSRGVOORZIENINGTAB.parquet'))} (FORMAT parquet)`,
    );
    return dir;
  };
  const typed = (key: string, begin: string) =>
    `RINPERSOONS, ${key} AS RINPERSOON, CAST(SRGVOORZIENING AS INTEGER) AS SRGVOORZIENING, ${begin} AS SRGDATUMAANVANG, TRY_CAST(SRGDATUMEINDE AS DOUBLE) AS SRGDATUMEINDE`;

  it('Parquet keys and dates as integer-valued DOUBLE give the CSV tables', async () => {
    const dir = await parquetSrg(
      typed('CAST(RINPERSOON AS DOUBLE)', "CAST(replace(SRGDATUMAANVANG, '-', '') AS DOUBLE)"),
    );
    expect(JSON.stringify((await run(dir)).internal)).toBe(await goldenTables());
  });
  it('a Parquet DOUBLE date with a fraction is an unparseable date', async () => {
    const dir = await parquetSrg(
      typed('CAST(RINPERSOON AS DOUBLE)', "CAST(replace(SRGDATUMAANVANG, '-', '') AS DOUBLE) + 0.5"),
    );
    expect(await badInput(dir)).toMatch(
      /PWETSRGVOORZIENINGTAB\.parquet, column SRGDATUMAANVANG: unparseable date value "########\.5"/,
    );
  });
  it('Parquet TIMESTAMPTZ dates at midnight UTC give the CSV tables; another time of day is refused', async () => {
    const at = (tz: string) => `CAST(strptime(replace(SRGDATUMAANVANG, '-', ''), '%Y%m%d') AS VARCHAR) || '${tz}'`;
    const ok = await parquetSrg(typed('RINPERSOON', `CAST(${at('+00')} AS TIMESTAMPTZ)`));
    expect(JSON.stringify((await run(ok)).internal)).toBe(await goldenTables());
    const shifted = await parquetSrg(typed('RINPERSOON', `CAST(${at('+01')} AS TIMESTAMPTZ)`));
    expect(await badInput(shifted)).toMatch(/column SRGDATUMAANVANG: unparseable date value "2018-12-31 23:00:00"/);
  });
  it('a Parquet key stored as FLOAT (32-bit) is refused', async () => {
    const dir = await parquetSrg(typed('CAST(RINPERSOON AS FLOAT)', "replace(SRGDATUMAANVANG, '-', '')"));
    expect(await badInput(dir)).toMatch(/PWETSRGVOORZIENINGTAB\.parquet, column RINPERSOON: stored as FLOAT/);
  });
});

describe('corrupt and foreign files are bad input naming the file', () => {
  it('a Latin-1 CSV: the row that is not UTF-8', async () => {
    const dir = writeFolder(GOLDEN_FILES);
    writeFileSync(
      join(dir, SRG),
      Buffer.concat([
        Buffer.from(GOLDEN_FILES[SRG]),
        Buffer.from('R,000000011,30,20190101,'),
        Buffer.from([0xe9]),
        Buffer.from('\n'),
      ]),
    );
    expect(await badInput(dir)).toMatch(/PWETSRGVOORZIENINGTAB\.csv: cannot be read \(row 8 is not UTF-8 text/);
  });
  it('a CSV row with more fields than the header: the row is named', async () => {
    expect(await badInput(writeFolder(srgWith('R,000000011,30,20190101,,x')))).toMatch(
      /PWETSRGVOORZIENINGTAB\.csv: cannot be read \(row 8 has 6 fields where the header has 5\)/,
    );
  });
  it('a corrupt Parquet file', async () => {
    const dir = writeFolder({ ...GOLDEN_FILES, 'HOOGSTEOPL2015TABV1.parquet': 'PAR1 this is not parquet at all' });
    expect(await badInput(dir)).toMatch(/HOOGSTEOPL2015TABV1\.parquet: cannot be read/);
  });
  it('a .sav file with none of the configured variables', async () => {
    const dir = writeFolder(GOLDEN_FILES);
    await writeSav(join(dir, 'HOOGSTEOPL2015TABV1.sav'), [{ name: 'X', type: 'numeric' }], [[1], [2]], {
      compression: 'none',
    });
    expect(await badInput(dir)).toMatch(/HOOGSTEOPL2015TABV1\.sav: column .*RINPERSOON.* not found/);
  });
  it('a truncated .sav file', async () => {
    const dir = writeFolder(GOLDEN_FILES);
    const f = join(dir, 'HOOGSTEOPL2015TABV1.sav');
    await writeSav(
      f,
      [
        { name: 'RINPERSOONS', type: 'string', width: 1 },
        { name: 'RINPERSOON', type: 'string', width: 9 },
        { name: 'OPLNIVSOI2016AGG4HBMETNIRWO', type: 'string', width: 4 },
      ],
      [['R', '000000001', '2111']],
      { compression: 'none' },
    );
    const { readFileSync } = await import('node:fs');
    writeFileSync(f, readFileSync(f).subarray(0, 100));
    expect(await badInput(dir)).toMatch(/HOOGSTEOPL2015TABV1\.sav/);
  });
  it('a source file that is a folder is not read as a file', async () => {
    const dir = writeFolder(GOLDEN_FILES);
    mkdirSync(join(dir, 'UWVVOORZIENING_extra.csv'));
    expect((await run(dir)).read!.files.uwv.map((f) => f.file.name)).toEqual([UWV]);
  });
});

describe('the input folder', () => {
  it('stays byte-identical through a successful run', async () => {
    const dir = writeFolder(GOLDEN_FILES);
    const before = folderHashes(dir);
    await run(dir);
    expect(folderHashes(dir)).toEqual(before);
  });
  it('a missing folder is bad input', () => {
    expect(() => listInput(join(mkdtempSync(join(tmpdir(), 'mg-none-')), 'x'))).toThrow(InputError);
  });
});
