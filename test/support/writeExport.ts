import { writeFiles } from '../../bin/outputFolder.js';
import { type RenderExportOptions, renderExport } from '../../reports/renderExport.js';
import type { ExportTables } from '../../schemas/tablesJson.js';

/** Render export/ and write it into `dir` with the program's writer; returns the relative paths, sorted. */
export async function writeExport(dir: string, tables: ExportTables, options: RenderExportOptions): Promise<string[]> {
  const files = await renderExport(tables, options);
  await writeFiles(dir, files);
  return Object.keys(files);
}
