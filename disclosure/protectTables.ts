import type { Atom } from '../model/atom.js';
import { InputError, InternalError } from '../core/errors.js';
import type { TableDeclaration } from '../model/tableDeclarations.js';
import { type ExportCell, type ExportTable, type ExportTables, type InternalTables, SUPPRESSED } from '../schemas/tablesJson.js';
import { ATOMS_FILE, atomsFileText } from './atomsFile.js';
import { attackerModelFile, buildAttackerModel, type CellRef } from './attackerModel.js';
import { cellIntervals } from './cellIntervals.js';
import { checkerNote } from './checkerNote.js';
import { loadSolver } from './loadSolver.js';
import { PERCENTAGE_TABLES, percentages } from './percentages.js';
import { type DisclosureParams, integerInterval, isPrimaryUnsafe, meetsRule, protectionLevel } from './protectionRule.js';
import { secondarySuppression } from './secondarySuppression.js';
import { ATTACKER_TEXT, RULE_TEXT, type SuppressedCellAudit, type SuppressionAudit } from './suppressionAudit.js';
import { suppressionCost } from './suppressionCost.js';
import { zeroCellAtoms } from './zeroCellAtoms.js';

export type { DisclosureParams } from './protectionRule.js';
export type { SuppressionAudit } from './suppressionAudit.js';

export type SuppressionMark = 'primary' | 'secondary' | null;

export interface ProtectResult {
  /** The protected tables: cells number | "**" | null; F3.1–F3.3 with `percentages`. */
  exported: ExportTables;
  audit: SuppressionAudit;
  /** Relative path under internal/ → file content. */
  internalFiles: Record<string, string>;
  /** Text of export/README.txt. */
  checkerNote: string;
  /** Per table id, same shape as its cells. */
  marks: Record<string, SuppressionMark[][]>;
}

export interface ProtectInput {
  internal: InternalTables;
  atoms: readonly Atom[];
  declarations: readonly TableDeclaration[];
  params: DisclosureParams;
}

export const SUPPRESSION_AUDIT_FILE = 'suppression-audit.json';
export const ATTACKER_MODEL_FILE = 'attacker-model.json';

export function validateParams(params: DisclosureParams): void {
  if (!Number.isInteger(params.threshold) || params.threshold < 1) throw new InputError(`disclosure threshold must be a whole number >= 1, got ${params.threshold}`);
  if (!(params.safetyRange >= 0 && params.safetyRange <= 1)) throw new InputError(`disclosure safety range must be between 0 and 1, got ${params.safetyRange}`);
}

/**
 * Stage "protect": primary and secondary suppression over all tables together, against the atom attacker
 * of disclosure.md, followed by an independent audit of the result (decomposed LP). Throws InternalError
 * when the audit does not pass (it never publishes an unproven pattern).
 */
export async function protectTables({ internal, atoms, declarations, params }: ProtectInput): Promise<ProtectResult> {
  validateParams(params);
  const highs = await loadSolver();
  const allAtoms = params.zeroUnsafe ? [...atoms, ...zeroCellAtoms(atoms, declarations)] : atoms;
  const model = buildAttackerModel(allAtoms, declarations);
  const { canonical, cells, cellCanonical } = model;

  // The model must reproduce the tabulated counts exactly.
  cells.forEach((ref, k) => {
    const v = internal.tables[ref.table]?.cells[model.positions[k]![1]]?.[model.positions[k]![2]];
    if (v !== canonical[cellCanonical[k]!]!.value) throw new InternalError(`protect: table ${ref.table} cell ${ref.row}/${ref.column} differs from its atoms`);
  });

  const primary = canonical.map((c) => isPrimaryUnsafe(c.value, params));
  const cost = suppressionCost(model, declarations, params.threshold);
  const { suppressed, protects } = secondarySuppression(highs, model, primary, cost, params);

  // Final audit: decomposed LP over the canonical cells, independent of the search's model.
  const targets = canonical.filter((c) => suppressed[c.id]).map((c) => c.id);
  const raw = cellIntervals(
    highs,
    { numVars: model.variables.length, rows: canonical.map((c) => ({ vars: c.vars, value: c.value })), published: suppressed.map((s) => !s) },
    targets,
  );
  const intervals = new Map<number, [number, number]>();
  for (const [id, [lo, hi]] of raw) intervals.set(id, integerInterval(lo, hi));
  const failing = canonical.filter((c) => primary[c.id] && !meetsRule(c.value, intervals.get(c.id)!, params));
  if (failing.length > 0) {
    const r = cells[failing[0]!.occurrences[0]!]!;
    throw new InternalError(`protect: audit failed for ${failing.length} cell(s), e.g. table ${r.table} ${r.row}/${r.column}`);
  }

  // Export, marks, audit.
  const tableIndex = new Map(declarations.map((d, t) => [d.id, t]));
  const exportedTables: Record<string, ExportTable> = {};
  const marks: Record<string, SuppressionMark[][]> = {};
  for (const [id, table] of Object.entries(internal.tables)) {
    if (!tableIndex.has(id)) throw new InternalError(`protect: table ${id} has no declaration`);
    exportedTables[id] = { title: table.title, rows: table.rows.map((h) => ({ ...h })), columns: table.columns.map((h) => ({ ...h })), cells: table.cells.map((row) => row.map((v): ExportCell => v)) };
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
    const entry: SuppressedCellAudit = { ...ref, value: c.value, kind, interval: [lo, hi === Infinity ? null : hi] };
    if (kind === 'primary') entry.protection = protectionLevel(c.value, params);
    else entry.protects = (protects.get(c.id) ?? []).flatMap((p) => canonical[p]!.occurrences.map((o): CellRef => ({ ...cells[o]! })));
    auditCells.push(entry);
  });
  for (const id of PERCENTAGE_TABLES) {
    const t = exportedTables[id];
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
    },
    cells: auditCells,
  };
  const exported: ExportTables = { period: internal.period, ...(internal.backgroundPeriod ? { backgroundPeriod: internal.backgroundPeriod } : {}), tables: exportedTables };
  return {
    exported,
    audit,
    internalFiles: {
      [SUPPRESSION_AUDIT_FILE]: `${JSON.stringify(audit, null, 2)}\n`,
      [ATTACKER_MODEL_FILE]: `${JSON.stringify(attackerModelFile(model))}\n`,
      [ATOMS_FILE]: atomsFileText(atoms),
    },
    checkerNote: checkerNote(params, { passed: true, suppressedCells: auditCells.length }),
    marks,
  };
}
