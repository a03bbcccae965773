/**
 * An atom: the persons with exactly one combination of set memberships and background classes, and how many
 * there are. Every published count is a sum of atom counts (docs/spec/disclosure.md), so the tabulate and protect stages
 * both work on atoms: the only data that leaves DuckDB for JavaScript (aggregated; never a person key).
 */
export interface Atom {
  /** Base-set memberships during the analysis period P (bit i ↔ BASE_SETS[i]). */
  bits: number;
  /** Base-set memberships during the background period P_bg (equal to `bits` when P_bg = P). */
  bitsBg: number;
  /** Background classes, computed over P_bg (keys of DIMENSIONS). */
  age: string;
  gender: string;
  education: string;
  /** Number of persons. */
  n: number;
}

/** The atom's combination of memberships and classes (its identity, without the count): one key for every module. */
export const combinationKey = (a: Atom): string => `${a.bits}:${a.bitsBg}:${a.age}:${a.gender}:${a.education}`;
