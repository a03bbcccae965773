import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase } from '../../core/openDatabase.js';

/** SHA-256 of every file in a folder (name → hash): inputs must be byte-identical after every fault. */
export function folderHashes(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (existsSync(p) && statSync(p).isFile()) out[name] = createHash('sha256').update(readFileSync(p)).digest('hex');
  }
  return out;
}

/** Run SQL statements (e.g. a COPY to Parquet) in a throwaway DuckDB. */
export async function duck(...sql: string[]): Promise<void> {
  const db = await openDatabase({ memoryLimit: '512MB', threads: 1 });
  try {
    for (const s of sql) await db.connection.run(s);
  } finally {
    db.close();
  }
}

export const sqlString = (s: string) => `'${s.replaceAll("'", "''")}'`;
