import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { Config } from '../schemas/config.js';
import { InputError } from '../core/errors.js';
import { loadRunConfig } from './loadRunConfig.js';
import { messages } from '../core/messages.js';
import { openDatabase } from '../core/openDatabase.js';
import { packageRoot } from '../core/packageRoot.js';
import { type PipelineResult, runPipeline, validateInputs } from '../pipeline/runPipeline.js';
import type { DirectoryEntry } from '../sources/sourceFiles.js';
import { type Facts, hashInputs } from './hashInputs.js';
import type { EarlierExport } from '../disclosure/acrossReleases.js';
import { readPreviousExport } from '../disclosure/previousExports.js';
import { linkPersons } from '../pipeline/link.js';
import { readFirstLine } from './readFirstLine.js';
import { checkOutputFolder, withOutputFolder } from './outputFolder.js';
import { endProgress, makeProgress } from './progress.js';
import { preloadStages, protectStage, renderStage, savLoader } from './stages.js';

export interface RunOptions {
  input: string;
  out: string;
  config?: string | undefined;
  period?: string | undefined;
  force?: boolean | undefined;
  quarantine?: boolean | undefined;
  /** Earlier exports (output folders), repeatable; added to the config's `previous`. */
  previous?: string[] | undefined;
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
    const v = await validateInputs(config, { conn: db.connection, entries: listInput(opts.input), inputDir: opts.input, loadSav: savLoader, readFirstLine, now: () => performance.now(), onStage: progress });
    endProgress();
    const lines = [`${opts.input}: all sources valid.`];
    for (const [key, files] of Object.entries(v.files)) lines.push(`  ${key}: ${files.map((f) => f.file.name).join(', ') || '(none)'}`);
    for (const [key, d] of Object.entries(v.validation.duplicates)) if (d > 0) lines.push(`  ${key}: ${d} exact duplicate record(s) (harmless: persons are counted once)`);
    return lines;
  } finally {
    db.close();
  }
}

export async function runCommand(opts: RunOptions): Promise<PipelineResult & { previous: string[] }> {
  const config = loadRunConfig(opts);
  for (const d of opts.previous ?? []) if (!config.previous.includes(d)) config.previous.push(d);
  const entries = listInput(opts.input);
  checkOutputFolder(opts.out, Boolean(opts.force));
  const earlier = await readEarlierExports(config, entries, opts.input);
  const db = await openInputDatabase(config);
  const progress = makeProgress();
  const started = performance.now();
  preloadStages();
  try {
    let hashing: Promise<Facts> | undefined;
    const startHashing = () => (hashing ??= hashInputs(entries.map((e) => e.path)));
    const result = await runPipeline(config, {
      conn: db.connection,
      entries,
      inputDir: opts.input,
      loadSav: savLoader,
      readFirstLine,
      protect: (input) => protectStage({ ...input, previous: earlier }),
      now: () => performance.now(),
      onStage: (stage) => {
        progress(stage);
        // DuckDB's scans are done: hash the inputs on the idle core while protection runs
        if (stage === 'link') startHashing();
      },
    });
    progress('render');
    const renderStart = performance.now();
    await withOutputFolder(opts.out, Boolean(opts.force), async (dir) => {
      await writeInternal(join(dir, 'internal'), result);
      await renderStage(join(dir, 'export'), join(dir, 'internal'), result, config, packageVersion());
      result.stageMs.render = Math.round(performance.now() - renderStart);
      const rows = await rowCounts(db.connection, result);
      const facts = await startHashing();
      const hashed = entries.map((e) => ({ e, facts: facts.get(e.path)! }));
      writeJson(join(dir, 'manifest.json'), manifest(earlier, config, result, hashed, rows, Math.round(performance.now() - started)));
    });
    endProgress();
    return { ...result, previous: earlier.map((e) => e.record.dir) };
  } finally {
    db.close();
  }
}

export function packageVersion(): string {
  return (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}

function writeJson(path: string, value: unknown) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);
}

