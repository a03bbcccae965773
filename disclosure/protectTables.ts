import type { Atom } from '../model/atom.js';
import { InputError, InternalError } from '../core/errors.js';
import { messages } from '../core/messages.js';
import { hasPercentages, type TableDeclaration } from '../model/tableDeclarations.js';
import {
  type ExportCell,
  type ExportTable,
  type ExportTables,
  type InternalTables,
  SUPPRESSED,
} from '../schemas/tablesJson.js';
import { ATOMS_FILE, atomsFileText, earlierAtomsFile } from './atomsFile.js';
import { earlierBlocks, earlierDemands } from './acrossReleases.js';
import type { EarlierExport } from './earlierExports.js';
import { JointLp, JointPoints, type JointTarget, jointSuppression, meetsNeed } from './jointAttacker.js';
import type { Highs } from 'highs';
import type { AttackerModel } from './attackerModel.js';
import type { Need } from './secondarySuppression.js';
import { attackerModelFile, buildAttackerModel, type CellRef } from './attackerModel.js';
import { type IntervalHelper, startIntervalHelper } from './parallelIntervals.js';
import { loadSolver } from './loadSolver.js';
import { percentages } from '../model/percentages.js';
import { type DisclosureParams, integerInterval, isPrimaryUnsafe, protectionLevel } from './protectionRule.js';
import { needOf, secondarySuppression } from './secondarySuppression.js';
import {
  ATTACKER_TEXT,
  type EarlierReason,
  emptyReasonCounts,
  JOINT_ATTACKER_TEXT,
  type ReasonCounts,
  RULE_TEXT,
  type SuppressedCellAudit,
  type SuppressionAudit,
  type SuppressionReason,
} from '../schemas/suppressionAudit.js';
import { suppressionCost } from './suppressionCost.js';
import { certificateDraft, certificateWitnesses, type CertificateDraft } from './certificate.js';
import { attackerAtoms, shorterReleaseAtoms } from './personPairing.js';

export type { DisclosureParams } from './protectionRule.js';
export type { SuppressionAudit } from '../schemas/suppressionAudit.js';

export type SuppressionMark = 'primary' | 'secondary' | null;

export interface ProtectResult {
  /** The protected tables: cells number | "**" | null; F3.1–F3.3 with `percentages`. */
  exported: ExportTables;
  audit: SuppressionAudit;
  /** Relative path under internal/ → file content. */
  internalFiles: Record<string, string>;
  /** Per table id, same shape as its cells. */
  marks: Record<string, SuppressionMark[][]>;
  /** Where the time went (for `npm run bench:protect`; never written): the search (with the joint attacker) and the final audit, in ms, and the search's LP count. */
  timing: { searchMs: number; auditMs: number; lpSolves: number };
  /** With `certificate`: the protection certificate (docs/certificate.md), its export hash added when rendered. */
  certificate?: CertificateDraft | undefined;
}

export interface ProtectInput {
  internal: InternalTables;
  atoms: readonly Atom[];
  declarations: readonly TableDeclaration[];
  params: DisclosureParams;
  /** Exports already published (run --previous): protected jointly with them; new suppressions go only into this export. */
  previous?: readonly EarlierExport[] | undefined;
  /** Progress for a terminal line: unsafe cells protected by the search of all, then the final audit. */
  onProgress?: ((p: ProtectProgress) => void) | undefined;
  /** Also build the protection certificate: whole-number witnesses for every side of every primary (run --certificate). */
  certificate?: boolean | undefined;
}

/** Where protection is: `done` of `total` unsafe (primary) cells protected by the search, or the final audit of `cells` suppressed cells. */
export type ProtectProgress =
  | { phase: 'search'; done: number; total: number }
  | { phase: 'audit'; cells: number }
  | { phase: 'certificate'; done: number; total: number };

export const SUPPRESSION_AUDIT_FILE = 'suppression-audit.json';
export const ATTACKER_MODEL_FILE = 'attacker-model.json';

