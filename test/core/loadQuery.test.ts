import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadQuery } from '../../core/loadQuery.js';
import { openDatabase, type Database } from '../../core/openDatabase.js';
import { packageRoot } from '../../core/packageRoot.js';

/** A query file written for this test into queries/ (removed afterwards); a unique name so the loader's cache is cold. */
const NAME = `zz_test_loadquery_${process.pid}`;
const FILE = join(packageRoot(), 'queries', `${NAME}.sql`);

describe('core/loadQuery', () => {
  let db: Database;
  beforeAll(async () => {
    writeFileSync(FILE, 'SELECT {{col}} FROM {{tbl}} WHERE {{!cond}} AND {{col}} IS NOT NULL');
    db = await openDatabase({ threads: 1, memoryLimit: '256MB' });
  });
  afterAll(() => {
    rmSync(FILE, { force: true });
    db.close();
  });

  it('fills {{key}} with a quoted identifier (every occurrence) and {{!key}} with the raw fragment', () => {
    const q = loadQuery(NAME, { col: 'my "col"', tbl: 'T' }, { cond: 'x > 1' });
    expect(q).toBe('SELECT "my ""col""" FROM "T" WHERE x > 1 AND "my ""col""" IS NOT NULL');
  });

  it('a raw fragment is not quoted, an identifier is never taken from the raw map', () => {
    expect(() => loadQuery(NAME, { tbl: 'T' }, { cond: 'true', col: 'c' })).toThrow(/no identifier for \{\{col\}\}/);
  });

  it('a missing identifier or fragment throws, naming the query and the placeholder', () => {
    expect(() => loadQuery(NAME, { col: 'c' }, { cond: 'true' })).toThrow(
      new RegExp(`query ${NAME}: no identifier for \\{\\{tbl\\}\\}`),
    );
    expect(() => loadQuery(NAME, { col: 'c', tbl: 't' }, {})).toThrow(/no SQL fragment for \{\{!cond\}\}/);
    // an identifier of the same name does not stand in for a fragment
    expect(() => loadQuery(NAME, { col: 'c', tbl: 't', cond: 'c' }, {})).toThrow(/no SQL fragment for \{\{!cond\}\}/);
  });

  it('a query without placeholders comes back as the file text', () => {
    // atoms.sql is the link stage's query: no placeholders, values bound as $params elsewhere
    const text = readFileSync(join(packageRoot(), 'queries', 'atoms.sql'), 'utf8');
    expect(loadQuery('atoms')).toBe(text);
  });

  it('an unknown query name fails to read (ENOENT)', () => {
    expect(() => loadQuery('zz_no_such_query')).toThrow(/ENOENT/);
  });

  it('every shipped query is loadable from queries/ (placeholders aside)', () => {
    const text = readFileSync(join(packageRoot(), 'queries', 'keyed_rows.sql'), 'utf8');
    expect(text).toContain('{{!relation}}');
    const keyed = loadQuery('keyed_rows', {}, { relation: 'SELECT 1' });
    expect(keyed).not.toContain('{{');
    expect(loadQuery('gba_rows', {}, { keyed })).toContain('FROM (SELECT 1)');
    expect(() => loadQuery('gba_rows', {}, { relation: 'SELECT 1' })).toThrow(/no SQL fragment for \{\{!keyed\}\}/);
  });
});
