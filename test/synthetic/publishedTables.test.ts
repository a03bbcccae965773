import { describe, expect, it } from 'vitest';
import { TABLE_DECLARATIONS } from '../../model/tableDeclarations.js';
import { PUBLISHED_TABLES } from '../../synthetic/publishedTables.js';

const decl = (id: string) => TABLE_DECLARATIONS.find((d) => d.id === id);

describe('synthetic/publishedTables', () => {
  it('every table id is a declared table, every row and column key one of its axes', () => {
    const problems: string[] = [];
    for (const [id, rows] of Object.entries(PUBLISHED_TABLES.tables)) {
      const d = decl(id);
      if (!d) {
        problems.push(`${id}: not declared`);
        continue;
      }
      const rowKeys = new Set(d.rows.map((r) => r.key));
      const colKeys = new Set(d.columns.map((c) => c.key));
      for (const [r, cols] of Object.entries(rows)) {
        if (!rowKeys.has(r)) problems.push(`${id}: row ${r}`);
        for (const c of Object.keys(cols)) if (!colKeys.has(c)) problems.push(`${id}: column ${c}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('every published count is 0 or a whole number of at least 10 (cells shown as ** are absent, zeros are shown)', () => {
    const bad: string[] = [];
    for (const [id, rows] of Object.entries(PUBLISHED_TABLES.tables))
      for (const [r, cols] of Object.entries(rows))
        for (const [c, v] of Object.entries(cols))
          if (!Number.isInteger(v) || (v !== 0 && v < 10)) bad.push(`${id}/${r}/${c}=${v}`);
    expect(bad).toEqual([]);
  });

  it('symmetric cross tables agree with themselves (3.1: pwet × uwv = uwv × pwet, …)', () => {
    const t = PUBLISHED_TABLES.tables['3.1']!;
    for (const [r, cols] of Object.entries(t))
      for (const [c, v] of Object.entries(cols))
        if (c !== 'total' && t[c]?.[r] !== undefined) expect(t[c]![r], `${r}/${c}`).toBe(v);
  });

  it('a part is never larger than its total (row total of 3.2 family)', () => {
    const t = PUBLISHED_TABLES.tables['3.2']!;
    const total = t.total!.users!;
    for (const [r, cols] of Object.entries(t)) if (r !== 'total') expect(cols.users!).toBeLessThanOrEqual(total);
  });

  it('shares: figures F3.2 and F3.3, fractions in [0, 1] summing to 1 per group (rounded to 2 decimals)', () => {
    expect(Object.keys(PUBLISHED_TABLES.shares).sort()).toEqual(['F3.2', 'F3.3']);
    for (const [id, groups] of Object.entries(PUBLISHED_TABLES.shares)) {
      const d = decl(id)!;
      const rowKeys = new Set(d.rows.map((r) => r.key));
      const colKeys = new Set(d.columns.map((c) => c.key));
      for (const [g, shares] of Object.entries(groups)) {
        expect(rowKeys.has(g), `${id}/${g}`).toBe(true);
        const values = Object.entries(shares);
        for (const [k, v] of values) {
          expect(colKeys.has(k), `${id}/${g}/${k}`).toBe(true);
          expect(v).toBeGreaterThanOrEqual(0);
          expect(v).toBeLessThanOrEqual(1);
        }
        const sum = values.reduce((a, [, v]) => a + v, 0);
        expect(Math.abs(sum - 1), `${id}/${g} sums to ${sum}`).toBeLessThanOrEqual(0.015);
      }
    }
  });
});
