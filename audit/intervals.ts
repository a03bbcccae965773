import type { Highs } from 'highs';
import { messages } from '../core/messages.js';
import type { Atom } from '../model/atom.js';
import { cellAtoms } from '../model/cellAtoms.js';
import type { TableDeclaration } from '../model/tableDeclarations.js';
import { type AttackerModel, attackerModelFile, buildAttackerModel } from '../disclosure/attackerModel.js';
import { ATOMS_FILE } from '../disclosure/atomsFile.js';
import { cellIntervals } from '../disclosure/cellIntervals.js';
import { ATTACKER_MODEL_FILE, SUPPRESSION_AUDIT_FILE } from '../disclosure/protectTables.js';
import {
  type DisclosureParams,
  integerInterval,
  isPrimaryUnsafe,
  meetsRule,
  protectionLevel,
} from '../disclosure/protectionRule.js';
import { attackerAtoms } from '../disclosure/personPairing.js';
import { type CellStatus, cellKey } from './counts.js';
import type { Findings } from './findings.js';

export interface IntervalsInput {
  highs: Highs;
  atoms: readonly Atom[];
  /** The atoms of the earlier exports of shorter periods inside this run's (their combinations are kept). */
  shorter?: readonly (readonly Atom[])[];
  declarations: readonly TableDeclaration[];
  params: DisclosureParams;
  cellStatus: CellStatus;
  /** internal/attacker-model.json as the run wrote it */
  modelFile: string;
  /** the intervals internal/suppression-audit.json claims */
  claimed: readonly { table: string; row: string; column: string; interval: [number, number | null] }[];
}

/**
 * The attacker and the rule: one variable per atom (plus the empty atoms of zero cells when zero is unsafe), the
 * cells of each atom from the declarations (internal/attacker-model.json must equal this recomputation); cells with
 * the same atoms are one row, published if shown anywhere (so a count shown in one cell may not be suppressed in
 * another). Every unsafe count must meet the rule against the LP built from what the export shows, and the intervals
 * claimed in suppression-audit.json must be the recomputed ones. Returns the merged attacker model for the joint check.
 */
export function checkIntervals(input: IntervalsInput): { model: AttackerModel; findings: Findings } {
  const { highs, atoms, declarations, params, cellStatus } = input;
  const failures: string[] = [];
  const fail = (msg: string) => failures.push(msg);
  const allAtoms = attackerAtoms(atoms, declarations, params.zeroUnsafe, input.shorter ?? []);
  const rowIndex = new Map<string, number>();
  const rows: { vars: number[]; value: number }[] = [];
  const rowPublished: boolean[] = [];
  const cellsInOrder: { t: string; r: string; c: string; row: number }[] = [];
  for (const { decl, row: i, column: j, members: vars, n: value } of cellAtoms(declarations, allAtoms)) {
    const rowKey = decl.rows[i]!.key;
    const colKey = decl.columns[j]!.key;
    const sig = vars.join(',');
    let idx = rowIndex.get(sig);
    if (idx === undefined) {
      idx = rows.length;
      rowIndex.set(sig, idx);
      rows.push({ vars, value });
      rowPublished.push(false);
    }
    cellsInOrder.push({ t: decl.id, r: rowKey, c: colKey, row: idx });
    if (cellStatus.get(cellKey(decl.id, rowKey, colKey))?.published) rowPublished[idx] = true;
  }
  for (const { t, r, c, row } of cellsInOrder) {
    if (cellStatus.get(cellKey(t, r, c))?.published === false && rowPublished[row])
      fail(messages.auditPublishedElsewhere(messages.auditCell(t, r, c)));
  }
  const model = buildAttackerModel(allAtoms, declarations);
  const expectedModel = `${JSON.stringify(attackerModelFile(model))}\n`;
  if (input.modelFile !== expectedModel)
    fail(messages.auditModelFile(`internal/${ATTACKER_MODEL_FILE}`, `internal/${ATOMS_FILE}`));
  const notes = [messages.auditAttacker(allAtoms.length, rows.length)];

  const targets = [...new Set(cellsInOrder.map((x) => x.row).filter((r) => !rowPublished[r]))].sort((a, b) => a - b);
  const raw = cellIntervals(highs, { numVars: allAtoms.length, rows, published: rowPublished }, targets);

  const claimed = new Map(input.claimed.map((c) => [cellKey(c.table, c.row, c.column), c.interval]));
  let unsafe = 0;
  for (const { t, r, c, row } of cellsInOrder) {
    const s = cellStatus.get(cellKey(t, r, c));
    if (!s) continue;
    const where = messages.auditCell(t, r, c);
    const rr = raw.get(row);
    const interval = rr ? integerInterval(rr[0], rr[1]) : ([s.value, s.value] as [number, number]);
    if (isPrimaryUnsafe(s.value, params)) {
      unsafe++;
      if (!meetsRule(s.value, interval, params))
        fail(messages.auditNotProtected(where, s.value, interval[0], interval[1], protectionLevel(s.value, params)));
    }
    if (!s.published) {
      const cl = claimed.get(cellKey(t, r, c));
      const hi = interval[1] === Infinity ? null : interval[1];
      if (!cl) fail(messages.auditNotClaimed(where, SUPPRESSION_AUDIT_FILE));
      else if (cl[0] !== interval[0] || cl[1] !== hi)
        fail(messages.auditClaimDiffers(where, SUPPRESSION_AUDIT_FILE, cl, [interval[0], hi]));
    }
  }
  for (const k of claimed.keys())
    if (cellStatus.get(k)?.published !== false)
      fail(messages.auditClaimNotSuppressed(SUPPRESSION_AUDIT_FILE, k.split('\u0000').join(' ')));
  notes.push(messages.auditUnsafeChecked(unsafe));
  return { model, findings: { notes, failures } };
}
