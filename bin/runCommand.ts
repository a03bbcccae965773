import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Config } from '../schemas/config.js';
import { InputError, InternalError } from '../core/errors.js';
import { type RunSummary, runSummaryLines } from '../reports/runSummary.js';
import { loadRunConfig } from './loadRunConfig.js';
import { messages } from '../core/messages.js';
import { openDatabase } from '../core/openDatabase.js';
import { preloadProtect } from '../pipeline/protect.js';
import { preloadRender } from '../pipeline/render.js';
import { type PipelineResult, runPipeline } from '../pipeline/runPipeline.js';
import type { DirectoryEntry } from '../sources/sourceFiles.js';
import { type Facts, hashInputs } from './hashInputs.js';
import { readFirstLine } from './readFirstLine.js';
import { checkOutputFolder, writeOutput } from './outputFolder.js';
import { softwareInfo } from './version.js';
import { endProgress, makeProgress } from './progress.js';
import { savLoader } from './stages.js';

/** The run summary as terminal lines (English, like every terminal message). */
export function summaryLines(summary: RunSummary, out: string): string[] {
  return runSummaryLines(summary, out, {
    wrote: messages.summaryWrote, period: messages.summaryPeriod, tables: messages.summaryTables, audit: messages.summaryAudit,
    quarantine: messages.summaryQuarantine, next: messages.summaryNext, step: messages.summaryStep,
  }, join);
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
}

export function listInput(dir: string): DirectoryEntry[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new InputError(messages.inputDirMissing(dir));
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => {
      const path = resolve(dir, d.name);
      return { name: d.name, path, size: statSync(path).size };
    });
}

/** The database for reading inputs, with the config's limits; row order is not kept (the pipeline turns it on where it locates rows). */
function openInputDatabase(config: Config) {
  return openDatabase({
    memoryLimit: config.duckdb.memoryLimit,
    threads: config.duckdb.threads,
    tempDirectory: config.duckdb.tempDirectory ?? undefined,
    preserveInsertionOrder: false,
  });
}

export async function validateCommand(opts: { input: string; config?: string | undefined; period?: string | undefined }): Promise<string[]> {
  const config = loadRunConfig(opts);
  const db = await openInputDatabase(config);
  const progress = makeProgress();
  try {
    const fx = { conn: db.connection, entries: listInput(opts.input), inputDir: opts.input, loadSav: savLoader, readFirstLine, now: () => performance.now(), onStage: progress };
    const v = await runPipeline(config, fx, 'validate');
    endProgress();
    const lines = [`${opts.input}: all sources valid.`];
    for (const [key, files] of Object.entries(v.read!.files)) lines.push(`  ${key}: ${files.map((f) => f.file.name).join(', ') || '(none)'}`);
    for (const [key, d] of Object.entries(v.validation!.duplicates)) if (d > 0) lines.push(`  ${key}: ${d} exact duplicate record(s) (harmless: persons are counted once)`);
    return lines;
  } finally {
    db.close();
  }
}

export async function runCommand(opts: RunOptions): Promise<PipelineResult & { summary: RunSummary }> {
  const config = loadRunConfig(opts);
  const entries = listInput(opts.input);
  checkOutputFolder(opts.out, Boolean(opts.force));
  const db = await openInputDatabase(config);
  const progress = opts.onStage ?? makeProgress();
  preloadProtect();
  preloadRender();
  try {
    let hashing: Promise<Facts> | undefined;
    const inputFacts = () => (hashing ??= hashInputs(entries.map((e) => e.path)));
    const result = await runPipeline(config, {
      conn: db.connection,
      entries,
      inputDir: opts.input,
      loadSav: savLoader,
      readFirstLine,
      inputFacts,
      software: softwareInfo(),
      now: () => performance.now(),
      onStage: (stage) => {
        progress(stage);
        // DuckDB's scans are done: hash the inputs on the idle core while protection runs
        if (stage === 'link') void inputFacts();
      },
    });
    await writeOutput(opts.out, Boolean(opts.force), result.files ?? {});
    if (!opts.onStage) endProgress();
    if (!result.summary) throw new InternalError('run: the pipeline returned no summary');
    return { ...result, summary: result.summary };
  } finally {
    db.close();
  }
}
