import { describe, expect, it } from 'vitest';
import { TABLE_DECLARATIONS } from '../../model/tableDeclarations.js';
import { auditHtml, type AuditedCell, type SuppressionMark } from '../../reports/auditHtml.js';
import { InternalError } from '../../core/errors.js';
import type { InternalTables } from '../../schemas/tablesJson.js';

const internal: InternalTables = {
  period: { start: '2017-01-01', end: '2022-12-31' },
  tables: {
    '3.5': {
      title: 'Combinaties UWV',
      rows: [
        { key: 'intermediair', label: 'Intermediair' },
        { key: 'jobcoach', label: 'Jobcoach' },
      ],
      columns: [
        { key: 'jobcoach', label: 'Jobcoach' },
        { key: 'startkrediet', label: 'Startkrediet' },
      ],
      cells: [
        [363, 7],
        [null, 1026],
      ],
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
  '3.5': [
    [null, 'primary'],
    [null, 'secondary'],
  ],
};

describe('auditHtml', () => {
  const html = auditHtml(internal, marks, {
    lang: 'nl',
    declarations: TABLE_DECLARATIONS,
    params: { threshold: 10, zeroUnsafe: false, safetyRange: 0.3 },
    rules: ['Drempel: 10', 'Veiligheidsmarge: 30%'],
    notes: {
      '3.5': [
        [null, 'interval [0, 31]'],
        [null, null],
      ],
    },
  });

  it('shows suppressed cells by kind with their true value', () => {
    expect(html).toContain('<td class="primary" title="interval [0, 31]">** (7) [P]</td>');
    expect(html).toMatch(/<td class="secondary" title="secundair afgeschermd[^"]*">\*\* \(1\.026\) \[S\]<\/td>/);
    expect(html).toContain('<td>363</td>');
    expect(html).toContain('<td>1.032</td>');
  });

  it('counts published, primary and secondary cells per table and in total', () => {
    expect(html).toContain('Cellen getoond: 2; primair afgeschermd: 1; secundair afgeschermd: 1.');
    expect(html).toContain('getoond 1, primair 1, secundair 1');
    expect(html).toContain('getoond 1, primair 0, secundair 0');
    expect(html).toContain('Drempel: 10');
    expect(html).toContain('alleen intern');
  });

  it('renders tables in published order with the shared table markup', () => {
    expect(html.indexOf('data-table-id="3.4"')).toBeLessThan(html.indexOf('data-table-id="3.5"'));
    expect(html).toContain('<table class="data" aria-label="Tabel 3.5. Combinaties UWV">');
  });

  it('gives every suppressed cell its interval, requirement or protected primaries, and a verdict per table', () => {
    const cells: AuditedCell[] = [
      {
        table: '3.5',
        row: 'intermediair',
        column: 'startkrediet',
        value: 7,
        kind: 'primary',
        interval: [0, 12],
        protection: 3,
      },
      {
        table: '3.5',
        row: 'jobcoach',
        column: 'startkrediet',
        value: 1026,
        kind: 'secondary',
        interval: [1019, null],
        protects: [{ table: '3.5', row: 'intermediair', column: 'startkrediet' }],
      },
    ];
    const page = auditHtml(internal, marks, {
      lang: 'nl',
      declarations: TABLE_DECLARATIONS,
      params: { threshold: 10, zeroUnsafe: false, safetyRange: 0.3 },
      cells,
    });
    expect(page).toContain(
      'Intermediair × Startkrediet: 7, primair; vereist [4, 10] (p = 3); bewezen interval [0, 12]: voldoet',
    );
    expect(page).toContain(
      'Jobcoach × Startkrediet: 1.026, secundair; bewezen interval [1.019, ∞]; beschermt Tabel 3.5 Intermediair × Startkrediet',
    );
    // the tooltip carries the same proof
    expect(page).toContain('title="7, primair; vereist [4, 10] (p = 3); bewezen interval [0, 12]: voldoet"');
    expect(page).toContain(
      'Oordeel: alle 1 primaire cel(len) voldoen aan de vereiste bescherming; 1 secundaire cel(len) beschermen ze.',
    );
    expect(page).toContain('Oordeel: geen afgeschermde cellen.');
    expect(page).toContain(
      'Oordeel over de hele run: alle 1 primaire cel(len) in alle tabellen voldoen aan de vereiste bescherming.',
    );
    // the rules in the page's language, from the parameters (no fixed threshold in the prose)
    expect(page).toContain('Drempel 10: aantallen van 1 t/m 9 worden afgeschermd (primair).');
    expect(page).toContain('⌈v × 0,3⌉');
    const strict = auditHtml(internal, marks, {
      lang: 'en',
      declarations: TABLE_DECLARATIONS,
      params: { threshold: 5, zeroUnsafe: false, safetyRange: 0.3 },
      cells: [{ ...cells[0]!, interval: [5, 12] }, cells[1]!],
    });
    expect(strict).toContain('DOES NOT MEET THE RULE');
    expect(strict).toContain('Verdict: 1 primary cell(s) DO NOT have the required protection.');
    expect(strict).toContain(
      'Verdict for the whole run: 1 primary cell(s) DO NOT have the required protection; do not release this export.',
    );
    expect(strict).toContain('Threshold 5: counts from 1 to 4 are suppressed (primary).');
  });

  it("with the run's records: the overall verdict is the audit's, the earlier exports are named, the export files listed", () => {
    const cells: AuditedCell[] = [
      {
        table: '3.5',
        row: 'intermediair',
        column: 'startkrediet',
        value: 7,
        kind: 'primary',
        interval: [0, 12],
        protection: 3,
      },
    ];
    const evidence = {
      passed: true,
      previous: [
        {
          dir: 'out2021',
          period: { start: '2017-01-01', end: '2021-12-31' },
          tablesSha256: 'a'.repeat(64),
          manifestSha256: 'b'.repeat(64),
        },
      ],
      software: { version: '1.2.3', commit: 'c0ffee' },
      exportFiles: [
        { file: 'SHA256SUMS', sha256: 'd'.repeat(64) },
        { file: 'tables.json', sha256: 'e'.repeat(64) },
      ],
    };
    const meta = {
      lang: 'en' as const,
      declarations: TABLE_DECLARATIONS,
      params: { threshold: 10, zeroUnsafe: false, safetyRange: 0.3 },
      cells,
    };
    const passed = auditHtml(internal, marks, { ...meta, evidence });
    expect(passed).toContain(
      'Verdict for the whole run: all 1 primary cell(s) in all tables have the required protection.',
    );
    expect(passed).toContain(`out2021: period 2017-01-01 to 2021-12-31, tables.json SHA-256 ${'a'.repeat(64)}`);
    expect(passed).toContain('Made with multigebruik 1.2.3, commit c0ffee.');
    expect(passed).toContain(`${'d'.repeat(64)}  SHA256SUMS\n${'e'.repeat(64)}  tables.json`);
    // a failed audit is the page's verdict too, also when every listed cell meets its own requirement
    const failed = auditHtml(internal, marks, { ...meta, evidence: { ...evidence, passed: false } });
    expect(failed).toContain(
      'Verdict for the whole run: the audit FAILED (see `multigebruik audit OUT`); do not release this export.',
    );
    expect(failed).not.toContain('Verdict for the whole run: all');
  });

  it('rejects marks of the wrong shape', () => {
    expect(() =>
      auditHtml(
        internal,
        { '3.5': [[null]] },
        {
          lang: 'nl',
          declarations: TABLE_DECLARATIONS,
          params: { threshold: 10, zeroUnsafe: false, safetyRange: 0.3 },
        },
      ),
    ).toThrow(InternalError);
  });

  it('shows each suppressed cell with its reason kind, judges a cell suppressed for an earlier export against its own need, and counts per kind', () => {
    const cells: AuditedCell[] = [
      {
        table: '3.5',
        row: 'intermediair',
        column: 'startkrediet',
        value: 7,
        kind: 'primary',
        why: 'threshold',
        protection: 3,
        interval: [0, 40],
      },
      // 1026 suppressed because it differs by 4 from an earlier export: its own need is [1022, 1030], not 1026 ± 308
      {
        table: '3.5',
        row: 'jobcoach',
        column: 'startkrediet',
        value: 1026,
        kind: 'primary',
        why: 'differencing',
        protection: 308,
        needs: [1022, 1030],
        interval: [1000, 1040],
        earlier: [{ export: 'out-2021', kind: 'differencing', difference: 4 }],
        forPrevious: true,
      },
    ];
    const page = auditHtml(
      internal,
      {
        '3.5': [
          [null, 'primary'],
          [null, 'primary'],
        ],
      },
      {
        lang: 'en',
        declarations: TABLE_DECLARATIONS,
        params: { threshold: 10, zeroUnsafe: false, safetyRange: 0.3 },
        cells,
      },
    );
    expect(page).toContain('<td class="earlier" title="');
    expect(page).toContain('** (1,026) [D]</td>');
    expect(page).toContain(
      '<li><b>[D]</b> Jobcoach × Startkrediet: 1,026, earlier export (differs by 4 from out-2021); required [1,022, 1,030]; proven interval [1,000, 1,040]: meets the rule</li>',
    );
    expect(page).not.toContain('DOES NOT MEET');
    // per table the same kinds as the note: 7 below the threshold, 1,026 differencing
    expect(page).toContain(
      'shown 1, primary 1, secondary 0, differs from an earlier export [D] 1, would narrow a cell suppressed earlier [E] 0',
    );
    expect(page).toContain(
      'Suppressed per reason: below the threshold [P] 1; protects another cell [S] 0; differs from an earlier export [D] 1; would narrow a cell suppressed earlier [E] 0. What --previous cost: 1 cell(s)',
    );
    expect(page).toContain('<span class="earlier">** (n) [D]</span>differencing:');
    // a narrower proven interval than the need is flagged
    const short = auditHtml(
      internal,
      {
        '3.5': [
          [null, 'primary'],
          [null, 'primary'],
        ],
      },
      {
        lang: 'en',
        declarations: TABLE_DECLARATIONS,
        params: { threshold: 10, zeroUnsafe: false, safetyRange: 0.3 },
        cells: [cells[0]!, { ...cells[1]!, interval: [1025, 1040] }],
      },
    );
    expect(short).toContain('[1,025, 1,040]: DOES NOT MEET THE RULE');
  });
});
