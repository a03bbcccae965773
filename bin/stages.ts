import { readSav, readSavMetadata } from '../sav/readSav.js';
import { SAV_ROW_COLUMN, type SavLoader } from '../sources/sourceRelation.js';

/** SPSS files, wired into the read stage: the dictionary for column resolution; the variables a source needs decoded in a worker thread. */
export const savLoader: SavLoader = {
  async columns(path) {
    const meta = await readSavMetadata(path);
    return { variables: meta.variables.map((v) => ({ name: v.name, type: v.type })), cases: meta.rowCount };
  },
  async load(conn, path, table, columns, filter) {
    const r = await readSav(conn, path, table, { columns, filter, rowNumberColumn: SAV_ROW_COLUMN, worker: true });
    return { rows: r.rowCount ?? 0, kept: r.keptRows };
  },
};
