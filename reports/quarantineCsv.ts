import type { QuarantinedRow } from '../pipeline/validate.js';

const field = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);

/** internal/quarantine.csv: the rows set aside, with the reason (values of key columns are never in `value`). */
export function quarantineCsv(rows: readonly QuarantinedRow[]): string {
  const lines = ['file,row,column,problem,value', ...rows.map((x) => [x.file, String(x.row), x.column, x.problem, x.value ?? ''].map(field).join(','))];
  return `${lines.join('\n')}\n`;
}
