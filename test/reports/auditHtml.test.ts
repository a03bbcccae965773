import { describe, expect, it } from 'vitest';
import { auditHtml, type SuppressionMark } from '../../reports/auditHtml.js';
import { InternalError } from '../../core/errors.js';
import type { InternalTables } from '../../schemas/tablesJson.js';

const internal: InternalTables = {
  period: { start: '2017-01-01', end: '2022-12-31' },
  tables: {
    '3.5': {
      title: 'Combinaties UWV',
      rows: [{ key: 'intermediair', label: 'Intermediair' }, { key: 'jobcoach', label: 'Jobcoach' }],
      columns: [{ key: 'jobcoach', label: 'Jobcoach' }, { key: 'startkrediet', label: 'Startkrediet' }],
      cells: [[363, 7], [null, 1026]],
    },
    '3.4': {
      title: 'UWV',
      rows: [{ key: 'startkrediet', label: 'Startkrediet' }],
      columns: [{ key: 'users', label: 'Aantal gebruikers' }],
      cells: [[1032]],
    },
  },
};
const marks: Record<string, SuppressionMark[][]> = {
  '3.5': [[null, 'primary'], [null, 'secondary']],
};

describe('auditHtml', () => {
  const html = auditHtml(internal, marks, { lang: 'nl', rules: ['Drempel: 10', 'Veiligheidsmarge: 30%'], notes: { '3.5': [[null, 'interval [0, 31]'], [null, null]] } });

  it('shows suppressed cells by kind with their true value', () => {
    expect(html).toContain('<td class="primary" title="interval [0, 31]">** (7) [P]</td>');
    expect(html).toMatch(/<td class="secondary" title="secundair afgeschermd[^"]*">\*\* \(1\.026\) \[S\]<\/td>/);
    expect(html).toContain('<td>363</td>');
    expect(html).toContain('<td>1.032</td>');
  });

  it('counts published, primary and secondary cells per table and in total', () => {
    expect(html).toContain('Cellen gepubliceerd: 2; primair afgeschermd: 1; secundair afgeschermd: 1.');
    expect(html).toContain('gepubliceerd 1, primair 1, secundair 1');
    expect(html).toContain('gepubliceerd 1, primair 0, secundair 0');
    expect(html).toContain('Drempel: 10');
    expect(html).toContain('alleen intern');
  });

  it('renders tables in published order with the shared table markup', () => {
    expect(html.indexOf('data-table-id="3.4"')).toBeLessThan(html.indexOf('data-table-id="3.5"'));
    expect(html).toContain('<table class="data" aria-label="Tabel 3.5. Combinaties UWV">');
  });

  it('rejects marks of the wrong shape', () => {
    expect(() => auditHtml(internal, { '3.5': [[null]] }, { lang: 'nl' })).toThrow(InternalError);
  });
});
