import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative } from 'node:path';
import { z } from 'zod';
import { messages } from '../core/messages.js';
import { InputError } from '../core/errors.js';
import { packageRoot } from '../core/packageRoot.js';
import { cellAtoms } from '../model/cellAtoms.js';
import { tabulate } from '../model/tabulate.js';
import { renderExport } from '../reports/renderExport.js';
import { ConfigSchema } from '../schemas/config.js';
import { ExportTablesSchema, InternalTablesSchema } from '../schemas/tablesJson.js';
import { EarlierRecordSchema, readManifest } from '../schemas/manifest.js';
import { AtomsFileSchema, ATOMS_FILE, earlierAtomsFile } from './atomsFile.js';
import { attackerModelFile, buildAttackerModel } from './attackerModel.js';
import { cellIntervals } from './cellIntervals.js';
import { declarationsFor, hasPercentages } from '../model/tableDeclarations.js';
import { loadSolver } from './loadSolver.js';
import { percentages } from '../model/percentages.js';
import { earlierDetails, isUnsafeDifference, periodRelation, sameInputs, sha256, sharedCells } from './earlierExports.js';
import { definedAlike, differenceIsGroup, earlierBlock, earlierDemands } from './acrossReleases.js';
import type { EarlierExport } from './earlierExports.js';
import { type AttackerModel } from './attackerModel.js';
import { JointLp, meetsNeed } from './jointAttacker.js';
import { needOf } from './secondarySuppression.js';
import type { Highs } from 'highs';
import type { TableDeclaration } from '../model/tableDeclarations.js';
import type { InternalTables } from '../schemas/tablesJson.js';
import type { Atom } from '../model/atom.js';
import { ATTACKER_MODEL_FILE, SUPPRESSION_AUDIT_FILE, validateParams } from './protectTables.js';
import { type DisclosureParams, integerInterval, isPrimaryUnsafe, meetsRule, protectionLevel } from './protectionRule.js';
import { zeroCellAtoms } from './zeroCellAtoms.js';
import { csvFields } from '../sources/csvHeader.js';

/**
 * `multigebruik audit OUT`: check a finished run from its files, trusting nothing that can be recomputed.
 *
 * - Rule parameters: from the config recorded in manifest.json, whose SHA-256 must match; the export's
 *   README.txt and internal/suppression-audit.json must state the same parameters.
 * - Counts: internal/atoms.json (exact atom counts) and the table declarations give every count; the
 *   internal tables must equal them.
 * - Cells of each atom: recomputed from the declarations (not read from internal/attacker-model.json, which
 *   must equal its recomputation); the attacker LP is rebuilt from what export/tables.json shows — every
 *   number a constraint, every `**` a cell to bound — with one variable per atom (no merging), and every
 *   unsafe count must meet the rule; the intervals claimed in suppression-audit.json must be the recomputed ones.
 * - Export files: every file in export/ is rendered again from export/tables.json (same renderer, language
 *   and version) and must be byte-identical; no other file may be there.
 * - Earlier exports named in the manifest (`previous`): their export/tables.json and manifest.json must
 *   have the recorded SHA-256, and no cell shown in both may differ by 1 … threshold − 1.
 *
 * Unreadable or malformed files give findings (or InputError when nothing can be checked); `ok` is false
 * whenever any check fails.
 */
export interface AuditReport {
  ok: boolean;
  lines: string[];
}

const AuditFileSchema = z.object({
  params: z.object({ threshold: z.number(), zeroUnsafe: z.boolean(), safetyRange: z.number() }),
  cells: z.array(z.object({ table: z.string(), row: z.string(), column: z.string(), interval: z.tuple([z.number(), z.number().nullable()]) })),
  previous: z.array(EarlierRecordSchema).optional(),
});

function readText(dir: string, rel: string): string {
  const path = join(dir, rel);
  try {
    return readFileSync(path, 'utf8');
  } catch {
    throw new InputError(`audit: cannot read ${path}`);
  }
}