export function validateParams(params: DisclosureParams): void {
  if (!Number.isInteger(params.threshold) || params.threshold < 1)
    throw new InputError(`disclosure threshold must be a whole number >= 1, got ${params.threshold}`);
  if (!(params.safetyRange >= 0 && params.safetyRange <= 1))
    throw new InputError(`disclosure safety range must be between 0 and 1, got ${params.safetyRange}`);
}

/**
 * Stage "protect": primary and secondary suppression over all tables together, against the atom attacker
 * of docs/spec/disclosure.md, followed by an independent audit of the result (decomposed LP). Throws InternalError
 * when the audit does not pass (it never publishes an unproven pattern).
 */
export async function protectTables({
  internal,
  atoms,
  declarations,
  params,
  previous = [],
  onProgress,
  certificate,
}: ProtectInput): Promise<ProtectResult> {
  validateParams(params);
  const highs = await loadSolver();
  // the final audit's helper thread loads its solver while the search below runs
  const helper = startIntervalHelper();
  try {
    return await protectWith(highs, helper, {
      internal,
      atoms,
      declarations,
      params,
      previous,
      onProgress,
      certificate,
    });
  } finally {
    helper.stop();
  }
}

async function protectWith(
  highs: Highs,
  helper: IntervalHelper,
  { internal, atoms, declarations, params, previous = [], onProgress, certificate }: ProtectInput,
): Promise<ProtectResult> {
  const allAtoms = attackerAtoms(
    atoms,
    declarations,
    params.zeroUnsafe,
    shorterReleaseAtoms(previous, internal.period),
  );
  const model = buildAttackerModel(allAtoms, declarations);
  const { canonical, cells, cellCanonical } = model;

  // The model must reproduce the tabulated counts exactly.
  cells.forEach((ref, k) => {
    const v = internal.tables[ref.table]?.cells[model.positions[k]![1]]?.[model.positions[k]![2]];
    if (v !== canonical[cellCanonical[k]!]!.value)
      throw new InternalError(`protect: table ${ref.table} cell ${ref.row}/${ref.column} differs from its atoms`);
  });

  // Earlier exports: cells suppressed for differencing, and what they must reach.
  const { needs, reasons, details } = earlierDemands(model, declarations, internal, previous, params);
  const ruleUnsafe = canonical.map((c) => isPrimaryUnsafe(c.value, params));
  const primary = canonical.map((c) => ruleUnsafe[c.id]! || needs[c.id] !== null);
  const cost = suppressionCost(model, declarations, params.threshold);
  const searchStart = performance.now();
  const { suppressed, protects, stats, points } = secondarySuppression(
    highs,
    model,
    primary,
    cost,
    params,
    needs,
    onProgress && ((done, total) => onProgress({ phase: 'search', done, total })),
  );

  // Joint attacker over this export and every earlier one whose atoms are known: more secondaries in this export only.
  const joint = jointProtection(
    highs,
    model,
    declarations,
    internal,
    previous,
    params,
    primary,
    needs,
    suppressed,
    cost,
  );
  for (const [row, ps] of joint.protects) {
    const set = new Set([...(protects.get(row) ?? []), ...ps]);
    protects.set(
      row,
      [...set].sort((a, b) => a - b),
    );
  }
  // With a certificate: a whole-number witness for every side of every primary, and a further suppression where the
  // search proves there is none (the attacker who knows counts are whole numbers; certificate.ts).
  const witnesses = certificate
    ? certificateWitnesses(highs, {
        model,
        suppressed,
        primary,
        needs,
        params,
        cost,
        onProgress: onProgress && ((done, total) => onProgress({ phase: 'certificate', done, total })),
      })
    : undefined;
  for (const [row, p] of witnesses?.added ?? []) protects.set(row, [...new Set([...(protects.get(row) ?? []), p])]);
  const why = reasonKinds(model, suppressed, ruleUnsafe, details, protects, joint);

  // Final audit: decomposed LP over the canonical cells, independent of the search's model.
  const auditStart = performance.now();
  const targets = canonical.filter((c) => suppressed[c.id]).map((c) => c.id);
  onProgress?.({ phase: 'audit', cells: targets.length });
  const raw = await helper.solve(
    highs,
    {
      numVars: model.variables.length,
      rows: canonical.map((c) => ({ vars: c.vars, value: c.value })),
      published: suppressed.map((s) => !s),
      seeds: points,
    },
    targets,
  );
  const intervals = new Map<number, [number, number]>();
  for (const [id, [lo, hi]] of raw) intervals.set(id, integerInterval(lo, hi));
  const failing = canonical.filter(
    (c) => primary[c.id] && !meetsNeed(intervals.get(c.id)!, needOf(c.value, params, needs[c.id])),
  );
  if (failing.length > 0) {
    const r = cells[failing[0]!.occurrences[0]!]!;
    throw new InternalError(
      `protect: audit failed for ${failing.length} cell(s), e.g. table ${r.table} ${r.row}/${r.column}`,
    );
  }

  const timing = {
    searchMs: auditStart - searchStart,
    auditMs: performance.now() - auditStart,
    lpSolves: stats.lpSolves,
  };

  // Export, marks, audit.
  const tableIndex = new Map(declarations.map((d, t) => [d.id, t]));
  const exportedTables: Record<string, ExportTable> = {};
  const marks: Record<string, SuppressionMark[][]> = {};
  for (const [id, table] of Object.entries(internal.tables)) {
    if (!tableIndex.has(id)) throw new InternalError(`protect: table ${id} has no declaration`);
    exportedTables[id] = {
      title: table.title,
      rows: table.rows.map((h) => ({ ...h })),
      columns: table.columns.map((h) => ({ ...h })),
      cells: table.cells.map((row) => row.map((v): ExportCell => v)),
    };
    marks[id] = table.cells.map((row) => row.map(() => null));
  }
  const auditCells: SuppressedCellAudit[] = [];
  let published = 0;
  cells.forEach((ref, k) => {
    const c = canonical[cellCanonical[k]!]!;
    const [, i, j] = model.positions[k]!;
    if (!suppressed[c.id]) {
      published++;
      return;
    }
    const kind = primary[c.id] ? 'primary' : 'secondary';
    exportedTables[ref.table]!.cells[i]![j] = SUPPRESSED;
    marks[ref.table]![i]![j] = kind;
    const [lo, hi] = intervals.get(c.id)!;
    const entry: SuppressedCellAudit = {
      ...ref,
      value: c.value,
      kind,
      why: 'threshold',
      interval: [lo, hi === Infinity ? null : hi],
    };
    if (kind === 'primary') entry.protection = protectionLevel(c.value, params);
    else
      entry.protects = (protects.get(c.id) ?? []).flatMap((p) =>
        canonical[p]!.occurrences.map((o): CellRef => ({ ...cells[o]! })),
      );
    const r = why.get(c.id)!;
    entry.why = r.why;
    if (r.earlier) entry.earlier = r.earlier;
    if (r.forPrevious) entry.forPrevious = true;
    const dirs = reasons.get(c.id);
    if (dirs) {
      entry.reason = dirs.map((d) => `differencing with ${d}`).join('; ');
      const need = needs[c.id]!;
      entry.needs = [need.lo, need.hi];
    }
    auditCells.push(entry);
  });
  for (const d of declarations.filter(hasPercentages)) {
    const t = exportedTables[d.id];
    if (t) t.percentages = percentages(t, params.threshold);
  }

  const primaryCells = auditCells.filter((c) => c.kind === 'primary').length;
  const audit: SuppressionAudit = {
    format: 'multigebruik-suppression-audit/1',
    params: { threshold: params.threshold, zeroUnsafe: params.zeroUnsafe, safetyRange: params.safetyRange },
    rule: RULE_TEXT,
    attacker: ATTACKER_TEXT,
    passed: true,
    totals: {
      cells: cells.length,
      published,
      suppressed: auditCells.length,
      primary: primaryCells,
      secondary: auditCells.length - primaryCells,
      distinctCounts: canonical.length,
      attackerVariables: model.variables.length,
      byReason: reasonCounts(auditCells),
      forPrevious: auditCells.filter((c) => c.forPrevious).length,
    },
    cells: auditCells,
    previous: previous.map((e) => ({ ...e.record })),
    ...(previous.length > 0
      ? {
          acrossReleases: {
            attacker: JOINT_ATTACKER_TEXT,
            differencing: auditCells.filter((c) => c.reason).length,
            jointSecondary: [...joint.protects.keys()].reduce((a, r) => a + canonical[r]!.occurrences.length, 0),
            earlierPrimariesChecked: joint.earlierPrimaries,
          },
        }
      : {}),
  };
  const exported: ExportTables = {
    period: internal.period,
    ...(internal.backgroundPeriod ? { backgroundPeriod: internal.backgroundPeriod } : {}),
    tables: exportedTables,
  };
  return {
    exported,
    audit,
    internalFiles: {
      [SUPPRESSION_AUDIT_FILE]: `${JSON.stringify(audit, null, 2)}\n`,
      [ATTACKER_MODEL_FILE]: `${JSON.stringify(attackerModelFile(model))}\n`,
      [ATOMS_FILE]: atomsFileText(atoms),
      // same data: the earlier atoms are atoms.json itself
      ...Object.fromEntries(
        previous.flatMap((e, k) =>
          e.atoms && !e.sameData ? [[earlierAtomsFile(k), atomsFileText(e.atoms, e.nesting, e.spans)]] : [],
        ),
      ),
    },
    marks,
    timing,
    ...(witnesses
      ? {
          certificate: certificateDraft({
            model,
            suppressed,
            needs,
            params,
            period: `${internal.period.start}..${internal.period.end}`,
            witnesses: witnesses.rows,
          }),
        }
      : {}),
  };
}

