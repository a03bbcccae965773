import { describe, expect, it } from 'vitest';
import { PERCENTAGE_TABLES } from '../../disclosure/percentages.js';
import { BASE_SETS, DIMENSIONS, PWET_CATS, UWV_BACKGROUNDS, UWV_TYPES, WMO_CATS } from '../../model/personSets.js';
import { DeclarationError, declarationsFor, expandTables, populationSets, shippedDeclarations } from '../../model/tableDeclarations.js';
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
      '3.0', '3.1', 'F3.1', 'F3.2', 'F3.3', '3.2', 'F3.4', '3.3', '3.4', '3.5', '3.6', 'F3.5',
      '3.7', '3.8', '3.9', '3.10', '3.11', '4.1', 'F4.1', '4.2', 'F4.3', '4.3', '4.4', 'F4.4', '4.5', 'A', 'B', 'C',
    ]);
    expect(FIGURE_IDS).toEqual(['F3.1', 'F3.2', 'F3.3', 'F3.4', 'F3.5', 'F4.1', 'F4.3', 'F4.4']);
    expect(PERCENTAGE_TABLES).toEqual(['F3.1', 'F3.2', 'F3.3']);
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
  const spec = { id: 'U1', kind: 'figure', chart: 'bars', title: { nl: 'N {period}', en: 'E {period}' }, rows: [{ count: 'wmo', from: 1, to: 2 }], columns: ['users'] };

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
    expect(declarationsFor({ tables: { add: [], keep: ['3.*'], drop: ['3.1*'] } }).map((x) => x.id)).toEqual(['3.0', '3.2', '3.3', '3.4', '3.5', '3.6', '3.7', '3.8', '3.9']);
    expect(declarationsFor({ tables: { add: [], drop: ['F*'] } }).some((x) => x.kind === 'figure')).toBe(false);
  });

  it('translates a user table with its own English title and labels', () => {
    const d = declarationsFor({ tables: { add: [TableSpecSchema.parse(spec)], drop: [] } });
    const tables: ExportTables = {
      period: { start: '2017-01-01', end: '2022-12-31' },
      tables: { U1: { title: 'N 2017-2022', rows: [{ key: 'n1', label: '1 voorziening' }, { key: 'n2', label: '2 voorzieningen' }], columns: [{ key: 'users', label: 'Aantal personen' }], cells: [[12], ['**']] } },
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
    expect(bad({ rows: ['wmo.fiets'] })).toMatch(/^add\.0\.rows\.0: unknown category key "wmo\.fiets"; valid keys: .*wmo\.huishouden/);
    expect(bad({ rows: [{ each: 'fietsen' }] })).toMatch(/^add\.0\.rows\.0\.each: unknown category list "fietsen"; valid lists: pwet, uwvType/);
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
