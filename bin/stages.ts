import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../schemas/config.js';
import { InputError } from '../pipeline/errors.js';
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

export const savLoader: SavLoader = async (_conn, path) => {
  throw new InputError(`${path}: SPSS .sav support is not available in this build`);
};
