import { messages } from '../core/messages.js';
import type { Atom } from '../model/atom.js';
import type { TableDeclaration } from '../model/tableDeclarations.js';
import { tabulate } from '../model/tabulate.js';
import type { ExportTables, InternalTables, Period } from '../schemas/tablesJson.js';
import { type DisclosureParams, isPrimaryUnsafe } from '../disclosure/protectionRule.js';
import type { Findings } from './findings.js';

/** A cell's key in the maps of the audit: table, row key, column key. */
export const cellKey = (t: string, r: string, c: string) => `${t}\u0000${r}\u0000${c}`;

/** Each cell of the run (by `cellKey`): its count as the atoms give it, and whether the export shows it. */
export type CellStatus = Map<string, { value: number; published: boolean }>;

export interface CountsInput {
  declarations: readonly TableDeclaration[];
  exported: ExportTables;
  internal: InternalTables;
  atoms: readonly Atom[];
  period: Period;
  backgroundPeriod: Period;
  params: DisclosureParams;
}

/**
 * Counts: internal/atoms.json (exact atom counts) and the declarations give every count; export/tables.json and
 * internal/tables.json must hold exactly the declared tables, the internal counts must equal them, and every count the
 * export shows must be one of them and not unsafe.
 */
export function checkCounts(input: CountsInput): {
  counts: InternalTables;
  cellStatus: CellStatus;
  findings: Findings;
} {
  const { declarations, exported, internal, atoms, params } = input;
  const failures: string[] = [];
  const fail = (msg: string) => failures.push(msg);
  const counts = tabulate({ atoms, declarations, period: input.period, backgroundPeriod: input.backgroundPeriod });
  const notes = [
    messages.auditAtoms(
      atoms.length,
      atoms.reduce((a, x) => a + x.n, 0),
    ),
  ];

  const cellStatus: CellStatus = new Map();
  let published = 0;
  let suppressed = 0;
  const ids = declarations.map((d) => d.id);
  const sortedIds = [...ids].sort().join(',');
  if (Object.keys(exported.tables).sort().join(',') !== sortedIds)
    fail(messages.auditNotDeclaredTables('export/tables.json'));
  if (Object.keys(internal.tables).sort().join(',') !== sortedIds)
    fail(messages.auditNotDeclaredTables('internal/tables.json'));
  for (const id of ids) {
    const ct = counts.tables[id]!;
    const it = internal.tables[id];
    const et = exported.tables[id];
    if (!et || !it) continue;
    const sameAxes = (a: { key: string }[], b: { key: string }[]) =>
      a.length === b.length && a.every((h, k) => h.key === b[k]!.key);
    if (
      !sameAxes(ct.rows, et.rows) ||
      !sameAxes(ct.columns, et.columns) ||
      !sameAxes(ct.rows, it.rows) ||
      !sameAxes(ct.columns, it.columns)
    ) {
      fail(messages.auditAxesDiffer(id));
      continue;
    }
    ct.cells.forEach((row, i) =>
      row.forEach((v, j) => {
        const e = et.cells[i]?.[j];
        const where = messages.auditCell(id, ct.rows[i]!.key, ct.columns[j]!.key);
        if ((it.cells[i]?.[j] ?? null) !== v)
          fail(messages.auditInternalDiffers(where, String(it.cells[i]?.[j]), String(v)));
        if (v === null) {
          if (e !== null) fail(messages.auditValueWithoutCell(where));
          return;
        }
        if (e === null || e === undefined) {
          fail(messages.auditCellMissing(where));
          return;
        }
        if (typeof e === 'number') {
          published++;
          if (e !== v) fail(messages.auditExportedDiffers(where, e));
          if (isPrimaryUnsafe(e, params)) fail(messages.auditExportedUnsafe(where, e));
        } else suppressed++;
        cellStatus.set(cellKey(id, ct.rows[i]!.key, ct.columns[j]!.key), {
          value: v,
          published: typeof e === 'number',
        });
      }),
    );
  }
  notes.push(messages.auditCells(cellStatus.size, published, suppressed));
  return { counts, cellStatus, findings: { notes, failures } };
}
