import { readSav, readSavMetadata } from '../sav/readSav.js';
import type { SavLoader } from '../sources/sourceRelation.js';

/** The `.sav` loader wired into the read stage: the variables a source needs (names the file lacks are reported by the caller). */
export const savLoader: SavLoader = async (conn, path, table, columns) => {
  const meta = await readSavMetadata(path);
  const have = new Set(meta.variables.map((v) => v.name.toUpperCase()));
  await readSav(conn, path, table, { columns: columns.filter((c) => have.has(c.toUpperCase())) });
};
