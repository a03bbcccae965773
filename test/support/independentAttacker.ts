import type { Highs } from 'highs';
import type { Atom } from '../../model/atom.js';
import { cellMatches } from '../../model/cellTerm.js';
import { cellTerms, type TableDeclaration } from '../../model/tableDeclarations.js';
import type { ExportTables } from '../../schemas/tablesJson.js';

/**
 * An attacker for the tests, written on a different code path from disclosure/: one variable per observed
 * atom (no merging), one equality per published number read from the EXPORT (duplicates kept), no
 * decomposition, the model handed to HiGHS as CPLEX LP text through the one-shot `solve()`. Returns the
 * interval of a cell, rounded to whole numbers (Infinity when unbounded).
 */
export function independentInterval(
  highs: Highs,
  atoms: readonly Atom[],
  declarations: readonly TableDeclaration[],
  exported: ExportTables,
  target: { table: string; i: number; j: number },
): [number, number] {
  const constraints: string[] = [];
  let k = 0;
  const members = (decl: TableDeclaration, i: number, j: number) => {
    const terms = cellTerms(decl, i, j)!;
    const out: string[] = [];
    atoms.forEach((a, idx) => {
      if (cellMatches(terms, a, decl.basis)) out.push(`a${idx}`);
    });
    return out;
  };
  for (const decl of declarations) {
    const t = exported.tables[decl.id]!;
    t.cells.forEach((row, i) =>
      row.forEach((v, j) => {
        if (typeof v !== 'number') return;
        const m = members(decl, i, j);
        if (m.length === 0) return; // 0 = empty sum, no information
        constraints.push(` c${k++}: ${m.join(' + ')} = ${v}`);
      }),
    );
  }
  const decl = declarations.find((d) => d.id === target.table)!;
  const objective = members(decl, target.i, target.j);
  if (objective.length === 0) return [0, 0];
  const bounds = atoms.map((_, idx) => ` a${idx} >= 0`);
  const solveSide = (sense: 'Minimize' | 'Maximize'): number => {
    const lp = [
      sense,
      ` obj: ${objective.join(' + ')}`,
      'Subject To',
      ...(constraints.length ? constraints : [' c0: a0 >= 0']),
      'Bounds',
      ...bounds,
      'End',
    ].join('\n');
    const r = highs.solve(lp, { output_flag: false });
    if (r.Status === 'Optimal') return r.ObjectiveValue;
    if (sense === 'Maximize' && (r.Status === 'Unbounded' || r.Status === 'Primal infeasible or unbounded'))
      return Infinity;
    throw new Error(`independent attacker: ${r.Status}`);
  };
  const lo = solveSide('Minimize');
  const hi = solveSide('Maximize');
  return [Math.max(0, Math.ceil(lo - 1e-6)), hi === Infinity ? Infinity : Math.floor(hi + 1e-6)];
}
