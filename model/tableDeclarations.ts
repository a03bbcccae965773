import type { Basis, CellTerm } from './cellTerm.js';
import { DIMENSIONS, type Dimension, type Family } from './personSets.js';

/**
 * Every output table, declared as rows × columns of person sets (tables.md). A cell counts the persons that
 * satisfy the table's `base` terms, its row's terms and its column's terms. Adding a table is adding a declaration.
 */

export interface Axis {
  key: string;
  label: string;
  terms: CellTerm[];
}

export interface TableDeclaration {
  id: string;
  kind: 'table' | 'figure';
  /** Published title; `{period}` is replaced by the period's years, e.g. 2017-2022. */
  title: string;
  basis: Basis;
  base: CellTerm[];
  rows: Axis[];
  columns: Axis[];
  /** Which cells exist (the others are null): all, all but row key = column key, only above the diagonal, all but total × total. */
  cells: 'all' | 'offDiagonal' | 'aboveDiagonal' | 'noCorner';
}

const TOTAL: Axis = { key: 'total', label: 'Totaal', terms: [] };
const USERS: Axis = { key: 'users', label: 'Aantal personen', terms: [] };
const set = (key: string, label: string): Axis => ({ key, label, terms: [{ set: key }] });

export const PWET_AXES: Axis[] = [
  { key: 'ondersteuning_werkplek', label: 'Ondersteuning op de werkplek *', terms: [{ set: 'pwet.ondersteuning_werkplek' }] },
  { key: 'begeleiding_jobcoach', label: 'Begeleiding op werkkring/jobcoach ~', terms: [{ set: 'pwet.begeleiding_jobcoach' }] },
  { key: 'overig_faciliterend', label: 'Overige faciliterende voorziening *', terms: [{ set: 'pwet.overig_faciliterend' }] },
  { key: 'vervoer', label: 'Vervoer', terms: [{ set: 'pwet.vervoer' }] },
  { key: 'overig', label: 'Overig', terms: [{ set: 'pwet.overig' }] },
];
export const UWV_TYPE_AXES: Axis[] = [
  { key: 'intermediair', label: 'Intermediair', terms: [{ set: 'uwv.intermediair' }] },
  { key: 'jobcoach', label: 'Jobcoach', terms: [{ set: 'uwv.jobcoach' }] },
  { key: 'meeneembaar', label: 'Meeneembare voorzieningen', terms: [{ set: 'uwv.meeneembaar' }] },
  { key: 'startkrediet', label: 'Startkrediet', terms: [{ set: 'uwv.startkrediet' }] },
  { key: 'vervoer', label: 'Vervoer', terms: [{ set: 'uwv.vervoer' }] },
];
export const UWV_BACKGROUND_AXES: Axis[] = [
  { key: 'wajong', label: 'Wajong', terms: [{ set: 'uwv.bg.wajong' }] },
  { key: 'wajong_tot_2015', label: 'Wajong (tot 2015)', terms: [{ set: 'uwv.bg.wajong_tot_2015' }] },
  { key: 'wao', label: 'WAO', terms: [{ set: 'uwv.bg.wao' }] },
  { key: 'waz', label: 'WAZ', terms: [{ set: 'uwv.bg.waz' }] },
  { key: 'wga', label: 'WGA', terms: [{ set: 'uwv.bg.wga' }] },
  { key: 'onderwijs', label: 'Onderwijsvoorzieningen', terms: [{ set: 'uwv.bg.onderwijs' }] },
  { key: 'tolk_wmo', label: 'Tolk Wmo', terms: [{ set: 'uwv.bg.tolk_wmo' }] },
  { key: 'tolk_pwet', label: 'Tolk Pwet', terms: [{ set: 'uwv.bg.tolk_pwet' }] },
];
export const WMO_AXES: Axis[] = [
  { key: 'huishouden', label: 'Hulp bij het huishouden', terms: [{ set: 'wmo.huishouden' }] },
  { key: 'ondersteuning_thuis', label: 'Ondersteuning thuis', terms: [{ set: 'wmo.ondersteuning_thuis' }] },
  { key: 'hulpmiddelen_diensten', label: 'Hulpmiddelen en diensten', terms: [{ set: 'wmo.hulpmiddelen_diensten' }] },
  { key: 'verblijf_opvang', label: 'Verblijf en opvang', terms: [{ set: 'wmo.verblijf_opvang' }] },
  { key: 'overig', label: 'Overig', terms: [{ set: 'wmo.overig' }] },
];

