import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { Config } from '../schemas/config.js';
import { InputError, InternalError } from '../core/errors.js';
import { type RunSummary, runSummaryLines } from '../reports/runSummary.js';
import { loadRunConfig } from './loadRunConfig.js';
import { declarationsFor, TABLE_DECLARATIONS } from '../model/tableDeclarations.js';
import { messages } from '../core/messages.js';
import { openDatabase } from '../core/openDatabase.js';
import { type PipelineResult, runPipeline } from '../pipeline/runPipeline.js';
import type { ProtectProgress } from '../pipeline/protect.js';
import { type DirectoryEntry, SOURCE_NAMES, type SourceKey, formatOf } from '../sources/sourceFiles.js';
import { type Facts, hashInputs } from './hashInputs.js';
import { type EarlierExport, readEarlierExport } from '../disclosure/earlierExports.js';
import { readFirstLine } from './readFirstLine.js';
import { diagnoseCsv } from './diagnoseCsv.js';
import { checkNotPrevious, freeBytes, laterExports, reserveOutput, writeFiles } from './outputFolder.js';
import { softwareInfo } from './version.js';
import { translateDuckDBError } from '../core/duckdbErrors.js';
import { endProgress, makeProgress } from './progress.js';
import { savLoader } from './stages.js';
import { packageRoot } from '../core/packageRoot.js';
import { VERIFIER_FILES } from '../disclosure/certificate.js';

/** The run summary as terminal lines (English, like every terminal message). */
export function summaryLines(summary: RunSummary, out: string): string[] {
  return runSummaryLines(
    summary,
    out,
    {
      wrote: messages.summaryWrote,
      period: messages.summaryPeriod,
      tables: messages.summaryTables,
      earlier: messages.summaryEarlier,
      userTables: messages.summaryUserTables,
      audit: messages.summaryAudit,
      quarantine: messages.summaryQuarantine,
      next: messages.summaryNext,
      step: messages.summaryStep,
    },
    { join, sep },
  );
}

export interface RunOptions {
  input: string;
  out: string;
  config?: string | undefined;
  period?: string | undefined;
  force?: boolean | undefined;
  quarantine?: boolean | undefined;
  /** Called at each stage instead of the terminal progress line (demo in a pipe prints plain lines). */
  onStage?: ((stage: string) => void) | undefined;
  allowEmpty?: boolean | undefined;
  /** Earlier exports (output folders), repeatable; added to the config's `previous`. */
  previous?: string[] | undefined;
  /** Also build the protection certificate (internal/certificate.json and its verifiers). */
  certificate?: boolean | undefined;
}

/** The certificate verifiers shipped in the package's certificate/ folder (docs/certificate.md), name → source. */
function verifierSources(): Record<string, string> {
  return Object.fromEntries(
    VERIFIER_FILES.map((name) => [name, readFileSync(join(packageRoot(), 'certificate', name), 'utf8')]),
  );
}

/** A listed input file; size and mtime are checked again when it is hashed (bin/fileFacts.ts). */
export type ListedEntry = DirectoryEntry & { mtimeMs: number };

export function listInput(dir: string): ListedEntry[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new InputError(messages.inputDirMissing(dir));
  let listing;
  try {
    listing = readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    throw new InputError(messages.inputUnlistable(dir, (e as NodeJS.ErrnoException).code ?? String(e)));
  }
  const entries: ListedEntry[] = [];
  for (const d of listing) {
    const path = resolve(dir, d.name);
    // symbolic links are followed (a linked file counts like a copied one); a dangling link is an error
    let st;
    try {
      st = statSync(path);
    } catch {
      if (d.isSymbolicLink() && formatOf(d.name) !== undefined) throw new InputError(messages.brokenLink(d.name));
      continue;
    }
    if (st.isFile()) entries.push({ name: d.name, path, size: st.size, mtimeMs: st.mtimeMs });
  }
  return entries;
}

/** The database for reading inputs, with the config's limits; row order is not kept (the pipeline turns it on where it locates rows). */
function openInputDatabase(config: Config, spill?: string) {
  return openDatabase({
    memoryLimit: config.duckdb.memoryLimit,
    threads: config.duckdb.threads,
    tempDirectory: config.duckdb.tempDirectory ?? spill,
    preserveInsertionOrder: false,
  });
}

