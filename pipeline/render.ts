import type { Config } from '../schemas/config.js';
import type { EarlierRecord } from '../schemas/manifest.js';
import type { InternalTables, Period } from '../schemas/tablesJson.js';
import {
  type CheckerFacts,
  type NoteSource,
  checkerNote,
  checkerNoteLines,
  groupDisclosureLines,
  tableCellCounts,
  totalCounts,
} from '../reports/checkerNote.js';
import { reasonLookup } from '../schemas/suppressionAudit.js';
import { quarantineCsv } from '../reports/quarantineCsv.js';
import type { FileMap } from '../reports/renderExport.js';
import { digestsOf, type FileDigest, sha256Hex } from '../reports/exportSums.js';
import { CERTIFICATE_FILE, certificateCounts, certificateText } from '../disclosure/certificate.js';
import { InternalError } from '../core/errors.js';
import { type RunSummary, runSummary } from '../reports/runSummary.js';
import { tableOrder } from '../reports/tableOrder.js';
import type { TableDeclaration } from '../model/tableDeclarations.js';
import type { PreparedFile } from '../sources/sourceRelation.js';
import type { SourceKey } from '../sources/sourceFiles.js';
import type { ProtectOutput } from './protect.js';
import type { QuarantinedRow } from '../reports/quarantineCsv.js';

const exportModule = () => import('../reports/renderExport.js');
const auditPageModule = () => import('../reports/auditHtml.js');

export interface RenderInput {
  period: Period;
  backgroundPeriod: Period;
  internal: InternalTables;
  protection: ProtectOutput;
  quarantined: readonly QuarantinedRow[];
  /** The input files as recorded in the manifest (rows, SHA-256), for the checker's note. */
  inputs: NoteSource[];
  /** Earlier exports the run was protected against (`--previous`), as recorded in the manifest. */
  previous?: EarlierRecord[] | undefined;
  declarations: readonly TableDeclaration[];
  version: string;
  /** The git commit of the program (manifest.json `software.commit`), stated in the notes and on audit.html. */
  commit: string;
  /** With a certificate: the verifiers' sources shipped beside it in internal/ (name → text). */
  verifiers?: Record<string, string> | undefined;
}

/** The audit's verdict: protection throws when its final audit fails, so a run that renders has passed it. */
const auditPassed = (protection: ProtectOutput): boolean => protection.audit?.passed ?? true;

/** The facts of the checker's note (README.txt, LEESMIJ.txt, the summary sheet of tables.xlsx). */
function checkerFacts(config: Config, r: RenderInput): CheckerFacts {
  const order = tableOrder(Object.keys(r.internal.tables), r.declarations);
  const previous = r.previous && r.previous.length > 0 ? r.previous : undefined;
  return {
    period: r.period,
    backgroundPeriod: r.backgroundPeriod,
    sources: r.inputs,
    params: config.disclosure,
    tables: tableCellCounts(
      r.internal.tables,
      r.protection.marks,
      order,
      reasonLookup(r.protection.audit?.cells ?? []),
    ),
    passed: auditPassed(r.protection),
    quarantinedRows: r.quarantined.length,
    groupDisclosure: groupDisclosureLines(r.protection.exported, order, config.disclosure.threshold),
    previous,
    forPrevious: previous ? r.protection.audit?.totals.forPrevious : undefined,
    declarations: r.declarations,
    software: { version: r.version, commit: r.commit },
  };
}

/**
 * Stage "render": every file of the run except the manifest, as relative path → content (pure: the single writer
 * in bin/ writes them atomically). export/ from the protected numbers only, with the checker's note in English and
 * Dutch; internal/ with the exact tables, the audit detail, the reviewer's page and the quarantined rows.
 */
