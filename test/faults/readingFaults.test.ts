import { readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeSav } from '../../sav/writeSav.js';
import type { Config } from '../../schemas/config.js';
import { GOLDEN_FILES } from '../support/goldenFiles.js';
import { defaultConfig, writeFolder } from '../support/runOnFolder.js';
import { folderHashes, badInputText, runInProcess as run } from '../support/faults.js';
import { pspp, tool } from '../support/savTestTools.js';
import { cli } from '../support/cli.js';

/**
 * Issue 21, the reading side: every input is read the way its writer meant, or refused as bad input (exit 1) naming
 * the file and the row; no key in any message or file; the input untouched. In-process with the real stages (an
 * InputError is exit 1: bin/ maps it), one whole CLI run for the exit code and the absence of a stack trace.
 */

const SRG = 'PWETSRGVOORZIENINGTAB.csv';
const UWV = 'UWVVOORZIENING.csv';
const WMO = 'WMO2019BUSV1.csv';
const GBA = 'GBAPERSOON2022TABV1.csv';
/** A key of nine digits, as real keys are: it must never be shown. */
const KEY = '223249000';

let golden: string | undefined;
async function goldenTables() {
  golden ??= JSON.stringify((await run(writeFolder(GOLDEN_FILES))).internal);
  return golden;
}

/** The run must fail as bad input (test/support/faults.ts badInputText), with no nine digits in a row anywhere and no raw NUL. */
async function badInput(dir: string, config?: Config): Promise<string> {
  const text = await badInputText(dir, config);
  expect(text).not.toMatch(/\d{9}/);
  expect(text).not.toContain('\u0000');
  return text;
}

/** A clean run: the fixture's exact tables, the input untouched. */
async function sameTables(dir: string, config?: Config, warnings: string[] = []) {
  const before = folderHashes(dir);
  const r = await run(dir, config, warnings);
  expect(folderHashes(dir)).toEqual(before);
  expect(JSON.stringify(r.internal)).toBe(await goldenTables());
}

const withFiles = (files: Record<string, string>) => writeFolder({ ...GOLDEN_FILES, ...files });
const append = (name: keyof typeof GOLDEN_FILES, row: string) => ({ [name]: `${GOLDEN_FILES[name]}${row}\n` });

describe('1. .sav user-missing values are the values they are (as readstat reports them)', () => {
  it.skipIf(!tool('pspp'))(
    'an SRG end date declared user-missing is refused as an unparseable date, not read as "still running"',
    async () => {
      const files: Record<string, string> = { ...GOLDEN_FILES };
      delete files[SRG];
      const dir = writeFolder(files);
      const rows = GOLDEN_FILES[SRG].trimEnd()
        .split('\n')
        .slice(1)
        .map((l) => l.split(','));
      // row 1's end date is 99999999, declared missing; a reader that made it NULL would let the provision run on
      const data = rows.map((r, i) =>
        [r[0], r[1]!.padStart(9, '0'), r[2], r[3]!.replaceAll('-', ''), i === 0 ? '99999999' : r[4] || ''].join(','),
      );
      pspp(
        dir,
        [
          'DATA LIST LIST (",") /RINPERSOONS (A1) RINPERSOON (A9) SRGVOORZIENING (F2.0) SRGDATUMAANVANG (F8.0) SRGDATUMEINDE (F8.0).',
          'BEGIN DATA',
          ...data,
          'END DATA.',
          'MISSING VALUES SRGDATUMEINDE (99999999).',
          `SAVE OUTFILE='${join(dir, 'PWETSRGVOORZIENINGTAB.sav')}'.`,
          '',
        ].join('\n'),
      );
      for (const f of Object.keys(folderHashes(dir))) if (f.endsWith('.sps')) unlinkSync(join(dir, f));
      const text = await badInput(dir);
      expect(text).toMatch(
        /PWETSRGVOORZIENINGTAB\.sav, column SRGDATUMEINDE: unparseable date value "########" at row 1\b/,
      );
    },
  );
});

