import ExcelJS from 'exceljs';
import { unzipSync, zipSync, type Zippable } from 'fflate';
import type { ExportTable, ExportTables } from '../schemas/tablesJson.js';
import { footnotes, type Lang } from './footnotes.js';
import { caption, tableOrder } from './tableOrder.js';
import type { TableDeclaration } from '../model/tableDeclarations.js';

export interface TablesXlsxOptions {
  lang: Lang;
  /** The run's table declarations (order, caption); default the shipped ones. */
  declarations?: readonly TableDeclaration[];
}

const PCT_HEADING: Record<Lang, string> = {
  nl: 'Percentage van het groepstotaal (%)',
  en: 'Percentage of the group total (%)',
};

/** Excel's sheet-name rules: no : \ / ? * [ ], at most 31 characters, not starting or ending with ', unique ignoring case. */
export function sheetName(id: string, taken: Set<string>): string {
  let base = id.replace(/[:\\/?*[\]]/g, '_').replace(/^'+|'+$/g, '').slice(0, 31) || 'Tabel';
  let name = base;
  for (let n = 2; taken.has(name.toLowerCase()); n++) {
    const suffix = ` (${n})`;
    name = base.slice(0, 31 - suffix.length) + suffix;
  }
  taken.add(name.toLowerCase());
  return name;
}

/**
 * `export/tables.xlsx`: one sheet per table in published order, named after the table id.
 * Layout per sheet: row 1 the caption and title ("Tabel 3.1. Aantal mensen …"), row 3 the column
 * labels, then one row per table row (label in column A); counts are numbers (format `#,##0`, so
 * Dutch Excel shows 72.512), `**` is text, a missing cell is empty. F3.1–F3.3 add a block with the
 * percentages (format `0.0`). Below the table the footnotes for the markers it uses (`*`, `~`, `**`).
 *
 * Deterministic: the document dates are the end of the analysis period, and the zip exceljs writes
 * (which stamps every entry with the current time) is rewritten with fflate with a fixed entry time,
 * same entry order, same compression — same input, same bytes.
 */
export async function tablesXlsx(tables: ExportTables, options: TablesXlsxOptions): Promise<Buffer> {
  const fixed = new Date(`${tables.period.end}T00:00:00Z`);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'multigebruik';
  wb.lastModifiedBy = 'multigebruik';
  wb.created = fixed;
  wb.modified = fixed;
  wb.lastPrinted = fixed;
  const taken = new Set<string>();
  for (const id of tableOrder(Object.keys(tables.tables), options.declarations)) {
    addSheet(wb, sheetName(id, taken), caption(id, options.lang, options.declarations), tables.tables[id]!, options.lang);
  }
  const raw = new Uint8Array(await wb.xlsx.writeBuffer());
  return Buffer.from(rezip(raw, fixed));
}

function addSheet(wb: ExcelJS.Workbook, name: string, capt: string, t: ExportTable, lang: Lang): void {
  const ws = wb.addWorksheet(name);
  const titleCell = ws.getCell(1, 1);
  titleCell.value = `${capt}. ${t.title}`;
  titleCell.font = { bold: true, size: 12 };

  let r = 3;
  const headerRow = (heading: string): void => {
    ws.getCell(r, 1).value = heading;
    t.columns.forEach((c, j) => {
      const cell = ws.getCell(r, j + 2);
      cell.value = c.label;
      cell.alignment = { wrapText: true, vertical: 'bottom', horizontal: 'right' };
    });
    const row = ws.getRow(r);
    row.font = { bold: true };
    for (let j = 1; j <= t.columns.length + 1; j++) ws.getCell(r, j).border = { bottom: { style: 'thin' } };
    r++;
  };
  const bodyRows = (matrix: (number | string | null)[][], numFmt: string): void => {
    t.rows.forEach((row, i) => {
      const label = ws.getCell(r, 1);
      label.value = row.label;
      label.alignment = { wrapText: true, vertical: 'top' };
      t.columns.forEach((_, j) => {
        const v = matrix[i]?.[j];
        if (v === null || v === undefined) return;
        const cell = ws.getCell(r, j + 2);
        cell.value = v;
        if (typeof v === 'number') cell.numFmt = numFmt;
        else cell.alignment = { horizontal: 'right' };
      });
      r++;
    });
  };

  headerRow('');
  bodyRows(t.cells, '#,##0');
  if (t.percentages) {
    r++;
    headerRow(PCT_HEADING[lang]);
    bodyRows(t.percentages, '0.0');
  }
  const notes = footnotes(t, lang);
  if (notes.length > 0) r++;
  for (const n of notes) {
    ws.getCell(r, 1).value = `${n.marker} ${n.text}`;
    ws.getCell(r, 1).font = { italic: true, size: 9 };
    r++;
  }
  ws.getColumn(1).width = 46;
  for (let j = 2; j <= t.columns.length + 1; j++) ws.getColumn(j).width = 14;
}

/** Rewrite a zip with a fixed entry time, keeping entry order and contents. */
function rezip(zip: Uint8Array, mtime: Date): Uint8Array {
  const entries = unzipSync(zip);
  const out: Zippable = {};
  for (const [name, data] of Object.entries(entries)) out[name] = [data, { level: 6, mtime }];
  return zipSync(out);
}
