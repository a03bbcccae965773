import type { Atom } from '../model/atom.js';
import { type CellTerm, cellMatches } from '../model/cellTerm.js';
import { InternalError } from '../core/errors.js';
import { bitOf, DERIVED_SETS, FAMILY_MASK, inSet, popcount } from '../model/personSets.js';
import { cellTerms, type TableDeclaration } from '../model/tableDeclarations.js';

/**
 * Empty atoms (n = 0) for cells that no observed atom reaches, used when zero is unsafe.
 *
 * The observed-atom attacker knows which combinations are empty, so a cell with no observed atom is pinned
 * at 0 whatever is suppressed: no pattern could protect it. The real attacker does not know that. Adding,
 * per such cell, one combination of the full atom space that lies in it (with count 0) moves the model
 * towards the real attacker while keeping it at least as strong (it still knows every other unobserved
 * combination is empty), so the guarantee stays valid and the zero becomes protectable.
 */
export function zeroCellAtoms(atoms: readonly Atom[], declarations: readonly TableDeclaration[]): Atom[] {
  const extra: Atom[] = [];
  for (const decl of declarations) {
    decl.rows.forEach((_, i) =>
      decl.columns.forEach((_, j) => {
        const terms = cellTerms(decl, i, j);
        if (terms === null) return;
        const reached = (a: Atom) => cellMatches(terms, a, decl.basis);
        if (atoms.some(reached) || extra.some(reached)) return;
        const atom = atomIn(terms);
        if (atom === null || !reached(atom))
          throw new InternalError(
            `no atom combination lies in cell ${decl.id}/${decl.rows[i]!.key}/${decl.columns[j]!.key}`,
          );
        extra.push(atom);
      }),
    );
  }
  return extra;
}

/** One membership combination and class satisfying every term (first fit), or null. */
function atomIn(terms: readonly CellTerm[]): Atom | null {
  let bits = 0;
  const dims = { age: 'onbekend', gender: 'onbekend', education: 'onbekend' };
  const addSet = (key: string) => {
    if (inSet(key, bits)) return;
    const mask = DERIVED_SETS[key];
    if (mask === undefined) bits |= 1 << bitOf(key);
    else bits |= mask & -mask; // lowest base set of the derived set
  };
  for (const t of terms) {
    if ('set' in t) addSet(t.set);
    else if ('dim' in t) dims[t.dim] = t.value;
  }
  for (const t of terms) {
    if (!('countOf' in t)) continue;
    const mask = FAMILY_MASK[t.countOf];
    for (let b = 0; b < 31 && popcount(bits & mask) < t.n; b++) if (mask & (1 << b)) bits |= 1 << b;
    if (popcount(bits & mask) !== t.n) return null;
  }
  for (const t of terms) {
    if (!('atLeast' in t)) continue;
    for (const s of t.of) {
      if (t.of.filter((k) => inSet(k, bits)).length >= t.atLeast) break;
      addSet(s);
    }
  }
  return { bits, bitsBg: bits, ...dims, n: 0 };
}
