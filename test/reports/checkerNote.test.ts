import { describe, expect, it } from 'vitest';
import {
  type CheckerFacts,
  checkerNote,
  checkerNoteLines,
  groupDisclosureLines,
  tableCellCounts,
} from '../../reports/checkerNote.js';
import { reasonLookup } from '../../schemas/suppressionAudit.js';
import type { ExportTables } from '../../schemas/tablesJson.js';
import { TABLE_DECLARATIONS } from '../../model/tableDeclarations.js';

const facts: CheckerFacts = {
  period: { start: '2017-01-01', end: '2021-12-31' },
  sources: [
    {
      source: 'gba',
      file: 'GBAPERSOON2022TABV1.csv',
      rows: 2419968,
      sha256: '325452b0f3f6aa0011223344556677889900aabbccddeeff0011223344556677',
    },
    {
      source: 'srg',
      file: 'PWETSRGVOORZIENINGTAB.csv',
      rows: 57085,
      sha256: '7ca35dd7bb30ffeeddccbbaa99887766554433221100ffeeddccbbaa99887766',
    },
  ],
  params: { threshold: 10, zeroUnsafe: false, safetyRange: 0.3 },
  tables: [
    { id: '3.0', shown: 3, primary: 0, secondary: 0, differencing: 0, earlierCell: 0 },
    { id: 'F3.1', shown: 14, primary: 6, secondary: 4, differencing: 0, earlierCell: 0 },
  ],
  passed: true,
  quarantinedRows: 0,
  groupDisclosure: [{ table: '3.6', line: 'column', label: 'Tolk Wmo', category: 'B', kind: 'nearlyAll' }],
  declarations: TABLE_DECLARATIONS,
  software: { version: '9.9.9', commit: 'abc123' },
};