export async function render(config: Config, r: RenderInput): Promise<FileMap> {
  const [{ renderExport }, { auditHtml }] = await Promise.all([exportModule(), auditPageModule()]);
  const note = checkerFacts(config, r);
  const files: FileMap = {};
  /** The certificate with the export's tables.json hash, written to internal/, and what the notes state of it. */
  let certificate: { sha256: string; witnessed: number; sides: number } | undefined;
  const certified = (dataFiles: readonly FileDigest[]) => {
    const draft = r.protection.certificate;
    if (!draft) return undefined;
    const tables = dataFiles.find((d) => d.file === 'tables.json');
    if (!tables) throw new InternalError('render: the export has no tables.json for the certificate');
    const text = certificateText(draft, tables.sha256);
    files[`internal/${CERTIFICATE_FILE}`] = text;
    for (const [name, source] of Object.entries(r.verifiers ?? {})) files[`internal/${name}`] = source;
    certificate = { sha256: sha256Hex(text), ...certificateCounts(draft) };
    return certificate;
  };
  const exported = await renderExport(r.protection.exported, {
    lang: config.language,
    threshold: config.disclosure.threshold,
    notes: (dataFiles) => {
      const stated = { ...note, files: dataFiles, certificate: certified(dataFiles) };
      return {
        readme: checkerNote(stated, 'en'),
        leesmij: checkerNote(stated, 'nl'),
        summary: checkerNoteLines(stated, config.language),
      };
    },
    declarations: r.declarations,
    version: r.version,
  });
  for (const [rel, content] of Object.entries(exported)) files[`export/${rel}`] = content;
  files['internal/tables.json'] = `${JSON.stringify(r.internal, null, 2)}\n`;
  for (const [rel, content] of Object.entries(r.protection.internalFiles)) files[`internal/${rel}`] = content;
  const cells = r.protection.audit?.cells;
  files['internal/audit.html'] = auditHtml(r.internal, r.protection.marks, {
    lang: config.language,
    params: config.disclosure,
    declarations: r.declarations,
    ...(cells ? { cells } : {}),
    evidence: {
      passed: auditPassed(r.protection),
      previous: note.previous ?? [],
      software: note.software,
      exportFiles: digestsOf(exported),
      certificate,
    },
  });
  if (r.quarantined.length > 0) files['internal/quarantine.csv'] = quarantineCsv(r.quarantined);
  return files;
}

/** manifest.json's `summary` and the terminal's: period, tables, cells, quarantine, audit, timing, next steps. */
export function summaryOf(r: {
  period: Period;
  declarations: readonly TableDeclaration[];
  internal: InternalTables;
  protection: ProtectOutput;
  quarantinedRows: number;
  stageMs: Record<string, number | undefined>;
  totalMs: number;
}): RunSummary {
  const order = tableOrder(Object.keys(r.internal.tables), r.declarations);
  const audit = r.protection.audit;
  const t = totalCounts(
    tableCellCounts(r.internal.tables, r.protection.marks, order, reasonLookup(audit?.cells ?? [])),
  );
  const earlier = t.differencing + t.earlierCell > 0 || (audit?.totals.forPrevious ?? 0) > 0;
  return runSummary({
    period: r.period,
    tables: order.length,
    cells: {
      published: t.shown,
      primary: t.primary,
      secondary: t.secondary,
      ...(earlier
        ? {
            differencing: t.differencing,
            earlierCell: t.earlierCell,
            forPrevious: audit?.totals.forPrevious ?? t.differencing + t.earlierCell,
          }
        : {}),
    },
    quarantinedRows: r.quarantinedRows,
    userTables: r.protection.addedTables,
    passed: auditPassed(r.protection),
    totalMs: r.totalMs,
    stageMs: r.stageMs,
  });
}

/** Rows per input file known exactly (Parquet metadata read by the read stage, the `.sav` decoder's case count); CSV rows come from the hashing pass. */
export function rowCounts(files: Record<SourceKey, PreparedFile[]>): Map<string, number> {
  const m = new Map<string, number>();
  for (const list of Object.values(files))
    for (const f of list) if (f.rowCount !== undefined) m.set(f.file.name, f.rowCount);
  return m;
}
