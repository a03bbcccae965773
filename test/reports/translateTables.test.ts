import { describe, expect, it } from 'vitest';
import { type LabelsFile, englishLabels, translateTables } from '../../reports/translateTables.js';
import { TABLE_DECLARATIONS } from '../../model/tableDeclarations.js';
import type { ExportTables } from '../../schemas/tablesJson.js';

const tables = (): ExportTables => ({
  period: { start: '2017-01-01', end: '2022-12-31' },
  backgroundPeriod: { start: '2021-01-01', end: '2021-12-31' },
  tables: {
    '3.3': {
      title: 'Aantal in de periode 2017-2022',
      rows: [
        { key: 'vervoer', label: 'Vervoer' },
        { key: 'ondersteuning_werkplek', label: 'Ondersteuning op de werkplek *' },
        { key: 'onbekend_key', label: 'Iets Nederlands ~' },
      ],
      columns: [{ key: 'vervoer', label: 'Vervoer' }],
      cells: [[1], ['**'], [null]],
    },
    'F3.2': {
      title: 'Verdeling',
      rows: [{ key: 'uwv_pwet', label: 'UWV en Pwet' }],
      columns: [{ key: 'man', label: 'man' }],
      cells: [[5]],
      percentages: [[100]],
    },
    X: { title: 'Geen vertaling', rows: [], columns: [], cells: [] },
  },
});

const labels: LabelsFile = {
  titles: { '3.3': 'Combinations in {period}', 'F3.2': 'Gender in {bgPeriod} (P {period})' },
  tables: { '3.3': { vervoer: 'Transport (Pwet)' } },
  labels: { vervoer: 'Transport', ondersteuning_werkplek: 'Workplace support', man: 'male', uwv_pwet: 'UWV and Pwet' },
};

describe('reports/translateTables', () => {
  it('lookup order: the table\'s own entry, then the shared labels, else the Dutch label is kept', () => {
    const t = translateTables(tables(), labels).tables['3.3']!;
    expect(t.rows[0]!.label).toBe('Transport (Pwet)'); // tables['3.3'].vervoer wins over labels.vervoer
    expect(t.rows[1]!.label).toBe('Workplace support *'); // from labels, marker carried over
    expect(t.rows[2]!.label).toBe('Iets Nederlands ~'); // neither: Dutch kept
    expect(t.columns[0]!.label).toBe('Transport (Pwet)');
    expect(translateTables(tables(), labels).tables['F3.2']!.rows[0]!.label).toBe('UWV and Pwet');
  });

  it('titles: {period} from the analysis period; share figures get the background period as {bgPeriod}', () => {
    const out = translateTables(tables(), labels);
    expect(out.tables['3.3']!.title).toBe('Combinations in 2017–2022');
    expect(out.tables['F3.2']!.title).toBe('Gender in 2021 (P 2017–2022)');
    expect(out.tables.X!.title).toBe('Geen vertaling');
  });

  it('without a background period the share figures use the analysis period', () => {
    const { backgroundPeriod: _, ...rest } = tables();
    expect(translateTables(rest, labels).tables['F3.2']!.title).toBe('Gender in 2017–2022 (P 2017–2022)');
  });

  it('numbers, keys, percentages and periods are untouched; the input is not mutated', () => {
    const input = tables();
    const before = structuredClone(input);
    const out = translateTables(input, labels);
    expect(input).toEqual(before);
    expect(out.period).toEqual(input.period);
    expect(out.backgroundPeriod).toEqual(input.backgroundPeriod);
    for (const [id, t] of Object.entries(input.tables)) {
      const o = out.tables[id]!;
      expect(o.cells).toEqual(t.cells);
      expect(o.percentages).toEqual(t.percentages);
      expect(o.rows.map((r) => r.key)).toEqual(t.rows.map((r) => r.key));
      expect(o.columns.map((c) => c.key)).toEqual(t.columns.map((c) => c.key));
    }
  });

  it('the shipped labels.en.json has an English title for every declared table, with a period placeholder', () => {
    const en = englishLabels();
    for (const d of TABLE_DECLARATIONS) {
      expect(en.titles[d.id], d.id).toBeDefined();
      expect(en.titles[d.id], d.id).toMatch(/\{(period|bgPeriod)\}/);
    }
  });

  it('the shipped labels translate every Dutch row and column label of the declared tables', () => {
    const en = englishLabels();
    const missing: string[] = [];
    for (const d of TABLE_DECLARATIONS)
      for (const h of [...d.rows, ...d.columns])
        if (en.tables[d.id]?.[h.key] === undefined && en.labels[h.key] === undefined) missing.push(`${d.id}/${h.key}`);
    expect(missing).toEqual([]);
  });
});
