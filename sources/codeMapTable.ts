import { type DuckDBConnection, INTEGER, VARCHAR } from '@duckdb/node-api';
import type { Config } from '../schemas/config.js';
import { normaliseCode } from '../schemas/loadConfig.js';
import { loadQuery } from '../core/loadQuery.js';
import { bitOf } from '../model/personSets.js';

export interface CodeMapRow {
  domain: string;
  code: string;
  /** Set bit, or -1 for "ignore"; null for string-valued mappings. */
  bit: number | null;
  target: string | null;
}

/** The config's code lists as rows of the `code_map` table the queries join on. Pure. */
export function codeMapRows(config: Config): CodeMapRow[] {
  const rows: CodeMapRow[] = [];
  const bits = (domain: string, map: Record<string, string>, prefix: string) => {
    for (const [code, target] of Object.entries(map))
      rows.push({
        domain,
        code: normaliseCode(code),
        bit: target === 'ignore' ? -1 : bitOf(target === 'lks' ? 'lks' : `${prefix}${target}`),
        target,
      });
  };
  bits('srg', config.codes.srg, 'pwet.');
  bits('wmo', config.codes.wmo, 'wmo.');
  bits('uwvType', config.codes.uwvType, 'uwv.');
  bits('uwvBackground', config.codes.uwvBackground, 'uwv.bg.');
  for (const p of config.codes.tolkProducts)
    rows.push({ domain: 'uwvProduct', code: p.trim(), bit: bitOf('tolk'), target: 'tolk' });
  for (const p of config.codes.visueelProducts)
    rows.push({ domain: 'uwvProduct', code: p.trim(), bit: bitOf('visueel'), target: 'visueel' });
  for (const [code, g] of Object.entries(config.sources.gba.genderCodes))
    rows.push({ domain: 'gender', code: normaliseCode(code), bit: null, target: g });
  for (const [d, level] of Object.entries(config.sources.education.firstDigit))
    rows.push({ domain: 'education', code: d, bit: null, target: level });
  // deduplicate (the same code listed twice as "01" and "1" with one target)
  const seen = new Set<string>();
  return rows.filter((r) => {
    const k = `${r.domain}\u0000${r.code}\u0000${r.target}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Create the macros and the `code_map` table on a connection. */
export async function installCodeMap(conn: DuckDBConnection, config: Config): Promise<void> {
  await conn.run(loadQuery('macros'));
  await conn.run(loadQuery('code_map'));
  const stmt = await conn.prepare(loadQuery('code_map_row'));
  for (const r of codeMapRows(config)) {
    stmt.bind(
      { domain: r.domain, code: r.code, bit: r.bit, target: r.target },
      { bit: INTEGER, target: VARCHAR, domain: VARCHAR, code: VARCHAR },
    );
    await stmt.run();
  }
}
