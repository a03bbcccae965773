import { InputError } from '../core/errors.js';
import { messages } from '../core/messages.js';
import type { Atom } from '../model/atom.js';
import { cellTerms, type TableDeclaration } from '../model/tableDeclarations.js';
import { tabulate } from '../pipeline/tabulate.js';
import type { InternalTables, Period } from '../schemas/tablesJson.js';
import { type AttackerModel, buildAttackerModel } from './attackerModel.js';
import { type CouplingSense, isMonotoneCell, type JointBlock } from './jointAttacker.js';
import { isUnsafeDifference, periodRelation, type PeriodRelation, type PreviousExport } from './previousExports.js';
import { type DisclosureParams, isPrimaryUnsafe, protectionLevel } from './protectionRule.js';
import { needOf, type Need } from './secondarySuppression.js';
import { isGrandTotal } from './suppressionCost.js';
import type { EarlierReason } from './suppressionAudit.js';
import { zeroCellAtoms } from './zeroCellAtoms.js';

/**
 * What earlier exports demand of the new one (docs/disclosure.md, "Across releases"), before the search:
 *
 * - a same-period correction whose grand total differs by 1 … threshold − 1 persons is refused (InputError);
 * - a new cell whose shown earlier counterpart differs from it by 1 … threshold − 1 is suppressed
 *   ("differencing with <export>"): its interval must reach p(d) around its value, d the difference;
 * - a new cell whose earlier counterpart is an earlier primary, and which would bound it (monotone cells of
 *   nested periods: the longer period's count is at least the shorter's), is suppressed unless its value
 *   leaves the earlier primary its protection; its interval must then leave it that protection;
 * - same period, earlier atoms unknown: a new cell whose earlier counterpart is suppressed is suppressed when
 *   its value plus the number of changed persons k could bound that counterpart below the largest unsafe count
 *   plus its protection.
 */

/** An earlier export with its atoms recomputed from this run's input for its period (null when not recomputable: same period). */
export interface EarlierExport extends PreviousExport {
  atoms: readonly Atom[] | null;
}

export interface EarlierDemands {
  /** Per new canonical cell: the interval it must reach when suppressed for an earlier export (null: none). */
  needs: (Need | null)[];
  /** Per new canonical cell: the earlier exports it is suppressed for. */
  reasons: Map<number, string[]>;
  /** Per new canonical cell: per earlier export, the kind of demand (and the difference for differencing). */
  details: Map<number, EarlierReason[]>;
}

const senseOf = (rel: PeriodRelation): CouplingSense | null =>
  rel === 'earlierInside' ? 'newAtLeast' : rel === 'newInside' ? 'newAtMost' : rel === 'same' ? 'equal' : null;

/** The coupling of a cell between an earlier export and the new run, or null when the joint attacker has none. */
function couplingOf(decl: TableDeclaration, i: number, j: number, earlier: EarlierExport, now: InternalTables): CouplingSense | null {
  const terms = cellTerms(decl, i, j);
  if (terms === null || !isMonotoneCell(terms)) return null;
  if (decl.basis === 'background') {
    const eBg = earlier.exported.backgroundPeriod ?? earlier.record.period;
    return senseOf(periodRelation(eBg, now.backgroundPeriod ?? now.period));
  }
  return senseOf(earlier.relation);
}

/** The earlier export's exact counts (when its atoms are known). */
function earlierCounts(e: EarlierExport, declarations: readonly TableDeclaration[]): InternalTables | null {
  if (!e.atoms) return null;
  const period: Period = e.record.period;
  return tabulate({ atoms: e.atoms, declarations, period, backgroundPeriod: e.exported.backgroundPeriod ?? period });
}

