import { basename, join } from 'node:path';
import { InputError } from '../core/errors.js';
import { messages } from '../core/messages.js';
import { readSav, readSavMetadata } from '../sav/readSav.js';
import type { SavLoader } from '../sources/sourceRelation.js';

/** The `.sav` loader wired into the read stage: the variables a source needs (names the file lacks are reported by the caller). */
export const savLoader: SavLoader = async (conn, path, table, columns) => {
  const meta = await readSavMetadata(path);
  const have = new Set(meta.variables.map((v) => v.name.toUpperCase()));
  const present = columns.filter((c) => have.has(c.toUpperCase()));
  // none of the configured variables: report them all as missing (not an empty table)
  if (present.length === 0) throw new InputError(messages.missingColumn(basename(path), columns.join('", "'), 'sources.*.columns', meta.variables.map((v) => v.name)));
  await readSav(conn, path, table, { columns: present });
};
