import type { ExportTables } from '../../schemas/tablesJson.js';

/** A small hand-made ExportTables with the awkward cases: quotes and commas in labels, markers, `**`, null, percentages. */
export function tinyExport(): ExportTables {
  return {
    period: { start: '2017-01-01', end: '2022-12-31' },
    tables: {
      '3.3': {
        title: 'Aantal mensen met combinaties van "Pwet"-voorzieningen, 2017–2022',
        rows: [
          { key: 'ondersteuning_werkplek', label: 'Ondersteuning op de werkplek *' },
          { key: 'begeleiding_jobcoach', label: 'Begeleiding op werkkring/jobcoach ~' },
        ],
        columns: [
          { key: 'begeleiding_jobcoach', label: 'Begeleiding op werkkring/jobcoach ~' },
          { key: 'vervoer', label: 'Vervoer, "eigen" auto' },
        ],
        cells: [
          [2075, '**'],
          [null, 0],
        ],
      },
      'F3.2': {
        title: 'Verdeling naar geslacht',
        rows: [
          { key: 'uwv_pwet', label: 'UWV & Pwet' },
          { key: 'uwv_pwet_wmo', label: 'UWV & Pwet & Wmo' },
        ],
        columns: [
          { key: 'man', label: 'man' },
          { key: 'vrouw', label: 'vrouw' },
          { key: 'onbekend', label: 'onbekend' },
          { key: 'total', label: 'Totaal' },
        ],
        cells: [
          [267, 435, 0, 702],
          ['**', 237, '**', 389],
        ],
        percentages: [
          [38, 62, 0, 100],
          ['**', 60.9, '**', 100],
        ],
      },
    },
  };
}
