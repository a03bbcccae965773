import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GOLDEN_FILES } from '../support/goldenFiles.js';
import { writeFolder } from '../support/runOnFolder.js';
import { cli } from '../support/cli.js';

const SRG = 'PWETSRGVOORZIENINGTAB.csv';
const UWV = 'UWVVOORZIENING.csv';
const withFile = (name: string, content: string) => ({ ...GOLDEN_FILES, [name]: content });
const srgWith = (row: string) => withFile(SRG, `${GOLDEN_FILES[SRG]}${row}\n`);
const outDir = () => join(mkdtempSync(join(tmpdir(), 'mg-out-')), 'out');

/** Every 9-digit key and every bare key number of the fixture: none may appear in a message. */
function assertNoKeys(text: string, extra: string[] = []) {
  expect(text).not.toMatch(/\b\d{9}\b/);
  for (const k of extra) expect(text).not.toContain(k);
}

describe('bad input: exit 1, file/column/row/value named, nothing written, no RINPERSOON', () => {
  const cases: [string, Record<string, string>, RegExp[], string[]][] = [
    [
      'unparseable date',
      srgWith('R,000000011,30,20171340,'),
      [
        /PWETSRGVOORZIENINGTAB\.csv/,
        /SRGDATUMAANVANG/,
        /unparseable date/,
        /"########"/,
        /row 8\b/,
        /1 row with this problem/,
      ],
      [],
    ],
    [
      'end before begin',
      srgWith('R,000000011,30,20190101,20180101'),
      [/SRGDATUMEINDE/, /end date before begin date/, /"########"/, /row 8\b/],
      [],
    ],
    [
      'unmapped code',
      srgWith('R,000000011,99,20190101,\nR,000000012,99,20190101,'),
      [/SRGVOORZIENING/, /code not mapped in the config/, /"99"/, /row 8, 9/, /2 rows with this problem/],
      [],
    ],
    [
      'invalid key',
      srgWith('R,1234567890,30,20190101,'),
      [/RINPERSOON/, /more than 9 digits/, /row 8\b/],
      ['1234567890'],
    ],
    [
      'non-numeric key',
      srgWith('R,12AB45,30,20190101,'),
      [/RINPERSOON is not a string of digits/, /row 8\b/],
      ['12AB45'],
    ],
    [
      'missing column',
      withFile(UWV, GOLDEN_FILES[UWV].replace('UWVPRODUCT', 'PRODUCT')),
      [/UWVVOORZIENING\.csv/, /column "UWVPRODUCT"/, /sources\.uwv\.columns\.product/],
      [],
    ],
    [
      'missing source',
      Object.fromEntries(Object.entries(GOLDEN_FILES).filter(([k]) => k !== UWV)),
      [/UWV extract/, /UWVVOORZIENING/],
      [],
    ],
    [
      'invalid key in GBA',
      withFile('GBAPERSOON2022TABV1.csv', `${GOLDEN_FILES['GBAPERSOON2022TABV1.csv']}R,X1234567,1,1980,01,--\n`),
      [/GBAPERSOON2022TABV1\.csv/, /RINPERSOON is not a string of digits/, /row 5\b/],
      ['X1234567'],
    ],
    [
      'invalid key in WMOBUS',
      withFile('WMO2019BUSV1.csv', `${GOLDEN_FILES['WMO2019BUSV1.csv']}R,,01,20190101,\n`),
      [/WMO2019BUSV1\.csv/, /empty RINPERSOON/, /row 4\b/],
      [],
    ],
    [
      'unparseable date in WMOBUS for a person outside the study',
      withFile('WMO2019BUSV1.csv', `${GOLDEN_FILES['WMO2019BUSV1.csv']}R,000000099,01,2019-02-30,\n`),
      [/WMODATUMAANVANG/, /"2019-02-30"/, /row 4\b/],
      [],
    ],
    [
      'malformed CSV (a row with too many fields)',
      withFile('WMO2019BUSV1.csv', `${GOLDEN_FILES['WMO2019BUSV1.csv']}R,000000001,01,20190101,,extra,fields\n`),
      [/WMO2019BUSV1\.csv/, /cannot be read/],
      [],
    ],
    [
      'bad birth month',
      withFile('GBAPERSOON2022TABV1.csv', `${GOLDEN_FILES['GBAPERSOON2022TABV1.csv']}R,000000002,1,1980,13,--\n`),
      [/GBAGEBOORTEMAAND/, /"13"/, /row 5\b/],
      [],
    ],
  ];
  for (const [name, files, patterns, secrets] of cases) {
    it(name, () => {
      const out = outDir();
      const r = cli(['run', '--input', writeFolder(files), '--out', out]);
      expect([r.code, r.stderr]).toEqual([1, expect.stringMatching(/\S/)]);
      for (const p of patterns) expect(r.stderr).toMatch(p);
      assertNoKeys(r.stderr + r.stdout, secrets);
      expect(existsSync(out)).toBe(false);
      expect(readdirSync(join(out, '..'))).toEqual([]);
      const v = cli(['validate', '--input', writeFolder(files)]);
      expect(v.code).toBe(1);
      for (const p of patterns) expect(v.stderr).toMatch(p);
    });
  }

  it('bad config names the file and field', () => {
    const dir = writeFolder({ ...GOLDEN_FILES, 'cfg.json': JSON.stringify({ disclosure: { threshold: 'ten' } }) });
    const r = cli(['run', '--input', dir, '--out', outDir(), '--config', join(dir, 'cfg.json')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/cfg\.json, field disclosure\.threshold/);
  });

  it('refuses a non-empty output folder without --force', () => {
    const out = outDir();
    expect(cli(['run', '--input', writeFolder(GOLDEN_FILES), '--out', out]).code).toBe(0);
    const again = cli(['run', '--input', writeFolder(GOLDEN_FILES), '--out', out]);
    expect([again.code, again.stderr]).toEqual([1, expect.stringContaining('--force')]);
    expect(again.stderr).toMatch(/--force/);
    expect(cli(['run', '--input', writeFolder(GOLDEN_FILES), '--out', out, '--force']).code).toBe(0);
  });

  it('quarantine sets the rows aside, notes it in every table, and counts without them', () => {
    const out = outDir();
    const r = cli(['run', '--input', writeFolder(srgWith('R,000000011,99,20190101,')), '--out', out, '--quarantine']);
    expect([r.code, r.stderr]).toEqual([0, '']);
    const q = readFileSync(join(out, 'internal', 'quarantine.csv'), 'utf8');
    expect(q).toBe(
      'file,row,column,problem,value\nPWETSRGVOORZIENINGTAB.csv,8,SRGVOORZIENING,code not mapped in the config,99\n',
    );
    const internal = JSON.parse(readFileSync(join(out, 'internal', 'tables.json'), 'utf8'));
    expect(internal.tables['3.0'].cells[0][0]).toBe(5);
    for (const t of Object.values(internal.tables) as { note?: string }[]) expect(t.note).toMatch(/^1 invoerrij/);
    const exported = JSON.parse(readFileSync(join(out, 'export', 'tables.json'), 'utf8'));
    expect(exported.tables['3.0'].note).toMatch(/^minder dan 10 invoerrij/);
  });

  it('quarantine is noted in every format: terminal, manifest, README/LEESMIJ, report.html, CSVs, xlsx', async () => {
    const out = outDir();
    const r = cli(['run', '--input', writeFolder(srgWith('R,000000011,99,20190101,')), '--out', out, '--quarantine']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      'Quarantine:  1 input row(s) set aside and not counted (internal/quarantine.csv); every table notes it',
    );
    expect(r.stdout).toContain(`${join(out, 'internal', 'quarantine.csv')}`);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.summary.quarantinedRows).toBe(1);
    const note = 'minder dan 10 invoerrij(en) met fouten zijn terzijde gelegd (quarantaine) en niet meegeteld.';
    expect(readFileSync(join(out, 'export', 'README.txt'), 'utf8')).toContain(
      'Quarantine: fewer than 10 input row(s) with errors were set aside and not counted',
    );
    expect(readFileSync(join(out, 'export', 'LEESMIJ.txt'), 'utf8')).toContain(
      'Quarantaine: minder dan 10 invoerrij(en) met fouten zijn terzijde gelegd',
    );
    expect(readFileSync(join(out, 'export', 'report.html'), 'utf8')).toContain(`<p class="note">${note}</p>`);
    for (const f of readdirSync(join(out, 'export', 'tables')))
      expect(readFileSync(join(out, 'export', 'tables', f), 'utf8'), f).toContain(`\r\n${note}\r\n`);
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(join(out, 'export', 'tables.xlsx')) as unknown as ArrayBuffer);
    expect(String(wb.worksheets[0]!.getCell('A1').value)).toContain('toelichting voor de CBS-outputcontrole');
    for (const ws of wb.worksheets.slice(1)) expect(ws.getCell('A2').value, ws.name).toBe(note);
    // the exact number of rows stays inside (internal/, terminal, manifest), the export says "fewer than"
    assertNoKeys(r.stdout);
  });
});