export function earlierDemands(
  model: AttackerModel,
  declarations: readonly TableDeclaration[],
  now: InternalTables,
  earlier: readonly EarlierExport[],
  params: DisclosureParams,
): EarlierDemands {
  const { canonical, cells, cellCanonical, positions } = model;
  const needs: (Need | null)[] = canonical.map(() => null);
  const reasons = new Map<number, string[]>();
  const details = new Map<number, EarlierReason[]>();
  const add = (c: number, need: Need, dir: string, kind: EarlierReason['kind'] = 'earlierCell', difference?: number) => {
    const ds = details.get(c) ?? [];
    if (!ds.some((d) => d.export === dir && d.kind === kind)) ds.push({ export: dir, kind, ...(difference !== undefined ? { difference } : {}) });
    details.set(c, ds);
    const base = needs[c] ?? (isPrimaryUnsafe(canonical[c]!.value, params) ? needOf(canonical[c]!.value, params, null) : null);
    needs[c] = base ? { lo: Math.min(base.lo, need.lo), hi: Math.max(base.hi, need.hi) } : need;
    const r = reasons.get(c) ?? [];
    if (!r.includes(dir)) r.push(dir);
    reasons.set(c, r);
  };
  const th = params.threshold;
  const largestUnsafe = th - 1;
  const largestNeed = largestUnsafe + protectionLevel(largestUnsafe, params);

  for (const e of earlier) {
    const dir = e.record.dir;
    const counts = earlierCounts(e, declarations);
    const lookup = (table: string, row: string, column: string) => {
      const t = e.exported.tables[table];
      if (!t) return undefined;
      const i = t.rows.findIndex((h) => h.key === row);
      const j = t.columns.findIndex((h) => h.key === column);
      if (i < 0 || j < 0) return undefined;
      return { shown: t.cells[i]?.[j], value: counts?.tables[table]?.cells[i]?.[j] ?? null };
    };
    // Same period: the number of changed persons the attacker reads from the grand totals.
    let k = 0;
    if (e.relation === 'same') {
      cells.forEach((ref, q) => {
        const [t, i, j] = positions[q]!;
        const u = lookup(ref.table, ref.row, ref.column)?.shown;
        const w = canonical[cellCanonical[q]!]!.value;
        if (typeof u !== 'number' || !isGrandTotal(cellTerms(declarations[t]!, i, j)!)) return;
        const d = Math.abs(w - u);
        if (d >= 1 && d < th) throw new InputError(messages.previousCorrection(dir, ref.table, ref.row, ref.column, d, th));
        k = Math.max(k, d);
      });
    }
    cells.forEach((ref, q) => {
      const c = cellCanonical[q]!;
      const w = canonical[c]!.value;
      const [t, i, j] = positions[q]!;
      const old = lookup(ref.table, ref.row, ref.column);
      if (!old || old.shown === null || old.shown === undefined) return;
      if (typeof old.shown === 'number') {
        if (isUnsafeDifference(old.shown, w, th)) {
          const p = protectionLevel(Math.abs(w - old.shown), params);
          add(c, { lo: Math.max(0, w - p), hi: w + p }, dir, 'differencing', Math.abs(w - old.shown));
        }
        return;
      }
      // The earlier cell is suppressed.
      const sense = couplingOf(declarations[t]!, i, j, e, now);
      if (old.value !== null) {
        if (!isPrimaryUnsafe(old.value, params) || sense === null) return;
        const p = protectionLevel(old.value, params);
        if ((sense === 'newAtLeast' || sense === 'equal') && w < old.value + p) add(c, { lo: w, hi: old.value + p }, dir);
        if ((sense === 'newAtMost' || sense === 'equal') && w > Math.max(0, old.value - p)) add(c, { lo: Math.max(0, old.value - p), hi: w }, dir);
      } else if (e.relation === 'same' && w + k < largestNeed) {
        add(c, { lo: w, hi: largestNeed - k }, dir);
      }
    });
  }
  return { needs, reasons, details };
}

/** An earlier export as a block of the joint LP, and its primary cells (canonical rows of the block, with their needs). */
export interface EarlierBlock {
  block: JointBlock;
  primaries: { row: number; need: Need; label: string }[];
}

export function earlierBlock(
  model: AttackerModel,
  declarations: readonly TableDeclaration[],
  now: InternalTables,
  e: EarlierExport & { atoms: readonly Atom[] },
  params: DisclosureParams,
): EarlierBlock {
  const atoms = params.zeroUnsafe ? [...e.atoms, ...zeroCellAtoms(e.atoms, declarations)] : e.atoms;
  const old = buildAttackerModel(atoms, declarations);
  const published = old.canonical.map(() => false);
  const oldCellIndex = new Map(old.cells.map((r, q) => [`${r.table}\u0000${r.row}\u0000${r.column}`, q]));
  old.cells.forEach((ref, q) => {
    const t = e.exported.tables[ref.table];
    const i = t?.rows.findIndex((h) => h.key === ref.row) ?? -1;
    const j = t?.columns.findIndex((h) => h.key === ref.column) ?? -1;
    const shown = i >= 0 && j >= 0 ? t!.cells[i]?.[j] : undefined;
    if (typeof shown !== 'number') return;
    const c = old.cellCanonical[q]!;
    if (shown !== old.canonical[c]!.value) throw new InputError(messages.previousDifferentData(e.record.dir, ref.table, ref.row, ref.column));
    published[c] = true;
  });
  const coupling: JointBlock['coupling'][number][] = [];
  const seen = new Set<string>();
  model.cells.forEach((ref, q) => {
    const oq = oldCellIndex.get(`${ref.table}\u0000${ref.row}\u0000${ref.column}`);
    if (oq === undefined) return;
    const [t, i, j] = model.positions[q]!;
    const sense = couplingOf(declarations[t]!, i, j, e, now);
    if (sense === null) return;
    const newRow = model.cellCanonical[q]!;
    const oldRow = old.cellCanonical[oq]!;
    const key = `${newRow}:${oldRow}`;
    if (seen.has(key)) return;
    seen.add(key);
    coupling.push({ newRow, oldRow, sense });
  });
  const primaries = old.canonical
    .filter((c) => !published[c.id] && isPrimaryUnsafe(c.value, params))
    .map((c) => {
      const r = old.cells[c.occurrences[0]!]!;
      return { row: c.id, need: needOf(c.value, params, null), label: `${e.record.dir} table ${r.table} ${r.row}/${r.column}` };
    });
  return {
    block: { label: e.record.dir, numVars: old.variables.length, rows: old.canonical.map((c) => ({ vars: c.vars, value: c.value })), published, coupling },
    primaries,
  };
}
