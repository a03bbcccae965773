import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../schemas/config.js';
import { readSav, readSavMetadata } from '../sav/readSav.js';
import type { PipelineResult, Protect } from '../pipeline/runPipeline.js';
import type { SavLoader } from '../sources/sourceRelation.js';
import { type CheckerFacts, type NoteSource, type PreviousExport, checkerNote, checkerNoteLines, groupDisclosureLines, tableCellCounts, totalCounts } from '../disclosure/checkerNote.js';
import { type RunSummary, runSummary } from '../reports/runSummary.js';
import { tableOrder } from '../reports/tableOrder.js';

/**
 * The real effects wired into the pipeline: protection, rendering, the .sav loader. The heavy modules (HiGHS in
 * WebAssembly, Vega, ExcelJS, resvg) are loaded lazily: `preloadStages()` starts loading them while DuckDB scans the
 * inputs on its own threads, so start-up costs nothing on the critical path.
 */
const protectModule = () => import('../disclosure/protectTables.js');
const solverModule = () => import('../disclosure/loadSolver.js');
const exportModule = () => import('../reports/writeExport.js');
const auditPageModule = () => import('../reports/auditHtml.js');

export function preloadStages(): void {
  void protectModule();
  void solverModule().then((m) => m.loadSolver());
  void exportModule();
  void auditPageModule();
}

export const protectStage: Protect = async (input) => {
  const r = await (await protectModule()).protectTables(input);
  return { exported: r.exported, internalFiles: r.internalFiles, checkerNote: r.checkerNote, marks: r.marks };
};

/** What the run recorded beyond the pipeline result: the inputs as in the manifest, and the earlier exports (`--previous`). */
export interface RenderFacts {
  sources: NoteSource[];
  previous?: unknown;
}

interface AuditFile {
  passed?: boolean;
  cells?: { kind?: string; differencing?: unknown; reason?: unknown }[];
}

function auditFile(r: PipelineResult): AuditFile {
  const text = r.protection.internalFiles['suppression-audit.json'];
  return text ? (JSON.parse(text) as AuditFile) : {};
}

function isPrevious(x: unknown): x is PreviousExport[] {
  return Array.isArray(x) && x.every((p) => p && typeof p === 'object' && typeof (p as PreviousExport).dir === 'string' && typeof (p as PreviousExport).tablesSha256 === 'string');
}

/** The facts of the checker's note (README.txt, LEESMIJ.txt, the summary sheet of tables.xlsx). */
export function checkerFactsOf(r: PipelineResult, config: Config, facts: RenderFacts): CheckerFacts {
  const order = tableOrder(Object.keys(r.internal.tables));
  const audit = auditFile(r);
  const previous = isPrevious(facts.previous) && facts.previous.length > 0 ? facts.previous : undefined;
  // suppressions against differencing (release-aware protection) are marked as such in the audit file when present
  const differencing = (audit.cells ?? []).filter((c) => c.kind === 'differencing' || c.reason === 'differencing' || c.differencing !== undefined).length;
  return {
    period: r.period,
    backgroundPeriod: r.backgroundPeriod,
    sources: facts.sources,
    params: config.disclosure,
    tables: tableCellCounts(r.internal.tables, r.protection.marks, order),
    passed: audit.passed !== false,
    quarantinedRows: r.validation.quarantined.length,
    groupDisclosure: groupDisclosureLines(r.protection.exported, order),
    previous,
    differencingCells: previous ? differencing : undefined,
  };
}

/** manifest.json's `summary` and the terminal's: period, tables, cells, quarantine, audit, timing, next steps. */
export function runSummaryOf(r: PipelineResult, totalMs: number): RunSummary {
  const order = tableOrder(Object.keys(r.internal.tables));
  const t = totalCounts(tableCellCounts(r.internal.tables, r.protection.marks, order));
  return runSummary({
    period: r.period,
    tables: order.length,
    cells: { published: t.shown, primary: t.primary, secondary: t.secondary },
    quarantinedRows: r.validation.quarantined.length,
    passed: auditFile(r).passed !== false,
    totalMs,
    stageMs: r.stageMs,
  });
}

/** Stage "render": export/ from the protected numbers only; the reviewer's page into internal/. */
export async function renderStage(exportDir: string, internalDir: string, r: PipelineResult, config: Config, version: string, facts?: RenderFacts): Promise<void> {
  const [{ writeExport }, { auditHtml }] = await Promise.all([exportModule(), auditPageModule()]);
  const note = checkerFactsOf(r, config, facts ?? { sources: [] });
  await writeExport(exportDir, r.protection.exported, {
    lang: config.language,
    checkerNote: checkerNote(note, 'en'),
    leesmij: checkerNote(note, 'nl'),
    summary: checkerNoteLines(note, config.language),
    version,
  });
  mkdirSync(internalDir, { recursive: true });
  const audit = JSON.parse(r.protection.internalFiles['suppression-audit.json'] ?? '{}') as { cells?: import('../reports/auditHtml.js').AuditedCell[] };
  writeFileSync(join(internalDir, 'audit.html'), auditHtml(r.internal, r.protection.marks, { lang: config.language, params: config.disclosure, ...(audit.cells ? { cells: audit.cells } : {}) }));
}

/** Load the variables a source needs from an SPSS file (names that the file lacks are reported by the caller). */
export const savLoader: SavLoader = async (conn, path, table, columns) => {
  const meta = await readSavMetadata(path);
  const have = new Set(meta.variables.map((v) => v.name.toUpperCase()));
  await readSav(conn, path, table, { columns: columns.filter((c) => have.has(c.toUpperCase())) });
};
