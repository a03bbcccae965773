import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import type { Highs } from 'highs';
import { InputError } from '../core/errors.js';
import { messages } from '../core/messages.js';
import type { Atom } from '../model/atom.js';
import type { TableDeclaration } from '../model/tableDeclarations.js';
import type { Manifest } from '../schemas/manifest.js';
import { ExportTablesSchema, type ExportTables, type InternalTables, type Period } from '../schemas/tablesJson.js';
import { definedAlike, differenceIsGroup, earlierBlocks, earlierDemands } from '../disclosure/acrossReleases.js';
import { AtomsFileSchema, earlierAtomsFile } from '../disclosure/atomsFile.js';
import type { AttackerModel } from '../disclosure/attackerModel.js';
import {
  type EarlierExport,
  earlierDetails,
  isUnsafeDifference,
  periodRelation,
  sameInputs,
  sha256,
  sharedCells,
} from '../disclosure/earlierExports.js';
import { JointLp, JointPoints } from '../disclosure/jointAttacker.js';
import { SUPPRESSION_AUDIT_FILE } from '../disclosure/protectTables.js';
import { type DisclosureParams, isPrimaryUnsafe } from '../disclosure/protectionRule.js';
import { type Need, needOf } from '../disclosure/secondarySuppression.js';
import type { CellStatus } from './counts.js';
import { cellKey } from './counts.js';
import type { Findings } from './findings.js';
import type { AuditFile } from './parameters.js';
import { readJson } from './runFiles.js';

/** An earlier export's folder as recorded (as the user gave it): as is, else relative to the run's parent folder. */
function locatePrevious(dir: string, outDir: string): string {
  if (isAbsolute(dir) || existsSync(dir)) return dir;
  const beside = join(dirname(outDir), dir);
  return existsSync(beside) ? beside : dir;
}

export interface EarlierInput {
  outDir: string;
  manifest: Manifest;
  auditFile: AuditFile;
  exported: ExportTables;
  atoms: readonly Atom[];
  declarations: readonly TableDeclaration[];
  params: DisclosureParams;
  period: Period;
  backgroundPeriod: Period;
  /** an earlier export's folder as recorded in the manifest → where it lies now (`--previous-at`) */
  previousAt: ReadonlyMap<string, string> | undefined;
}

/**
 * Earlier exports named in the manifest (`previous`): suppression-audit.json must list the same ones; their
 * export/tables.json and manifest.json must have the recorded SHA-256, and no cell shown in both may differ by
 * 1 … threshold − 1. Returns them as read (with their atoms, when the run recomputed them) for the joint check.
 */
export function checkEarlierExports(input: EarlierInput): { earlier: EarlierExport[]; findings: Findings } {
  const { outDir, manifest, exported, atoms, declarations, params, period, backgroundPeriod } = input;
  const notes: string[] = [];
  const failures: string[] = [];
  const fail = (msg: string) => failures.push(msg);
  const previous = manifest.previous ?? [];
  if (JSON.stringify(input.auditFile.previous ?? []) !== JSON.stringify(previous))
    fail(messages.auditEarlierListDiffers(`internal/${SUPPRESSION_AUDIT_FILE}`));
  const earlierList: EarlierExport[] = [];
  for (const [k, p] of previous.entries()) {
    const moved = input.previousAt?.get(p.dir);
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
    if (sha256(tablesText) !== p.tablesSha256) fail(messages.auditEarlierHash(p.dir, 'export/tables.json'));
    if (sha256(prevManifest) !== p.manifestSha256) fail(messages.auditEarlierHash(p.dir, 'manifest.json'));
    const earlier = ExportTablesSchema.safeParse(JSON.parse(tablesText));
    if (!earlier.success) {
      fail(messages.auditEarlierShape(p.dir));
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
      fail(messages.auditEarlierNoTables(p.dir));
      continue;
    }
    // same period, same input files (both manifests say so): one atom set, this run's
    const sameData = relation === 'same' && sameInputs(details.inputsSha256, ownInputs);
    let earlierAtoms: EarlierExport['atoms'] = sameData ? atoms : null;
    let nesting: EarlierExport['nesting'];
    let spans: EarlierExport['spans'];
    if (relation !== 'same') {
      const rel = `internal/${earlierAtomsFile(k)}`;
      if (!existsSync(join(outDir, rel))) fail(messages.auditEarlierAtomsMissing(p.dir, rel));
      else ({ atoms: earlierAtoms, nesting, spans } = readJson(outDir, rel, AtomsFileSchema));
    }
    earlierList.push({
      record: p,
      exported: earlier.data,
      threshold: null,
      relation,
      atoms: earlierAtoms,
      sameData,
      ...(nesting ? { nesting } : {}),
      ...(spans ? { spans } : {}),
      ...(details.declarations ? { declarations: details.declarations } : {}),
    });
    let shared = 0;
    const pair = earlierList[earlierList.length - 1]!;
    for (const s of sharedCells(earlier.data, exported)) {
      if (typeof s.earlier !== 'number' || typeof s.now !== 'number') continue;
      shared++;
      const decl = declarations.find((d) => d.id === s.table);
      // rolling windows: a difference between windows that are not nested counts no group (docs/disclosure.md)
      if (decl && !differenceIsGroup(decl, s.i, s.j, pair, { period, backgroundPeriod })) continue;
      // a table of the same id declared otherwise in the earlier export (a user table) is another table
      if (decl && !definedAlike(pair, declarations, decl, s.i, s.j)) continue;
      if (isUnsafeDifference(s.earlier, s.now, params.threshold))
        fail(
          messages.auditDifference(
            messages.auditCell(s.table, s.row, s.column),
            s.earlier,
            p.dir,
            s.now,
            params.threshold,
          ),
        );
    }
    notes.push(messages.auditEarlierChecked(p.dir, moved, shared));
  }
  if (previous.length === 0) notes.push(messages.auditNoEarlier());
  return { earlier: earlierList, findings: { notes, failures } };
}