export async function validateCommand(opts: {
  input: string;
  config?: string | undefined;
  period?: string | undefined;
  allowEmpty?: boolean | undefined;
}): Promise<string[]> {
  const config = loadRunConfig(opts);
  const db = await openInputDatabase(config);
  const progress = makeProgress();
  try {
    const fx = {
      conn: db.connection,
      entries: listInput(opts.input),
      inputDir: opts.input,
      loadSav: savLoader,
      readFirstLine,
      now: () => performance.now(),
      onStage: progress,
      warn: (w: string) => process.stderr.write(`multigebruik: ${w}\n`),
      diagnoseCsv,
    };
    const v = await runPipeline(config, fx, 'validate').catch((e: unknown) => {
      throw translateDuckDBError(e, { memoryLimit: config.duckdb.memoryLimit });
    });
    endProgress();
    const lines = [messages.validateOk(opts.input), ...droppedSources(config, v)];
    // what a run with this config would make: the period and the tables (the config's own named)
    const ids = declarationsFor(config).map((d) => d.id);
    const shipped = new Set(TABLE_DECLARATIONS.map((d) => d.id));
    lines.push(`  ${messages.validatePeriod(config.period.start, config.period.end)}`);
    lines.push(
      `  ${messages.validateTables(
        ids.length,
        ids.filter((id) => !shipped.has(id)),
        [...shipped].filter((id) => !ids.includes(id)),
      )}`,
    );
    for (const [key, files] of Object.entries(v.read!.files))
      lines.push(
        `  ${messages.validateFiles(
          key,
          files.map((f) => f.file.name),
        )}`,
      );
    if (v.read!.ignoredFiles.length > 0) lines.push(`  ${messages.validateIgnored(v.read!.ignoredFiles)}`);
    for (const [key, d] of Object.entries(v.validation!.duplicates))
      if (d > 0) lines.push(`  ${messages.validateDuplicates(key, d)}`);
    return lines;
  } finally {
    db.close();
  }
}

export async function runCommand(
  opts: RunOptions,
): Promise<PipelineResult & { summary: RunSummary; previous: string[] }> {
  const config = loadRunConfig(opts);
  for (const d of opts.previous ?? []) if (!config.previous.includes(d)) config.previous.push(d);
  // no output may replace (or lie in) an earlier export the run is protected against: refused before any work
  checkNotPrevious(opts.out, config.previous);
  const entries = listInput(opts.input);
  // refuses an unsafe --out, takes the lock, clears stale temp folders; released in the finally below
  const slot = reserveOutput(opts.out, Boolean(opts.force), [opts.input]);
  // earlier exports (--previous): read and checked, their atoms recomputed from this input for their own period,
  // spilling (if at all) into this run's own spill folder, never a folder shared with other runs
  let earlier: EarlierExport[];
  try {
    earlier = await readEarlierExports(config, entries, opts.input, opts.out, slot.spill);
  } catch (e) {
    slot.release();
    throw e;
  }
  // replacing an export that a later export names as its earlier one (--force got past the refusal): say so
  const later = laterExports(opts.out);
  if (later.length > 0)
    process.stderr.write(`multigebruik: ${messages.outputEarlierExportWarning(opts.out, later.join(', '))}\n`);
  let db;
  try {
    db = await openInputDatabase(config, slot.spill);
  } catch (e) {
    slot.release();
    throw e;
  }
  const progress = opts.onStage ?? makeProgress();
  try {
    let hashing: Promise<Facts> | undefined;
    const inputFacts = () => {
      if (!hashing) {
        // each file checked against its listing (size, mtime): the manifest describes what the scans read
        hashing = hashInputs(entries);
        // started early and awaited later: a rejection (an input changed meanwhile) must not count as unhandled
        hashing.catch(() => undefined);
      }
      return hashing;
    };
    const result = await runPipeline(config, {
      warn: (w) => process.stderr.write(`multigebruik: ${w}\n`),
      diagnoseCsv,
      conn: db.connection,
      entries,
      inputDir: opts.input,
      loadSav: savLoader,
      readFirstLine,
      inputFacts,
      software: softwareInfo(),
      previous: earlier,
      ...(opts.certificate ? { certificate: { verifiers: verifierSources() } } : {}),
      now: () => performance.now(),
      onStage: (stage) => {
        progress(stage);
        // DuckDB's scans are done: hash the inputs on the idle core while protection runs
        if (stage === 'link') void inputFacts();
      },
      // on a terminal only (a caller's own onStage prints plain lines): how far protection is, so a long one never looks stuck
      ...(opts.onStage
        ? {}
        : {
            onProtectProgress: (p: ProtectProgress) =>
              progress(
                p.phase === 'search'
                  ? messages.protectProgress(p.done, p.total)
                  : p.phase === 'certificate'
                    ? messages.protectCertificateProgress(p.done, p.total)
                    : messages.protectAuditProgress(p.cells),
              ),
          }),
    });
    for (const line of droppedSources(config, result)) process.stderr.write(`multigebruik: ${line}\n`);
    // the single writer: every file into a fresh sibling folder, renamed into place only when all are written
    await slot.commit((dir) => writeFiles(dir, result.output ?? {}));
    if (!opts.onStage) endProgress();
    if (!result.summary) throw new InternalError('run: the pipeline returned no summary');
    return { ...result, summary: result.summary, previous: [...config.previous] }; // as the user gave them
  } catch (e) {
    throw translateDuckDBError(e, {
      memoryLimit: config.duckdb.memoryLimit,
      spill: { dir: slot.spill, freeBytes: () => freeBytes(dirname(slot.spill)) },
    });
  } finally {
    db.close();
    slot.release();
  }
}