function readJson<T>(dir: string, rel: string, schema: z.ZodType<T>): T {
  const path = join(dir, rel);
  let data: unknown;
  try {
    data = JSON.parse(readText(dir, rel));
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`audit: ${path} is not valid JSON`);
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw new InputError(`audit: ${path} does not have the expected shape: ${parsed.error.issues[0]?.message ?? ''}`);
  return parsed.data;
}

/** The parameters stated in the checker's note (README.txt), or null when it states none. */
function paramsInNote(note: string): DisclosureParams | null {
  const m = /threshold = (\d+), zero unsafe = (yes|no), safety range = ([0-9]+(?:\.[0-9]+)?)/.exec(note);
  if (!m) return null;
  return { threshold: Number(m[1]), zeroUnsafe: m[2] === 'yes', safetyRange: Number(m[3]) };
}

const sameParams = (a: DisclosureParams, b: DisclosureParams) => a.threshold === b.threshold && a.zeroUnsafe === b.zeroUnsafe && a.safetyRange === b.safetyRange;

/** Every file under `dir`, relative, "/"-separated, sorted. */
function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(dir, p).split('\\').join('/'));
    }
  };
  if (existsSync(dir)) walk(dir);
  return out.sort();
}

/**
 * For a table CSV that differs from its rendering: the first differing cell, named by line, row label and column
 * header, with both values (the file's and what export/tables.json gives); undefined when it is not a CSV or the
 * difference is not in a cell.
 */
function csvDifference(rel: string, have: string, want: string): string | undefined {
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
    return messages.auditCellDiffers(`export/${rel}`, n + 1, fb[0] ?? '', header[k] ?? String(k + 1), fa[k] ?? '', fb[k] ?? '');
  }
  return undefined;
}

/** An earlier export's folder as recorded (as the user gave it): as is, else relative to the run's parent folder. */
function locatePrevious(dir: string, outDir: string): string {
  if (isAbsolute(dir) || existsSync(dir)) return dir;
  const beside = join(dirname(outDir), dir);
  return existsSync(beside) ? beside : dir;
}

/** Options of `audit`: `previousAt` maps an earlier export's folder as recorded in the manifest to where it lies now. */
export interface AuditOptions {
  previousAt?: ReadonlyMap<string, string>;
}