/** The groups of figures F3.1–F3.3; pair groups include the persons of the triple group, as in table 3.1. */
export const GROUP_AXES: Axis[] = [
  { key: 'uwv_pwet', label: 'UWV en Pwet', terms: [{ set: 'uwv' }, { set: 'pwet' }] },
  { key: 'pwet_wmo', label: 'Pwet en Wmo', terms: [{ set: 'pwet' }, { set: 'wmo' }] },
  { key: 'uwv_wmo', label: 'UWV en Wmo', terms: [{ set: 'uwv' }, { set: 'wmo' }] },
  { key: 'uwv_pwet_wmo', label: 'UWV, Pwet en Wmo', terms: [{ set: 'uwv' }, { set: 'pwet' }, { set: 'wmo' }] },
];

const dimAxes = (dim: Dimension): Axis[] =>
  DIMENSIONS[dim].map(([value, label]) => ({ key: value, label, terms: [{ dim, value }] }));

const countAxes = (family: Family, from: number, to: number): Axis[] => {
  const axes: Axis[] = [];
  for (let n = from; n <= to; n++) {
    const label = n === 1 ? '1 voorziening' : `${n} voorzieningen`;
    axes.push({ key: `n${n}`, label, terms: [{ countOf: family, n }] });
  }
  return axes;
};

const table = (
  id: string,
  title: string,
  rows: Axis[],
  columns: Axis[],
  extra: Partial<Pick<TableDeclaration, 'base' | 'cells' | 'basis' | 'kind'>> = {},
): TableDeclaration => ({
  id,
  title,
  rows,
  columns,
  kind: extra.kind ?? 'table',
  basis: extra.basis ?? 'period',
  base: extra.base ?? [],
  cells: extra.cells ?? 'all',
});

const figure = (id: string, title: string, rows: Axis[], columns: Axis[], extra: Partial<Pick<TableDeclaration, 'base' | 'basis'>> = {}) =>
  table(id, title, rows, columns, { ...extra, kind: 'figure' });

const P = 'in de periode {period}';
const TOLK: Axis = set('tolk', 'Tolkenvoorziening');
const LKS: Axis = set('lks', 'Loonkostensubsidie');

