import { categoryKeys, shippedTablesFile } from './tablesFile.js';

/**
 * The person-level sets of docs/spec/tables.md. Every person in the study carries a bit mask of the base sets they
 * belong to during a period; derived sets (pwet, uwv, wmo, work) are unions of base sets. The category lists
 * themselves are data: the `categories` of model/tables.json (one definition, with their published labels).
 */

export const PWET_CATS: readonly string[] = categoryKeys('pwet');
export const UWV_TYPES: readonly string[] = categoryKeys('uwvType');
export const UWV_BACKGROUNDS: readonly string[] = categoryKeys('uwvBackground');
export const WMO_CATS: readonly string[] = categoryKeys('wmo');

/** Base sets in bit order (bit i ↔ BASE_SETS[i]). The order is part of the internal atom format. */
export const BASE_SETS: readonly string[] = [
  ...PWET_CATS.map((c) => `pwet.${c}`),
  'lks',
  ...UWV_TYPES.map((t) => `uwv.${t}`),
  ...UWV_BACKGROUNDS.map((b) => `uwv.bg.${b}`),
  'tolk',
  'visueel',
  ...WMO_CATS.map((c) => `wmo.${c}`),
];

const BIT = new Map(BASE_SETS.map((k, i) => [k, i]));

export function bitOf(baseSet: string): number {
  const b = BIT.get(baseSet);
  if (b === undefined) throw new Error(`unknown base set ${baseSet}`);
  return b;
}

const maskOf = (keys: readonly string[]) => keys.reduce((m, k) => m | (1 << bitOf(k)), 0);

/** Families whose members are counted by "number of distinct categories used" (F3.4, F3.5, F4.x). */
export const FAMILY_MASK = {
  pwet: maskOf(PWET_CATS.map((c) => `pwet.${c}`)),
  uwv: maskOf(UWV_TYPES.map((t) => `uwv.${t}`)),
  uwvBackground: maskOf(UWV_BACKGROUNDS.map((b) => `uwv.bg.${b}`)),
  wmo: maskOf(WMO_CATS.map((c) => `wmo.${c}`)),
} as const;
export type Family = 'pwet' | 'uwv' | 'wmo';

/** Derived sets: a person is in one when they are in any of its base sets. */
export const DERIVED_SETS: Readonly<Record<string, number>> = {
  pwet: FAMILY_MASK.pwet,
  uwv: FAMILY_MASK.uwv,
  wmo: FAMILY_MASK.wmo,
  work: FAMILY_MASK.pwet | FAMILY_MASK.uwv,
};

/** Is a person with membership bits `bits` in set `key` (base or derived)? */
export function inSet(key: string, bits: number): boolean {
  const derived = DERIVED_SETS[key];
  if (derived !== undefined) return (bits & derived) !== 0;
  return (bits & (1 << bitOf(key))) !== 0;
}

/** Number of set bits. */
export function popcount(x: number): number {
  let n = 0;
  for (let v = x >>> 0; v; v &= v - 1) n++;
  return n;
}

export type Dimension = 'age' | 'gender' | 'education';

/** Background characteristics (docs/spec/tables.md) with their published Dutch labels: [key, label] per class. */
export const DIMENSIONS: Readonly<Record<Dimension, readonly (readonly [string, string])[]>> = {
  age: dimension('age'),
  gender: dimension('gender'),
  education: dimension('education'),
};

function dimension(dim: Dimension): [string, string][] {
  return shippedTablesFile().categories[dim]!.items.map((i) => [i.key, i.label.nl]);
}
