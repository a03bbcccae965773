import ExcelJS from 'exceljs';
import { unzipSync, zipSync, type Zippable } from 'fflate';
import type { ExportTable, ExportTables } from '../schemas/tablesJson.js';
import { allFootnotes, footnotes, type Lang } from './footnotes.js';
import { caption, tableOrder } from './tableOrder.js';
import type { TableDeclaration } from '../model/tableDeclarations.js';
import { workbookSummaryText as SUMMARY } from '../core/messages.js';
import { workbookPercentHeading as PCT_HEADING } from '../core/messages.js';

export interface TablesXlsxOptions {
  lang: Lang;
  /** The disclosure threshold, for the explanation of `**`. */
  threshold: number;
  /** The checker's note as lines: the first sheet ("Samenvatting"/"Summary"), followed by the legend of the markers. */
  summary?: string[] | undefined;
  /** The run's table declarations (order, caption). */
  declarations: readonly TableDeclaration[];
}

/**
 * Zip entry time: the DOS epoch 1980-01-01 00:00, i.e. "no date" (a zip entry must carry one). A zip stores local
 * wall-clock fields and fflate reads them from the Date with the local getters, so the Date is built in local time
 * (and at each call, as TZ may change): the same bytes in every time zone. (Built in UTC it was 1979 in New York —
 * out of the zip's range — and 01:00 in Amsterdam.)
 */
const zipTime = () => new Date(1980, 0, 1, 0, 0, 0);

/**
 * Excel's sheet-name rules: no : \ / ? * [ ], at most 31 characters, not starting or ending with ', unique ignoring case.
 * @internal exported for its test (and only used there)
 */
export function sheetName(id: string, taken: Set<string>): string {
  let base =
    id
      .replace(/[:\\/?*[\]]/g, '_')
      .replace(/^'+|'+$/g, '')
      .slice(0, 31) || 'Tabel';
  let name = base;
  for (let n = 2; taken.has(name.toLowerCase()); n++) {
    const suffix = ` (${n})`;
    name = base.slice(0, 31 - suffix.length) + suffix;
  }
  taken.add(name.toLowerCase());
  return name;
}

/**
 * `export/tables.xlsx`: with `summary`, first a sheet with the checker's note and the legend; then one sheet per
 * table in published order, named by its caption ("Tabel 3.1", "Figuur 3.4"). Layout per sheet: row 1 the caption
 * and title ("Tabel 3.1. Aantal mensen …"), row 2 the quarantine note if any, row 3 the column labels (rows 1–3 and
 * the label column frozen), then one row per table row (label in column A); counts are numbers (format `#,##0`, so
 * Dutch Excel shows 72.512), `**` is text, a missing cell is empty. F3.1–F3.3 add a block with the percentages
 * (format `0.0`). Below the table the footnotes for the markers it uses (`*`, `~`, `**`).
 *
 * Deterministic: the workbook carries no creation, modification or print date (none would be true of the data),
 * and the zip exceljs writes (which stamps every entry with the current time) is rewritten with fflate with a fixed
 * entry time, same entry order, same compression — same input, same bytes.
 */
export async function tablesXlsx(tables: ExportTables, options: TablesXlsxOptions): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'multigebruik';
  wb.lastModifiedBy = 'multigebruik';
  const none = undefined as unknown as Date;
  wb.created = none;
  wb.modified = none;
  wb.lastPrinted = none;
  const taken = new Set<string>();
  if (options.summary)
    addSummary(wb, sheetName(SUMMARY[options.lang].sheet, taken), options.summary, options.lang, options.threshold);
  for (const id of tableOrder(Object.keys(tables.tables), options.declarations)) {
    const capt = caption(id, options.lang, options.declarations);
    addSheet(wb, sheetName(capt, taken), capt, tables.tables[id]!, options.lang, options.threshold);
  }
  const raw = new Uint8Array(await wb.xlsx.writeBuffer());
  return Buffer.from(rezip(raw, zipTime()));
}

