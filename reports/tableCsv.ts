import type { ExportCell, ExportTable } from '../schemas/tablesJson.js';

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
 * Dutch Excel uses ";" as its list separator and opens a comma CSV by double-click as one column;
 * `tables.xlsx` is the file meant for Excel, the CSVs are meant for scripts.
 */
export function tableCsv(table: ExportTable): string {
  const pct = table.percentages;
  const header = ['', ...table.columns.map((c) => c.label)];
  if (pct) header.push(...table.columns.map((c) => `${c.label} (%)`));
  const lines = [header];
  table.rows.forEach((row, i) => {
    const line = [row.label, ...table.columns.map((_, j) => countField(table.cells[i]?.[j]))];
    if (pct) line.push(...table.columns.map((_, j) => percentField(pct[i]?.[j])));
    lines.push(line);
  });
  // quarantined input rows: one last record, the note in the first field (scripts can drop it: it has no numbers in other fields)
  if (table.note) lines.push([table.note]);
  return '\uFEFF' + lines.map(csvRecord).join('');
}

function countField(cell: ExportCell | undefined): string {
  if (cell === undefined || cell === null) return '';
  return typeof cell === 'number' ? String(cell) : cell;
}

function percentField(cell: number | '**' | null | undefined): string {
  if (cell === undefined || cell === null) return '';
  return typeof cell === 'number' ? cell.toFixed(1) : cell;
}

/** One CSV record with the conventions above (quoting, comma, CRLF); no BOM. */
export function csvRecord(fields: string[]): string {
  return fields.map(quote).join(',') + '\r\n';
}

function quote(field: string): string {
  return /[",\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}
