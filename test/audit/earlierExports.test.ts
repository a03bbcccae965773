import { describe, expect, it } from 'vitest';
import { checkJointAttacker } from '../../audit/earlierExports.js';
import type { CellStatus } from '../../audit/counts.js';
import { cellKey } from '../../audit/counts.js';
import { buildAttackerModel } from '../../disclosure/attackerModel.js';
import { type EarlierExport, periodRelation } from '../../disclosure/earlierExports.js';
import { loadSolver } from '../../disclosure/loadSolver.js';
import { type DisclosureParams, protectTables } from '../../disclosure/protectTables.js';
import type { Atom } from '../../model/atom.js';
import { TABLE_DECLARATIONS } from '../../model/tableDeclarations.js';
import { tabulate } from '../../model/tabulate.js';
import type { Period } from '../../schemas/tablesJson.js';
import { chainUnprotectedPrimaries } from '../support/jointAttacker.js';
import { shorterPeriod } from '../support/nestedPopulation.js';
import { randomPopulation } from '../support/randomPopulation.js';

const P20: Period = { start: '2017-01-01', end: '2020-12-31' };
const P21: Period = { start: '2017-01-01', end: '2021-12-31' };
const P22: Period = { start: '2017-01-01', end: '2022-12-31' };
const params: DisclosureParams = { threshold: 10, zeroUnsafe: false, safetyRange: 0.3 };
const SHA = '0'.repeat(64);

const tablesOf = (atoms: readonly Atom[], period: Period) =>
  tabulate({ atoms, declarations: TABLE_DECLARATIONS, period, backgroundPeriod: period });

describe('checkJointAttacker holds the whole chain', () => {
  it('two earlier exports made each alone: the audit finds earlier primaries that the two narrow together (the R1 <-> R2 link), even when the new export shows nothing', async () => {
    const highs = await loadSolver();
    const p22 = randomPopulation(800, 31);
    const p21 = shorterPeriod(p22, 31);
    const p20 = shorterPeriod(p21, 32);
    const alone = async (atoms: readonly Atom[], period: Period) =>
      protectTables({ internal: tablesOf(atoms, period), atoms, declarations: TABLE_DECLARATIONS, params });
    const r20 = await alone(p20, P20);
    const r21 = await alone(p21, P21);
    const earlier = (r: typeof r20, atoms: readonly Atom[], period: Period, dir: string): EarlierExport => ({
      record: { dir, period, tablesSha256: SHA, manifestSha256: SHA },
      exported: r.exported,
      threshold: 10,
      relation: periodRelation(period, P22),
      atoms,
    });
    // the new export shows no cell: whatever narrows an earlier primary comes from the two earlier exports
    const counts = tablesOf(p22, P22);
    const cellStatus: CellStatus = new Map();
    for (const [id, t] of Object.entries(counts.tables))
      t.rows.forEach((row, i) =>
        t.columns.forEach((column, j) => {
          const value = t.cells[i]![j];
          if (typeof value === 'number') cellStatus.set(cellKey(id, row.key, column.key), { value, published: false });
        }),
      );
    const findings = checkJointAttacker({
      highs,
      model: buildAttackerModel(p22, TABLE_DECLARATIONS),
      declarations: TABLE_DECLARATIONS,
      counts,
      earlier: [earlier(r20, p20, P20, 'out-2020'), earlier(r21, p21, P21, 'out-2021')],
      params,
      cellStatus,
    });
    // the independent attacker holding the two earlier exports (nested periods, same start date)
    const leaks = chainUnprotectedPrimaries(
      highs,
      TABLE_DECLARATIONS,
      [
        { atoms: p20, exported: r20.exported },
        { atoms: p21, exported: r21.exported },
      ],
      [{ earlier: 0, later: 1, link: { kind: 'nested', classes: true } }],
    );
    expect(leaks.length).toBeGreaterThan(0);
    const named = (table: string, i: number, j: number) => {
      const t = r20.exported.tables[table]!;
      return `out-2020 table ${table} ${t.rows[i]!.key}/${t.columns[j]!.key}:`;
    };
    // the earlier primaries the audit finds narrowed (one message per distinct count, cells with the same persons
    // merged), of either earlier export; none without the R1 <-> R2 link
    const earlierFailures = findings.failures.filter((f) => f.startsWith('out-20'));
    console.log(
      `R1, R2 each alone, new export showing nothing: audit names ${earlierFailures.length} narrowed earlier primary count(s); the independent attacker ${leaks.length} cell(s)`,
    );
    expect(earlierFailures.length).toBeGreaterThan(0);
    // the audit and the independent attacker (written apart) agree on narrowed cells
    expect(earlierFailures.some((f) => leaks.some((l) => f.startsWith(named(l.table, l.i, l.j))))).toBe(true);
  });
});
