/** A k×m table with margins and grand total as attacker rows; interior cells are the variables. */
export function marginTableRows(values: number[][]): { vars: number[]; value: number }[] {
  const k = values.length;
  const m = values[0]!.length;
  const v = (i: number, j: number) => i * m + j;
  const rows: { vars: number[]; value: number }[] = [];
  for (let i = 0; i < k; i++) for (let j = 0; j < m; j++) rows.push({ vars: [v(i, j)], value: values[i]![j]! });
  for (let i = 0; i < k; i++)
    rows.push({ vars: values[i]!.map((_, j) => v(i, j)), value: values[i]!.reduce((a, b) => a + b, 0) });
  for (let j = 0; j < m; j++)
    rows.push({ vars: values.map((_, i) => v(i, j)), value: values.reduce((a, r) => a + r[j]!, 0) });
  rows.push({
    vars: values.flatMap((r, i) => r.map((_, j) => v(i, j))),
    value: values.flat().reduce((a, b) => a + b, 0),
  });
  return rows;
}
