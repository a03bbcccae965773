import { type EarlierExport, periodRelation } from '../../disclosure/earlierExports.js';
import { type DisclosureParams, type ProtectResult, protectTables } from '../../disclosure/protectTables.js';
import type { Atom } from '../../model/atom.js';
import { TABLE_DECLARATIONS } from '../../model/tableDeclarations.js';
import { tabulate } from '../../model/tabulate.js';
import type { Period } from '../../schemas/tablesJson.js';
import { shorterPeriod } from './nestedPopulation.js';

/** Releases made by the protect stage for the tests across releases: the shipped tables, the default rule. */
export const P20: Period = { start: '2017-01-01', end: '2020-12-31' };
export const P21: Period = { start: '2017-01-01', end: '2021-12-31' };
export const P22: Period = { start: '2017-01-01', end: '2022-12-31' };
export const RELEASE_PARAMS: DisclosureParams = { threshold: 10, zeroUnsafe: false, safetyRange: 0.3 };
/** The SHA-256 recorded for every earlier export made here. */
export const RECORDED_SHA = '0'.repeat(64);

/** One release of `atoms` for `period`, protected jointly with `previous`. */
export async function release(
  atoms: readonly Atom[],
  period: Period,
  previous: EarlierExport[] = [],
): Promise<ProtectResult> {
  const internal = tabulate({ atoms, declarations: TABLE_DECLARATIONS, period, backgroundPeriod: period });
  return protectTables({ internal, atoms, declarations: TABLE_DECLARATIONS, params: RELEASE_PARAMS, previous });
}

/** Release `r` (of `atoms` for `period`) as the earlier export of a run for `now`, recorded as folder `dir`. */
export function earlierOf(
  r: ProtectResult,
  atoms: readonly Atom[] | null,
  period: Period,
  now: Period,
  dir = 'out-2021',
): EarlierExport {
  return {
    record: { dir, period, tablesSha256: RECORDED_SHA, manifestSha256: RECORDED_SHA },
    exported: r.exported,
    threshold: RELEASE_PARAMS.threshold,
    relation: periodRelation(period, now),
    atoms,
  };
}

/** 2017-2020, 2017-2021 (--previous the first), 2017-2022 (--previous both) of one population. */
export async function chainOfThree(p22: readonly Atom[], seed: number) {
  const p21 = shorterPeriod(p22, seed);
  const p20 = shorterPeriod(p21, seed + 1);
  const r20 = await release(p20, P20);
  const r21 = await release(p21, P21, [earlierOf(r20, p20, P20, P21, 'out-2020')]);
  const r22 = await release(p22, P22, [
    earlierOf(r20, p20, P20, P22, 'out-2020'),
    earlierOf(r21, p21, P21, P22, 'out-2021'),
  ]);
  return { p20, p21, p22, r20, r21, r22 };
}