describe('2. a source that yields no rows is bad input whatever its format', () => {
  it('a header, CRLF and an empty line: no data rows; --allow-empty warns and leaves it out', async () => {
    const header = GOLDEN_FILES[WMO].split('\n')[0]!;
    const dir = withFiles({ [WMO]: `${header}\r\n\r\n` });
    expect(await badInput(dir)).toMatch(/WMO2019BUSV1\.csv: the file has no data rows/);
    const warnings: string[] = [];
    const r = await run(dir, { ...defaultConfig(), allowEmpty: true }, warnings);
    expect(warnings).toContainEqual(expect.stringMatching(/WMO2019BUSV1\.csv has no data rows.*--allow-empty/));
    expect(r.read!.files.wmo).toEqual([]);
  });
  it('a header followed by blank lines of spaces is empty too; one data row after blank lines is data', async () => {
    const header = GOLDEN_FILES[UWV].split('\n')[0]!;
    expect(await badInput(withFiles({ [UWV]: `${header}\n  \n\t\n\n` }))).toMatch(
      /UWVVOORZIENING\.csv: the file has no data rows/,
    );
    const rows = GOLDEN_FILES[UWV].split('\n').slice(1).join('\n');
    await sameTables(withFiles({ [UWV]: `${header}\n\n${rows}` }));
  });
  it('a .sav file with 0 cases', async () => {
    const dir = writeFolder(GOLDEN_FILES);
    await writeSav(
      join(dir, 'HOOGSTEOPL2015TABV1.sav'),
      [
        { name: 'RINPERSOONS', type: 'string', width: 1 },
        { name: 'RINPERSOON', type: 'string', width: 9 },
        { name: 'OPLNIVSOI2016AGG4HBMETNIRWO', type: 'string', width: 4 },
      ],
      [],
      { compression: 'none' },
    );
    expect(await badInput(dir)).toMatch(/HOOGSTEOPL2015TABV1\.sav: the file has no data rows/);
  });
});

describe('3. a key as a spreadsheet writes it (2.23249E+08) is refused, never read as some key', () => {
  for (const [name, file, row, where] of [
    [
      'WMOBUS',
      WMO,
      'R,2.23249E+08,01,20190101,',
      /WMO2019BUSV1\.csv, column RINPERSOON: RINPERSOON is not a string of digits at row 4\b/,
    ],
    [
      'GBAPERSOONTAB',
      GBA,
      'R,2.23249E+08,1,1980,01,01',
      /GBAPERSOON2022TABV1\.csv, column RINPERSOON: RINPERSOON is not a string of digits at row 5\b/,
    ],
    [
      'HOOGSTEOPLTAB',
      'HOOGSTEOPL2019TABV1.csv',
      'R,2.23249E+08,2111',
      /HOOGSTEOPL2019TABV1\.csv, column RINPERSOON: RINPERSOON is not a string of digits at row 3\b/,
    ],
    [
      'PWETSRGVOORZIENINGTAB',
      SRG,
      'R,2.23249E+08,30,20190101,',
      /PWETSRGVOORZIENINGTAB\.csv, column RINPERSOON: RINPERSOON is not a string of digits at row 8\b/,
    ],
  ] as const)
    it(name, async () => {
      expect(await badInput(withFiles(append(file, row)))).toMatch(where);
    });
  it('in a .sav string variable too', async () => {
    const files: Record<string, string> = { ...GOLDEN_FILES };
    delete files['HOOGSTEOPL2019TABV1.csv'];
    const dir = writeFolder(files);
    const vars = [
      { name: 'RINPERSOONS', type: 'string', width: 1 },
      { name: 'RINPERSOON', type: 'string', width: 11 },
      { name: 'OPLNIVSOI2021AGG4HBmetNIRWO', type: 'string', width: 4 },
    ] as const;
    await writeSav(
      join(dir, 'HOOGSTEOPL2019TABV1.sav'),
      [...vars],
      [
        ['R', '000000001', '2111'],
        ['R', '000000007', '----'],
        ['R', '2.23249E+08', '2111'],
      ],
      { compression: 'none' },
    );
    expect(await badInput(dir)).toMatch(
      /HOOGSTEOPL2019TABV1\.sav, column RINPERSOON: RINPERSOON is not a string of digits at row 3\b/,
    );
  });
});

