import { InputError } from '../../core/errors.js';
import { expect } from 'vitest';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase } from '../../core/openDatabase.js';
import type { Config } from '../../schemas/config.js';
import { type PipelineResult, runPipeline } from '../../pipeline/runPipeline.js';
import { listInput } from '../../bin/runCommand.js';
import { readFirstLine } from '../../bin/readFirstLine.js';
import { diagnoseCsv } from '../../bin/diagnoseCsv.js';
import { savLoader } from '../../bin/stages.js';
import { protectPrimary } from './protectPrimary.js';
import { defaultConfig } from './runOnFolder.js';

/** SHA-256 of every file in a folder (name → hash): inputs must be byte-identical after every fault. */
export function folderHashes(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (existsSync(p) && statSync(p).isFile()) out[name] = createHash('sha256').update(readFileSync(p)).digest('hex');
  }
  return out;
}

/** Run SQL statements (e.g. a COPY to Parquet) in a throwaway DuckDB. */
export async function duck(...sql: string[]): Promise<void> {
  const db = await openDatabase({ memoryLimit: '512MB', threads: 1 });
  try {
    for (const s of sql) await db.connection.run(s);
  } finally {
    db.close();
  }
}

export const sqlString = (s: string) => `'${s.replaceAll("'", "''")}'`;

/** The pipeline in-process with the real stages (listing by the CLI's listInput, .sav loader) and primary-only protection. */
export async function runInProcess(
  dir: string,
  config: Config = defaultConfig(),
  warnings: string[] = [],
): Promise<PipelineResult> {
  const db = await openDatabase({ memoryLimit: '1GB', threads: 1, preserveInsertionOrder: false });
  try {
    return await runPipeline(config, {
      conn: db.connection,
      entries: listInput(dir),
      inputDir: dir,
      loadSav: savLoader,
      readFirstLine,
      now: () => 0,
      warn: (w) => warnings.push(w),
      diagnoseCsv,
      protect: async ({ internal, params }) => ({
        exported: protectPrimary(internal, params.threshold, params.zeroUnsafe),
        internalFiles: {},
        marks: {},
      }),
    });
  } finally {
    db.close();
  }
}

/**
 * The run must fail as bad input: an InputError, the inputs byte-identical, no nine-digit number (a key) in the
 * message or its details. Returns message and details as one text.
 */
export async function badInputText(dir: string, config?: Config): Promise<string> {
  const before = folderHashes(dir);
  const err = await runInProcess(dir, config).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(folderHashes(dir)).toEqual(before);
  expect(err).toBeInstanceOf(InputError);
  const e = err as InputError;
  const text = [e.message, ...e.details].join('\n');
  expect(text).not.toMatch(/\b\d{9}\b/);
  return text;
}
