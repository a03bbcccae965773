/** One row set aside by validation (`onBadRows: "quarantine"`): where it is and why; `value` is never a key column's. */
export interface QuarantinedRow {
  file: string;
  row: number;
  column: string;
  problem: string;
  value: string | null;
}

const field = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);

/** internal/quarantine.csv: the rows set aside, with the reason (values of key columns are never in `value`). */
export function quarantineCsv(rows: readonly QuarantinedRow[]): string {
  const lines = ['file,row,column,problem,value', ...rows.map((x) => [x.file, String(x.row), x.column, x.problem, x.value ?? ''].map(field).join(','))];
  return `${lines.join('\n')}\n`;
}
