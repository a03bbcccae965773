import { mulberry32 } from '../../synthetic/mulberry32.js';
import type { Atom } from '../../model/atom.js';
import { bitOf, DIMENSIONS, PWET_CATS, UWV_BACKGROUNDS, UWV_TYPES, WMO_CATS } from '../../model/personSets.js';

/**
 * Synthetic atoms for the disclosure tests and benchmarks: persons are sampled one by one with
 * roughly the proportions of the 2023 report (docs/spec/tables.md "Reference values"), then aggregated into
 * atoms. Deterministic for a given seed. Not a replacement for the real generator: just enough
 * structure (most persons in one category, small overlaps) to make realistic suppression problems.
 */

/** Small deterministic PRNG (the generator's mulberry32). */
export const rng = mulberry32;

const pick = <T>(r: () => number, items: readonly T[], weights: readonly number[]): T => {
  const total = weights.reduce((a, b) => a + b, 0);
  let u = r() * total;
  for (let i = 0; i < items.length; i++) {
    u -= weights[i]!;
    if (u < 0) return items[i]!;
  }
  return items[items.length - 1]!;
};

const bit = (k: string) => 1 << bitOf(k);

/** Pick members of a family: each with its probability, at least one (the likeliest-weighted pick). */
function family(r: () => number, keys: readonly string[], probs: readonly number[]): number {
  let m = 0;
  keys.forEach((k, i) => {
    if (r() < probs[i]!) m |= bit(k);
  });
  if (m === 0) m |= bit(pick(r, keys, probs));
  return m;
}

/**
 * A population of about `persons` persons (work users plus loonkostensubsidie-only persons), aggregated
 * into atoms. `persons` ≈ 133,000 + 40,000 resembles the national population.
 */
export function randomPopulation(persons: number, seed: number): Atom[] {
  const r = rng(seed);
  const atoms = new Map<string, Atom>();
  const pwetKeys = PWET_CATS.map((c) => `pwet.${c}`);
  const uwvKeys = UWV_TYPES.map((t) => `uwv.${t}`);
  const bgKeys = UWV_BACKGROUNDS.map((b) => `uwv.bg.${b}`);
  const wmoKeys = WMO_CATS.map((c) => `wmo.${c}`);
  for (let p = 0; p < persons; p++) {
    let bits = 0;
    const kind = r();
    if (kind < 0.23) {
      // loonkostensubsidie only (outside work)
      bits |= bit('lks');
    } else {
      const w = r();
      const inPwet = w < 0.54 || w > 0.994;
      const inUwv = w >= 0.54;
      if (inPwet) bits |= family(r, pwetKeys, [0.37, 0.05, 0.15, 0.28, 0.26]);
      if (inUwv) {
        bits |= family(r, uwvKeys, [0.13, 0.42, 0.36, 0.017, 0.11]);
        const bg = pick(r, bgKeys, [0.3, 0.25, 0.03, 0.005, 0.15, 0.12, 0.12, 0.005]);
        bits |= bit(bg);
        if (r() < 0.08) bits |= bit(pick(r, bgKeys, [0.3, 0.25, 0.03, 0.005, 0.15, 0.12, 0.12, 0.005]));
        if (bg === 'uwv.bg.tolk_wmo' || bg === 'uwv.bg.tolk_pwet' || r() < 0.01) bits |= bit('tolk');
        if (r() < 0.026) bits |= bit('visueel');
      }
      if (inPwet && r() < 0.3) bits |= bit('lks');
    }
    if (r() < 0.28) bits |= family(r, wmoKeys, [0.08, 0.55, 0.2, 0.05, 0.12]);
    // the background period drops a provision now and then
    let bitsBg = bits;
    if (r() < 0.05) bitsBg &= ~(1 << Math.floor(r() * 26));
    const age = pick(
      r,
      DIMENSIONS.age.map(([k]) => k),
      [0.05, 0.3, 0.5, 0.14, 0.01],
    );
    const gender = pick(
      r,
      DIMENSIONS.gender.map(([k]) => k),
      [0.52, 0.47, 0.01],
    );
    const education = pick(
      r,
      DIMENSIONS.education.map(([k]) => k),
      [0.35, 0.3, 0.15, 0.2],
    );
    const key = `${bits}|${bitsBg}|${age}|${gender}|${education}`;
    const a = atoms.get(key);
    if (a) a.n++;
    else atoms.set(key, { bits, bitsBg, age, gender, education, n: 1 });
  }
  return [...atoms.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, a]) => a);
}