describe('checkerNote', () => {
  it('captions a user figure as a figure as declared by the run (an undeclared id: a figure when it starts with F)', () => {
    const withUser: CheckerFacts = {
      ...facts,
      tables: [...facts.tables, { id: 'U2', shown: 4, primary: 1, secondary: 1, differencing: 0, earlierCell: 0 }],
    };
    expect(checkerNote(withUser, 'en')).toMatch(/\n {2}Table U2\s+4 \//);
    const u2 = { ...TABLE_DECLARATIONS.find((d) => d.id === 'F3.4')!, id: 'U2' };
    const named = checkerNote({ ...withUser, declarations: [...TABLE_DECLARATIONS, u2] }, 'nl');
    expect(named).toMatch(/\n {2}Figuur U2\s+4 \//);
    expect(named).toMatch(/\n {2}Figuur 3\.1\s+14 \//);
    expect(named).toMatch(/\n {2}Tabel 3\.0\s+3 \//);
    expect(named).toContain('Periode: 2017-01-01 t/m 2021-12-31');
  });

  it('states period, sources with rows and hash prefix, rule, per-table counts, verdict and the checks beyond the threshold (English)', () => {
    const en = checkerNote(facts, 'en');
    expect(en).toContain('Period: 2017-01-01 to 2021-12-31');
    expect(en).toMatch(/GBAPERSOON2022TABV1\.csv\s+gba\s+2,419,968 rows {2}325452b0f3f6\n/);
    expect(en).toMatch(/PWETSRGVOORZIENINGTAB\.csv\s+srg\s+57,085 rows {2}7ca35dd7bb30\n/);
    expect(en).not.toContain('325452b0f3f6aa'); // a prefix, not the whole hash
    expect(en).toContain('Parameters: threshold = 10, zero unsafe = no, safety range = 0.3.');
    expect(en).toContain('a count from 1 to 9 is shown as **');
    expect(en).toMatch(/Table 3\.0\s+3 \/\s+0 \/\s+0\n/);
    expect(en).toMatch(/Figure 3\.1\s+14 \/\s+6 \/\s+4\n/);
    expect(en).toMatch(/All tables\s+17 \/\s+6 \/\s+4\n/);
    expect(en).toContain('Audit: PASSED');
    expect(en).toContain('Quarantine: No input rows were set aside.');
    expect(en).toContain('Dominance (p% or (n,k) rules): not applicable');
    expect(en).toContain('Group (class) disclosure');
    expect(en).toContain('  Table 3.6, column "Tolk Wmo": all but fewer than 10 of its persons are in row "B"');
    expect(en).toContain('Judge\n  per line whether publishing that tells something about the persons of that group');
    expect(en).toContain('No earlier export was taken into account (the run had no --previous)');
    expect(en).not.toContain('tables.md'); // not in the export
    expect(en.endsWith('\n')).toBe(true);
  });

  it('says the same in Dutch, and the xlsx lines are the same note', () => {
    const nl = checkerNote(facts, 'nl');
    expect(nl).toContain('toelichting voor de CBS-outputcontrole');
    expect(nl).toContain('Periode: 2017-01-01 t/m 2021-12-31');
    expect(nl).toMatch(/GBAPERSOON2022TABV1\.csv\s+gba\s+2\.419\.968 rijen {2}325452b0f3f6\n/);
    expect(nl).toContain('Parameters: drempel = 10, nul onveilig = nee, veiligheidsmarge = 0,3.');
    expect(nl).toContain('p = max(1, ceil(v * 0,3))');
    expect(nl).toMatch(/Figuur 3\.1\s+14 \/\s+6 \/\s+4\n/);
    expect(nl).toContain('Audit: GESLAAGD');
    expect(nl).toContain('Dominantie (p%- of (n,k)-regel): niet van toepassing');
    expect(nl).toContain('  Tabel 3.6, kolom "Tolk Wmo": op minder dan 10 na vallen al haar personen in rij "B"');
    // "Regels" reads as "rules" right under "Regel en parameters": the group check speaks of rows and columns
    expect(nl.slice(nl.indexOf('Groepsonthulling'))).not.toMatch(/Regels/);
    expect(nl).toContain('Er is geen eerdere export meegenomen');
    expect(checkerNoteLines(facts, 'nl').join('\n') + '\n').toBe(nl);
    // the two languages carry the same facts: as many lines, the same numbers
    const numbers = (s: string) => [...s.replace(/[.,](?=\d{3})/g, '').matchAll(/\d+/g)].map((m) => m[0]);
    expect(checkerNoteLines(facts, 'nl').length).toBe(checkerNoteLines(facts, 'en').length);
    expect(numbers(nl)).toEqual(numbers(checkerNote(facts, 'en')));
  });

  it('notes quarantined rows (under the threshold only as "fewer than"), a failed audit, and earlier exports with differencing suppressions', () => {
    const q = checkerNote({ ...facts, quarantinedRows: 3 }, 'en');
    expect(q).toContain('Quarantine: fewer than 10 input row(s) with errors were set aside and not counted');
    expect(checkerNote({ ...facts, quarantinedRows: 42 }, 'nl')).toContain(
      'Quarantaine: 42 invoerrij(en) met fouten zijn terzijde gelegd',
    );
    expect(checkerNote({ ...facts, passed: false }, 'en')).toContain('Audit: FAILED');
    const prev = {
      ...facts,
      previous: [
        {
          dir: 'out-2022',
          period: { start: '2017-01-01', end: '2020-12-31' },
          tablesSha256: 'ab'.repeat(32),
          manifestSha256: 'cd'.repeat(32),
        },
      ],
    };
    const none = checkerNote({ ...prev, forPrevious: 0 }, 'en');
    expect(none).toContain('Protected jointly with these earlier exports (--previous):');
    expect(none).toContain(
      'out-2022: period 2017-01-01 to 2020-12-31, tables.json SHA-256 abababababab, manifest cdcdcdcdcdcd',
    );
    expect(none).toContain('(differencing): none.');
    expect(none).toContain('What the earlier exports cost: 0 cell(s)');
    const some = {
      ...prev,
      forPrevious: 9,
      tables: [{ ...facts.tables[0]!, differencing: 4, earlierCell: 2 }, facts.tables[1]!],
    };
    const nl = checkerNote(some, 'nl');
    expect(nl).toContain('(verschilonthulling): 4.');
    expect(nl).toContain('een in een eerdere export afgeschermde cel zouden begrenzen: 2.');
    expect(nl).toContain('Wat de eerdere exports kosten: 9 cel(len)');
    // with earlier exports the per-table lines carry the two extra kinds, and the totals add up
    expect(nl).toMatch(/\n {2}Tabel 3\.0\s+3 \/\s+0 \/\s+0 \/\s+4 \/\s+2\n/);
    expect(nl).toMatch(/\n {2}Alle tabellen\s+17 \/\s+6 \/\s+4 \/\s+4 \/\s+2\n/);
  });
});

describe('groupDisclosureLines and tableCellCounts', () => {
  const tables: ExportTables = {
    period: { start: '2017-01-01', end: '2022-12-31' },
    tables: {
      '3.6': {
        title: 't',
        rows: [
          { key: 'total', label: 'Totaal' },
          { key: 'a', label: 'A' },
          { key: 'b', label: 'B' },
          { key: 'c', label: 'C' },
        ],
        columns: [
          { key: 'tolk', label: 'Tolk Wmo' },
          { key: 'x', label: 'X' },
        ],
        cells: [
          [756, 300],
          [0, 100],
          [750, 120],
          [0, '**'],
        ],
      },
    },
  };
  it('names the row or column and the category (nearly) all its persons are in, by the documented rule, and only those', () => {
    // column Tolk Wmo: total 756, B 750 (all but 6 < 10); column X: total 300, no category near it; rows have no total
    expect(groupDisclosureLines(tables, ['3.6'])).toEqual([
      { table: '3.6', line: 'column', label: 'Tolk Wmo', category: 'B', kind: 'nearlyAll' },
    ]);
    expect(groupDisclosureLines(tables, ['3.6'], 5)).toEqual([]);
    const all = structuredClone(tables);
    all.tables['3.6']!.cells[2]![0] = 756;
    expect(groupDisclosureLines(all, ['3.6'])).toEqual([
      { table: '3.6', line: 'column', label: 'Tolk Wmo', category: 'B', kind: 'all' },
    ]);
    // without a total: at least three shown categories, exactly one not 0 (F3.1's "onbekend" 0, 19, 11, 0 is not flagged)
    const noTotal: ExportTables = {
      period: tables.period,
      tables: {
        F: {
          title: 't',
          rows: ['a', 'b', 'c', 'd'].map((k) => ({ key: k, label: k.toUpperCase() })),
          columns: [
            { key: 'onbekend', label: 'onbekend' },
            { key: 'n', label: 'N' },
          ],
          cells: [
            [0, 5],
            [19, 0],
            [11, 0],
            [0, 0],
          ],
        },
      },
    };
    expect(groupDisclosureLines(noTotal, ['F'])).toEqual([
      { table: 'F', line: 'column', label: 'N', category: 'A', kind: 'onlyOne' },
    ]);
  });
  it('counts shown, primary and secondary cells from the marks', () => {
    const marks = {
      '3.6': [
        [null, null],
        [null, null],
        [null, 'secondary' as const],
        [null, 'primary' as const],
      ],
    };
    expect(tableCellCounts(tables.tables, marks, ['3.6'])).toEqual([
      { id: '3.6', shown: 6, primary: 1, secondary: 1, differencing: 0, earlierCell: 0 },
    ]);
  });
  it('counts suppressed cells by the reason kind of their audit record', () => {
    const marks = {
      '3.6': [
        [null, null],
        [null, 'primary' as const],
        [null, 'secondary' as const],
        [null, 'primary' as const],
      ],
    };
    const why = reasonLookup([
      { table: '3.6', row: 'a', column: 'x', why: 'differencing' },
      { table: '3.6', row: 'b', column: 'x', why: 'earlierCell' },
      { table: '3.6', row: 'c', column: 'x', why: 'threshold' },
    ]);
    expect(tableCellCounts(tables.tables, marks, ['3.6'], why)).toEqual([
      { id: '3.6', shown: 5, primary: 1, secondary: 0, differencing: 1, earlierCell: 1 },
    ]);
  });
});
