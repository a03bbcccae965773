#!/usr/bin/env node
// Generated user tables for `npm run bench:protect` (issue 22): every `{"each": …}` row list with a `total` row, by
// one other `{"each": …}` column list, on base wmo, pwet, uwv or none (the whole study population). 8 lists give
// 56 ordered (row, column) pairs × 4 bases = 224 distinct tables; the n-th table is pair n mod 56 on base
// (n + ⌊n / 56⌋) mod 4, so the first ones already mix lists and bases and the first 224 never repeat.
//
//   node bench/userTables.mjs N [FILE]   writes the config `{"tables": {"add": [...]}}` with N tables (stdout without FILE)
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const LISTS = ['pwet', 'uwvType', 'uwvBackground', 'wmo', 'groups', 'age', 'gender', 'education'];
const BASES = ['wmo', 'pwet', 'uwv', null];
const PAIRS = LISTS.flatMap((r) => LISTS.filter((c) => c !== r).map((c) => [r, c]));

/** The config's `tables.add` list: n generated tables (n ≤ 224), ids B001, B002, … */
export function userTables(n) {
  if (!(Number.isInteger(n) && n >= 0 && n <= PAIRS.length * BASES.length))
    throw new Error(`userTables: n must be 0…${PAIRS.length * BASES.length}, got ${n}`);
  return Array.from({ length: n }, (_, k) => {
    const [row, column] = PAIRS[k % PAIRS.length];
    const base = BASES[(k + Math.floor(k / PAIRS.length)) % BASES.length];
    const on = base ? ` (${base})` : '';
    return {
      id: `B${String(k + 1).padStart(3, '0')}`,
      kind: 'table',
      title: { nl: `Bench: ${row} naar ${column}${on}, {period}.`, en: `Bench: ${row} by ${column}${on}, {period}.` },
      ...(base ? { base: [{ set: base }] } : {}),
      rows: [{ each: row }, 'total'],
      columns: [{ each: column }],
    };
  });
}

/** The whole config of a bench case. */
export const userTablesConfig = (n) => ({ tables: { add: userTables(n) } });

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const text = `${JSON.stringify(userTablesConfig(Number(process.argv[2])), null, 2)}\n`;
  if (process.argv[3]) writeFileSync(process.argv[3], text);
  else process.stdout.write(text);
}
