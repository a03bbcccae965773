import type { Atom } from '../../model/atom.js';
import { bitOf, DERIVED_SETS } from '../../model/personSets.js';
import { randomPopulation, rng } from './randomPopulation.js';

/**
 * Two releases of one population for the across-release tests: `later` is randomPopulation(persons, seed)
 * (the longer period); `earlier` is the same persons over a shorter period inside it, where memberships can
 * only be fewer: a share of the persons first appears in the later period, another share lacks one of its
 * memberships in the earlier period. Persons outside the study in the earlier period (no work provision and
 * no LKS) are left out of it, as the pipeline does. Deterministic for a seed.
 */
export function nestedPopulation(
  persons: number,
  seed: number,
  opts: { newcomers?: number; fewer?: number } = {},
): { earlier: Atom[]; later: Atom[] } {
  const later = randomPopulation(persons, seed);
  return { earlier: shorterPeriod(later, seed, opts), later };
}

/** The persons of `later` over a shorter period with the same start (classes kept; see nestedPopulation). */
export function shorterPeriod(
  later: readonly Atom[],
  seed: number,
  opts: { newcomers?: number; fewer?: number } = {},
): Atom[] {
  const r = rng(seed * 7919 + 1);
  const newcomers = opts.newcomers ?? 0.06;
  const fewer = opts.fewer ?? 0.1;
  const studyMask = DERIVED_SETS.work! | (1 << bitOf('lks'));
  const earlier = new Map<string, Atom>();
  for (const a of later) {
    for (let k = 0; k < a.n; k++) {
      if (r() < newcomers) continue;
      let bits = a.bits;
      let bitsBg = a.bitsBg;
      if (r() < fewer) {
        const set: number[] = [];
        for (let b = 0; b < 31; b++) if (bits & (1 << b)) set.push(b);
        if (set.length > 0) {
          const drop = set[Math.floor(r() * set.length)]!;
          bits &= ~(1 << drop);
          bitsBg &= ~(1 << drop);
        }
      }
      if ((bits & studyMask) === 0 && (bitsBg & DERIVED_SETS.work!) === 0) continue;
      const key = `${bits}|${bitsBg}|${a.age}|${a.gender}|${a.education}`;
      const e = earlier.get(key);
      if (e) e.n++;
      else earlier.set(key, { bits, bitsBg, age: a.age, gender: a.gender, education: a.education, n: 1 });
    }
  }
  return [...earlier.values()];
}

/** The same population with `removed` persons taken out (a corrected snapshot of the same period). */
export function withoutPersons(
  atoms: readonly Atom[],
  removed: number,
  seed: number,
  keep: (a: Atom) => boolean = () => true,
): Atom[] {
  const r = rng(seed * 104729 + 3);
  const out = atoms.map((a) => ({ ...a }));
  let left = removed;
  while (left > 0) {
    const candidates = out.filter((a) => a.n > 0 && keep(a));
    if (candidates.length === 0) throw new Error('withoutPersons: no one left to remove');
    const a = candidates[Math.floor(r() * candidates.length)]!;
    a.n--;
    left--;
  }
  return out.filter((a) => a.n > 0);
}