async function writeInternal(dir: string, r: PipelineResult) {
  writeJson(join(dir, 'tables.json'), r.internal);
  for (const [rel, content] of Object.entries(r.protection.internalFiles)) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), content);
  }
  const q = r.validation.quarantined;
  if (q.length > 0) {
    const esc = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);
    const lines = ['file,row,column,problem,value', ...q.map((x) => [x.file, String(x.row), x.column, x.problem, x.value ?? ''].map(esc).join(','))];
    writeFileSync(join(dir, 'quarantine.csv'), `${lines.join('\n')}\n`);
  }
}

async function rowCounts(conn: import('@duckdb/node-api').DuckDBConnection, r: PipelineResult): Promise<Map<string, number>> {
  const m = new Map<string, number>();
  for (const files of Object.values(r.files))
    for (const f of files) {
      if (f.file.format === 'parquet') {
        const x = await conn.runAndReadAll('SELECT sum(num_rows) AS n FROM parquet_file_metadata($f)', { f: f.file.path });
        m.set(f.file.name, Number(x.getRowObjects()[0]!.n));
      } else if (f.file.format === 'sav' && f.table) {
        const x = await conn.runAndReadAll(`SELECT count(*) AS n FROM "${f.table.replaceAll('"', '""')}"`);
        m.set(f.file.name, Number(x.getRowObjects()[0]!.n));
      }
    }
  return m;
}

function manifest(
  earlier: readonly EarlierExport[],
  config: Config,
  r: PipelineResult,
  facts: { e: DirectoryEntry; facts: { sha256: string; lines: number } }[],
  rows: Map<string, number>,
  totalMs: number,
) {
  const used = new Map<string, string>();
  for (const [key, files] of Object.entries(r.files)) for (const f of files) used.set(f.file.name, key);
  const configJson = JSON.stringify(config);
  return {
    software: { name: 'multigebruik', version: packageVersion(), node: process.version },
    period: r.period,
    backgroundPeriod: r.backgroundPeriod,
    config: { sha256: createHash('sha256').update(configJson).digest('hex'), value: config },
    inputs: facts
      .filter((f) => used.has(f.e.name))
      .sort((a, b) => (a.e.name < b.e.name ? -1 : 1))
      .map(({ e, facts: x }) => ({
        source: used.get(e.name),
        file: basename(e.name),
        bytes: e.size,
        rows: rows.get(e.name) ?? Math.max(0, x.lines - 1),
        sha256: x.sha256,
      })),
    ignoredFiles: r.ignoredFiles,
    rowsKept: r.validation.keptRows,
    duplicateRecords: r.validation.duplicates,
    quarantinedRows: r.validation.quarantined.length,
    previous: earlier.map((e) => ({ ...e.record })),
    persons: r.atoms.reduce((a, x) => a + x.n, 0) > 0 ? 'see internal/tables.json' : 'none',
    stageMs: r.stageMs,
    totalMs,
  };
}

/**
 * The earlier exports of `config.previous`, each with its atoms recomputed from this input for its own period
 * (a second pass of validate and link) when its period differs from this run's; null for the same period.
 */
async function readEarlierExports(config: Config, entries: DirectoryEntry[], inputDir: string): Promise<EarlierExport[]> {
  const out: EarlierExport[] = [];
  for (const dir of config.previous) {
    const e = readPreviousExport(dir, config.period);
    if (e.relation === 'same') {
      out.push({ ...e, atoms: null });
      continue;
    }
    const earlierConfig: Config = { ...config, period: e.record.period, backgroundPeriod: e.exported.backgroundPeriod ?? null, previous: [] };
    const db = await openInputDatabase(earlierConfig);
    try {
      const fx = { conn: db.connection, entries, inputDir, loadSav: savLoader, readFirstLine, now: () => performance.now() };
      await validateInputs(earlierConfig, fx);
      out.push({ ...e, atoms: await linkPersons(db.connection) });
    } finally {
      db.close();
    }
  }
  return out;
}
