import type { CellRef } from './attackerModel.js';
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
