import { InputError } from '../core/errors.js';
import { messages } from '../core/messages.js';
import type { Atom } from '../model/atom.js';
import { type CellTerm, setMask } from '../model/cellTerm.js';
import { type Nesting, type WindowNesting, windowNesting } from '../model/setSpans.js';
import { cellTerms, type TableDeclaration } from '../model/tableDeclarations.js';
import { tabulate } from '../model/tabulate.js';
import type { InternalTables, Period } from '../schemas/tablesJson.js';
import { type AttackerModel, buildAttackerModel } from './attackerModel.js';
import {
  type BlockLink,
  type BlockPairing,
  type Coupling,
  type CouplingSense,
  isMonotoneCell,
  type JointBlock,
} from './jointAttacker.js';
import { attackerAtoms, pairingOf, shorterReleaseAtoms } from './personPairing.js';
import {
  earlierWindows,
  type EarlierExport,
  isUnsafeDifference,
  periodRelation,
  type PeriodRelation,
} from './earlierExports.js';
import { type DisclosureParams, isPrimaryUnsafe, protectionLevel } from './protectionRule.js';
import { needOf, type Need } from './secondarySuppression.js';
import { isGrandTotal } from './suppressionCost.js';
import type { EarlierReason } from '../schemas/suppressionAudit.js';

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

/** The declarations an earlier export was made with: its own (its manifest), else this run's. */
const declarationsOf = (e: EarlierExport, declarations: readonly TableDeclaration[]) => e.declarations ?? declarations;

/** Do two declared cells count the same persons by definition (same basis, same terms)? */
function sameDefinition(a: TableDeclaration, i: number, j: number, b: TableDeclaration, k: number, l: number): boolean {
  if (a.basis !== b.basis) return false;
  const x = cellTerms(a, i, j);
  const y = cellTerms(b, k, l);
  return x !== null && y !== null && JSON.stringify(x) === JSON.stringify(y);
}