/** Suppressed cells per reason kind. */
function reasonCounts(cells: readonly SuppressedCellAudit[]): ReasonCounts {
  const n = emptyReasonCounts();
  for (const c of cells) n[c.why]++;
  return n;
}

interface CellReason {
  why: SuppressionReason;
  earlier?: EarlierReason[];
  forPrevious: boolean;
}

/**
 * The reason kind of every suppressed canonical cell (suppressionAudit.ts, SUPPRESSION_REASONS): below the threshold
 * first, then differencing and narrowing an earlier suppressed cell (earlierDemands), then a cell the joint search
 * added only for earlier exports' primaries (earlierCell), else a secondary. `forPrevious`: suppressed only because
 * of earlier exports — itself differencing/earlierCell, or a secondary whose protected cells are all such cells.
 */
function reasonKinds(
  model: AttackerModel,
  suppressed: readonly boolean[],
  ruleUnsafe: readonly boolean[],
  details: ReadonlyMap<number, EarlierReason[]>,
  protects: ReadonlyMap<number, number[]>,
  joint: { protects: ReadonlyMap<number, number[]>; earlierExports: readonly string[] },
): Map<number, CellReason> {
  const out = new Map<number, CellReason>();
  for (const c of model.canonical) {
    if (!suppressed[c.id]) continue;
    const d = details.get(c.id);
    if (ruleUnsafe[c.id]) out.set(c.id, { why: 'threshold', ...(d ? { earlier: d } : {}), forPrevious: false });
    else if (d)
      out.set(c.id, {
        why: d.some((x) => x.kind === 'differencing') ? 'differencing' : 'earlierCell',
        earlier: d,
        forPrevious: true,
      });
    else if (joint.protects.has(c.id) && (protects.get(c.id) ?? []).length === 0) {
      out.set(c.id, {
        why: 'earlierCell',
        earlier: joint.earlierExports.map((e) => ({ export: e, kind: 'earlierCell' as const })),
        forPrevious: true,
      });
    }
  }
  for (const c of model.canonical) {
    if (!suppressed[c.id] || out.has(c.id)) continue;
    const ps = protects.get(c.id) ?? [];
    const forPrevious =
      joint.protects.has(c.id) || (ps.length > 0 && ps.every((p) => out.get(p)?.forPrevious === true));
    out.set(c.id, { why: 'protects', forPrevious });
  }
  return out;
}

