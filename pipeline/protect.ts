import type { Config } from '../schemas/config.js';
import type { ExportTables, InternalTables } from '../schemas/tablesJson.js';
import type { Atom } from '../model/atom.js';
import type { TableDeclaration } from '../model/tableDeclarations.js';
import { messagesFor } from '../core/messages.js';
import type { EarlierExport } from '../disclosure/acrossReleases.js';
import type { ProtectProgress } from '../disclosure/protectTables.js';

export type { ProtectProgress } from '../disclosure/protectTables.js';

export interface ProtectInput {
  internal: InternalTables;
  atoms: readonly Atom[];
  declarations: readonly TableDeclaration[];
  params: Config['disclosure'];
  /** Exports already published (run --previous): protected jointly with them; new suppressions go only into this export. */
  previous?: readonly EarlierExport[] | undefined;
  /** Progress during protection (a terminal line): unsafe cells protected of all, then the final audit. */
  onProgress?: ((p: ProtectProgress) => void) | undefined;
}
export interface ProtectOutput {
  exported: ExportTables;
  /** Files for internal/ (audit detail), relative path → content. */
  internalFiles: Record<string, string>;
  /** export/README.txt for the output checker. */
  checkerNote: string;
  marks: Record<string, ('primary' | 'secondary' | null)[][]>;
}
export type Protect = (input: ProtectInput) => Promise<ProtectOutput>;

const protectModule = () => import('../disclosure/protectTables.js');

/** The real protection: primary and secondary suppression against the atom attacker, proven by an audit. */
const protectTables: Protect = async (input) => {
  const r = await (await protectModule()).protectTables(input);
  return { exported: r.exported, internalFiles: r.internalFiles, checkerNote: r.checkerNote, marks: r.marks };
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
