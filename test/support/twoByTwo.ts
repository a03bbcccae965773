/**
 * A hand-checked 2×2 table as attacker rows: variables x0..x3 = cells a b / c d; rows a, b, c, d,
 * row1 = a+b, row2 = c+d, col1 = a+c, col2 = b+d.
 */
export const TWO_BY_TWO_ROWS = [
  { vars: [0], value: 3 },
  { vars: [1], value: 7 },
  { vars: [2], value: 5 },
  { vars: [3], value: 20 },
  { vars: [0, 1], value: 10 },
  { vars: [2, 3], value: 25 },
  { vars: [0, 2], value: 8 },
  { vars: [1, 3], value: 27 },
];

/**
 * A 2×3 table a b e / c d f as an attacker problem: the six interior cells hidden (rows 0–5, one variable each), the
 * row sums and column sums shown (rows 6–10), and the grand total (row 11) when `total`.
 */
export function twoByThree(truth: readonly number[], total = false) {
  const groups = [[0, 1, 2], [3, 4, 5], [0, 3], [1, 4], [2, 5], ...(total ? [[0, 1, 2, 3, 4, 5]] : [])];
  const rows = [
    ...truth.map((n, v) => ({ vars: [v], value: n })),
    ...groups.map((vars) => ({ vars, value: vars.reduce((a, v) => a + truth[v]!, 0) })),
  ];
  return { truth: [...truth], rows, published: rows.map((_, k) => k >= truth.length) };
}
