import type { DuckDBConnection } from '@duckdb/node-api';
import type { Config } from '../schemas/config.js';
import type { InternalTables } from '../schemas/tablesJson.js';
import { loadQuery } from '../core/loadQuery.js';
import { quarantineCsv } from '../reports/quarantineCsv.js';
import type { FileMap } from '../reports/renderExport.js';
import type { PreparedFile } from '../sources/sourceRelation.js';
import type { SourceKey } from '../sources/sourceFiles.js';
import type { ProtectOutput } from './protect.js';
import type { QuarantinedRow } from './validate.js';

const exportModule = () => import('../reports/renderExport.js');
const auditPageModule = () => import('../reports/auditHtml.js');

/** Start loading the renderers (Vega, ExcelJS, resvg) while DuckDB scans. */
export function preloadRender(): void {
  void exportModule();
  void auditPageModule();
}

export interface RenderInput {
  internal: InternalTables;
  protection: ProtectOutput;
  quarantined: readonly QuarantinedRow[];
  version: string;
}

/**
 * Stage "render": every file of the run except the manifest, as relative path → content (pure: the single writer
 * in bin/ writes them atomically). export/ from the protected numbers only; internal/ with the exact tables, the
 * audit detail, the reviewer's page and the quarantined rows.
 */
export async function render(config: Config, r: RenderInput): Promise<FileMap> {
  const [{ renderExport }, { auditHtml }] = await Promise.all([exportModule(), auditPageModule()]);
  const files: FileMap = {};
  const exported = await renderExport(r.protection.exported, { lang: config.language, checkerNote: r.protection.checkerNote, version: r.version });
  for (const [rel, content] of Object.entries(exported)) files[`export/${rel}`] = content;
  files['internal/tables.json'] = `${JSON.stringify(r.internal, null, 2)}\n`;
  for (const [rel, content] of Object.entries(r.protection.internalFiles)) files[`internal/${rel}`] = content;
  const { threshold, zeroUnsafe, safetyRange } = config.disclosure;
  const rules = [
    `threshold ${threshold}: counts 1–${threshold - 1}${zeroUnsafe ? ' and 0' : ''} are suppressed (primary)`,
    `protection p = max(1, ceil(v × ${safetyRange})) against the atom attacker (secondary suppression)`,
  ];
  files['internal/audit.html'] = auditHtml(r.internal, r.protection.marks, { lang: config.language, rules });
  if (r.quarantined.length > 0) files['internal/quarantine.csv'] = quarantineCsv(r.quarantined);
  return files;
}

/** Rows per input file that DuckDB knows exactly (Parquet metadata, decoded `.sav` tables); CSV rows come from the hashing pass. */
export async function rowCounts(conn: DuckDBConnection, files: Record<SourceKey, PreparedFile[]>): Promise<Map<string, number>> {
  const m = new Map<string, number>();
  for (const list of Object.values(files))
    for (const f of list) {
      if (f.file.format === 'parquet') {
        const x = await conn.runAndReadAll(loadQuery('parquet_file_rows'), { f: f.file.path });
        m.set(f.file.name, Number(x.getRowObjects()[0]!.n));
      } else if (f.file.format === 'sav' && f.table) {
        const x = await conn.runAndReadAll(loadQuery('table_rows', { table: f.table }));
        m.set(f.file.name, Number(x.getRowObjects()[0]!.n));
      }
    }
  return m;
}
