import type { DuckDBConnection } from '@duckdb/node-api';
import type { Atom } from '../model/atom.js';
import { InternalError } from '../core/errors.js';
import { loadQuery } from '../core/loadQuery.js';
import type { ReleaseSpans, SetSpan } from '../model/setSpans.js';
import type { Period } from '../schemas/tablesJson.js';

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

async function spansOf(conn: DuckDBConnection, window: Period): Promise<SetSpan[]> {
  const sql = loadQuery('set_spans', {}, { records: loadQuery('set_records') });
  const reader = await conn.runAndReadAll(sql, { w_start: window.start, w_end: window.end });
  return reader.getRowObjects().map((r) => ({
    mask: Number(r.mask),
    lastBegin: String(r.last_begin),
    firstEnd: r.first_end === null ? null : String(r.first_end),
  }));
}

/**
 * The latest begin and earliest end of the study persons' records in use in the analysis and the background
 * period, per set mask (model/setSpans.ts): what decides which sets are nested between rolling windows.
 */
export async function setSpans(
  conn: DuckDBConnection,
  periods: { period: Period; background: Period },
): Promise<ReleaseSpans> {
  const period = await spansOf(conn, periods.period);
  const same = periods.background.start === periods.period.start && periods.background.end === periods.period.end;
  return { period, background: same ? period : await spansOf(conn, periods.background) };
}
