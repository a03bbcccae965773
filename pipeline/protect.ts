import type { Config } from '../schemas/config.js';
import type { ExportTables } from '../schemas/tablesJson.js';
import { messagesFor } from '../core/messages.js';
import type { ProtectInput } from '../disclosure/protectTables.js';
import type { SuppressionAudit } from '../schemas/suppressionAudit.js';

export type { ProtectProgress } from '../disclosure/protectTables.js';

export interface ProtectOutput {
  exported: ExportTables;
  /** Files for internal/ (audit detail), relative path → content. */
  internalFiles: Record<string, string>;
  /** The final audit's record (internal/suppression-audit.json); a test's stand-in protection may give none. */
  audit?: SuppressionAudit | undefined;
  marks: Record<string, ('primary' | 'secondary' | null)[][]>;
}
export type Protect = (input: ProtectInput) => Promise<ProtectOutput>;

const protectModule = () => import('../disclosure/protectTables.js');

/** The real protection: primary and secondary suppression against the atom attacker, proven by an audit. */
const protectTables: Protect = async (input) => {
  const r = await (await protectModule()).protectTables(input);
  return { exported: r.exported, audit: r.audit, internalFiles: r.internalFiles, marks: r.marks };
};

/**
 * Stage "protect": the protected export tables. Rows set aside by quarantine are noted in every table; the
 * count is a row count, not a person count, and is still shown only as "fewer than the threshold" when small.
 */
export async function protect(input: ProtectInput, quarantinedRows: number, language: Config['language'], run: Protect = protectTables): Promise<ProtectOutput> {
  const protection = await run(input);
  if (quarantinedRows > 0) {
    const say = messagesFor(language);
    const { threshold } = input.params;
    const shown = quarantinedRows < threshold ? say.fewerThan(threshold) : String(quarantinedRows);
    for (const t of Object.values(protection.exported.tables)) t.note = say.quarantineNote(shown);
  }
  return protection;
}
