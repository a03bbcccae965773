import { describe, expect, it } from 'vitest';
import {
  BASE_SETS,
  DIMENSIONS,
  PWET_CATS,
  UWV_BACKGROUNDS,
  UWV_TYPES,
  WMO_CATS,
  bitOf,
} from '../../model/personSets.js';
import { cellMatches } from '../../model/cellTerm.js';
import {
  DeclarationError,
  hasPercentages,
  TABLE_DECLARATIONS,
  type TableDeclaration,
  cellTerms,
  declarationsFor,
  expandTables,
  populationSets,
  shippedDeclarations,
} from '../../model/tableDeclarations.js';
import { shippedTablesFile, TableSpecSchema } from '../../model/tablesFile.js';
import { caption, FIGURE_IDS, PUBLISHED_ORDER, tableOrder } from '../../reports/tableOrder.js';
import { translateTables } from '../../reports/translateTables.js';
import { PWET_TARGETS } from '../../schemas/config.js';
import type { ExportTables } from '../../schemas/tablesJson.js';

describe('model/tables.json', () => {
  it('declares the 28 published tables with the metadata the renderers and the disclosure code read', () => {
    const d = shippedDeclarations();
    expect(d).toHaveLength(28);
    expect(new Set(d.map((x) => x.id)).size).toBe(28);
    expect(PUBLISHED_ORDER).toEqual([
      '3.0',
      '3.1',
      'F3.1',
      'F3.2',
      'F3.3',
      '3.2',
      'F3.4',
      '3.3',
      '3.4',
      '3.5',
      '3.6',
      'F3.5',
      '3.7',
      '3.8',
      '3.9',
      '3.10',
      '3.11',
      '4.1',
      'F4.1',
      '4.2',
      'F4.3',
      '4.3',
      '4.4',
      'F4.4',
      '4.5',
      'A',
      'B',
      'C',
    ]);
    expect(FIGURE_IDS).toEqual(['F3.1', 'F3.2', 'F3.3', 'F3.4', 'F3.5', 'F4.1', 'F4.3', 'F4.4']);
    expect(TABLE_DECLARATIONS.filter(hasPercentages).map((d) => d.id)).toEqual(['F3.1', 'F3.2', 'F3.3']);
    expect([...populationSets()].sort()).toEqual(['lks', 'pwet', 'tolk', 'uwv', 'visueel', 'wmo', 'work']);
    for (const t of d) {
      for (const a of [...t.rows, ...t.columns]) expect(a.labelEn, `${t.id} ${a.key}`).toBeTruthy();
      expect(t.titleEn).toMatch(/\{(period|bgPeriod)\}/);
      if (t.kind === 'figure') expect(t.chart).toBeDefined();
    }
  });

  it('holds the one definition of each category list (person sets, config targets, dimensions derive from it)', () => {
    const f = shippedTablesFile();
    expect(PWET_CATS).toEqual(f.categories.pwet!.items.map((i) => i.key));
    expect(UWV_TYPES).toEqual(f.categories.uwvType!.items.map((i) => i.key));
    expect(UWV_BACKGROUNDS).toEqual(f.categories.uwvBackground!.items.map((i) => i.key));
    expect(WMO_CATS).toEqual(f.categories.wmo!.items.map((i) => i.key));
    expect(PWET_TARGETS).toEqual([...PWET_CATS, 'lks']);
    expect(DIMENSIONS.age.map(([k]) => k)).toEqual(['lt18', '18_27', '28_55', 'gt55', 'onbekend']);
    expect(BASE_SETS).toHaveLength(26);
  });
});