export async function auditRun(outDir: string, options: AuditOptions = {}): Promise<AuditReport> {
  const lines: string[] = [];
  const failures: string[] = [];
  const fail = (msg: string) => {
    if (failures.length < 50) failures.push(`FAIL ${msg}`);
    else if (failures.length === 50) failures.push('FAIL … (further failures not listed)');
  };

  // 0. The rule's parameters: from the config recorded (and hashed) in the manifest.
  const manifestRead = readManifest(outDir);
  if (!manifestRead.ok) {
    const { path, problem, detail } = manifestRead;
    throw new InputError(problem === 'unreadable' ? `audit: cannot read ${path}` : problem === 'notJson' ? `audit: ${path} is not valid JSON` : `audit: ${path} does not have the expected shape: ${detail}`);
  }
  const { manifest } = manifestRead;
  const configJson = JSON.stringify(manifest.config.value);
  if (createHash('sha256').update(configJson).digest('hex') !== manifest.config.sha256) fail('manifest.json: the recorded config does not have the recorded SHA-256');
  const configParsed = ConfigSchema.safeParse(manifest.config.value);
  if (!configParsed.success) throw new InputError(`audit: manifest.json records a config that is not valid: ${configParsed.error.issues[0]?.message ?? ''}`);
  const config = configParsed.data;
  const params: DisclosureParams = { ...config.disclosure };
  validateParams(params);
  const declarations = declarationsFor(config);
  lines.push(`parameters (manifest config): threshold ${params.threshold}, zero ${params.zeroUnsafe ? 'unsafe' : 'shown'}, safety range ${params.safetyRange}`);

  const note = readText(outDir, 'export/README.txt');
  const stated = paramsInNote(note);
  if (!stated) fail('export/README.txt does not state the rule parameters');
  else if (!sameParams(stated, params))
    fail(`export/README.txt states threshold ${stated.threshold}, zero unsafe ${stated.zeroUnsafe}, safety range ${stated.safetyRange}; the run's config has ${params.threshold}, ${params.zeroUnsafe}, ${params.safetyRange}`);
  const auditFile = readJson(outDir, `internal/${SUPPRESSION_AUDIT_FILE}`, AuditFileSchema);
  if (!sameParams(auditFile.params, params)) fail(`internal/${SUPPRESSION_AUDIT_FILE} states other parameters than the run's config`);

  // 1. Counts: from the atoms and the declarations.
  const exported = readJson(outDir, 'export/tables.json', ExportTablesSchema);
  const internal = readJson(outDir, 'internal/tables.json', InternalTablesSchema);
  const atoms = readJson(outDir, `internal/${ATOMS_FILE}`, AtomsFileSchema).atoms;
  const period = manifest.period;
  const backgroundPeriod = manifest.backgroundPeriod ?? period;
  const counts = tabulate({ atoms, declarations, period, backgroundPeriod });
  lines.push(`atoms: ${atoms.length}, persons in them: ${atoms.reduce((a, x) => a + x.n, 0)}`);

  const key = (t: string, r: string, c: string) => `${t}\u0000${r}\u0000${c}`;
  const cellStatus = new Map<string, { value: number; published: boolean }>();
  let published = 0;
  let suppressed = 0;
  const ids = declarations.map((d) => d.id);
  const sortedIds = [...ids].sort().join(',');
  if (Object.keys(exported.tables).sort().join(',') !== sortedIds) fail('export/tables.json does not hold exactly the declared tables');
  if (Object.keys(internal.tables).sort().join(',') !== sortedIds) fail('internal/tables.json does not hold exactly the declared tables');
  for (const id of ids) {
    const ct = counts.tables[id]!;
    const it = internal.tables[id];
    const et = exported.tables[id];
    if (!et || !it) continue;
    const sameAxes = (a: { key: string }[], b: { key: string }[]) => a.length === b.length && a.every((h, k) => h.key === b[k]!.key);
    if (!sameAxes(ct.rows, et.rows) || !sameAxes(ct.columns, et.columns) || !sameAxes(ct.rows, it.rows) || !sameAxes(ct.columns, it.columns)) {
      fail(`table ${id}: rows or columns differ from the declaration`);
      continue;
    }
    ct.cells.forEach((row, i) =>
      row.forEach((v, j) => {
        const e = et.cells[i]?.[j];
        const where = `table ${id} ${ct.rows[i]!.key}/${ct.columns[j]!.key}`;
        if ((it.cells[i]?.[j] ?? null) !== v) fail(`${where}: internal/tables.json has ${String(it.cells[i]?.[j])}, the atoms give ${String(v)}`);
        if (v === null) {
          if (e !== null) fail(`${where}: exported a value where the table has no cell`);
          return;
        }
        if (e === null || e === undefined) {
          fail(`${where}: cell missing in export`);
          return;
        }
        if (typeof e === 'number') {
          published++;
          if (e !== v) fail(`${where}: exported ${e} differs from the count the atoms give`);
          if (isPrimaryUnsafe(e, params)) fail(`${where}: exported count ${e} is unsafe`);
        } else suppressed++;
        cellStatus.set(key(id, ct.rows[i]!.key, ct.columns[j]!.key), { value: v, published: typeof e === 'number' });
      }),
    );
  }
  lines.push(`cells: ${cellStatus.size} (${published} published, ${suppressed} suppressed)`);

  // 2. Percentages: every share figure of the run, user ones included.
  for (const id of declarations.filter(hasPercentages).map((d) => d.id)) {
    const et = exported.tables[id];
    if (!et) continue;
    const expected = percentages(et, params.threshold);
    const actual = et.percentages;
    if (!actual) {
      fail(`table ${id}: percentages missing`);
      continue;
    }
    expected.forEach((row, i) =>
      row.forEach((p, j) => {
        if (actual[i]?.[j] !== p) fail(`table ${id} ${et.rows[i]?.key}/${et.columns[j]?.key}: percentage ${String(actual[i]?.[j])} not allowed or not the ratio of shown counts`);
      }),
    );
  }

  // 3. The attacker: one variable per atom (plus the empty atoms of zero cells when zero is unsafe), the
  //    cells of each atom from the declarations; cells with the same atoms are one row, published if shown anywhere.
  const allAtoms = params.zeroUnsafe ? [...atoms, ...zeroCellAtoms(atoms, declarations)] : atoms;
  const rowIndex = new Map<string, number>();
  const rows: { vars: number[]; value: number }[] = [];
  const rowPublished: boolean[] = [];
  const cellsInOrder: { t: string; r: string; c: string; row: number }[] = [];
  for (const { decl, row: i, column: j, members: vars, n: value } of cellAtoms(declarations, allAtoms)) {
    const rowKey = decl.rows[i]!.key;
    const colKey = decl.columns[j]!.key;
    const sig = vars.join(',');
    let idx = rowIndex.get(sig);
    if (idx === undefined) {
      idx = rows.length;
      rowIndex.set(sig, idx);
      rows.push({ vars, value });
      rowPublished.push(false);
    }
    cellsInOrder.push({ t: decl.id, r: rowKey, c: colKey, row: idx });
    if (cellStatus.get(key(decl.id, rowKey, colKey))?.published) rowPublished[idx] = true;
  }
  for (const { t, r, c, row } of cellsInOrder) {
    if (cellStatus.get(key(t, r, c))?.published === false && rowPublished[row]) fail(`table ${t} ${r}/${c}: suppressed here but the same count is published in another cell`);
  }
  const merged = buildAttackerModel(allAtoms, declarations);
  const expectedModel = `${JSON.stringify(attackerModelFile(merged))}\n`;
  if (readText(outDir, `internal/${ATTACKER_MODEL_FILE}`) !== expectedModel) fail(`internal/${ATTACKER_MODEL_FILE} is not the attacker model of internal/${ATOMS_FILE}`);
  lines.push(`attacker: ${allAtoms.length} atom variables, ${rows.length} distinct counts`);

  const targets = [...new Set(cellsInOrder.map((x) => x.row).filter((r) => !rowPublished[r]))].sort((a, b) => a - b);
  const highs = await loadSolver();
  const raw = cellIntervals(highs, { numVars: allAtoms.length, rows, published: rowPublished }, targets);

  // 4. The rule, and the intervals claimed by the audit file.
  const claimed = new Map(auditFile.cells.map((c) => [key(c.table, c.row, c.column), c.interval]));
  let unsafe = 0;
  for (const { t, r, c, row } of cellsInOrder) {
    const s = cellStatus.get(key(t, r, c));
    if (!s) continue;
    const where = `table ${t} ${r}/${c}`;
    const rr = raw.get(row);
    const interval = rr ? integerInterval(rr[0], rr[1]) : ([s.value, s.value] as [number, number]);
    if (isPrimaryUnsafe(s.value, params)) {
      unsafe++;
      if (!meetsRule(s.value, interval, params))
        fail(`${where}: unsafe count ${s.value} is not protected: attacker interval [${interval[0]}, ${interval[1]}], needs ±${protectionLevel(s.value, params)}`);
    }
    if (!s.published) {
      const cl = claimed.get(key(t, r, c));
      const hi = interval[1] === Infinity ? null : interval[1];
      if (!cl) fail(`${where}: suppressed but not in ${SUPPRESSION_AUDIT_FILE}`);
      else if (cl[0] !== interval[0] || cl[1] !== hi) fail(`${where}: ${SUPPRESSION_AUDIT_FILE} claims [${cl[0]}, ${cl[1]}], recomputed [${interval[0]}, ${hi}]`);
    }
  }
  for (const k of claimed.keys()) if (cellStatus.get(k)?.published !== false) fail(`${SUPPRESSION_AUDIT_FILE} lists ${k.split('\u0000').join(' ')} as suppressed, but it is not`);
  lines.push(`unsafe counts checked against the rule: ${unsafe}`);

  // 5. Every export file against export/tables.json: rendered again, byte for byte.
  const exportDir = join(outDir, 'export');
  const ownVersion = (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
  if (ownVersion !== manifest.software.version)
    lines.push(`note: the run was made with multigebruik ${manifest.software.version}, this audit is ${ownVersion}; export files are rendered with this version's renderer`);
  const leesmij = existsSync(join(exportDir, 'LEESMIJ.txt')) ? readText(outDir, 'export/LEESMIJ.txt') : undefined;
  const noteInLanguage = config.language === 'nl' && leesmij !== undefined ? leesmij : note;
  const rendered = await renderExport(exported, {
    lang: config.language,
    threshold: params.threshold,
    checkerNote: note,
    leesmij,
    summary: noteInLanguage.replace(/\n$/, '').split('\n'),
    declarations,
    version: manifest.software.version,
  });
  const present = listFiles(exportDir);
  for (const rel of present) if (!(rel in rendered)) fail(`export/${rel}: not a file the export consists of`);
  let same = 0;
  for (const [rel, content] of Object.entries(rendered)) {
    const file = join(exportDir, ...rel.split('/'));
    if (!existsSync(file)) {
      fail(`export/${rel} is missing`);
      continue;
    }
    const bytes = readFileSync(file);
    if (!bytes.equals(Buffer.from(content))) fail(csvDifference(rel, bytes.toString('utf8'), typeof content === 'string' ? content : Buffer.from(content).toString('utf8')) ?? `export/${rel} does not show exactly what export/tables.json shows`);
    else same++;
  }
  lines.push(`export files identical to their rendering from export/tables.json: ${same} of ${Object.keys(rendered).length}`);

  // 6. Earlier exports taken into account.
  const previous = manifest.previous ?? [];
  if (JSON.stringify(auditFile.previous ?? []) !== JSON.stringify(previous)) fail(`internal/${SUPPRESSION_AUDIT_FILE} lists other earlier exports than manifest.json`);
  const earlierList: EarlierExport[] = [];
  for (const [k, p] of previous.entries()) {
    const moved = options.previousAt?.get(p.dir);
    const dir = moved ?? locatePrevious(p.dir, outDir);
    let tablesText: string;
    let prevManifest: string;
    try {
      tablesText = readFileSync(join(dir, 'export', 'tables.json'), 'utf8');
      prevManifest = readFileSync(join(dir, 'manifest.json'), 'utf8');
    } catch {
      fail(messages.auditPreviousMissing(p.dir, moved));
      continue;
    }
    if (sha256(tablesText) !== p.tablesSha256) fail(`earlier export ${p.dir}: export/tables.json is not the one this run was protected with (SHA-256 differs)`);
    if (sha256(prevManifest) !== p.manifestSha256) fail(`earlier export ${p.dir}: manifest.json is not the one this run was protected with (SHA-256 differs)`);
    const earlier = ExportTablesSchema.safeParse(JSON.parse(tablesText));
    if (!earlier.success) {
      fail(`earlier export ${p.dir}: export/tables.json does not have the expected shape`);
      continue;
    }
    const relation = periodRelation(p.period, period);
    let ownInputs: string[] | null = null;
    try {
      ownInputs = earlierDetails(outDir, manifest).inputsSha256;
    } catch {
      // this run's config is checked above; no inputs recorded: not the same data
    }
    let details: ReturnType<typeof earlierDetails>;
    try {
      details = earlierDetails(p.dir, JSON.parse(prevManifest));
    } catch {
      fail(`earlier export ${p.dir}: its manifest.json does not say which tables it was made with`);
      continue;
    }
    // same period, same input files (both manifests say so): one atom set, this run's
    const sameData = relation === 'same' && sameInputs(details.inputsSha256, ownInputs);
    let earlierAtoms: EarlierExport['atoms'] = sameData ? atoms : null;
    if (relation !== 'same') {
      const rel = `internal/${earlierAtomsFile(k)}`;
      if (!existsSync(join(outDir, rel))) fail(`earlier export ${p.dir}: ${rel} (its atoms, recomputed by the run) is missing`);
      else earlierAtoms = readJson(outDir, rel, AtomsFileSchema).atoms;
    }
    earlierList.push({ record: p, exported: earlier.data, threshold: null, relation, atoms: earlierAtoms, sameData, ...(details.declarations ? { declarations: details.declarations } : {}) });
    let shared = 0;
    const pair = earlierList[earlierList.length - 1]!;
    for (const s of sharedCells(earlier.data, exported)) {
      if (typeof s.earlier !== 'number' || typeof s.now !== 'number') continue;
      shared++;
      const decl = declarations.find((d) => d.id === s.table);
      // rolling windows: a difference between windows that are not nested counts no group (docs/disclosure.md)
      if (decl && !differenceIsGroup(decl, pair, { period, backgroundPeriod })) continue;
      // a table of the same id declared otherwise in the earlier export (a user table) is another table
      if (decl && !definedAlike(pair, declarations, decl, s.i, s.j)) continue;
      if (isUnsafeDifference(s.earlier, s.now, params.threshold))
        fail(`table ${s.table} ${s.row}/${s.column}: shown as ${s.earlier} in ${p.dir} and ${s.now} here, a difference of fewer than ${params.threshold} persons`);
    }
    lines.push(`earlier export ${p.dir}${moved ? ` (now at ${moved})` : ''}: ${shared} cells shown in both, SHA-256 checked`);
  }
  if (previous.length === 0) lines.push('earlier exports: none taken into account');
  if (earlierList.some((e) => e.atoms !== null)) jointCheck(highs, merged, declarations, counts, earlierList, params, cellStatus, key, fail, lines);

  lines.push(...failures);
  const ok = failures.length === 0;
  lines.push(ok ? 'audit PASSED' : 'audit FAILED');
  return { ok, lines };
}

/**
 * The joint attacker of the run's earlier exports whose atoms the run recomputed (internal/earlier-atoms-k.json):
 * the earlier atoms must give every count the earlier export shows; then every primary of this export (and
 * every cell suppressed for differencing, with the interval it must reach) and every primary of those earlier
 * exports must keep its interval against the joint LP built from what the exports show.
 */
function jointCheck(
  highs: Highs,
  model: AttackerModel,
  declarations: readonly TableDeclaration[],
  counts: InternalTables,
  earlier: readonly EarlierExport[],
  params: DisclosureParams,
  cellStatus: Map<string, { value: number; published: boolean }>,
  key: (t: string, r: string, c: string) => string,
  fail: (msg: string) => void,
  lines: string[],
): void {
  let demands;
  const withAtoms = earlier.filter((e): e is EarlierExport & { atoms: readonly Atom[] } => e.atoms !== null);
  let parts;
  try {
    demands = earlierDemands(model, declarations, counts, earlier, params);
    parts = withAtoms.map((e) => earlierBlock(model, declarations, counts, e, params));
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    fail(`earlier exports: ${e.message}`);
    return;
  }
  const published = model.canonical.map((c) => c.occurrences.some((o) => cellStatus.get(key(model.cells[o]!.table, model.cells[o]!.row, model.cells[o]!.column))?.published === true));
  const lp = new JointLp(
    highs,
    model.variables.length,
    model.canonical.map((c) => ({ vars: c.vars, value: c.value })),
    published,
    parts.map((p) => p.block),
  );
  try {
    let own = 0;
    let theirs = 0;
    for (const c of model.canonical) {
      if (published[c.id] || !(isPrimaryUnsafe(c.value, params) || demands.needs[c.id])) continue;
      own++;
      const need = needOf(c.value, params, demands.needs[c.id]);
      const iv = lp.interval(c.vars);
      const r = model.cells[c.occurrences[0]!]!;
      if (!meetsNeed(iv, need)) fail(`table ${r.table} ${r.row}/${r.column}: the joint attacker (with the earlier exports) narrows it to [${iv[0]}, ${iv[1]}], it must reach [${need.lo}, ${need.hi}]`);
    }
    parts.forEach((p, b) => {
      for (const x of p.primaries) {
        theirs++;
        const iv = lp.interval(lp.varsOf(b, x.row));
        if (!meetsNeed(iv, x.need)) fail(`${x.label}: an earlier primary cell, narrowed by the joint attacker to [${iv[0]}, ${iv[1]}], must reach [${x.need.lo}, ${x.need.hi}]`);
      }
    });
    lines.push(`joint attacker: ${own} suppressed cell(s) of this export and ${theirs} primary cell(s) of ${withAtoms.length} earlier export(s) checked`);
  } finally {
    lp.dispose();
  }
}