/**
 * Secondary suppression against the joint attacker (jointAttacker.ts) for the earlier exports whose atoms are
 * known; marks the added cells in `suppressed`. Every primary of the new export and every primary of those
 * earlier exports must reach its interval; InputError when no suppression in the new export can give it.
 * The pattern is then checked again with a fresh model.
 */
function jointProtection(
  highs: Highs,
  model: AttackerModel,
  declarations: readonly TableDeclaration[],
  internal: InternalTables,
  previous: readonly EarlierExport[],
  params: DisclosureParams,
  primary: readonly boolean[],
  needs: readonly (Need | null)[],
  suppressed: boolean[],
  cost: readonly number[],
): { protects: Map<number, number[]>; earlierPrimaries: number; earlierExports: string[] } {
  const withAtoms = previous.filter((e): e is EarlierExport & { atoms: readonly Atom[] } => e.atoms !== null);
  const protects = new Map<number, number[]>();
  const earlierExports = withAtoms.map((e) => e.record.dir);
  if (withAtoms.length === 0) return { protects, earlierPrimaries: 0, earlierExports };
  // the whole chain: every earlier block, linked with the new run and with each other
  const { parts, links, pairings } = earlierBlocks(model, declarations, internal, withAtoms, params);
  const rows = model.canonical.map((c) => ({ vars: c.vars, value: c.value }));
  const blocks = parts.map((p) => p.block);
  const targetsOf = (lp: JointLp): JointTarget[] => [
    ...model.canonical
      .filter((c) => primary[c.id])
      .map((c) => {
        const r = model.cells[c.occurrences[0]!]!;
        return {
          vars: c.vars,
          need: needOf(c.value, params, needs[c.id]),
          label: `table ${r.table} ${r.row}/${r.column} of this export`,
          newRow: c.id,
        };
      }),
    ...parts.flatMap((p, b) =>
      p.primaries.map((x) => ({ vars: lp.varsOf(b, x.row), need: x.need, label: x.label, newRow: -1 })),
    ),
  ];
  // the joint LP of the pattern as it is when called (the search's, then a fresh one for the check)
  const counts = model.variables.map((v) => v.n);
  const jointLp = () =>
    new JointLp(
      highs,
      model.variables.length,
      rows,
      suppressed.map((s) => !s),
      blocks,
      links,
      pairings,
      counts,
    );
  const lp = jointLp();
  const points = new JointPoints();
  try {
    const targets = targetsOf(lp);
    const r = jointSuppression(lp, targets, cost, points);
    if (r.unprotectable) {
      const say = withAtoms.some((e) => e.sameData)
        ? messages.previousSameDataUnprotectable
        : messages.previousUnprotectable;
      throw new InputError(say(withAtoms.map((e) => e.record.dir).join(', '), r.unprotectable.label));
    }
    for (const [row, ts] of r.added) {
      suppressed[row] = true;
      const news = ts.map((t) => (targets[t] as JointTarget & { newRow: number }).newRow).filter((x) => x >= 0);
      protects.set(
        row,
        [...new Set(news)].sort((a, b) => a - b),
      );
    }
  } finally {
    lp.dispose();
  }
  // Check with a fresh model: every target of both releases reaches its interval (a side is proved by a point
  // found under a pattern that suppressed no more than the final one, or by an LP of the fresh model).
  const check = jointLp();
  try {
    const targets = targetsOf(check);
    for (const t of targets) {
      for (const side of ['min', 'max'] as const)
        if (!points.proves(check, t.vars, side, t.need))
          throw new InternalError(`protect: joint audit failed for ${t.label}`);
    }
    return {
      protects,
      earlierPrimaries: targets.length - model.canonical.filter((c) => primary[c.id]).length,
      earlierExports,
    };
  } finally {
    check.dispose();
  }
}
