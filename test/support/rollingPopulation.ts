import type { Atom } from '../../model/atom.js';
import { BASE_SETS, bitOf, DERIVED_SETS, DIMENSIONS } from '../../model/personSets.js';
import { randomPopulation, rng } from './randomPopulation.js';

/**
 * Two rolling windows of one population (2017–2021 and 2018–2022, say) for the tests of category breaks: the
 * persons of randomPopulation(persons, seed) over the first window, and the same persons over the second, where
 * memberships churn (each base set is left or joined now and then) except for the nested sets:
 * - `laterInside`: a category that ends inside the first window (its members over the second are members over
 *   the first: joined never, left now and then);
 * - `earlierInside`: a category that starts inside the second window (its members over the first stay members
 *   over the second: left never, joined now and then).
 * Gender and education stay; the age class (at first use in the window) moves now and then. Some persons of the
 * first window leave the study (unless a nested-later set holds them); newcomers join in the second (without a
 * set that ends before it). Persons with neither a work provision nor LKS in a window are not in its atoms, as the
 * pipeline does. Background period = analysis period (bitsBg = bits). Deterministic for a seed.
 */
export function rollingPopulation(
  persons: number,
  seed: number,
  nested: { laterInside: readonly string[]; earlierInside: readonly string[] },
): { earlier: Atom[]; later: Atom[] } {
  const r = rng(seed * 104_729 + 3);
  const laterInside = nested.laterInside.reduce((m, k) => m | (1 << bitOf(k)), 0);
  const earlierInside = nested.earlierInside.reduce((m, k) => m | (1 << bitOf(k)), 0);
  const study = DERIVED_SETS.work! | (1 << bitOf('lks'));
  const ages = DIMENSIONS.age.map(([k]) => k);
  const first = new Map<string, Atom>();
  const second = new Map<string, Atom>();
  const add = (into: Map<string, Atom>, bits: number, a: Atom, age: string) => {
    if ((bits & study) === 0) return;
    const key = `${bits}|${age}|${a.gender}|${a.education}`;
    const x = into.get(key);
    if (x) x.n++;
    else into.set(key, { bits, bitsBg: bits, age, gender: a.gender, education: a.education, n: 1 });
  };
  const churn = (bits: number) => {
    let out = bits;
    for (let b = 0; b < BASE_SETS.length; b++) {
      const m = 1 << b;
      if (r() >= 0.04) continue;
      if (bits & m) out &= laterInside & m ? ~m : earlierInside & m ? ~0 : ~m;
      else if (!(laterInside & m)) out |= m;
    }
    return out;
  };
  for (const a of randomPopulation(persons, seed)) {
    for (let k = 0; k < a.n; k++) {
      add(first, a.bits, a, a.age);
      const leaves = r() < 0.08 && (a.bits & earlierInside) === 0;
      const age = r() < 0.2 ? ages[Math.floor(r() * ages.length)]! : a.age;
      if (!leaves) add(second, churn(a.bits), a, age);
    }
  }
  for (const a of randomPopulation(Math.round(persons * 0.08), seed + 1))
    for (let k = 0; k < a.n; k++) add(second, a.bits & ~laterInside, a, a.age);
  const sorted = (m: Map<string, Atom>) =>
    [...m.entries()].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)).map(([, a]) => a);
  return { earlier: sorted(first), later: sorted(second) };
}
