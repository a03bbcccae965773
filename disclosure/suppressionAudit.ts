import type { CellRef } from './attackerModel.js';
import type { EarlierRecord } from '../schemas/manifest.js';
import type { DisclosureParams } from './protectionRule.js';

/** One suppressed table cell in `internal/suppression-audit.json`. */
export interface SuppressedCellAudit extends CellRef {
  /** True count. */
  value: number;
  kind: 'primary' | 'secondary';
  /** Secondary only: the primary cells it was chosen to protect (every table cell of those counts). */
  protects?: CellRef[];
  /** Attacker interval proved by the final audit, rounded to whole numbers; hi `null` = unbounded. */
  interval: [number, number | null];
  /** Primary only: the protection p the rule demands (interval must reach v − p … v + p). */
  protection?: number;
  /** Suppressed for an earlier export: "differencing with <export>" (one per export, "; "-separated). */
  reason?: string;
  /** With `reason`: the interval [lo, hi] the cell's attacker interval had to reach (lo ≤ needs[0], hi ≥ needs[1]). */
  needs?: [number, number];
}

/** `internal/suppression-audit.json`: what a CBS output checker reads. */
export interface SuppressionAudit {
  format: 'multigebruik-suppression-audit/1';
  params: DisclosureParams;
  rule: string;
  attacker: string;
  passed: boolean;
  totals: {
    /** Non-null cells in all tables. */
    cells: number;
    published: number;
    suppressed: number;
    primary: number;
    secondary: number;
    /** Distinct counts (cells with the same atoms are one count, suppressed everywhere or nowhere). */
    distinctCounts: number;
    /** Variables of the attacker LP after merging indistinguishable atoms. */
    attackerVariables: number;
  };
  /** Every suppressed cell, in table order. */
  cells: SuppressedCellAudit[];
  /** Earlier exports taken into account (run --previous); the same records as manifest.json `previous`. */
  previous: EarlierRecord[];
  /** With earlier exports: the joint attacker and what protecting against it cost. */
  acrossReleases?: {
    attacker: string;
    /** Table cells suppressed for differencing with an earlier export (they carry `reason`). */
    differencing: number;
    /** Table cells suppressed as secondaries for the joint attacker (after the single-release search). */
    jointSecondary: number;
    /** Primary cells of earlier exports whose interval was checked against the joint attacker (all reached it). */
    earlierPrimariesChecked: number;
  };
}

export const RULE_TEXT =
  'A count v with 1 <= v < threshold (or v = 0 when zeroUnsafe) is suppressed (primary). For every primary cell the ' +
  'attacker interval [lo, hi] must satisfy lo <= max(0, v - p) and hi >= v + p, p = max(1, ceil(v * safetyRange)). ' +
  'A count that appears in several tables has one status.';

export const ATTACKER_TEXT =
  'Variables: counts (>= 0) of the observed atoms (persons with one combination of set memberships and background ' +
  'classes; empty n = 0 atoms are added for zero cells when zeroUnsafe), atoms in exactly the same cells merged. ' +
  'Constraints: every published cell equals its value. Interval of a suppressed cell: LP minimum and maximum of its ' +
  'atom sum (HiGHS), solved per connected component, lo rounded up and hi rounded down to whole numbers.';

export const JOINT_ATTACKER_TEXT =
  'Joint attacker over this export and the earlier ones: the atom variables of every release whose atoms can be recomputed ' +
  '(earlier periods inside this one or containing it), each release\'s shown cells as equalities, and for every cell that only ' +
  'asks for memberships: count over the shorter period <= count over the longer one. Shown cells shown in both releases differ ' +
  'by 0 or at least the threshold; every primary cell of every release keeps its interval.';
