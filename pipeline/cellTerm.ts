import type { Atom } from './atom.js';
import { type Dimension, type Family, FAMILY_MASK, inSet, popcount } from './personSets.js';

/**
 * One condition on a person. A cell counts the persons that satisfy all terms of its row, its column and its table.
 * Terms are data, so the disclosure model can read every cell as a sum of atoms.
 */
export type CellTerm =
  /** member of a person set (tables.md keys: pwet.vervoer, uwv, work, tolk, …) */
  | { set: string }
  /** background class */
  | { dim: Dimension; value: string }
  /** uses exactly n distinct categories of a family */
  | { countOf: Family; n: number }
  /** member of at least `atLeast` of the sets */
  | { atLeast: number; of: string[] };

/** Which membership bits a table reads: P, or P_bg for the background figures. */
export type Basis = 'period' | 'background';

export function termMatches(term: CellTerm, atom: Atom, basis: Basis): boolean {
  const bits = basis === 'background' ? atom.bitsBg : atom.bits;
  if ('set' in term) return inSet(term.set, bits);
  if ('dim' in term) return atom[term.dim] === term.value;
  if ('countOf' in term) return popcount(bits & FAMILY_MASK[term.countOf]) === term.n;
  let k = 0;
  for (const s of term.of) if (inSet(s, bits)) k++;
  return k >= term.atLeast;
}

export function cellMatches(terms: readonly CellTerm[], atom: Atom, basis: Basis): boolean {
  for (const t of terms) if (!termMatches(t, atom, basis)) return false;
  return true;
}
