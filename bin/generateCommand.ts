import { InputError } from '../core/errors.js';
import {
  DEFAULT_SCALE,
  type GenerateOptions,
  type GenerateResult,
  MAX_SCALE,
  generateSynthetic,
} from '../synthetic/generateSynthetic.js';
import { messages } from '../core/messages.js';
import { openDatabase } from '../core/openDatabase.js';
import { checkOutputFolder, isInputFolder, withOutputFolder } from './outputFolder.js';
import { endProgress, makeProgress } from './progress.js';

export interface GenerateCommandOptions {
  out: string;
  scale?: string | undefined;
  /** Scale of the persons outside the study (not a command-line option; the demo sets it). */
  populationScale?: number | undefined;
  seed?: string | undefined;
  format?: string | undefined;
  force?: boolean | undefined;
}

/** `multigebruik generate`: a synthetic input folder in the default layout (written atomically). */
export async function generateCommand(o: GenerateCommandOptions): Promise<GenerateResult> {
  const scale = o.scale === undefined ? DEFAULT_SCALE : Number(o.scale);
  const seed = o.seed === undefined ? 1 : Number(o.seed);
  if (!Number.isFinite(scale))
    throw new InputError(messages.badOption('--scale', o.scale ?? '', messages.scaleRange(MAX_SCALE)));
  if (!Number.isSafeInteger(seed))
    throw new InputError(messages.badOption('--seed', o.seed ?? '', messages.wholeNumber()));
  const format = (o.format ?? 'csv') as GenerateOptions['format'];
  checkOutputFolder(o.out, Boolean(o.force), [], isInputFolder);
  const db = await openDatabase({ memoryLimit: '4GB', threads: 2 });
  const progress = makeProgress();
  try {
    return await withOutputFolder(
      o.out,
      Boolean(o.force),
      (dir) =>
        generateSynthetic(db.connection, {
          outDir: dir,
          scale,
          populationScale: o.populationScale,
          seed,
          format,
          onProgress: (stage, rows) => progress(`generate ${stage} (${rows.toLocaleString('en')} rows)`),
        }),
      isInputFolder,
    );
  } finally {
    endProgress();
    db.close();
  }
}