export const TABLE_DECLARATIONS: readonly TableDeclaration[] = [
  table(
    '3.0',
    `Aantal gebruikers van een werkvoorziening, multigebruikers en gebruikers van voorzieningen uit alle drie domeinen ${P}.`,
    [
      set('work', 'Gebruikers van een werkvoorziening (Pwet of UWV)'),
      { key: 'multi', label: 'Gebruikers van voorzieningen uit minstens twee domeinen', terms: [{ atLeast: 2, of: ['pwet', 'uwv', 'wmo'] }] },
      { key: 'uwv_pwet_wmo', label: 'Gebruikers van voorzieningen uit UWV, Pwet en Wmo', terms: [{ set: 'uwv' }, { set: 'pwet' }, { set: 'wmo' }] },
    ],
    [USERS],
  ),
  table(
    '3.1',
    `Aantal mensen dat gebruik heeft gemaakt van voorzieningen vanuit verschillende domeinen ${P}.`,
    [set('pwet', 'Pwet'), set('uwv', 'UWV'), set('wmo', 'Wmo')],
    [TOTAL, set('pwet', 'Pwet'), set('uwv', 'UWV'), set('wmo', 'Wmo')],
    { base: [{ set: 'work' }], cells: 'offDiagonal' },
  ),
  table('3.2', `Aantal mensen dat voorzieningen vanuit de Pwet heeft gebruikt ${P}.`, [set('pwet', 'Totaal'), ...PWET_AXES].map(withTotalKey('pwet')), [USERS]),
  table('3.3', `Aantal mensen dat gebruik heeft gemaakt van combinaties van voorzieningen vanuit de Pwet ${P}.`, PWET_AXES, PWET_AXES, { cells: 'aboveDiagonal' }),
  table(
    '3.4',
    `Aantal mensen dat gebruik heeft gemaakt van voorzieningen van UWV ${P}, uitgesplitst naar type voorziening.`,
    [set('uwv', 'Totaal'), ...UWV_TYPE_AXES].map(withTotalKey('uwv')),
    [USERS],
  ),
  table('3.5', `Aantal mensen dat gebruik heeft gemaakt van combinaties van typen voorzieningen van het UWV ${P}.`, UWV_TYPE_AXES, UWV_TYPE_AXES, { cells: 'aboveDiagonal' }),
  table(
    '3.6',
    `Aantal gebruikers van voorzieningen door UWV per wettelijke achtergrond ${P}, uitgesplitst naar type voorziening.`,
    [TOTAL, ...UWV_TYPE_AXES],
    [TOTAL, ...UWV_BACKGROUND_AXES],
    { base: [{ set: 'uwv' }] },
  ),
  table('3.7', `Aantal mensen dat gebruik heeft gemaakt van Pwet-voorzieningen en Wmo-voorzieningen ${P}.`, PWET_AXES, [TOTAL, ...WMO_AXES]),
  table(
    '3.8',
    `Aantal mensen dat gebruik heeft gemaakt van voorzieningen van UWV en voorzieningen vanuit de Wmo ${P}, uitgesplitst naar type voorziening.`,
    UWV_TYPE_AXES,
    [TOTAL, ...WMO_AXES],
  ),
  table(
    '3.9',
    `Aantal mensen dat gebruik heeft gemaakt van voorzieningen door UWV verstrekt en voorzieningen vanuit de Wmo ${P}, uitgesplitst naar wettelijke achtergrond.`,
    UWV_BACKGROUND_AXES,
    [TOTAL, ...WMO_AXES],
  ),
  table(
    '3.10',
    `Aantal mensen dat gebruik heeft gemaakt van Pwet-voorzieningen én UWV-voorzieningen ${P}.`,
    [TOTAL, ...PWET_AXES],
    [TOTAL, ...UWV_TYPE_AXES],
    { cells: 'noCorner' },
  ),
  table('3.11', `Aantal mensen dat gebruik heeft gemaakt van Pwet-voorzieningen met de wettelijke achtergrond van UWV ${P}.`, PWET_AXES, UWV_BACKGROUND_AXES),
  figure(
    'F3.1',
    `Verdeling van de mensen die ${P} gebruik hebben gemaakt van voorzieningen vanuit verschillende domeinen naar leeftijdscategorie.`,
    GROUP_AXES,
    [...dimAxes('age'), TOTAL],
    { basis: 'background' },
  ),
  figure(
    'F3.2',
    `Verdeling van de mensen die ${P} gebruik hebben gemaakt van voorzieningen vanuit verschillende domeinen naar geslacht.`,
    GROUP_AXES,
    [...dimAxes('gender'), TOTAL],
    { basis: 'background' },
  ),
  figure(
    'F3.3',
    `Verdeling van de mensen die ${P} gebruik hebben gemaakt van voorzieningen vanuit verschillende domeinen naar opleidingsniveau.`,
    GROUP_AXES,
    [...dimAxes('education'), TOTAL],
    { basis: 'background' },
  ),
  figure('F3.4', `Aantal mensen dat één of meerdere voorzieningen van de Pwet heeft gebruikt ${P}.`, countAxes('pwet', 1, 5), [USERS]),
  figure('F3.5', `Aantal mensen dat één of meerdere voorzieningen van UWV heeft gebruikt ${P}.`, countAxes('uwv', 1, 5), [USERS]),
  table(
    '4.1',
    `Aantal mensen dat gebruik heeft gemaakt van UWV-voorzieningen voor mensen met een visuele beperking ${P}, uitgesplitst naar wettelijke achtergrond.`,
    [set('visueel', 'Voorzieningen voor een visuele beperking')],
    [TOTAL, ...UWV_BACKGROUND_AXES],
  ),
  figure(
    'F4.1',
    `Aantal mensen dat naast voorzieningen gericht op visuele beperkingen ook één of meerdere voorzieningen vanuit de Wmo heeft gebruikt ${P}.`,
    countAxes('wmo', 0, 5).map((a) => (a.key === 'n0' ? { ...a, label: 'Geen Wmo-voorziening' } : a)),
    [USERS],
    { base: [{ set: 'visueel' }] },
  ),
  table(
    '4.2',
    `Aantal mensen dat naast een tolkenvoorziening ook werkvoorzieningen vanuit de Pwet heeft gebruikt ${P}, uitgesplitst naar type Pwet-voorziening.`,
    [TOLK],
    [{ ...TOTAL, terms: [{ set: 'pwet' }] }, ...PWET_AXES],
  ),
  figure(
    'F4.3',
    `Aantal mensen dat één of meerdere voorzieningen vanuit de Pwet hebben gebruikt ${P}, die tevens een tolkenvoorziening gebruiken.`,
    countAxes('pwet', 1, 5),
    [USERS],
    { base: [{ set: 'tolk' }, { set: 'pwet' }] },
  ),
  table(
    '4.3',
    `Aantal mensen dat gebruik heeft gemaakt van een tolkenvoorziening van UWV en andere voorzieningen van UWV ${P}, uitgesplitst naar type voorziening van het UWV.`,
    [TOLK],
    UWV_TYPE_AXES.filter((a) => a.key !== 'intermediair'),
  ),
  table(
    '4.4',
    `Aantal mensen dat gebruik heeft gemaakt van een tolkenvoorziening van UWV en voorzieningen vanuit de Wmo ${P}, uitgesplitst naar type Wmo-voorziening.`,
    [TOLK],
    [{ ...TOTAL, terms: [{ set: 'wmo' }] }, ...WMO_AXES],
  ),
  figure(
    'F4.4',
    `Aantal mensen dat één of meerdere voorzieningen vanuit de Wmo hebben gebruikt ${P}, die tevens een tolkenvoorziening gebruiken.`,
    countAxes('wmo', 1, 5),
    [USERS],
    { base: [{ set: 'tolk' }, { set: 'wmo' }] },
  ),
  table(
    '4.5',
    `Aantal mensen dat gebruik heeft gemaakt van de tolkenvoorziening ${P}, uitgesplitst naar wettelijke achtergrond.`,
    [TOLK],
    [TOTAL, ...UWV_BACKGROUND_AXES],
  ),
  table('A', `Aantal mensen dat gebruik maakte van LKS en Wmo-voorzieningen ${P}.`, [LKS], [TOTAL, ...WMO_AXES]),
  table('B', `Aantal mensen dat gebruik heeft gemaakt van LKS en UWV-voorzieningen ${P}.`, [LKS], [TOTAL, ...UWV_TYPE_AXES]),
  table('C', `Aantal mensen dat gebruik heeft gemaakt van LKS en UWV-voorzieningen ${P}, uitgesplitst naar wettelijke achtergrond.`, [LKS], [TOTAL, ...UWV_BACKGROUND_AXES]),
];

/** The first row of 3.2 / 3.4 is the family total, keyed `total` (tables.md). */
function withTotalKey(family: string) {
  return (a: Axis): Axis => (a.key === family ? { ...a, key: 'total', label: 'Totaal' } : a);
}

/** The terms of cell (i, j), or null where the table has no cell. */
export function cellTerms(decl: TableDeclaration, i: number, j: number): CellTerm[] | null {
  const row = decl.rows[i]!;
  const col = decl.columns[j]!;
  switch (decl.cells) {
    case 'offDiagonal':
      if (row.key === col.key) return null;
      break;
    case 'aboveDiagonal':
      if (j <= i) return null;
      break;
    case 'noCorner':
      if (row.key === 'total' && col.key === 'total') return null;
      break;
    case 'all':
      break;
  }
  return [...decl.base, ...row.terms, ...col.terms];
}