export interface JointInput {
  highs: Highs;
  model: AttackerModel;
  declarations: readonly TableDeclaration[];
  counts: InternalTables;
  earlier: readonly EarlierExport[];
  params: DisclosureParams;
  cellStatus: CellStatus;
}

/**
 * The joint attacker of the run's earlier exports whose atoms the run recomputed (internal/earlier-atoms-k.json):
 * the earlier atoms must give every count the earlier export shows; then every primary of this export (and
 * every cell suppressed for differencing, with the interval it must reach) and every primary of those earlier
 * exports must keep its interval against the joint LP built from what the exports show. No findings when no
 * earlier export has atoms.
 */
export function checkJointAttacker(input: JointInput): Findings {
  const { highs, model, declarations, counts, earlier, params, cellStatus } = input;
  const failures: string[] = [];
  const fail = (msg: string) => failures.push(msg);
  const withAtoms = earlier.filter((e): e is EarlierExport & { atoms: readonly Atom[] } => e.atoms !== null);
  if (withAtoms.length === 0) return { notes: [], failures };
  let demands;
  let chain;
  try {
    demands = earlierDemands(model, declarations, counts, earlier, params);
    // the whole chain: every earlier block, linked with this run and with each other
    chain = earlierBlocks(model, declarations, counts, withAtoms, params);
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    fail(messages.auditEarlierProblem(e.message));
    return { notes: [], failures };
  }
  const published = model.canonical.map((c) =>
    c.occurrences.some(
      (o) =>
        cellStatus.get(cellKey(model.cells[o]!.table, model.cells[o]!.row, model.cells[o]!.column))?.published === true,
    ),
  );
  const lp = new JointLp(
    highs,
    model.variables.length,
    model.canonical.map((c) => ({ vars: c.vars, value: c.value })),
    published,
    chain.parts.map((p) => p.block),
    chain.links,
    chain.pairings,
    model.variables.map((v) => v.n),
  );
  // A side is proved by any optimum found so far on this model (every one is a feasible point of it); the interval
  // of a cell that fails is computed in full, for the message.
  const points = new JointPoints();
  const narrowed = (vars: readonly number[], need: Need) =>
    points.proves(lp, vars, 'min', need) && points.proves(lp, vars, 'max', need) ? null : lp.interval(vars);
  try {
    let own = 0;
    let theirs = 0;
    for (const c of model.canonical) {
      if (published[c.id] || !(isPrimaryUnsafe(c.value, params) || demands.needs[c.id])) continue;
      own++;
      const need = needOf(c.value, params, demands.needs[c.id]);
      const iv = narrowed(c.vars, need);
      const r = model.cells[c.occurrences[0]!]!;
      if (iv) fail(messages.auditJointNarrows(messages.auditCell(r.table, r.row, r.column), iv, need));
    }
    chain.parts.forEach((p, b) => {
      for (const x of p.primaries) {
        theirs++;
        const iv = narrowed(lp.varsOf(b, x.row), x.need);
        if (iv) fail(messages.auditJointEarlierPrimary(x.label, iv, x.need));
      }
    });
    return { notes: [messages.auditJoint(own, theirs, withAtoms.length)], failures };
  } finally {
    lp.dispose();
  }
}
