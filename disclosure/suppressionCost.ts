import type { CellTerm } from '../model/cellTerm.js';
import { cellTerms, populationSets, type TableDeclaration } from '../model/tableDeclarations.js';
import type { AttackerModel } from './attackerModel.js';

/** Sets whose plain count (optionally within `work`) is a grand total of the run (`population` in model/tables.json). */
const GRAND_SETS = populationSets();

/** Is a cell a grand total: the size of one whole population (|work|, |pwet|, |uwv|, |wmo ∩ work|, |lks|, |tolk|, |visueel|)? */
export function isGrandTotal(terms: readonly CellTerm[]): boolean {
  const sets = new Set<string>();
  for (const t of terms) {
    if (!('set' in t) || !GRAND_SETS.has(t.set)) return false;
    sets.add(t.set);
  }
  sets.delete('work');
  return sets.size <= 1;
}

/**
 * Extra weight of a marginal total (a cell in a `total` row or column) over an interior cell.
 * @internal exported for its test (and only used there)
 */
export const TOTAL_WEIGHT = 5;
/**
 * Added to grand totals so that they are chosen only when nothing else protects.
 * @internal exported for its test (and only used there)
 */
export const GRAND_TOTAL_PENALTY = 1e9;

/**
 * What it costs to suppress a canonical cell: every table cell it appears in hides its value, so
 * cost = occurrences × (value + threshold) × (TOTAL_WEIGHT if any occurrence is a marginal total) (+ a
 * prohibitive penalty for grand totals). Small values are cheap, a few large cells are dearer than one
 * small one (`+ threshold` counts the cell itself), interior cells go before totals.
 */
export function suppressionCost(
  model: AttackerModel,
  declarations: readonly TableDeclaration[],
  threshold: number,
): number[] {
  return model.canonical.map((c) => {
    let total = false;
    let grand = false;
    for (const o of c.occurrences) {
      const [t, i, j] = model.positions[o]!;
      const decl = declarations[t]!;
      if (decl.rows[i]!.key === 'total' || decl.columns[j]!.key === 'total') total = true;
      if (isGrandTotal(cellTerms(decl, i, j)!)) grand = true;
    }
    return (
      c.occurrences.length * (c.value + threshold) * (total ? TOTAL_WEIGHT : 1) + (grand ? GRAND_TOTAL_PENALTY : 0)
    );
  });
}
