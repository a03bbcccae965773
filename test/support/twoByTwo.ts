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
