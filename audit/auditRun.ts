import { messages } from '../core/messages.js';
import { ExportTablesSchema, InternalTablesSchema } from '../schemas/tablesJson.js';
import { AtomsFileSchema, ATOMS_FILE } from '../disclosure/atomsFile.js';
import { loadSolver } from '../disclosure/loadSolver.js';
import { ATTACKER_MODEL_FILE } from '../disclosure/protectTables.js';
import { checkCounts } from './counts.js';
import { checkEarlierExports, checkJointAttacker } from './earlierExports.js';
import { checkExportFiles } from './exportFiles.js';
import { checkExportSums } from './exportSums.js';
import { type Findings, joinFindings } from './findings.js';
import { checkIntervals } from './intervals.js';
import { shorterReleaseAtoms } from '../disclosure/personPairing.js';
import { ruleParameters } from './parameters.js';
import { checkPercentages } from './percentages.js';
import { readJson, readText } from './runFiles.js';

/**
 * `multigebruik audit OUT`: check a finished run from its files, trusting nothing that can be recomputed. One module
 * per check, each returning its findings, run in this order:
 *
 * - Rule parameters (`parameters.ts`): from the config recorded in manifest.json, whose SHA-256 must match; the
 *   export's README.txt and internal/suppression-audit.json must state the same parameters.
 * - Counts (`counts.ts`): internal/atoms.json (exact atom counts) and the table declarations give every count; the
 *   internal tables must equal them. Percentages (`percentages.ts`): recomputed for every share figure.
 * - The attacker and the rule (`intervals.ts`): the cells of each atom recomputed from the declarations (not read
 *   from internal/attacker-model.json, which must equal its recomputation); the attacker LP is rebuilt from what
 *   export/tables.json shows — every number a constraint, every `**` a cell to bound — with one variable per atom (no
 *   merging), and every unsafe count must meet the rule; the intervals claimed in suppression-audit.json must be the
 *   recomputed ones.
 * - Export files (`exportFiles.ts`): every file in export/ is rendered again from export/tables.json (same renderer,
 *   language and version) and must be byte-identical; no other file may be there.
 * - Evidence bound to the export (`exportSums.ts`): export/SHA256SUMS lists every other export file with the SHA-256
 *   it has; the notes state every data file's SHA-256 and the program of manifest.json; internal/audit.html states
 *   every export file's SHA-256.
 * - Earlier exports named in the manifest (`earlierExports.ts`): their export/tables.json and manifest.json must
 *   have the recorded SHA-256, no cell shown in both may differ by 1 … threshold − 1, and the joint attacker.
 *
 * Unreadable or malformed files give findings (or InputError when nothing can be checked); `ok` is false
 * whenever any check fails.
 */
export interface AuditReport {
  ok: boolean;
  lines: string[];
}

/** Options of `audit`: `previousAt` maps an earlier export's folder as recorded in the manifest to where it lies now. */
export interface AuditOptions {
  previousAt?: ReadonlyMap<string, string>;
}

/** At most this many failures are listed. */
const FAILURES_LISTED = 50;

/** The report of the findings: every note, then the failures (at most FAILURES_LISTED), then the verdict. */
function report({ notes, failures }: Findings): AuditReport {
  const listed = failures.slice(0, FAILURES_LISTED).map((f) => `FAIL ${f}`);
  if (failures.length > FAILURES_LISTED) listed.push(`FAIL ${messages.auditFurtherFailures()}`);
  const ok = failures.length === 0;
  return { ok, lines: [...notes, ...listed, messages.auditVerdict(ok)] };
}

export async function auditRun(outDir: string, options: AuditOptions = {}): Promise<AuditReport> {
  const rule = ruleParameters(outDir);
  const { manifest, config, params, declarations, note, auditFile } = rule;

  const exported = readJson(outDir, 'export/tables.json', ExportTablesSchema);
  const internal = readJson(outDir, 'internal/tables.json', InternalTablesSchema);
  const atoms = readJson(outDir, `internal/${ATOMS_FILE}`, AtomsFileSchema).atoms;
  const period = manifest.period;
  const backgroundPeriod = manifest.backgroundPeriod ?? period;
  const counts = checkCounts({ declarations, exported, internal, atoms, period, backgroundPeriod, params });

  const percentages = checkPercentages(exported, declarations, params.threshold);

  const modelFile = readText(outDir, `internal/${ATTACKER_MODEL_FILE}`);
  const highs = await loadSolver();
  const files = await checkExportFiles({
    outDir,
    exported,
    declarations,
    language: config.language,
    threshold: params.threshold,
    note,
    version: manifest.software.version,
  });

  const sums = checkExportSums({ outDir, software: manifest.software });

  const earlier = checkEarlierExports({
    outDir,
    manifest,
    auditFile,
    exported,
    atoms,
    declarations,
    params,
    period,
    backgroundPeriod,
    previousAt: options.previousAt,
  });
  const intervals = checkIntervals({
    highs,
    atoms,
    shorter: shorterReleaseAtoms(earlier.earlier, period),
    declarations,
    params,
    cellStatus: counts.cellStatus,
    modelFile,
    claimed: auditFile.cells,
  });

  const joint = checkJointAttacker({
    highs,
    model: intervals.model,
    declarations,
    counts: counts.counts,
    earlier: earlier.earlier,
    params,
    cellStatus: counts.cellStatus,
  });

  return report(
    joinFindings([
      rule.findings,
      counts.findings,
      percentages,
      intervals.findings,
      files,
      sums,
      earlier.findings,
      joint,
    ]),
  );
}
