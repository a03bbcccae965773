import { InputError } from '../core/errors.js';
import { DEFAULT_SCALE, type GenerateResult, generateSynthetic } from '../synthetic/generateSynthetic.js';
import { messages } from '../core/messages.js';
import { openDatabase } from '../core/openDatabase.js';
import { checkOutputFolder, isInputFolder, withOutputFolder } from './outputFolder.js';
import { endProgress, makeProgress } from './progress.js';

export interface GenerateCommandOptions {
  out: string;
  scale?: string | undefined;
  seed?: string | undefined;
  format?: string | undefined;
  force?: boolean | undefined;
}

/** `multigebruik generate`: a synthetic input folder in the default layout (written atomically). */
export async function generateCommand(o: GenerateCommandOptions): Promise<GenerateResult> {
  const scale = o.scale === undefined ? DEFAULT_SCALE : Number(o.scale);
  const seed = o.seed === undefined ? 1 : Number(o.seed);
  if (!(scale > 0 && scale <= 10)) throw new InputError(messages.badOption('--scale', o.scale ?? '', 'a number above 0 and at most 10'));
  if (!Number.isSafeInteger(seed)) throw new InputError(messages.badOption('--seed', o.seed ?? '', 'a whole number'));
  const format = (o.format ?? 'csv') as 'csv' | 'parquet' | 'sav';
  if (!['csv', 'parquet', 'sav'].includes(format)) throw new InputError(messages.badOption('--format', o.format ?? '', 'csv, parquet or sav'));
  checkOutputFolder(o.out, Boolean(o.force), [], isInputFolder);
  const db = await openDatabase({ memoryLimit: '4GB', threads: 2 });
  const progress = makeProgress();
  try {
    return await withOutputFolder(
      o.out,
      Boolean(o.force),
      (dir) =>
        generateSynthetic(db.connection, { outDir: dir, scale, seed, format, onProgress: (stage, rows) => progress(`generate ${stage} (${rows.toLocaleString('en')} rows)`) }),
      isInputFolder,
    );
  } finally {
    endProgress();
    db.close();
  }
}