describe('declarationsFor(config)', () => {
  const spec = {
    id: 'U1',
    kind: 'figure',
    chart: 'bars',
    title: { nl: 'N {period}', en: 'E {period}' },
    rows: [{ count: 'wmo', from: 1, to: 2 }],
    columns: ['users'],
  };

  it('keeps all shipped tables by default and appends the added ones after them', () => {
    const d = declarationsFor({ tables: { add: [TableSpecSchema.parse(spec)], drop: [] } });
    expect(d.map((x) => x.id)).toEqual([...shippedDeclarations().map((x) => x.id), 'U1']);
    expect(tableOrder(['U1', 'C', '3.0'], d)).toEqual(['3.0', 'C', 'U1']);
    expect(caption('U1', 'nl', d)).toBe('Figuur U1');
    expect(d.at(-1)!.rows.map((r) => [r.key, r.label, r.labelEn])).toEqual([
      ['n1', '1 voorziening', '1 provision'],
      ['n2', '2 voorzieningen', '2 provisions'],
    ]);
  });

  it('keep and drop select shipped tables by id with * wildcards', () => {
    expect(declarationsFor({ tables: { add: [], keep: ['3.*'], drop: ['3.1*'] } }).map((x) => x.id)).toEqual([
      '3.0',
      '3.2',
      '3.3',
      '3.4',
      '3.5',
      '3.6',
      '3.7',
      '3.8',
      '3.9',
    ]);
    expect(declarationsFor({ tables: { add: [], drop: ['F*'] } }).some((x) => x.kind === 'figure')).toBe(false);
  });

  it('translates a user table with its own English title and labels', () => {
    const d = declarationsFor({ tables: { add: [TableSpecSchema.parse(spec)], drop: [] } });
    const tables: ExportTables = {
      period: { start: '2017-01-01', end: '2022-12-31' },
      tables: {
        U1: {
          title: 'N 2017-2022',
          rows: [
            { key: 'n1', label: '1 voorziening' },
            { key: 'n2', label: '2 voorzieningen' },
          ],
          columns: [{ key: 'users', label: 'Aantal personen' }],
          cells: [[12], ['**']],
        },
      },
    };
    const en = translateTables(tables, d).tables.U1!;
    expect(en.title).toBe('E 2017–2022');
    expect(en.rows.map((r) => r.label)).toEqual(['1 provision', '2 provisions']);
    expect(en.columns[0]!.label).toBe('Number of users');
  });

  it('names the JSON path of a bad declaration', () => {
    const bad = (over: object) => {
      try {
        declarationsFor({ tables: { add: [TableSpecSchema.parse({ ...spec, ...over })], drop: [] } });
      } catch (e) {
        expect(e).toBeInstanceOf(DeclarationError);
        return `${(e as DeclarationError).path.join('.')}: ${(e as Error).message}`;
      }
      return 'no error';
    };
    expect(bad({ rows: ['wmo.fiets'] })).toMatch(
      /^add\.0\.rows\.0: unknown category key "wmo\.fiets"; valid keys: .*wmo\.huishouden/,
    );
    // a missing English title is named plainly, with its path
    const noEn = TableSpecSchema.safeParse({ ...spec, title: { nl: 'N {period}' } });
    expect(noEn.success).toBe(false);
    expect(noEn.error!.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      [
        'title.en',
        'the English title is missing: every table needs "title": {"nl": "… {period}.", "en": "… {period}."}',
      ],
    ]);
    // the likeliest slip: a list named where a category is expected
    expect(bad({ rows: ['age'] })).toBe(
      'add.0.rows.0: "age" is a list of categories, not one category: write {"each": "age"} for a row or column per category',
    );
    expect(bad({ rows: [{ each: 'fietsen' }] })).toMatch(
      /^add\.0\.rows\.0\.each: unknown category list "fietsen"; valid lists: pwet, uwvType/,
    );
    expect(bad({ base: [{ set: 'pwet.fiets' }] })).toMatch(/^add\.0\.base\.0\.set: unknown set/);
    expect(bad({ base: [{ dim: 'age', value: 'oud' }] })).toMatch(/^add\.0\.base\.0\.value: unknown age class "oud"/);
    expect(bad({ id: 'F3.1' })).toMatch(/^add\.0\.id: table id "F3.1" is declared twice/);
    expect(bad({ rows: [] })).toMatch(/^add\.0\.rows: /);
    expect(bad({ chart: undefined })).toMatch(/^add\.0\.chart: a figure needs a chart kind/);
    expect(bad({ chart: 'share' })).toMatch(/^add\.0\.columns: a "share" figure needs a column with key "total"/);
    expect(bad({ rows: ['wmo', 'wmo'] })).toMatch(/^add\.0\.rows: key "wmo" occurs twice/);
    expect(() => expandTables([TableSpecSchema.parse(spec), TableSpecSchema.parse(spec)])).toThrow(/declared twice/);
  });
});

