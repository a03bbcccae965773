import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DATABASE_OPTIONS, openDatabase } from '../../core/openDatabase.js';

async function setting(conn: Awaited<ReturnType<typeof openDatabase>>['connection'], name: string): Promise<string> {
  const r = await conn.runAndReadAll(`SELECT current_setting('${name}')::VARCHAR AS v`);
  return String(r.getRowObjects()[0]!.v);
}

/** DuckDB reports limits in its own units, rounded (4GB as "3.7 GiB"); compare in bytes within that rounding. */
async function memoryLimitBytes(conn: Awaited<ReturnType<typeof openDatabase>>['connection']): Promise<number> {
  const r = await conn.runAndReadAll(`SELECT value FROM duckdb_settings() WHERE name = 'memory_limit'`);
  const text = String(r.getRowObjects()[0]!.value);
  const m = /^([\d.]+)\s*(KiB|MiB|GiB|TiB|KB|MB|GB|TB|bytes)$/.exec(text);
  if (!m) throw new Error(`unexpected memory_limit ${text}`);
  const unit: Record<string, number> = {
    bytes: 1,
    KiB: 2 ** 10,
    MiB: 2 ** 20,
    GiB: 2 ** 30,
    TiB: 2 ** 40,
    KB: 1e3,
    MB: 1e6,
    GB: 1e9,
    TB: 1e12,
  };
  return Number(m[1]) * unit[m[2]!]!;
}

describe('core/openDatabase', () => {
  it("defaults: 4GB and 2 threads (not DuckDB's 80 % of RAM and all cores)", () => {
    expect(DEFAULT_DATABASE_OPTIONS).toEqual({ memoryLimit: '4GB', threads: 2 });
  });

  it('opens an in-memory database with the given thread count and memory limit', async () => {
    const db = await openDatabase({ threads: 1, memoryLimit: '300MB' });
    try {
      expect(await setting(db.connection, 'threads')).toBe('1');
      expect(Math.abs((await memoryLimitBytes(db.connection)) / 300e6 - 1)).toBeLessThan(0.02);
      expect(await setting(db.connection, 'preserve_insertion_order')).toBe('true');
      const r = await db.connection.runAndReadAll(
        `SELECT database_name, path FROM duckdb_databases() WHERE database_name = current_database()`,
      );
      expect(r.getRowObjects()[0]!.path).toBeNull(); // in memory: no file
    } finally {
      db.close();
    }
  });

  it('the defaults apply when nothing is given', async () => {
    const db = await openDatabase();
    try {
      expect(await setting(db.connection, 'threads')).toBe('2');
      expect(Math.abs((await memoryLimitBytes(db.connection)) / 4e9 - 1)).toBeLessThan(0.02); // shown as e.g. 3.7 GiB
    } finally {
      db.close();
    }
  });

  it('insertion order can be turned off, and a temp directory set', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mg-opendb-'));
    const db = await openDatabase({
      threads: 1,
      memoryLimit: '200MB',
      preserveInsertionOrder: false,
      tempDirectory: dir,
    });
    try {
      expect(await setting(db.connection, 'preserve_insertion_order')).toBe('false');
      expect(await setting(db.connection, 'temp_directory')).toBe(dir);
    } finally {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('close() closes the connection: it can no longer run queries', async () => {
    const db = await openDatabase({ threads: 1, memoryLimit: '100MB' });
    db.close();
    await expect(db.connection.run('SELECT 1')).rejects.toThrow();
  });
});
