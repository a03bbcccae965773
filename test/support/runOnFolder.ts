import { mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Config } from '../../schemas/config.js';
import type { InternalTables } from '../../schemas/tablesJson.js';
import { parseConfig } from '../../schemas/loadConfig.js';
import { openDatabase } from '../../core/openDatabase.js';
import { protectPrimary } from './protectPrimary.js';
import { type PipelineResult, runPipeline } from '../../pipeline/runPipeline.js';
import type { SavLoader } from '../../sources/sourceRelation.js';
import { readFirstLine } from '../../bin/readFirstLine.js';

/** Write `files` (name → content) into a fresh temp folder. */
export function writeFolder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'mg-test-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

export function defaultConfig(overrides: object = {}): Config {
  return parseConfig(JSON.stringify(overrides), '(test config)');
}

/** Run the pipeline on a folder with the real stages but primary-only protection (fast). */
export async function runOnFolder(dir: string, config: Config = defaultConfig()): Promise<PipelineResult> {
  return runPipelineWithSav(dir, undefined, config);
}

export async function runPipelineWithSav(
  dir: string,
  loadSav: SavLoader | undefined,
  config: Config = defaultConfig(),
): Promise<PipelineResult> {
  const db = await openDatabase({ memoryLimit: '1GB', threads: 2, preserveInsertionOrder: false });
  try {
    const entries = readdirSync(dir).map((name) => ({
      name,
      path: join(dir, name),
      size: statSync(join(dir, name)).size,
    }));
    return await runPipeline(
      config,
      {
        conn: db.connection,
        entries,
        inputDir: dir,
        loadSav,
        readFirstLine,
        now: () => 0,
        protect: async ({ internal, params }) => ({
          exported: protectPrimary(internal, params.threshold, params.zeroUnsafe),
          internalFiles: {},
          marks: {},
        }),
      },
      'protect',
    );
  } finally {
    db.close();
  }
}

export async function tablesOf(files: Record<string, string>, config?: Config): Promise<InternalTables> {
  return (await runOnFolder(writeFolder(files), config)).internal!;
}

export const csv = (header: string, rows: (string | number)[][]) =>
  [header, ...rows.map((r) => r.join(','))].join('\n') + '\n';