const T = ['total'];
const AGES = ['lt18', '18_27', '28_55', 'gt55', 'onbekend'];
const GROUPS = ['uwv_pwet', 'pwet_wmo', 'uwv_wmo', 'uwv_pwet_wmo'];
const n = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `n${from + i}`);

/** Rows and columns of every table, transcribed from docs/spec/tables.md ("The tables"). */
const SPEC: Record<string, [string[], string[]]> = {
  '3.0': [['work', 'multi', 'uwv_pwet_wmo'], ['users']],
  '3.1': [
    ['pwet', 'uwv', 'wmo'],
    ['total', 'pwet', 'uwv', 'wmo'],
  ],
  '3.2': [[...T, ...PWET_CATS], ['users']],
  '3.3': [[...PWET_CATS], [...PWET_CATS]],
  '3.4': [[...T, ...UWV_TYPES], ['users']],
  '3.5': [[...UWV_TYPES], [...UWV_TYPES]],
  '3.6': [
    [...T, ...UWV_TYPES],
    [...T, ...UWV_BACKGROUNDS],
  ],
  '3.7': [[...PWET_CATS], [...T, ...WMO_CATS]],
  '3.8': [[...UWV_TYPES], [...T, ...WMO_CATS]],
  '3.9': [[...UWV_BACKGROUNDS], [...T, ...WMO_CATS]],
  '3.10': [
    [...T, ...PWET_CATS],
    [...T, ...UWV_TYPES],
  ],
  '3.11': [[...PWET_CATS], [...UWV_BACKGROUNDS]],
  'F3.1': [GROUPS, [...AGES, 'total']],
  'F3.2': [GROUPS, ['man', 'vrouw', 'onbekend', 'total']],
  'F3.3': [GROUPS, ['laag', 'midden', 'hoog', 'onbekend', 'total']],
  'F3.4': [n(1, 5), ['users']],
  'F3.5': [n(1, 5), ['users']],
  '4.1': [['visueel'], [...T, ...UWV_BACKGROUNDS]],
  'F4.1': [n(0, 5), ['users']],
  '4.2': [['tolk'], [...T, ...PWET_CATS]],
  'F4.3': [n(1, 5), ['users']],
  '4.3': [['tolk'], ['jobcoach', 'meeneembaar', 'startkrediet', 'vervoer']],
  '4.4': [['tolk'], [...T, ...WMO_CATS]],
  'F4.4': [n(1, 5), ['users']],
  '4.5': [['tolk'], [...T, ...UWV_BACKGROUNDS]],
  A: [['lks'], [...T, ...WMO_CATS]],
  B: [['lks'], [...T, ...UWV_TYPES]],
  C: [['lks'], [...T, ...UWV_BACKGROUNDS]],
};

const decl = (id: string) => TABLE_DECLARATIONS.find((d) => d.id === id)!;
const nullCells = (d: TableDeclaration) =>
  d.rows.flatMap((r, i) => d.columns.flatMap((c, j) => (cellTerms(d, i, j) === null ? [`${r.key}/${c.key}`] : [])));
const person = (...keys: string[]) => {
  const bits = keys.reduce((m, k) => m | (1 << bitOf(k)), 0);
  return { bits, bitsBg: bits, age: 'onbekend', gender: 'onbekend', education: 'onbekend', n: 1 };
};