/**
 * One line of the checker's note as the cells of a table row, so that Excel's proportional font cannot misalign it:
 * "Label: value" → label, value; a per-table count line ("  Tabel 3.0   1 /   1 /   1") → caption and one number per
 * cell; a source line (file, source, rows, hash) → one field per cell, the rows as a number; the heading of the counts
 * ("… (shown / primary / …)") → the heading and one column heading per cell; anything else → one cell.
 * @internal exported for its test
 */
export function summaryCells(line: string): (string | number)[] {
  const counts = /^\s+(\S.*?)\s{2,}(\d+(?:\s+\/\s+\d+)+)$/.exec(line);
  if (counts) return [counts[1]!, ...counts[2]!.split('/').map((x) => Number(x.trim()))];
  const heading = /^([^-\s][^(]*?) \(([^()]+(?: \/ [^()]+)+)\)$/.exec(line);
  if (heading) return [heading[1]!, ...heading[2]!.split(' / ').map((x) => x.trim())];
  const source = /^\s{2}(\S+)\s{2,}(\S+)\s+([\d.,]+) (\S+)\s{2}([0-9a-f]{12})$/.exec(line);
  if (source) return [source[1]!, source[2]!, Number(source[3]!.replace(/[.,]/g, '')), source[5]!];
  const labelled = /^([A-Z][^:()\-]{0,30}): (.+)$/.exec(line);
  if (labelled) return [labelled[1]!, labelled[2]!];
  return [line.trim() === '' ? '' : line.replace(/^\s+/, (w) => (w.length > 0 ? '  ' : ''))];
}

function addSummary(wb: ExcelJS.Workbook, name: string, lines: string[], lang: Lang, threshold: number): void {
  const ws = wb.addWorksheet(name);
  const all = [
    ...lines,
    '',
    SUMMARY[lang].legend,
    ...allFootnotes(lang, threshold).map((n) => `${n.marker} ${n.text}`),
  ];
  all.forEach((line, i) => {
    summaryCells(line).forEach((v, j) => {
      const cell = ws.getCell(i + 1, j + 1);
      cell.value = v;
      if (typeof v === 'number') cell.numFmt = '#,##0';
      if (i === 0) cell.font = { bold: true, size: 12 };
    });
  });
  ws.getColumn(1).width = 48;
  for (let c = 2; c <= 6; c++) ws.getColumn(c).width = 18;
}

function addSheet(
  wb: ExcelJS.Workbook,
  name: string,
  capt: string,
  t: ExportTable,
  lang: Lang,
  threshold: number,
): void {
  const ws = wb.addWorksheet(name);
  const titleCell = ws.getCell(1, 1);
  titleCell.value = `${capt}. ${t.title}`;
  titleCell.font = { bold: true, size: 12 };
  if (t.note) {
    ws.getCell(2, 1).value = t.note;
    ws.getCell(2, 1).font = { italic: true, color: { argb: 'FF7A4F00' } };
  }
  // the title and the column labels stay in view while scrolling, and so do the row labels
  ws.views = [{ state: 'frozen', xSplit: 1, ySplit: 3 }];

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
  const notes = footnotes(t, lang, threshold);
  if (notes.length > 0) r++;
  for (const n of notes) {
    ws.getCell(r, 1).value = `${n.marker} ${n.text}`;
    ws.getCell(r, 1).font = { italic: true, size: 9 };
    r++;
  }
  ws.getColumn(1).width = 46;
  for (let j = 2; j <= t.columns.length + 1; j++) ws.getColumn(j).width = 14;
}

/** exceljs always stamps created/modified with the clock when unset: take those elements out of core.xml. */
function withoutDates(xml: Uint8Array): Uint8Array {
  const text = new TextDecoder().decode(xml).replace(/<dcterms:(created|modified)\b[^>]*>[^<]*<\/dcterms:\1>/g, '');
  return new TextEncoder().encode(text);
}

/** Rewrite a zip with a fixed entry time, keeping entry order and contents (core.xml without dates). */
function rezip(zip: Uint8Array, mtime: Date): Uint8Array {
  const entries = unzipSync(zip);
  const out: Zippable = {};
  for (const [name, data] of Object.entries(entries))
    out[name] = [name === 'docProps/core.xml' ? withoutDates(data) : data, { level: 6, mtime }];
  return zipSync(out);
}
