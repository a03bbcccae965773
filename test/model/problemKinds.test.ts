import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InternalError } from '../../core/errors.js';
import { loadQuery } from '../../core/loadQuery.js';
import { messagesFor } from '../../core/messages.js';
import { type Database, openDatabase } from '../../core/openDatabase.js';
import { PROBLEM_KINDS, RINPERSOON_DIGITS, problemKindOf, problemReason } from '../../model/problemKinds.js';

const QUERIES = join(import.meta.dirname, '..', '..', 'queries');
const sql = readdirSync(QUERIES)
  .filter((f) => f.endsWith('.sql'))
  .map((f) => ({ file: f, text: readFileSync(join(QUERIES, f), 'utf8') }));

/** A problem code as SQL writes it: a quoted literal of lower-case words joined by "_" (no other literal has that shape). */
const CODE_LITERAL = /'([a-z]+(?:_[a-z]+)+)'/g;

/** The reasons as the terminal and quarantine.csv have always worded them (test/scenarios and test/faults assert them in whole runs). */
const ENGLISH: Record<(typeof PROBLEM_KINDS)[number], string> = {
  key_empty_rinpersoons: 'empty RINPERSOONS',
  key_rinpersoons_not_letter: 'RINPERSOONS is not one letter',
  key_empty_rinpersoon: 'empty RINPERSOON',
  key_not_digits: 'RINPERSOON is not a string of digits',
  key_too_long: 'RINPERSOON has more than 9 digits',
  key_zero: 'RINPERSOON 000000000 is no key',
  date_begin_missing: 'no begin date',
  date_unparseable: 'unparseable date',
  date_end_before_begin: 'end date before begin date',
  code_unmapped: 'code not mapped in the config',
  birth_year_unparseable: 'unparseable birth year',
  birth_month_unparseable: 'unparseable birth month',
};

const en = messagesFor('en');
const nl = messagesFor('nl');

describe('model/problemKinds: the codes queries/*.sql give', () => {
  it('finds the queries', () => {
    expect(sql.map((q) => q.file)).toEqual(
      expect.arrayContaining(['macros.sql', 'coded_records.sql', 'uwv_records.sql', 'gba_rows.sql']),
    );
  });

  it('every code literal in queries/*.sql is a listed kind, and every listed kind is in the SQL', () => {
    const found = new Map<string, string[]>();
    for (const q of sql)
      for (const m of q.text.matchAll(CODE_LITERAL)) found.set(m[1]!, [...(found.get(m[1]!) ?? []), q.file]);
    const listed = new Set<string>(PROBLEM_KINDS);
    const unlisted = [...found]
      .filter(([code]) => !listed.has(code))
      .map(([code, files]) => `${code} (${[...new Set(files)].join(', ')})`);
    expect(unlisted, 'codes in the SQL that model/problemKinds.ts does not list').toEqual([]);
    expect(
      PROBLEM_KINDS.filter((k) => !found.has(k)),
      'listed kinds no query gives',
    ).toEqual([]);
  });

  it('no query gives a reason in words (the catalogue words them)', () => {
    const worded = sql.flatMap((q) =>
      PROBLEM_KINDS.filter((k) => q.text.includes(`'${ENGLISH[k]}'`)).map((k) => `${q.file}: '${ENGLISH[k]}'`),
    );
    expect(worded).toEqual([]);
  });

  it('the list has no duplicate', () => {
    expect(new Set(PROBLEM_KINDS).size).toBe(PROBLEM_KINDS.length);
  });
});

describe('model/problemKinds: the key width the SQL rules use', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openDatabase({ memoryLimit: '256MB', threads: 1 });
    await db.connection.run(loadQuery('macros'));
  });
  afterAll(() => db.close());

  it(`RINPERSOON_DIGITS (${RINPERSOON_DIGITS}) digits are a key, one more is key_too_long, all zeros key_zero`, async () => {
    const x = ['1'.repeat(RINPERSOON_DIGITS), '1'.repeat(RINPERSOON_DIGITS + 1), '0'.repeat(RINPERSOON_DIGITS)];
    const r = await db.connection.runAndReadAll(
      `SELECT mg_key_problem('R', x, mg_key_number(x)) FROM unnest(${JSON.stringify(x).replaceAll('"', "'")}::VARCHAR[]) WITH ORDINALITY AS t(x, i) ORDER BY i`,
    );
    expect(r.getRows().map((row) => row[0])).toEqual([null, 'key_too_long', 'key_zero']);
  });
});

describe('model/problemKinds: worded by the catalogue', () => {
  it('in English exactly as the messages and quarantine.csv have always read', () => {
    expect(Object.fromEntries(PROBLEM_KINDS.map((k) => [k, problemReason(k)]))).toEqual(ENGLISH);
    expect(Object.fromEntries(PROBLEM_KINDS.map((k) => [k, problemReason(k, en)]))).toEqual(ENGLISH);
  });

  it('in Dutch: a sentence of its own for every kind, never the code or the English', () => {
    const texts = PROBLEM_KINDS.map((k) => problemReason(k, nl));
    for (const [i, k] of PROBLEM_KINDS.entries()) {
      expect(texts[i], k).not.toBe(k);
      expect(texts[i], k).not.toBe(ENGLISH[k]);
    }
    expect(new Set(texts).size).toBe(PROBLEM_KINDS.length);
    expect(problemReason('code_unmapped', nl)).toBe('code niet ingedeeld in de config');
    expect(problemReason('key_zero', nl)).toBe('RINPERSOON 000000000 is geen sleutel');
  });

  it('the key width is a parameter, never a literal in the prose', () => {
    for (const m of [en, nl]) {
      expect(m.problemKind('key_too_long', 12)).toMatch(/\b12\b/);
      expect(m.problemKind('key_zero', 3)).toMatch(/RINPERSOON 000 /);
      // with a width of 7: neither the default width nor its nine zeros may remain in any sentence
      for (const k of PROBLEM_KINDS) expect(m.problemKind(k, 7), k).not.toMatch(/(?<!\d)(9|10)(?!\d)|0{8}/);
    }
  });
});

describe('model/problemKinds: problemKindOf', () => {
  it('reads every listed code back', () => {
    for (const k of PROBLEM_KINDS) expect(problemKindOf(k)).toBe(k);
  });

  it('refuses anything else (a reason in words, an unknown code) as a fault of the queries', () => {
    for (const bad of ['unparseable date', 'key_unknown', ''])
      expect(() => problemKindOf(bad), bad).toThrow(InternalError);
  });
});