describe('model/tableDeclarations', () => {
  it('the tables of docs/spec/tables.md, each with its row and column keys, ids unique', () => {
    expect(TABLE_DECLARATIONS.map((d) => d.id).sort()).toEqual(Object.keys(SPEC).sort());
    for (const d of TABLE_DECLARATIONS) {
      expect([d.rows.map((r) => r.key), d.columns.map((c) => c.key)], d.id).toEqual(SPEC[d.id]);
      expect(d.title.length, d.id).toBeGreaterThan(0);
      for (const h of [...d.rows, ...d.columns]) expect(h.label.length, `${d.id}/${h.key}`).toBeGreaterThan(0);
    }
  });

  it('figures are the F ids; F3.1–F3.3 count over the background period, the rest over P', () => {
    for (const d of TABLE_DECLARATIONS) {
      expect(d.kind, d.id).toBe(d.id.startsWith('F') ? 'figure' : 'table');
      expect(d.basis, d.id).toBe(['F3.1', 'F3.2', 'F3.3'].includes(d.id) ? 'background' : 'period');
    }
  });

  it('cells without a value: 3.1 diagonal, 3.3 and 3.5 on and below the diagonal, 3.10 corner; none elsewhere', () => {
    expect(nullCells(decl('3.1'))).toEqual(['pwet/pwet', 'uwv/uwv', 'wmo/wmo']);
    expect(nullCells(decl('3.3'))).toHaveLength(15); // 5 × 5 minus the 10 above the diagonal
    expect(cellTerms(decl('3.3'), 0, 1)).not.toBeNull();
    expect(cellTerms(decl('3.3'), 1, 0)).toBeNull();
    expect(nullCells(decl('3.5'))).toHaveLength(15);
    expect(nullCells(decl('3.10'))).toEqual(['total/total']);
    for (const d of TABLE_DECLARATIONS)
      if (!['3.1', '3.3', '3.5', '3.10'].includes(d.id)) expect(nullCells(d), d.id).toEqual([]);
  });

  it('cellTerms = base + row + column terms', () => {
    const d = decl('3.1');
    expect(cellTerms(d, 0, 2)).toEqual([{ set: 'work' }, { set: 'pwet' }, { set: 'uwv' }]);
    expect(cellTerms(decl('4.2'), 0, 0)).toEqual([{ set: 'tolk' }, { set: 'pwet' }]);
  });

  it('cells mean what docs/spec/tables.md says (checked on single persons)', () => {
    const inCell = (id: string, row: string, col: string, p: ReturnType<typeof person>) => {
      const d = decl(id);
      const terms = cellTerms(
        d,
        d.rows.findIndex((r) => r.key === row),
        d.columns.findIndex((c) => c.key === col),
      )!;
      return cellMatches(terms, p, d.basis);
    };
    // 3.0 multi: in at least two of pwet, uwv, wmo
    expect(inCell('3.0', 'multi', 'users', person('pwet.vervoer', 'wmo.overig'))).toBe(true);
    expect(inCell('3.0', 'multi', 'users', person('pwet.vervoer', 'pwet.overig'))).toBe(false);
    // 3.1 total column: row ∩ work — a Wmo user outside work is not counted
    expect(inCell('3.1', 'wmo', 'total', person('wmo.overig'))).toBe(false);
    expect(inCell('3.1', 'wmo', 'total', person('wmo.overig', 'uwv.vervoer'))).toBe(true);
    // 3.6 corner = |uwv|
    expect(inCell('3.6', 'total', 'total', person('uwv.startkrediet'))).toBe(true);
    expect(inCell('3.6', 'total', 'total', person('pwet.vervoer'))).toBe(false);
    // F3.4: number of distinct Pwet categories
    expect(inCell('F3.4', 'n2', 'users', person('pwet.vervoer', 'pwet.overig', 'uwv.vervoer'))).toBe(true);
    // F4.1 n0: visueel without any Wmo provision
    expect(inCell('F4.1', 'n0', 'users', person('visueel'))).toBe(true);
    expect(inCell('F4.1', 'n0', 'users', person('visueel', 'wmo.huishouden'))).toBe(false);
    // F3.1 pair groups include the triple group
    expect(inCell('F3.1', 'uwv_pwet', 'total', person('uwv.vervoer', 'pwet.vervoer', 'wmo.overig'))).toBe(true);
    // A: lks users are counted whether or not they are in work
    expect(inCell('A', 'lks', 'total', person('lks'))).toBe(true);
  });

  it("labels carry the report's footnote markers where docs/spec/tables.md has them (Pwet categories from 2019)", () => {
    const labels = Object.fromEntries(decl('3.3').rows.map((r) => [r.key, r.label]));
    expect(labels.ondersteuning_werkplek).toMatch(/\*$/);
    expect(labels.overig_faciliterend).toMatch(/\*$/);
    expect(labels.begeleiding_jobcoach).toMatch(/~$/);
    expect(labels.vervoer).not.toMatch(/[*~]$/);
  });
});