/** The earlier export's cell with the same table id, row key and column key, when it is defined the same way. */
function counterpart(
  own: readonly TableDeclaration[],
  decl: TableDeclaration,
  i: number,
  j: number,
): { decl: TableDeclaration; i: number; j: number } | null {
  const d = own.find((x) => x.id === decl.id);
  if (!d) return null;
  const k = d.rows.findIndex((h) => h.key === decl.rows[i]!.key);
  const l = d.columns.findIndex((h) => h.key === decl.columns[j]!.key);
  if (k < 0 || l < 0 || !sameDefinition(decl, i, j, d, k, l)) return null;
  return { decl: d, i: k, j: l };
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

/** A release's periods: the analysis period and the background period of F3.1–F3.3 (default: the analysis period). */
interface ReleasePeriods {
  period: Period;
  backgroundPeriod?: Period | null | undefined;
}

/** An earlier export's periods, as its tables.json and record give them. */
const periodsOf = (e: EarlierExport): ReleasePeriods => ({
  period: e.record.period,
  backgroundPeriod: e.exported.backgroundPeriod,
});

const backgroundOf = (r: ReleasePeriods) => r.backgroundPeriod ?? r.period;

/**
 * Is a cell linked across two releases by what a person keeps? Membership terms (monotone in the period), and
 * background classes: gender and education class are a person's own, and the age class (at the first day of use
 * of a work provision in the background period, clipped to its start) is the same in both releases when their
 * background periods start on the same day. Not "exactly n provisions" (not monotone).
 */
function isLinkedCell(terms: readonly CellTerm[], earlier: ReleasePeriods, later: ReleasePeriods): boolean {
  if (isMonotoneCell(terms)) return true;
  const sameStart = backgroundOf(earlier).start === backgroundOf(later).start;
  return terms.every((t) => 'set' in t || 'atLeast' in t || ('dim' in t && (t.dim !== 'age' || sameStart)));
}

/** Does the coupling hold for the true counts (a background class the data did change, e.g. a corrected gender, is not linked)? */
const holds = (sense: CouplingSense, now: number, earlier: number) =>
  sense === 'newAtLeast' ? now >= earlier : sense === 'newAtMost' ? now <= earlier : now === earlier;

/**
 * The coupling of a cell between two releases (`later` in the role of the new run: the sense is of its count
 * against `earlier`'s), or null when the joint attacker has none.
 */
function couplingOf(
  decl: TableDeclaration,
  i: number,
  j: number,
  earlier: ReleasePeriods,
  later: ReleasePeriods,
  nesting: WindowNesting | null | undefined,
): CouplingSense | null {
  const terms = cellTerms(decl, i, j);
  if (terms === null) return null;
  const background = decl.basis === 'background';
  const rel = background
    ? periodRelation(backgroundOf(earlier), backgroundOf(later))
    : periodRelation(earlier.period, later.period);
  if (rel === 'other') return nesting ? windowSense(terms, background ? nesting.background : nesting.period) : null;
  return isLinkedCell(terms, earlier, later) ? senseOf(rel) : null;
}

/**
 * @internal exported for its test; used here by couplingOf and differenceIsGroup.
 * Rolling windows: the sense in which a cell is nested between the two windows, by its category breaks
 * (model/setSpans.ts), or null. Every membership term must ask for sets nested in one direction (a derived set is
 * the union of its base sets, so it is nested when all of them are); the other terms must be classes a person
 * keeps (gender; education from the same files) — not the age class, whose reference day moves with the window,
 * and not "exactly n provisions". At least one membership term: the study population itself is not nested.
 */
export function windowSense(terms: readonly CellTerm[], nesting: Nesting): CouplingSense | null {
  let newInside = true;
  let earlierInside = true;
  let memberships = 0;
  const visit = (key: string) => {
    const m = setMask(key);
    memberships++;
    newInside &&= (m & ~nesting.newInside) === 0;
    earlierInside &&= (m & ~nesting.earlierInside) === 0;
  };
  for (const t of terms) {
    if ('set' in t) visit(t.set);
    else if ('atLeast' in t) t.of.forEach(visit);
    else if ('countOf' in t || t.dim === 'age') return null;
  }
  if (memberships === 0) return null;
  return newInside && earlierInside ? 'equal' : newInside ? 'newAtMost' : earlierInside ? 'newAtLeast' : null;
}

/** Does the earlier export declare this run's cell (i, j) of `decl` the same way (same table, keys, definition)? */
export const definedAlike = (
  e: EarlierExport,
  declarations: readonly TableDeclaration[],
  decl: TableDeclaration,
  i: number,
  j: number,
) => counterpart(declarationsOf(e, declarations), decl, i, j) !== null;

/**
 * Does the difference between a cell and its earlier counterpart count an identifiable group? Yes when the
 * periods of the cell's basis (the analysis period, or the background period for F3.1–F3.3) are the same or
 * nested (the persons who joined in the extra months); no for other overlaps (rolling windows): without a link
 * between the windows any pairing of their persons is possible, so the difference is no one's count.
 */
export function differenceIsGroup(
  decl: TableDeclaration,
  i: number,
  j: number,
  e: EarlierExport,
  now: { period: Period; backgroundPeriod?: Period | null | undefined },
): boolean {
  const rel =
    decl.basis !== 'background'
      ? e.relation
      : periodRelation(e.exported.backgroundPeriod ?? e.record.period, now.backgroundPeriod ?? now.period);
  if (rel !== 'other') return true;
  const terms = cellTerms(decl, i, j);
  const nesting = e.nesting && (decl.basis === 'background' ? e.nesting.background : e.nesting.period);
  return terms !== null && !!nesting && windowSense(terms, nesting) !== null;
}

/** The earlier export's exact counts (when its atoms are known), from its own declarations. */
function earlierCounts(e: EarlierExport, declarations: readonly TableDeclaration[]): InternalTables | null {
  if (!e.atoms) return null;
  const period: Period = e.record.period;
  return tabulate({
    atoms: e.atoms,
    declarations: declarationsOf(e, declarations),
    period,
    backgroundPeriod: e.exported.backgroundPeriod ?? period,
  });
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
  const add = (
    c: number,
    need: Need,
    dir: string,
    kind: EarlierReason['kind'] = 'earlierCell',
    difference?: number,
  ) => {
    const ds = details.get(c) ?? [];
    if (!ds.some((d) => d.export === dir && d.kind === kind))
      ds.push({ export: dir, kind, ...(difference !== undefined ? { difference } : {}) });
    details.set(c, ds);
    const base =
      needs[c] ?? (isPrimaryUnsafe(canonical[c]!.value, params) ? needOf(canonical[c]!.value, params, null) : null);
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
    const own = declarationsOf(e, declarations);
    // the earlier cell of the same table, row and column, only when it is defined the same way
    const lookup = (t: number, i: number, j: number) => {
      const decl = declarations[t]!;
      const c = counterpart(own, decl, i, j);
      const x = e.exported.tables[decl.id];
      if (!c || !x) return undefined;
      const a = x.rows.findIndex((h) => h.key === decl.rows[i]!.key);
      const b = x.columns.findIndex((h) => h.key === decl.columns[j]!.key);
      if (a < 0 || b < 0) return undefined;
      return { shown: x.cells[a]?.[b], value: counts?.tables[decl.id]?.cells[c.i]?.[c.j] ?? null };
    };
    // Same period: the number of changed persons the attacker reads from the grand totals.
    let k = 0;
    if (e.relation === 'same') {
      cells.forEach((ref, q) => {
        const [t, i, j] = positions[q]!;
        const u = lookup(t, i, j)?.shown;
        const w = canonical[cellCanonical[q]!]!.value;
        if (typeof u !== 'number' || !isGrandTotal(cellTerms(declarations[t]!, i, j)!)) return;
        const d = Math.abs(w - u);
        if (d >= 1 && d < th)
          throw new InputError(messages.previousCorrection(dir, ref.table, ref.row, ref.column, d, th));
        k = Math.max(k, d);
      });
    }
    cells.forEach((ref, q) => {
      const c = cellCanonical[q]!;
      const w = canonical[c]!.value;
      const [t, i, j] = positions[q]!;
      const old = lookup(t, i, j);
      if (!old || old.shown === null || old.shown === undefined) return;
      if (typeof old.shown === 'number') {
        if (isUnsafeDifference(old.shown, w, th) && differenceIsGroup(declarations[t]!, i, j, e, now)) {
          const p = protectionLevel(Math.abs(w - old.shown), params);
          add(c, { lo: Math.max(0, w - p), hi: w + p }, dir, 'differencing', Math.abs(w - old.shown));
        }
        return;
      }
      // The earlier cell is suppressed.
      const sense = couplingOf(declarations[t]!, i, j, periodsOf(e), now, e.nesting);
      if (old.value !== null) {
        if (!isPrimaryUnsafe(old.value, params) || sense === null || !holds(sense, w, old.value)) return;
        const p = protectionLevel(old.value, params);
        if ((sense === 'newAtLeast' || sense === 'equal') && w < old.value + p)
          add(c, { lo: w, hi: old.value + p }, dir);
        if ((sense === 'newAtMost' || sense === 'equal') && w > Math.max(0, old.value - p))
          add(c, { lo: Math.max(0, old.value - p), hi: w }, dir);
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
  /** What the links between earlier blocks need: the block's model, the declarations it was built from, its periods. */
  side: CouplingSide;
}

/** One release in the coupling: its attacker model, the declarations the model was built from, its periods. */
interface CouplingSide {
  model: AttackerModel;
  declarations: readonly TableDeclaration[];
  periods: ReleasePeriods;
}

/** Table ids of this run's declarations inside a same-data block (an earlier export may declare its own FX1). */
const NEW_PREFIX = '\u0000new:';

const cellKeyOf = (table: string, row: string, column: string) => `${table}\u0000${row}\u0000${column}`;

/**
 * The coupling rows between two releases with their own atoms (`later` in the role of the new run): every cell of
 * `later` declared the same way in `earlier` (same table, row and column keys, same terms; a table only `later`
 * declares, e.g. a same-data block's copy of this run's tables, has no counterpart) and linked by what the periods
 * imply (couplingOf), when the true counts satisfy it; one row per pair of canonical cells.
 */
function couplingRows(later: CouplingSide, earlier: CouplingSide, nesting?: WindowNesting): Coupling[] {
  const index = new Map(earlier.model.cells.map((r, q) => [cellKeyOf(r.table, r.row, r.column), q]));
  const out: Coupling[] = [];
  const seen = new Set<string>();
  later.model.cells.forEach((_, q) => {
    const [t, i, j] = later.model.positions[q]!;
    const decl = later.declarations[t]!;
    const c = counterpart(earlier.declarations, decl, i, j);
    const oq = c ? index.get(cellKeyOf(c.decl.id, c.decl.rows[c.i]!.key, c.decl.columns[c.j]!.key)) : undefined;
    const sense = couplingOf(decl, i, j, earlier.periods, later.periods, nesting);
    if (oq === undefined || sense === null) return;
    const newRow = later.model.cellCanonical[q]!;
    const oldRow = earlier.model.cellCanonical[oq]!;
    if (!holds(sense, later.model.canonical[newRow]!.value, earlier.model.canonical[oldRow]!.value)) return;
    const key = `${newRow}:${oldRow}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ newRow, oldRow, sense });
  });
  return out;
}

/**
 * An earlier export as a block of the joint LP: its atoms with its own declarations (its manifest's user tables
 * and keep/drop), its shown cells fixed, its primaries to protect.
 *
 * - Same data (`sameData`): the block's atoms are this run's, and the block also holds this run's cells (ids
 *   prefixed); every cell of this run equals its copy in the block. So both exports are sums over one atom set:
 *   every cell shown in either is a constraint on the same persons.
 * - Other periods: a cell declared the same way in both (same table, row and column, same terms) is coupled by
 *   what the periods imply (couplingRows).
 */
function earlierBlock(
  model: AttackerModel,
  declarations: readonly TableDeclaration[],
  now: InternalTables,
  e: EarlierExport & { atoms: readonly Atom[] },
  params: DisclosureParams,
  others: readonly EarlierExport[],
): EarlierBlock {
  const own = declarationsOf(e, declarations);
  const blockDeclarations = e.sameData
    ? [...own, ...declarations.map((d) => ({ ...d, id: `${NEW_PREFIX}${d.id}` }))]
    : own;
  const atoms = attackerAtoms(
    e.atoms,
    blockDeclarations,
    params.zeroUnsafe,
    shorterReleaseAtoms(
      others.filter((o) => o !== e),
      e.record.period,
    ),
  );
  const old = buildAttackerModel(atoms, blockDeclarations);
  const published = old.canonical.map(() => false);
  const isOwn = (oq: number) => old.positions[oq]![0] < own.length;
  old.cells.forEach((ref, q) => {
    if (!isOwn(q)) return;
    const t = e.exported.tables[ref.table];
    const i = t?.rows.findIndex((h) => h.key === ref.row) ?? -1;
    const j = t?.columns.findIndex((h) => h.key === ref.column) ?? -1;
    const shown = i >= 0 && j >= 0 ? t!.cells[i]?.[j] : undefined;
    if (typeof shown !== 'number') return;
    const c = old.cellCanonical[q]!;
    if (shown !== old.canonical[c]!.value)
      throw new InputError(
        (e.sameData ? messages.previousSameDataOtherCounts : messages.previousDifferentData)(
          e.record.dir,
          ref.table,
          ref.row,
          ref.column,
        ),
      );
    published[c] = true;
  });
  const side: CouplingSide = { model: old, declarations: blockDeclarations, periods: periodsOf(e) };
  let coupling: Coupling[];
  if (e.sameData) {
    const oldCellIndex = new Map(old.cells.map((r, q) => [cellKeyOf(r.table, r.row, r.column), q]));
    const seen = new Set<string>();
    coupling = [];
    model.cells.forEach((ref, q) => {
      const oq = oldCellIndex.get(cellKeyOf(`${NEW_PREFIX}${ref.table}`, ref.row, ref.column));
      if (oq === undefined) return;
      const newRow = model.cellCanonical[q]!;
      const oldRow = old.cellCanonical[oq]!;
      const key = `${newRow}:${oldRow}`;
      if (seen.has(key)) return;
      seen.add(key);
      coupling.push({ newRow, oldRow, sense: 'equal' });
    });
  } else coupling = couplingRows({ model, declarations, periods: now }, side, e.nesting);
  const primaries = old.canonical
    .filter((c) => !published[c.id] && isPrimaryUnsafe(c.value, params) && c.occurrences.some(isOwn))
    .map((c) => {
      const r = old.cells[c.occurrences.find(isOwn)!]!;
      return {
        row: c.id,
        need: needOf(c.value, params, null),
        label: `${e.record.dir} table ${r.table} ${r.row}/${r.column}`,
      };
    });
  return {
    block: {
      label: e.record.dir,
      numVars: old.variables.length,
      counts: old.variables.map((v) => v.n),
      rows: old.canonical.map((c) => ({ vars: c.vars, value: c.value })),
      published,
      coupling,
    },
    primaries,
    side,
  };
}

/**
 * The differencing requirements between earlier exports (the rule of earlierDemands, between two fixed exports): a
 * cell an earlier export hides while an export of a shorter period inside its own (made before it, as in a yearly
 * chain) shows its counterpart (same definition) with a difference of 1 … threshold − 1 must keep p(d) around its
 * value against the joint attacker, as it had to when it was made. Added to the block's primaries (or widens the
 * need of one already there). Two earlier exports of the same period (which came first is not recorded) are not
 * differenced here.
 */
function earlierDifferencing(
  parts: EarlierBlock[],
  earlier: readonly EarlierExport[],
  declarations: readonly TableDeclaration[],
  params: DisclosureParams,
): void {
  parts.forEach((part, a) => {
    const { model: m, declarations: decls } = part.side;
    const own = declarationsOf(earlier[a]!, declarations);
    part.block.published.forEach((shown, c) => {
      if (shown) return;
      const value = m.canonical[c]!.value;
      for (const q of m.canonical[c]!.occurrences) {
        const [t, i, j] = m.positions[q]!;
        if (t >= own.length) continue; // a same-data block's copy of this run's tables
        const decl = decls[t]!;
        earlier.forEach((other, b) => {
          if (b === a) return;
          const [pa, pb] = [periodsOf(earlier[a]!), periodsOf(other)];
          const rel =
            decl.basis === 'background'
              ? periodRelation(backgroundOf(pb), backgroundOf(pa))
              : periodRelation(pb.period, pa.period);
          // the export of the shorter period came first (a yearly chain): the longer one hid the cell for it
          if (rel !== 'earlierInside') return;
          const cp = counterpart(declarationsOf(other, declarations), decl, i, j);
          const x = cp ? other.exported.tables[cp.decl.id] : undefined;
          if (!cp || !x) return;
          const k = x.rows.findIndex((h) => h.key === cp.decl.rows[cp.i]!.key);
          const l = x.columns.findIndex((h) => h.key === cp.decl.columns[cp.j]!.key);
          const u = k >= 0 && l >= 0 ? x.cells[k]?.[l] : undefined;
          if (typeof u !== 'number' || !isUnsafeDifference(u, value, params.threshold)) return;
          const p = protectionLevel(Math.abs(value - u), params);
          const need = { lo: Math.max(0, value - p), hi: value + p };
          const have = part.primaries.find((y) => y.row === c);
          if (have) have.need = { lo: Math.min(have.need.lo, need.lo), hi: Math.max(have.need.hi, need.hi) };
          else
            part.primaries.push({
              row: c,
              need,
              label: `${earlier[a]!.record.dir} table ${decl.id} ${decl.rows[i]!.key}/${decl.columns[j]!.key} (differencing with ${other.record.dir})`,
            });
        });
      }
    });
    part.primaries.sort((x, y) => x.row - y.row);
  });
}

/**
 * The sets nested between two earlier exports' windows (`later` in the role of the new run), from the set spans of
 * both (recomputed from this run's input with their atoms): what links two earlier rolling windows through
 * category breaks. Undefined when either has no spans (the same period as this run); used only for rolling windows.
 */
function nestingBetween(later: EarlierExport, earlier: EarlierExport): WindowNesting | undefined {
  const [a, b] = [earlierWindows(earlier), earlierWindows(later)];
  return a && b ? windowNesting(a, b) : undefined;
}

/**
 * The person-level pairing of two releases (block indices, −1 = the new run) when one's analysis period lies inside
 * the other's and they are not one atom set (same data, same period): the persons of the shorter are persons of
 * the longer (personPairing.ts). Null when the periods are not nested or the true counts admit no pairing.
 */
function blockPairing(x: number, xs: CouplingSide, y: number, ys: CouplingSide): BlockPairing | null {
  const rel = periodRelation(xs.periods.period, ys.periods.period);
  if (rel !== 'earlierInside' && rel !== 'newInside') return null;
  const [s, ss, l, ls] = rel === 'earlierInside' ? [x, xs, y, ys] : [y, ys, x, xs];
  const side = (c: CouplingSide) => ({
    model: c.model,
    period: c.periods.period,
    backgroundPeriod: backgroundOf(c.periods),
  });
  const pairing = pairingOf(side(ss), side(ls));
  return pairing ? { shorter: s, longer: l, pairing } : null;
}

/**
 * Every earlier export whose atoms are known as a block of the joint LP, and the links between every pair of
 * them (couplingRows, the later index in the role of the new run): the attacker holds the whole chain of
 * exports at once, not each earlier export with the new one apart. `pairings`: the person-level pairing of every
 * nested pair of releases (the new run with each earlier export, and the earlier exports with each other). Used
 * by the search and the audit alike.
 */
export function earlierBlocks(
  model: AttackerModel,
  declarations: readonly TableDeclaration[],
  now: InternalTables,
  earlier: readonly (EarlierExport & { atoms: readonly Atom[] })[],
  params: DisclosureParams,
): { parts: EarlierBlock[]; links: BlockLink[]; pairings: BlockPairing[] } {
  const parts = earlier.map((e) => earlierBlock(model, declarations, now, e, params, earlier));
  earlierDifferencing(parts, earlier, declarations, params);
  const links: BlockLink[] = [];
  for (let b = 0; b < parts.length; b++)
    for (let a = b + 1; a < parts.length; a++) {
      const coupling = couplingRows(parts[a]!.side, parts[b]!.side, nestingBetween(earlier[a]!, earlier[b]!));
      if (coupling.length > 0) links.push({ a, b, coupling });
    }
  const newSide: CouplingSide = { model, declarations, periods: now };
  const sides = [newSide, ...parts.map((p) => p.side)];
  // each release paired with the shortest releases that contain it: along a chain the pairs of neighbours, whose
  // transports compose into every longer step (a path of a person through the chain). A pair is dropped when a
  // release strictly inside its longer one pairs with the same shorter one; its pairing (a maximum flow on the true
  // counts) is computed only when none does.
  const periodOf = (k: number) => sides[k + 1]!.periods.period;
  const nested: { shorter: number; longer: number; a: number; b: number }[] = [];
  for (let a = 0; a < sides.length; a++)
    for (let b = a + 1; b < sides.length; b++) {
      if (earlier[b - 1]?.sameData || (a > 0 && earlier[a - 1]?.sameData)) continue;
      const rel = periodRelation(periodOf(a - 1), periodOf(b - 1));
      if (rel === 'earlierInside') nested.push({ shorter: a - 1, longer: b - 1, a, b });
      else if (rel === 'newInside') nested.push({ shorter: b - 1, longer: a - 1, a, b });
    }
  const decided = new Map<(typeof nested)[number], BlockPairing | null>();
  const decide = (p: (typeof nested)[number]): BlockPairing | null => {
    if (decided.has(p)) return decided.get(p)!;
    const inner = nested.filter(
      (q) =>
        q !== p &&
        q.shorter === p.shorter &&
        periodRelation(periodOf(q.longer), periodOf(p.longer)) === 'earlierInside',
    );
    const covered = inner.map(decide).some((q) => q !== null);
    const r = covered ? null : blockPairing(p.a - 1, sides[p.a]!, p.b - 1, sides[p.b]!);
    decided.set(p, r);
    return r;
  };
  const pairings = nested.flatMap((p) => {
    const r = decide(p);
    // kept when no pairing inside it exists (decide computed r only then)
    return r ? [r] : [];
  });
  return { parts, links, pairings };
}
