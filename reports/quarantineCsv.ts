import { csvRecords } from './csv.js';

/** One row set aside by validation (`onBadRows: "quarantine"`): where it is and why; `value` is never a key column's. */
export interface QuarantinedRow {
  file: string;
  row: number;
  column: string;
  problem: string;
  value: string | null;
}

/** internal/quarantine.csv: the rows set aside, with the reason (values of key columns are never in `value`). */
export function quarantineCsv(rows: readonly QuarantinedRow[]): string {
  const header = ['file', 'row', 'column', 'problem', 'value'];
  return csvRecords([header, ...rows.map((x) => [x.file, String(x.row), x.column, x.problem, x.value ?? ''])], {
    delimiter: ',',
    recordDelimiter: '\n',
  });
}