describe('4. RINPERSOONS in one normal form', () => {
  it('"r" throughout SRG, " R " in UWV: the clean tables', async () => {
    const lower = GOLDEN_FILES[SRG].replace(/^R,/gm, 'r,');
    expect(lower).not.toMatch(/^R,/m);
    await sameTables(withFiles({ [SRG]: lower, [UWV]: GOLDEN_FILES[UWV].replace(/^R,/m, ' R ,') }));
  });
  it('a RINPERSOONS that is not one letter is refused naming the column', async () => {
    expect(await badInput(withFiles(append(SRG, 'RR,000000011,30,20190101,')))).toMatch(
      /PWETSRGVOORZIENINGTAB\.csv, column RINPERSOONS: RINPERSOONS is not one letter at row 8\b/,
    );
  });
});

describe('5. the CSV reader is strict about quotes', () => {
  it('an unterminated quote in one field of the UWV file: exit 1 naming the file and row', async () => {
    const lines = GOLDEN_FILES[UWV].split('\n');
    lines[3] = lines[3]!.replace('TOLK_GEBAREN', '"TOLK_GEBAREN');
    expect(await badInput(withFiles({ [UWV]: lines.join('\n') }))).toMatch(
      /UWVVOORZIENING\.csv: cannot be read \(a quote opened at or after row 3 is never closed\)/,
    );
  });
  it('a quoted field that is closed is read as its value (the clean tables)', async () => {
    await sameTables(withFiles({ [UWV]: GOLDEN_FILES[UWV].replace('TOLK_GEBAREN', '"TOLK_GEBAREN"') }));
  });
});

describe('6. a file whose name nearly matches a source, a missing WMOBUS year', () => {
  it('WM02020BUSV1.csv (a zero for the O) is refused naming it', async () => {
    const text = await badInput(withFiles({ 'WM02020BUSV1.csv': GOLDEN_FILES[WMO] }));
    expect(text).toMatch(/WM02020BUSV1\.csv: looks like a WMOBUS file but its name does not start with "WMO"/);
  });
  it('GBAPERSON2022TABV1.csv (a letter dropped) is refused; unrelated files are still ignored', async () => {
    const dir = writeFolder(GOLDEN_FILES);
    renameSync(join(dir, GBA), join(dir, 'GBAPERSON2022TABV1.csv'));
    expect(await badInput(dir)).toMatch(/GBAPERSON2022TABV1\.csv: looks like a GBAPERSOONTAB file/);
    const r = await run(withFiles({ 'WHO_codes.csv': 'a,b\n1,2\n', 'notes.csv': 'x,y\n1,2\n' }));
    expect(r.read!.ignoredFiles).toEqual(['WHO_codes.csv', 'notes.csv']);
  });
  it('a WMOBUS year missing between others stops the run; years of P outside the files do not', async () => {
    const wmo = (y: number) => GOLDEN_FILES[WMO].replaceAll('2019', String(y));
    const gap = withFiles({ 'WMO2018BUSV1.csv': wmo(2018), 'WMO2021BUSV1.csv': wmo(2021) });
    const text = await badInput(gap);
    expect(text).toMatch(/WMOBUS: no file for 2020, within the period 2017-01-01\.\.2022-12-31/);
    expect(text).toMatch(/WMO2018BUSV1\.csv/);
    // the fixture's single WMOBUS year in a six-year period: taken as chosen, the clean tables
    await sameTables(writeFolder(GOLDEN_FILES));
  });
});

