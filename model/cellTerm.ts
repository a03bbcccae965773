import type { Atom } from './atom.js';
import { DERIVED_SETS, type Dimension, type Family, FAMILY_MASK, bitOf, inSet, popcount } from './personSets.js';

/**
 * One condition on a person. A cell counts the persons that satisfy all terms of its row, its column and its table.
 * Terms are data, so the disclosure model can read every cell as a sum of atoms.
 */
export type CellTerm =
  /** member of a person set (docs/spec/tables.md keys: pwet.vervoer, uwv, work, tolk, …) */
  | { set: string }
  /** background class */
  | { dim: Dimension; value: string }
  /** uses exactly n distinct categories of a family */
  | { countOf: Family; n: number }
  /** member of at least `atLeast` of the sets */
  | { atLeast: number; of: string[] };

/** Which membership bits a table reads: P, or P_bg for the background figures. */
export type Basis = 'period' | 'background';

/** @internal exported for its test (and only used there) */
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

/** The bits a set term tests: any of them (derived sets are unions of base sets). */
export function setMask(key: string): number {
  return DERIVED_SETS[key] ?? 1 << bitOf(key);
}

/**
 * The same test as `cellMatches`, compiled once into a predicate with the set masks resolved: for evaluating one
 * cell over thousands of atoms (tabulate, the attacker model).
 */
export function compileCell(terms: readonly CellTerm[], basis: Basis): (atom: Atom) => boolean {
  const tests = terms.map((t): ((a: Atom, bits: number) => boolean) => {
    if ('set' in t) {
      const m = setMask(t.set);
      return (_a, bits) => (bits & m) !== 0;
    }
    if ('dim' in t) {
      const { dim, value } = t;
      return (a) => a[dim] === value;
    }
    if ('countOf' in t) {
      const m = FAMILY_MASK[t.countOf];
      const n = t.n;
      return (_a, bits) => popcount(bits & m) === n;
    }
    const masks = t.of.map(setMask);
    const k = t.atLeast;
    return (_a, bits) => {
      let c = 0;
      for (const m of masks) if ((bits & m) !== 0) c++;
      return c >= k;
    };
  });
  const background = basis === 'background';
  return (atom) => {
    const bits = background ? atom.bitsBg : atom.bits;
    for (const test of tests) if (!test(atom, bits)) return false;
    return true;
  };
}
