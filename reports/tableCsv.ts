import type { ExportCell, ExportTable } from '../schemas/tablesJson.js';
import { csvRecords } from './csv.js';

/**
 * One table as CSV (RFC 4180), the form `export/tables/<id>.csv` takes.
 *
 * Encoding decisions (kept stable: users' scripts read these files):
 * - UTF-8 **with** a byte-order mark (U+FEFF first): Excel on Windows needs it to read "é", "’", "–" as
 *   UTF-8; csv-parse (`bom: true`), pandas (`encoding="utf-8-sig"`) and R readr skip it.
 * - Comma separator, CRLF line ends (RFC 4180), also after the last record.
 * - A field is quoted (`"…"`, inner `"` doubled) when it holds a comma, a quote, CR or LF.
 * - Header: an empty first field (the row-label column), then the column labels as published.
 * - Cells: whole numbers without thousands separators, `**` for suppressed, empty where the table has
 *   no cell (`null`: a diagonal, a blank corner).
 * - When input rows were quarantined (`note`), a last record holds only that note, in the first field.
 * - Figures with a `percentages` matrix (F3.1–F3.3) get one extra column per class, headed
 *   "<label> (%)", with one decimal and a decimal point ("38.2"), `**` where not publishable.
 *
 * Dutch Excel uses ";" as its list separator and opens a comma CSV by double-click as one column: for that,
 * `tableCsvNl` writes the same table as `export/tables-nl/<id>.csv`.
 */
export function tableCsv(table: ExportTable): string {
  return csvText(table, CSV_DIALECT);
}

/**
 * A CSV dialect: field separator and decimal mark of the percentages.
 * @internal exported for its test (and only used there)
 */
export interface CsvDialect {
  delimiter: ',' | ';';
  decimal: '.' | ',';
}
/** @internal exported for its test (and only used there) */
export const CSV_DIALECT: CsvDialect = { delimiter: ',', decimal: '.' };
/**
 * What Dutch Excel expects on a double-click: ";" between fields, a decimal comma ("38,2").
 * @internal exported for its test (and only used there)
 */
export const CSV_DIALECT_NL: CsvDialect = { delimiter: ';', decimal: ',' };

/**
 * One table as CSV that Dutch Excel opens right (`export/tables-nl/<id>.csv`): the same records as `tableCsv`, with
 * ";" as separator and a decimal comma in the percentages; UTF-8 with BOM, CRLF; a field is quoted when it holds a
 * ";", a quote, CR or LF. Counts have no thousands separator (Excel reads "1234" as a number in any locale).
 */
export function tableCsvNl(table: ExportTable): string {
  return csvText(table, CSV_DIALECT_NL);
}

function csvText(table: ExportTable, dialect: CsvDialect): string {
  const pct = table.percentages;
  const header = ['', ...table.columns.map((c) => c.label)];
  if (pct) header.push(...table.columns.map((c) => `${c.label} (%)`));
  const lines = [header];
  table.rows.forEach((row, i) => {
    const line = [row.label, ...table.columns.map((_, j) => countField(table.cells[i]?.[j]))];
    if (pct) line.push(...table.columns.map((_, j) => percentField(pct[i]?.[j], dialect.decimal)));
    lines.push(line);
  });
  // quarantined input rows: one last record, the note in the first field (scripts can drop it: it has no numbers in other fields)
  if (table.note) lines.push([table.note]);
  return '\uFEFF' + csvRecords(lines, { delimiter: dialect.delimiter, recordDelimiter: '\r\n' });
}

function countField(cell: ExportCell | undefined): string {
  if (cell === undefined || cell === null) return '';
  return typeof cell === 'number' ? String(cell) : cell;
}

function percentField(cell: number | '**' | null | undefined, decimal: '.' | ','): string {
  if (cell === undefined || cell === null) return '';
  return typeof cell === 'number' ? cell.toFixed(1).replace('.', decimal) : cell;
}