/**
 * Run-level warnings for `--allow-empty`: a required source of which every file was left out (empty) is named once,
 * with what it means for the tables (the per-file warnings alone are easy to miss in a long run).
 */
export function droppedSources(config: Config, result: Pick<PipelineResult, 'read'>): string[] {
  if (!config.allowEmpty || !result.read) return [];
  const out: string[] = [];
  for (const [key, files] of Object.entries(result.read.files) as [SourceKey, unknown[]][]) {
    if (files.length === 0 && config.sources[key].required) out.push(messages.requiredSourceDropped(SOURCE_NAMES[key]));
  }
  return out;
}

/**
 * How the manifest names an earlier export: an absolute path as given; a relative one (typed relative to the
 * working folder) relative to the folder that holds OUT, with "/" — where `audit` looks for it, so the output can be
 * audited from any folder and moved together with its earlier exports (docs/decisions.md).
 */
export function previousName(dir: string, outDir: string): string {
  if (isAbsolute(dir)) return dir;
  return (
    relative(dirname(resolve(outDir)), resolve(dir))
      .split(sep)
      .join('/') || '.'
  );
}

/**
 * The earlier exports of `config.previous`, each with its atoms recomputed from this input for its own period
 * (a second pass of validate and link) when its period differs from this run's; null for the same period.
 */
async function readEarlierExports(
  config: Config,
  entries: DirectoryEntry[],
  inputDir: string,
  outDir: string,
  spill: string,
): Promise<EarlierExport[]> {
  const out: EarlierExport[] = [];
  for (const dir of config.previous) {
    const e = readEarlierExport(dir, config.period, previousName(dir, outDir));
    if (e.relation === 'same') {
      out.push({ ...e, atoms: null });
      continue;
    }
    const earlierConfig: Config = {
      ...config,
      period: e.record.period,
      backgroundPeriod: e.exported.backgroundPeriod ?? null,
      previous: [],
    };
    const db = await openInputDatabase(earlierConfig, spill);
    try {
      const fx = {
        conn: db.connection,
        entries,
        inputDir,
        loadSav: savLoader,
        readFirstLine,
        now: () => performance.now(),
        diagnoseCsv,
        setSpans: true,
      };
      const r = await runPipeline(earlierConfig, fx, 'link');
      out.push({ ...e, atoms: r.atoms!, ...(r.spans ? { spans: r.spans } : {}) });
    } finally {
      db.close();
    }
  }
  return out;
}
