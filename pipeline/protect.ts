import type { Config } from '../schemas/config.js';
import type { ExportTables } from '../schemas/tablesJson.js';
import { messagesFor } from '../core/messages.js';
import type { ProtectInput } from '../disclosure/protectTables.js';
import type { CertificateDraft } from '../disclosure/certificate.js';
import type { SuppressionAudit } from '../schemas/suppressionAudit.js';
import { publishedOrder, TABLE_DECLARATIONS, type TableDeclaration } from '../model/tableDeclarations.js';

export type { ProtectProgress } from '../disclosure/protectTables.js';

export interface ProtectOutput {
  exported: ExportTables;
  /** Files for internal/ (audit detail), relative path → content. */
  internalFiles: Record<string, string>;
  /** The final audit's record (internal/suppression-audit.json); a test's stand-in protection may give none. */
  audit?: SuppressionAudit | undefined;
  marks: Record<string, ('primary' | 'secondary' | null)[][]>;
  /** With tables the config adds (`tables.add`): how they change the suppression of the shipped tables kept. */
  addedTables?: AddedTablesEffect | undefined;
  /** With a certificate asked for: its draft (rendered with the export's hash into internal/certificate.json). */
  certificate?: CertificateDraft | undefined;
}

/**
 * What the tables a config adds did to the shipped tables: the run's pattern against the shipped tables protected
 * alone (the same atoms and params, no earlier exports). Per shipped table whose pattern differs, in published order:
 * `hidden` cells suppressed in this run but shown by the shipped-only pattern, `shown` the other way round. Cells the
 * run suppresses because of earlier exports (`forPrevious`) are left out: the summary's "Earlier" line counts them.
 */
interface AddedTablesEffect {
  /** The ids of the added tables, in published order. */
  added: string[];
  changed: { table: string; hidden: number; shown: number }[];
}
export type Protect = (input: ProtectInput) => Promise<ProtectOutput>;

const protectModule = () => import('../disclosure/protectOnThread.js');

/**
 * The real protection: primary and secondary suppression against the atom attacker, proven by an audit — on a thread
 * of its own, so that a signal stops the run at once (disclosure/protectOnThread.ts).
 */
const protectTables: Protect = async (input) => {
  const r = await (await protectModule()).protectOnThread(input);
  return {
    exported: r.exported,
    audit: r.audit,
    internalFiles: r.internalFiles,
    marks: r.marks,
    ...(r.certificate ? { certificate: r.certificate } : {}),
  };
};

/**
 * Stage "protect": the protected export tables. Rows set aside by quarantine are noted in every table; the
 * count is a row count, not a person count, and is still shown only as "fewer than the threshold" when small.
 */
export async function protect(
  input: ProtectInput,
  quarantinedRows: number,
  language: Config['language'],
  run: Protect = protectTables,
): Promise<ProtectOutput> {
  const protection = await run(input);
  const added = await addedTablesEffect(input, protection, run);
  if (added) protection.addedTables = added;
  if (quarantinedRows > 0) {
    const say = messagesFor(language);
    const { threshold } = input.params;
    const shown = quarantinedRows < threshold ? say.fewerThan(threshold) : String(quarantinedRows);
    for (const t of Object.values(protection.exported.tables)) t.note = say.quarantineNote(shown);
  }
  return protection;
}

/** The shipped declarations as model/tables.json declares them (an added table may reuse the id of a dropped one). */
function isShipped(d: TableDeclaration): boolean {
  const own = TABLE_DECLARATIONS.find((s) => s.id === d.id);
  return own !== undefined && (own === d || JSON.stringify(own) === JSON.stringify(d));
}

/**
 * With added tables and shipped ones kept: the shipped tables protected a second time, alone (the same search and
 * audit, no earlier exports, no progress line), and their pattern compared with this run's. Undefined without added
 * tables. The second protection is the smaller one (docs/decisions.md gives its cost).
 */
async function addedTablesEffect(
  input: ProtectInput,
  protection: ProtectOutput,
  run: Protect,
): Promise<AddedTablesEffect | undefined> {
  const kept = input.declarations.filter(isShipped);
  const added = input.declarations.filter((d) => !kept.includes(d));
  if (added.length === 0 || kept.length === 0) return undefined;
  const tables = Object.fromEntries(
    kept.flatMap((d) => (input.internal.tables[d.id] ? [[d.id, input.internal.tables[d.id]!]] : [])),
  );
  const alone = await run({
    internal: { ...input.internal, tables },
    atoms: input.atoms,
    declarations: kept,
    params: input.params,
  });
  const forPrevious = new Set(
    (protection.audit?.cells ?? []).filter((c) => c.forPrevious).map((c) => `${c.table}\t${c.row}\t${c.column}`),
  );
  const changed: AddedTablesEffect['changed'] = [];
  for (const d of publishedOrder(kept)) {
    const table = input.internal.tables[d.id];
    const mine = protection.marks[d.id];
    const theirs = alone.marks[d.id];
    if (!table || !mine || !theirs) continue;
    let hidden = 0;
    let shown = 0;
    table.rows.forEach((r, i) =>
      table.columns.forEach((c, j) => {
        if (forPrevious.has(`${d.id}\t${r.key}\t${c.key}`)) return;
        const a = (mine[i]?.[j] ?? null) !== null;
        const b = (theirs[i]?.[j] ?? null) !== null;
        if (a && !b) hidden++;
        if (b && !a) shown++;
      }),
    );
    if (hidden + shown > 0) changed.push({ table: d.id, hidden, shown });
  }
  return { added: publishedOrder(added).map((d) => d.id), changed };
}
