import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { InputError } from '../core/errors.js';
import { ExportTablesSchema, type ExportTables } from '../schemas/tablesJson.js';
import { compareRuns, comparisonCsv, comparisonHtml } from '../reports/compareRuns.js';

async function readExport(outDir: string): Promise<ExportTables> {
  const file = join(outDir, 'export', 'tables.json');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(`${file}: cannot read (${code === 'ENOENT' ? 'no such file; is this a multigebruik output folder?' : code ?? String(err)})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new InputError(`${file}: not valid JSON (${(err as Error).message})`);
  }
  const parsed = ExportTablesSchema.safeParse(json);
  if (!parsed.success) {
    const details = parsed.error.issues.slice(0, 10).map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`);
    throw new InputError(`${file}: not an export tables.json (${details[0]})`, details);
  }
  return parsed.data;
}

/** The default output folder: NEW_OUT/compare-<name of OLD_OUT>, next to NEW_OUT's export/ and internal/. */
export function defaultCompareDir(oldDir: string, newDir: string): string {
  return join(newDir, `compare-${basename(resolve(oldDir))}`);
}

/**
 * `multigebruik compare OLD_OUT NEW_OUT [--out DIR]`: compares OLD_OUT/export/tables.json with
 * NEW_OUT/export/tables.json and writes comparison.csv and comparison.html into DIR (default
 * NEW_OUT/compare-<basename of OLD_OUT>; created if needed; the two files are replaced, each
 * atomically). Only export/ is read, so the comparison holds nothing that was not already cleared.
 * A missing or invalid tables.json is an InputError naming the file.
 */
export async function compareCommand(oldDir: string, newDir: string, outDir: string | undefined): Promise<void> {
  const [oldExport, newExport] = [await readExport(oldDir), await readExport(newDir)];
  const rows = compareRuns(oldExport, newExport);
  const dir = outDir ?? defaultCompareDir(oldDir, newDir);
  await mkdir(dir, { recursive: true });
  const files: [string, string][] = [
    ['comparison.csv', comparisonCsv(rows)],
    ['comparison.html', comparisonHtml(rows, { lang: 'nl', oldName: oldDir, newName: newDir })],
  ];
  for (const [name, content] of files) {
    const tmp = join(dir, `.${name}.tmp-${process.pid}`);
    await writeFile(tmp, content);
    await rename(tmp, join(dir, name));
  }
}
