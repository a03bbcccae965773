import type { EarlierRecord } from './manifest.js';
import type { DisclosureParams } from '../model/disclosureParams.js';

/** One cell of one table (a place where a number is published). */
export interface CellRef {
  table: string;
  row: string;
  column: string;
}

/**
 * Why a cell is suppressed, one kind per cell (the first that applies, in this order):
 * - `threshold`: its count is below the threshold (1 … threshold − 1, or 0 when zeroUnsafe): primary suppression;
 * - `differencing`: shown, it would differ by 1 … threshold − 1 from the same cell shown in an earlier export;
 * - `earlierCell`: shown, it would narrow a cell suppressed in an earlier export (a bound on it, or the last cell
 *   keeping that cell's interval against an attacker holding both exports);
 * - `protects`: it protects another suppressed cell of this export (secondary suppression).
 */
export const SUPPRESSION_REASONS = ['threshold', 'protects', 'differencing', 'earlierCell'] as const;
export type SuppressionReason = (typeof SUPPRESSION_REASONS)[number];

/** One earlier export a cell is suppressed for (internal/ only: the difference is a count of persons). */
export interface EarlierReason {
  /** The earlier export's folder, as given to --previous. */
  export: string;
  kind: 'differencing' | 'earlierCell';
  /** differencing: |new − earlier shown count|, 1 … threshold − 1. */
  difference?: number;
}

/** Per reason kind, a count of cells. */
export type ReasonCounts = Record<SuppressionReason, number>;

export function emptyReasonCounts(): ReasonCounts {
  return { threshold: 0, protects: 0, differencing: 0, earlierCell: 0 };
}

/** The reason kind of a suppressed cell by table id, row key and column key (from internal/suppression-audit.json). */
export type ReasonOf = (table: string, row: string, column: string) => SuppressionReason | undefined;

/** A ReasonOf over audit records. */
export function reasonLookup(
  cells: readonly { table: string; row: string; column: string; why?: SuppressionReason | undefined }[],
): ReasonOf {
  const m = new Map(
    cells.flatMap((c) => (c.why ? [[`${c.table}\u0000${c.row}\u0000${c.column}`, c.why] as const] : [])),
  );
  return (table, row, column) => m.get(`${table}\u0000${row}\u0000${column}`);
}

/** One suppressed table cell in `internal/suppression-audit.json`. */
export interface SuppressedCellAudit extends CellRef {
  /** True count. */
  value: number;
  /** The attacker's view: primary = a cell with an interval it must reach (threshold, differencing, earlier cell), secondary = none. */
  kind: 'primary' | 'secondary';
  /** Why it is suppressed (see SUPPRESSION_REASONS). */
  why: SuppressionReason;
  /** The earlier exports it is suppressed for, with the difference (differencing). */
  earlier?: EarlierReason[];
  /** Suppressed only because of earlier exports: itself differencing/earlierCell, or a secondary protecting only such cells. */
  forPrevious?: boolean;
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
    /** Suppressed cells per reason kind (they add up to `suppressed`). */
    byReason: ReasonCounts;
    /** What --previous cost: cells suppressed only because of earlier exports (`forPrevious`). */
    forPrevious: number;
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
  "(earlier periods inside this one or containing it), each release's shown cells as equalities, and for every cell that only " +
  'asks for memberships: count over the shorter period <= count over the longer one. Shown cells shown in both releases differ ' +
  'by 0 or at least the threshold; every primary cell of every release keeps its interval.';