describe('7. no key in a message or in quarantine.csv', () => {
  it("a row's own RINPERSOON in its date column: the message masks it", async () => {
    const text = await badInput(withFiles(append(SRG, `R,${KEY},30,${KEY},`)));
    expect(text).toMatch(/SRGDATUMAANVANG: unparseable date value "#########" at row 8\b/);
  });
  it('a key in a code column with --quarantine: quarantine.csv holds the row, not the key', async () => {
    const dir = withFiles(append(UWV, `R,000000011,JOBCOACH,${KEY},TAXI,20190101,`));
    const r = await run(dir, { ...defaultConfig(), onBadRows: 'quarantine' });
    expect(r.validation!.quarantined).toEqual([
      {
        file: UWV,
        row: 5,
        column: 'UWVWETTELIJKEACHTERGROND',
        problem: 'code not mapped in the config',
        value: '#########',
      },
    ]);
    expect(JSON.stringify(r)).not.toContain(KEY);
  });
});

describe('Messages: a CSV DuckDB cannot read is named with its row and reason', () => {
  it('a UTF-16 file: says it is UTF-16 and to save it as UTF-8', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(GOLDEN_FILES[UWV], 'utf16le')]);
    const dir = writeFolder(GOLDEN_FILES);
    writeFileSync(join(dir, UWV), utf16);
    expect(await badInput(dir)).toMatch(
      /UWVVOORZIENING\.csv: cannot be read \(the file is UTF-16 text .*save it as CSV UTF-8\)/,
    );
    writeFileSync(join(dir, UWV), Buffer.from(GOLDEN_FILES[UWV], 'utf16le'));
    expect(await badInput(dir)).toMatch(/UWVVOORZIENING\.csv: cannot be read \(the file is UTF-16 text/);
  });
  it('mixed CRLF and LF: the row where the line ending changes', async () => {
    const lines = GOLDEN_FILES[SRG].trimEnd().split('\n');
    const mixed = `${lines.slice(0, 4).join('\r\n')}\r\n${lines.slice(4).join('\n')}\n`;
    expect(await badInput(withFiles({ [SRG]: mixed }))).toMatch(
      /PWETSRGVOORZIENINGTAB\.csv: cannot be read \(row 4 ends with LF where the rows before it end with CRLF/,
    );
  });
  it('a NUL byte: named by its row, never printed', async () => {
    const text = await badInput(withFiles(append(SRG, 'R,000000011,30,2019\u00000101,')));
    expect(text).toMatch(
      /PWETSRGVOORZIENINGTAB\.csv, column SRGDATUMAANVANG: unparseable date value "2019\\x000101" at row 8\b/,
    );
  });
  it('a 10 MB field: its row and why', async () => {
    const text = await badInput(
      withFiles(append(UWV, `R,000000011,JOBCOACH,WAJONG,${'x'.repeat(10 << 20)},20190101,`)),
    );
    expect(text).toMatch(/UWVVOORZIENING\.csv: cannot be read \(row 5 is longer than 2097152 bytes/);
  });
  it('the CLI: exit 1, the reason, no stack trace, input untouched', () => {
    const lines = GOLDEN_FILES[SRG].trimEnd().split('\n');
    const dir = withFiles({ [SRG]: `${lines.slice(0, 4).join('\r\n')}\r\n${lines.slice(4).join('\n')}\n` });
    const before = folderHashes(dir);
    const r = cli(['run', '--input', dir, '--out', join(writeFolder({}), 'out')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/row 4 ends with LF where the rows before it end with CRLF/);
    expect(r.stderr).not.toMatch(/sniffing|\n\s+at /);
    expect(folderHashes(dir)).toEqual(before);
    expect(readFileSync(join(dir, SRG), 'utf8')).toContain('\r\n');
  });
});
