import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { TABLE_DECLARATIONS } from '../../model/tableDeclarations.js';
import { sheetName, summaryCells, tablesXlsx } from '../../reports/tablesXlsx.js';
import { PUBLISHED_ORDER, caption } from '../../reports/tableOrder.js';
import { sampleExport } from '../support/sampleExport.js';
import { tinyExport } from '../support/tinyExport.js';

async function read(buf: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb;
}

/** Every non-empty cell of a sheet as "A1=value". */
function dump(ws: ExcelJS.Worksheet): string[] {
  const out: string[] = [];
  ws.eachRow((row) => row.eachCell((cell) => out.push(`${cell.address}=${JSON.stringify(cell.value)}`)));
  return out;
}

describe('tablesXlsx', () => {
  it('writes exactly the expected cells for a small workbook', async () => {
    const wb = await read(
      await tablesXlsx(tinyExport(), { lang: 'nl', threshold: 10, declarations: TABLE_DECLARATIONS }),
    );
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Figuur 3.2', 'Tabel 3.3']);
    expect(dump(wb.getWorksheet('Tabel 3.3')!)).toEqual([
      'A1="Tabel 3.3. Aantal mensen met combinaties van \\"Pwet\\"-voorzieningen, 2017–2022"',
      'A3=""',
      'B3="Begeleiding op werkkring/jobcoach ~"',
      'C3="Vervoer, \\"eigen\\" auto"',
      'A4="Ondersteuning op de werkplek *"',
      'B4=2075',
      'C4="**"',
      'A5="Begeleiding op werkkring/jobcoach ~"',
      'C5=0',
      'A7="* Vanaf 2019 is deze categorie opgenomen in de dataset."',
      'A8="~ Vanaf 2019 is deze categorie niet meer opgenomen in de dataset."',
      'A9="** Niet getoond: minder dan 10 personen (onder de drempel), afgeschermd om zo’n aantal te beschermen, of afgeschermd omdat het met een eerdere export een klein verschil of een daar afgeschermd aantal zou prijsgeven."',
    ]);
    expect(dump(wb.getWorksheet('Figuur 3.2')!)).toEqual([
      'A1="Figuur 3.2. Verdeling naar geslacht"',
      'A3=""',
      'B3="man"',
      'C3="vrouw"',
      'D3="onbekend"',
      'E3="Totaal"',
      'A4="UWV & Pwet"',
      'B4=267',
      'C4=435',
      'D4=0',
      'E4=702',
      'A5="UWV & Pwet & Wmo"',
      'B5="**"',
      'C5=237',
      'D5="**"',
      'E5=389',
      'A7="Percentage van het groepstotaal (%)"',
      'B7="man"',
      'C7="vrouw"',
      'D7="onbekend"',
      'E7="Totaal"',
      'A8="UWV & Pwet"',
      'B8=38',
      'C8=62',
      'D8=0',
      'E8=100',
      'A9="UWV & Pwet & Wmo"',
      'B9="**"',
      'C9=60.9',
      'D9="**"',
      'E9=100',
      'A11="** Niet getoond: minder dan 10 personen (onder de drempel), afgeschermd om zo’n aantal te beschermen, of afgeschermd omdat het met een eerdere export een klein verschil of een daar afgeschermd aantal zou prijsgeven."',
    ]);
    expect(wb.getWorksheet('Tabel 3.3')!.getCell('B4').numFmt).toBe('#,##0');
    expect(wb.getWorksheet('Figuur 3.2')!.getCell('C9').numFmt).toBe('0.0');
  });

  it('has one sheet per sample table in published order, each cell as in tables.json', async () => {
    const s = sampleExport();
    const wb = await read(await tablesXlsx(s, { lang: 'nl', threshold: 10, declarations: TABLE_DECLARATIONS }));
    expect(wb.worksheets.map((w) => w.name)).toEqual(
      PUBLISHED_ORDER.map((id) => caption(id, 'nl', TABLE_DECLARATIONS)),
    );
    for (const [id, t] of Object.entries(s.tables)) {
      const ws = wb.getWorksheet(caption(id, 'nl', TABLE_DECLARATIONS))!;
      expect(String(ws.getCell(1, 1).value)).toContain(t.title);
      t.columns.forEach((c, j) => expect(ws.getCell(3, j + 2).value).toBe(c.label));
      t.rows.forEach((r, i) => {
        expect(ws.getCell(4 + i, 1).value).toBe(r.label);
        t.columns.forEach((_, j) => expect(ws.getCell(4 + i, j + 2).value, `${id} ${i},${j}`).toBe(t.cells[i]![j]));
      });
    }
  });

  it('puts the summary in real cells: label and value apart, per-table counts and input rows as numbers', () => {
    expect(summaryCells('Periode: 2017-01-01 t/m 2022-12-31')).toEqual(['Periode', '2017-01-01 t/m 2022-12-31']);
    expect(summaryCells('  Tabel 3.10     13 /  21 /   0')).toEqual(['Tabel 3.10', 13, 21, 0]);
    expect(summaryCells('  Alle tabellen  210 / 115 /  15 /  81 /   1')).toEqual([
      'Alle tabellen',
      210,
      115,
      15,
      81,
      1,
    ]);
    expect(summaryCells('Cellen per tabel (getoond / primair afgeschermd / secundair afgeschermd)')).toEqual([
      'Cellen per tabel',
      'getoond',
      'primair afgeschermd',
      'secundair afgeschermd',
    ]);
    expect(summaryCells('  GBAPERSOON2022TABV1.csv   gba          1.209.985 rijen  da9c8cc455d4')).toEqual([
      'GBAPERSOON2022TABV1.csv',
      'gba',
      1209985,
      'da9c8cc455d4',
    ]);
    expect(summaryCells('Bronnen (invoerbestanden: rijen, eerste 12 hexadecimale tekens van de SHA-256)')).toHaveLength(
      1,
    );
    expect(summaryCells('- Dominantie (p%- of (n,k)-regel): niet van toepassing.')).toHaveLength(1);
  });

  it('starts with the summary sheet, freezes the header rows and label column, and claims no creation date', async () => {
    const s = sampleExport();
    for (const t of Object.values(s.tables))
      t.note = '12 invoerrij(en) met fouten zijn terzijde gelegd (quarantaine) en niet meegeteld.';
    const summary = [
      'multigebruik — toelichting voor de CBS-outputcontrole',
      'Periode: 2017-01-01 t/m 2022-12-31',
      'Cellen per tabel',
    ];
    const buf = await tablesXlsx(s, { lang: 'nl', threshold: 10, declarations: TABLE_DECLARATIONS, summary });
    const wb = await read(buf);
    expect(wb.worksheets[0]!.name).toBe('Samenvatting');
    expect(wb.worksheets[0]!.getCell('A1').value).toBe(summary[0]);
    expect([wb.worksheets[0]!.getCell('A2').value, wb.worksheets[0]!.getCell('B2').value]).toEqual([
      'Periode',
      '2017-01-01 t/m 2022-12-31',
    ]);
    // the legend of the markers follows the note
    expect(dump(wb.worksheets[0]!).join('\n')).toContain('Tekens in de tabellen');
    expect(dump(wb.worksheets[0]!).join('\n')).toContain('** Niet getoond: minder dan 10 personen');
    for (const ws of wb.worksheets.slice(1)) {
      expect(ws.views[0], ws.name).toMatchObject({ state: 'frozen', xSplit: 1, ySplit: 3 });
      expect(String(ws.getCell('A2').value), ws.name).toMatch(/^12 invoerrij\(en\)/);
    }
    expect(wb.worksheets.slice(1).map((w) => w.name)).toEqual(
      PUBLISHED_ORDER.map((id) => caption(id, 'nl', TABLE_DECLARATIONS)),
    );
    expect(wb.created).toBeUndefined();
    expect(wb.modified).toBeUndefined();
    const en = await read(
      await tablesXlsx(s, { lang: 'en', threshold: 10, declarations: TABLE_DECLARATIONS, summary }),
    );
    expect(en.worksheets.map((w) => w.name).slice(0, 3)).toEqual(['Summary', 'Table 3.0', 'Table 3.1']);
  });

  it('is byte-identical when written twice', async () => {
    const a = await tablesXlsx(sampleExport(), { lang: 'nl', threshold: 10, declarations: TABLE_DECLARATIONS });
    await new Promise((r) => setTimeout(r, 1100)); // exceljs stamps zip entries with the current time
    const b = await tablesXlsx(sampleExport(), { lang: 'nl', threshold: 10, declarations: TABLE_DECLARATIONS });
    expect(a.equals(b)).toBe(true);
  });

  it('is byte-identical in every time zone, with every zip entry dated 1980-01-01 00:00 (the DOS epoch)', async () => {
    const saved = process.env.TZ;
    const bytes: Buffer[] = [];
    try {
      for (const tz of ['UTC', 'Europe/Amsterdam', 'America/New_York', 'Pacific/Kiritimati']) {
        process.env.TZ = tz;
        bytes.push(await tablesXlsx(tinyExport(), { lang: 'nl', threshold: 10, declarations: TABLE_DECLARATIONS }));
      }
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
    for (const b of bytes.slice(1)) expect(b.equals(bytes[0]!)).toBe(true);
    // local file headers (PK\x03\x04): DOS time at offset 10, date at 12; 1980-01-01 00:00 is time 0, date (0<<9)|(1<<5)|1
    const stamps = new Set<string>();
    for (let i = bytes[0]!.indexOf('PK\x03\x04'); i !== -1; i = bytes[0]!.indexOf('PK\x03\x04', i + 4))
      stamps.add(`${bytes[0]!.readUInt16LE(i + 10)}/${bytes[0]!.readUInt16LE(i + 12)}`);
    expect([...stamps]).toEqual(['0/33']);
  });

  it('makes legal, unique sheet names', () => {
    const taken = new Set<string>();
    expect(sheetName('a/b:c*d?e[f]g\\h', taken)).toBe('a_b_c_d_e_f_g_h');
    expect(sheetName("'quoted'", taken)).toBe('quoted');
    expect(sheetName('x'.repeat(40), taken)).toHaveLength(31);
    expect(sheetName('QUOTED', taken)).toBe('QUOTED (2)');
  });
});
