import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { messages, type Language } from '../core/messages.js';
import { packageRoot } from '../core/packageRoot.js';
import type { TableDeclaration } from '../model/tableDeclarations.js';
import { renderExport } from '../reports/renderExport.js';
import type { ExportTables } from '../schemas/tablesJson.js';
import { csvFields } from '../sources/csvHeader.js';
import type { Findings } from './findings.js';
import { listFiles, readText } from './runFiles.js';

/**
 * For a table CSV that differs from its rendering: the first differing cell, named by line, row label and column
 * header, with both values (the file's and what export/tables.json gives); undefined when it is not a CSV or the
 * difference is not in a cell.
 * @internal exported for its test
 */
export function csvDifference(rel: string, have: string, want: string): string | undefined {
  if (!rel.endsWith('.csv')) return undefined;
  const delimiter = rel.startsWith('tables-nl/') ? ';' : ',';
  const a = have.replace(/^\uFEFF/, '').split(/\r?\n/);
  const b = want.replace(/^\uFEFF/, '').split(/\r?\n/);
  const fields = (line: string) => csvFields(line, delimiter) ?? [line];
  const header = fields(b[0] ?? '');
  for (let n = 0; n < Math.max(a.length, b.length); n++) {
    if (a[n] === b[n]) continue;
    const fa = fields(a[n] ?? '');
    const fb = fields(b[n] ?? '');
    const k = fb.findIndex((f, i) => f !== fa[i]);
    if (k < 0) return undefined;
    return messages.auditCellDiffers(
      `export/${rel}`,
      n + 1,
      fb[0] ?? '',
      header[k] ?? String(k + 1),
      fa[k] ?? '',
      fb[k] ?? '',
    );
  }
  return undefined;
}

export interface ExportFilesInput {
  outDir: string;
  exported: ExportTables;
  declarations: readonly TableDeclaration[];
  language: Language;
  threshold: number;
  /** export/README.txt */
  note: string;
  /** the version of multigebruik the run was made with (manifest.json) */
  version: string;
}

/**
 * Export files: every file in export/ is rendered again from export/tables.json (same renderer, language and version)
 * and must be byte-identical; no other file may be there.
 */
export async function checkExportFiles(input: ExportFilesInput): Promise<Findings> {
  const { outDir, exported, note, version } = input;
  const notes: string[] = [];
  const failures: string[] = [];
  const exportDir = join(outDir, 'export');
  const ownVersion = (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string })
    .version;
  if (ownVersion !== version) notes.push(messages.auditOtherVersion(version, ownVersion));
  const leesmij = existsSync(join(exportDir, 'LEESMIJ.txt')) ? readText(outDir, 'export/LEESMIJ.txt') : undefined;
  const noteInLanguage = input.language === 'nl' && leesmij !== undefined ? leesmij : note;
  const rendered = await renderExport(exported, {
    lang: input.language,
    threshold: input.threshold,
    // the notes as they are: their statements are checked by exportSums.ts
    notes: () => ({ readme: note, leesmij, summary: noteInLanguage.replace(/\n$/, '').split('\n') }),
    declarations: input.declarations,
    version,
  });
  const present = listFiles(exportDir);
  for (const rel of present) if (!(rel in rendered)) failures.push(messages.auditNotExportFile(`export/${rel}`));
  let same = 0;
  for (const [rel, content] of Object.entries(rendered)) {
    const file = join(exportDir, ...rel.split('/'));
    if (!existsSync(file)) {
      failures.push(messages.auditFileMissing(`export/${rel}`));
      continue;
    }
    const bytes = readFileSync(file);
    if (!bytes.equals(Buffer.from(content)))
      failures.push(
        csvDifference(
          rel,
          bytes.toString('utf8'),
          typeof content === 'string' ? content : Buffer.from(content).toString('utf8'),
        ) ?? messages.auditFileDiffers(`export/${rel}`),
      );
    else same++;
  }
  notes.push(messages.auditFilesSame(same, Object.keys(rendered).length));
  return { notes, failures };
}
