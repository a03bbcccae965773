import type { DuckDBConnection } from '@duckdb/node-api';
import type { Atom } from '../model/atom.js';
import { InternalError } from '../core/errors.js';
import { loadQuery } from '../core/loadQuery.js';

/**
 * Stage "link": join the study persons (table `persons`, from validate) with their GBA and education records and
 * group them into atoms. The only data that leaves DuckDB: counts per combination, no keys.
 */
export async function linkPersons(conn: DuckDBConnection): Promise<Atom[]> {
  const reader = await conn.runAndReadAll(loadQuery('atoms'));
  return reader.getRowObjects().map((r) => {
    const n = Number(r.n);
    if (!Number.isSafeInteger(n)) throw new InternalError(`atom count out of range`);
    return {
      bits: Number(r.bits),
      bitsBg: Number(r.bits_bg),
      age: String(r.age),
      gender: String(r.gender),
      education: String(r.education),
      n,
    };
  });
}
