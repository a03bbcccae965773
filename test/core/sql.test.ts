import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlIdentifier, sqlString } from '../../core/sql.js';
import { openDatabase, type Database } from '../../core/openDatabase.js';

describe('core/sql', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openDatabase({ threads: 1, memoryLimit: '256MB' });
  });
  afterAll(() => db.close());

  it('sqlIdentifier: wraps in double quotes and doubles embedded quotes', () => {
    expect(sqlIdentifier('RINPERSOON')).toBe('"RINPERSOON"');
    expect(sqlIdentifier('a"b')).toBe('"a""b"');
    expect(sqlIdentifier('"; DROP TABLE x; --')).toBe('"""; DROP TABLE x; --"');
    expect(sqlIdentifier('')).toBe('""');
  });

  it('sqlIdentifier: any name, however hostile, comes back from DuckDB as the same single column name', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ minLength: 1, maxLength: 12 }).filter((s) => !s.includes('\0')),
        async (name) => {
          const r = await db.connection.runAndReadAll(`SELECT 1 AS ${sqlIdentifier(name)}`);
          expect(r.columnNames()).toEqual([name]);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('sqlString: any text, however hostile (a Windows path with quotes, &, brackets, non-ASCII), comes back from DuckDB unchanged', async () => {
    expect(sqlString("C:\\Mijn documenten\\O'Brien [2024] & é")).toBe("'C:\\Mijn documenten\\O''Brien [2024] & é'");
    await fc.assert(
      fc.asyncProperty(
        fc.string({ maxLength: 16 }).filter((s) => !s.includes('\0')),
        async (text) => {
          const r = await db.connection.runAndReadAll(`SELECT ${sqlString(text)} AS v`);
          expect(r.getRowObjects()[0]!.v).toBe(text);
        },
      ),
      { numRuns: 60 },
    );
  });
});
