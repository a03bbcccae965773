import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../schemas/config.js';
import { readSav, readSavMetadata } from '../pipeline/readSav.js';
import { protectPrimary } from '../pipeline/protectPrimary.js';
import type { PipelineResult, Protect } from '../pipeline/runPipeline.js';
import type { SavLoader } from '../pipeline/sourceRelation.js';

/** The real effects wired into the pipeline: protection, rendering, the .sav loader. */

export const protectStage: Protect = async ({ internal, params }) => ({
  exported: protectPrimary(internal, params.threshold, params.zeroUnsafe),
  internalFiles: {},
  checkerNote: `Primary suppression only (threshold ${params.threshold}).\n`,
  marks: {},
});

export async function renderStage(dir: string, r: PipelineResult, _config: Config): Promise<void> {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'tables.json'), `${JSON.stringify(r.protection.exported, null, 2)}\n`);
  writeFileSync(join(dir, 'README.txt'), r.protection.checkerNote);
}

/** Load the variables a source needs from an SPSS file (names that the file lacks are reported by the caller). */
export const savLoader: SavLoader = async (conn, path, table, columns) => {
  const meta = await readSavMetadata(path);
  const have = new Set(meta.variables.map((v) => v.name.toUpperCase()));
  await readSav(conn, path, table, { columns: columns.filter((c) => have.has(c.toUpperCase())) });
};
