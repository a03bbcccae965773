import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../schemas/config.js';
import { readSav, readSavMetadata } from '../sav/readSav.js';
import type { PipelineResult, Protect } from '../pipeline/runPipeline.js';
import { SAV_ROW_COLUMN, type SavLoader } from '../sources/sourceRelation.js';

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

/** Stage "render": export/ from the protected numbers only; the reviewer's page into internal/. */
export async function renderStage(exportDir: string, internalDir: string, r: PipelineResult, config: Config, version: string): Promise<void> {
  const [{ writeExport }, { auditHtml }] = await Promise.all([exportModule(), auditPageModule()]);
  await writeExport(exportDir, r.protection.exported, { lang: config.language, checkerNote: r.protection.checkerNote, version });
  mkdirSync(internalDir, { recursive: true });
  const { threshold, zeroUnsafe, safetyRange } = config.disclosure;
  const rules = [
    `threshold ${threshold}: counts 1–${threshold - 1}${zeroUnsafe ? ' and 0' : ''} are suppressed (primary)`,
    `protection p = max(1, ceil(v × ${safetyRange})) against the atom attacker (secondary suppression)`,
  ];
  writeFileSync(join(internalDir, 'audit.html'), auditHtml(r.internal, r.protection.marks, { lang: config.language, rules }));
}

/** SPSS files: the dictionary for column resolution; the variables a source needs decoded in a worker thread. */
export const savLoader: SavLoader = {
  async columns(path) {
    return (await readSavMetadata(path)).variables.map((v) => ({ name: v.name, type: v.type }));
  },
  async load(conn, path, table, columns, filter) {
    const r = await readSav(conn, path, table, { columns, filter, rowNumberColumn: SAV_ROW_COLUMN, worker: true });
    return { rows: r.rowCount ?? 0, kept: r.keptRows };
  },
};
