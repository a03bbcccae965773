import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { replaceFiles } from './outputFolder.js';
import { dirname, join, resolve } from 'node:path';
import { InputError } from '../core/errors.js';
import { comparisonPageText, messages } from '../core/messages.js';
import { DEFAULT_DISCLOSURE_PARAMS } from '../model/disclosureParams.js';
import { periodYears } from '../reports/runSummary.js';
import { ExportTablesSchema, type ExportTables } from '../schemas/tablesJson.js';
import { ConfigSchema } from '../schemas/config.js';
import { type EarlierRecord, manifestThreshold, readManifest } from '../schemas/manifest.js';
import { declarationsFor, TABLE_DECLARATIONS, type TableDeclaration } from '../model/tableDeclarations.js';
import { compareRuns, comparisonCsv, comparisonHtml } from '../reports/compareRuns.js';
import { type ReasonOf, reasonLookup, type SuppressionReason } from '../schemas/suppressionAudit.js';

async function readExport(outDir: string): Promise<ExportTables> {
  const file = join(outDir, 'export', 'tables.json');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(
      `${file}: cannot read (${code === 'ENOENT' ? 'no such file; is this a multigebruik output folder?' : (code ?? String(err))})`,
    );
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

interface ManifestFacts {
  threshold?: number;
  previous?: EarlierRecord[];
  /** The run's table declarations (shipped and the config's own), when its config could be read. */
  declarations?: TableDeclaration[];
}

/** What compare uses of a run's manifest; nothing when it cannot be read (an older or damaged run: defaults then). */
function manifestFacts(outDir: string): ManifestFacts {
  const read = readManifest(outDir);
  if (!read.ok) return {};
  const m = read.manifest;
  const config = ConfigSchema.safeParse(m.config.value);
  const threshold = manifestThreshold(m);
  return {
    ...(threshold !== undefined ? { threshold } : {}),
    ...(m.previous ? { previous: m.previous } : {}),
    ...(config.success ? { declarations: declarationsFor(config.data) } : {}),
  };
}

/** NEW's suppression reasons per cell from its internal/suppression-audit.json, when that folder is at hand (else none). */
async function readReasons(outDir: string): Promise<ReasonOf | undefined> {
  try {
    const a = JSON.parse(await readFile(join(outDir, 'internal', 'suppression-audit.json'), 'utf8')) as {
      cells?: { table: string; row: string; column: string; why?: SuppressionReason }[];
    };
    return Array.isArray(a.cells) && a.cells.some((c) => c.why) ? reasonLookup(a.cells) : undefined;
  } catch {
    return undefined;
  }
}

/** The run folder (a folder with manifest.json and export/) that `dir` is in or is, if any. */
function enclosingRun(dir: string): string | undefined {
  let d = resolve(dir);
  for (;;) {
    if (existsSync(join(d, 'manifest.json')) && existsSync(join(d, 'export'))) return d;
    const up = dirname(d);
    if (up === d) return undefined;
    d = up;
  }
}

/** What compare writes, each recognised by how it begins: a file of that name that does not is the user's own. */
const COMPARE_FILES: Record<string, (text: string) => boolean> = {
  'comparison.csv': (text) => text.startsWith('\uFEFFtable,scope,presence,'),
  'comparison.html': (text) =>
    text.startsWith('<!DOCTYPE html>') &&
    Object.values(comparisonPageText).some((t) => text.includes(`<title>${t.title}</title>`)),
};

/**
 * DIR must be a folder (or not exist yet), and compare overwrites only a comparison.csv / comparison.html it wrote
 * itself (an earlier comparison): a file of the user's with that name is refused, never replaced.
 */
function checkCompareOut(outDir: string): void {
  let st;
  try {
    st = statSync(outDir);
  } catch {
    return; // made when written
  }
  if (!st.isDirectory()) throw new InputError(messages.outputNotFolder(outDir));
  for (const [name, ours] of Object.entries(COMPARE_FILES)) {
    const path = join(outDir, name);
    if (!existsSync(path)) continue;
    let head = '';
    try {
      if (statSync(path).isFile()) head = readFileSync(path, 'utf8').slice(0, 4096);
    } catch {
      /* unreadable: not recognised */
    }
    if (!ours(head)) throw new InputError(messages.compareNotOurs(path));
  }
}

export interface CompareResult {
  /** The terminal summary. */
  lines: string[];
}

/**
 * `multigebruik compare OLD_OUT NEW_OUT --out DIR`: compares OLD_OUT/export/tables.json with
 * NEW_OUT/export/tables.json and writes comparison.csv and comparison.html into DIR (created if needed; the
 * two files are replaced, each atomically). DIR is never inside a run folder (the next `run --force` would
 * delete it). Both periods and their lengths are shown, with a warning when the lengths differ; changes of
 * 1 to threshold − 1 are flagged for the output checker; NEW's manifest tells whether it was protected
 * jointly with OLD (`--previous`, matched by the SHA-256 of OLD's tables.json). export/ and the manifests are
 * read, and NEW's internal/suppression-audit.json when present: then every newly suppressed cell is named with its
 * reason kind and the comparison says it stays inside CBS. A missing or invalid
 * tables.json is an InputError naming the file.
 */
export async function compareCommand(
  oldDir: string,
  newDir: string,
  outDir: string | undefined,
): Promise<CompareResult> {
  if (!outDir) throw new InputError(messages.compareOutRequired());
  const run = enclosingRun(outDir);
  if (run) throw new InputError(messages.compareInsideRun(outDir, run));
  checkCompareOut(outDir);
  const [oldExport, newExport] = [await readExport(oldDir), await readExport(newDir)];
  const [oldManifest, newManifest] = [manifestFacts(oldDir), manifestFacts(newDir)];
  const threshold = newManifest.threshold ?? oldManifest.threshold ?? DEFAULT_DISCLOSURE_PARAMS.threshold;
  // a table's kind is not in tables.json: the manifests' configs tell which ids are figures; runs whose manifests
  // cannot be read are taken to have the shipped tables
  const declarations =
    oldManifest.declarations || newManifest.declarations
      ? [...(newManifest.declarations ?? []), ...(oldManifest.declarations ?? [])]
      : TABLE_DECLARATIONS;
  const oldSha = createHash('sha256')
    .update(await readFile(join(oldDir, 'export', 'tables.json')))
    .digest('hex');
  const protectedAgainstOld = newManifest.previous
    ? newManifest.previous.some((p) => p.tablesSha256 === oldSha)
    : false;
  const reasons = await readReasons(newDir);
  const rows = compareRuns(oldExport, newExport, declarations, threshold, reasons);
  const periods = { old: oldExport.period, new: newExport.period };
  await replaceFiles(outDir, {
    'comparison.csv': comparisonCsv(rows, periods),
    'comparison.html': comparisonHtml(rows, {
      lang: 'nl',
      oldName: oldDir,
      newName: newDir,
      oldPeriod: periods.old,
      newPeriod: periods.new,
      threshold,
      protectedAgainstOld,
      declarations,
      withReasons: reasons !== undefined,
    }),
  }).catch((e: unknown) => {
    const code = (e as NodeJS.ErrnoException).code;
    throw code === undefined ? e : new InputError(messages.outputNotReplaced(outDir, code));
  });
  const cells = rows.filter((r) => r.scope === 'cell');
  const y = (p: typeof periods.old) => periodYears(p).toFixed(1);
  const lines = [
    messages.compareWrote(join(outDir, 'comparison.csv'), 'comparison.html'),
    `  ${messages.comparePeriod(messages.compareOld(), oldDir, periods.old.start, periods.old.end, y(periods.old))}`,
    `  ${messages.comparePeriod(messages.compareNew(), newDir, periods.new.start, periods.new.end, y(periods.new))}`,
  ];
  if (y(periods.old) !== y(periods.new))
    lines.push(`  ${messages.compareLengthWarning(y(periods.old), y(periods.new))}`);
  lines.push(
    `  ${messages.compareCounts(cells.length, cells.filter((r) => r.changed).length, cells.filter((r) => r.suppressionChanged).length)}`,
    `  ${messages.compareSmall(cells.filter((r) => r.smallChange).length, threshold - 1)}`,
    `  ${messages.compareProtected(protectedAgainstOld)}`,
  );
  if (reasons) {
    const now = cells.filter((r) => r.change === 'suppressed');
    const n = (k: SuppressionReason) => now.filter((r) => r.reason === k).length;
    lines.push(`  ${messages.compareReasons(n('threshold'), n('protects'), n('differencing'), n('earlierCell'))}`);
  }
  return { lines };
}
