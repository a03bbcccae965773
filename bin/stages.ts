import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../schemas/config.js';
import { readSav, readSavMetadata } from '../sav/readSav.js';
import type { PipelineResult, Protect } from '../pipeline/runPipeline.js';
import type { SavLoader } from '../sources/sourceRelation.js';
import type { EarlierExport } from '../disclosure/acrossReleases.js';

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

export const protectStage = async (input: Parameters<Protect>[0] & { previous?: readonly EarlierExport[] }): ReturnType<Protect> => {
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

/** Load the variables a source needs from an SPSS file (names that the file lacks are reported by the caller). */
export const savLoader: SavLoader = async (conn, path, table, columns) => {
  const meta = await readSavMetadata(path);
  const have = new Set(meta.variables.map((v) => v.name.toUpperCase()));
  await readSav(conn, path, table, { columns: columns.filter((c) => have.has(c.toUpperCase())) });
};
