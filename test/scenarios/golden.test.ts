import { describe, expect, it } from 'vitest';
import { GOLDEN_FILES } from '../support/goldenFiles.js';
import { tablesOf } from '../support/runOnFolder.js';

describe('golden fixture (hand-checked)', () => {
  it('computes every table as worked out by hand', async () => {
    const t = (await tablesOf(GOLDEN_FILES)).tables;
    expect(t['3.0']!.cells).toEqual([[5], [2], [1]]);
    expect(t['3.1']!.cells).toEqual([
      [2, null, 1, 1],
      [4, 1, null, 2],
      [2, 1, 2, null],
    ]);
    expect(t['3.2']!.cells.flat()).toEqual([2, 1, 1, 0, 1, 0]);
    expect(t['3.3']!.cells[0]).toEqual([null, 1, 0, 0, 0]);
    expect(t['3.4']!.cells.flat()).toEqual([4, 1, 1, 1, 0, 1]);
    expect(t['3.6']!.cells[0]).toEqual([4, 1, 0, 1, 0, 1, 0, 1, 0]);
    expect(t['3.6']!.cells[2]).toEqual([1, 1, 0, 0, 0, 0, 0, 0, 0]);
    expect(t['3.10']!.cells[0]).toEqual([null, 1, 1, 1, 0, 1]);
    expect(t['3.10']!.cells[1]).toEqual([1, 0, 1, 0, 0, 0]);
    // R1 first used a work provision on 2017-01-01, born May 1990: 26 → 18_27. R7 first use 2020-01-01, born Dec 1960: 59.
    expect(t['F3.1']!.cells).toEqual([
      [0, 1, 0, 0, 0, 1],
      [0, 1, 0, 0, 0, 1],
      [0, 1, 0, 1, 0, 2],
      [0, 1, 0, 0, 0, 1],
    ]);
    expect(t['F3.2']!.cells[2]).toEqual([1, 1, 0, 2]);
    // R1: latest file ≤ 2022 is 2019 (2111 → midden; the 2023 file is ignored). R7: 2019 has "----" → onbekend.
    expect(t['F3.3']!.cells[2]).toEqual([0, 1, 0, 1, 2]);
    expect(t['F3.4']!.cells.flat()).toEqual([1, 1, 0, 0, 0]);
    expect(t['F3.5']!.cells.flat()).toEqual([4, 0, 0, 0, 0]);
    expect(t['4.1']!.cells).toEqual([[1, 0, 0, 1, 0, 0, 0, 0, 0]]);
    expect(t['F4.1']!.cells.flat()).toEqual([1, 0, 0, 0, 0, 0]);
    expect(t['4.4']!.cells).toEqual([[1, 0, 1, 0, 0, 0]]);
    expect(t['4.5']!.cells).toEqual([[1, 0, 0, 0, 0, 0, 0, 1, 0]]);
    expect(t['A']!.cells).toEqual([[1, 0, 0, 0, 0, 0]]);
    expect(Object.keys(t).sort()).toHaveLength(28);
  });

  it('reports the exact duplicate record and titles carry the period', async () => {
    const { runOnFolder, writeFolder } = await import('../support/runOnFolder.js');
    const r = await runOnFolder(writeFolder(GOLDEN_FILES));
    expect(r.validation!.duplicates.srg).toBe(1);
    expect(r.internal!.tables['3.1']!.title).toContain('2017-2022');
  });
});

describe('compileCell', () => {
  it('agrees with cellMatches on every cell of every table for random atoms', async () => {
    const { TABLE_DECLARATIONS, cellTerms } = await import('../../model/tableDeclarations.js');
    const { cellMatches, compileCell } = await import('../../model/cellTerm.js');
    const dims = {
      age: ['lt18', '18_27', '28_55', 'gt55', 'onbekend'],
      gender: ['man', 'vrouw', 'onbekend'],
      education: ['laag', 'midden', 'hoog', 'onbekend'],
    };
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
    const atoms = Array.from({ length: 400 }, () => ({
      bits: Math.floor(rnd() * 2 ** 26),
      bitsBg: Math.floor(rnd() * 2 ** 26),
      age: dims.age[Math.floor(rnd() * 5)]!,
      gender: dims.gender[Math.floor(rnd() * 3)]!,
      education: dims.education[Math.floor(rnd() * 4)]!,
      n: 1,
    }));
    let checked = 0;
    for (const decl of TABLE_DECLARATIONS)
      decl.rows.forEach((_, i) =>
        decl.columns.forEach((_, j) => {
          const terms = cellTerms(decl, i, j);
          if (!terms) return;
          const f = compileCell(terms, decl.basis);
          for (const a of atoms) expect(f(a)).toBe(cellMatches(terms, a, decl.basis));
          checked++;
        }),
      );
    expect(checked).toBe(422);
  });
});
