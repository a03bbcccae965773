import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { AttackerModel } from '../../disclosure/attackerModel.js';
import {
  certificateCounts,
  certificateText,
  certificateWitnesses,
  fromKnownMoves,
} from '../../disclosure/certificate.js';
import { TWO_BY_TWO_ROWS, twoByThree } from '../support/twoByTwo.js';
import { loadSolver } from '../../disclosure/loadSolver.js';
import { protectTables } from '../../disclosure/protectTables.js';
import { isPrimaryUnsafe, protectionLevel } from '../../disclosure/protectionRule.js';
import { TABLE_DECLARATIONS } from '../../model/tableDeclarations.js';
import { tabulate } from '../../model/tabulate.js';
import { randomPopulation } from '../support/randomPopulation.js';

const period = { start: '2017-01-01', end: '2022-12-31' };
const params = { threshold: 10, zeroUnsafe: false, safetyRange: 0.3 };

interface Parsed {
  format: string;
  exports: { id: string; tablesSha256: string }[];
  atoms: number[];
  cells: { table: string; row: string; column: string; atoms: number[]; published: number | null }[];
  requirements: {
    table: string;
    row: string;
    column: string;
    value: number;
    reason: string;
    bounds: [number, number];
    witnesses: { lo: [number, number][] | null; hi: [number, number][] | null };
  }[];
}

describe('buildCertificate (through protectTables)', () => {
  it('lists every cell with its atoms and published value, a requirement per protected cell, and witnesses that hold', async () => {
    const atoms = randomPopulation(1500, 7);
    const internal = tabulate({ atoms, declarations: TABLE_DECLARATIONS, period, backgroundPeriod: period });
    const result = await protectTables({
      internal,
      atoms,
      declarations: TABLE_DECLARATIONS,
      params,
      certificate: true,
    });
    const draft = result.certificate!;
    expect(draft).toBeDefined();
    const text = certificateText(draft, 'ab'.repeat(32));
    expect(text).toBe(certificateText(draft, 'ab'.repeat(32)));
    const c = JSON.parse(text) as Parsed;
    expect(c.format).toBe('multigebruik-certificate/1');
    expect(c.exports).toEqual([
      { id: 'run', period: '2017-01-01..2022-12-31', tables: 'export/tables.json', tablesSha256: 'ab'.repeat(32) },
    ]);

    // every cell of the export, with the value the export shows (null = **), and its atoms sum to the true count
    const shown = new Map<string, number | null>();
    for (const [id, t] of Object.entries(result.exported.tables))
      t.rows.forEach((r, i) =>
        t.columns.forEach((col, j) => {
          const v = t.cells[i]![j];
          if (v !== null && v !== undefined) shown.set(`${id}|${r.key}|${col.key}`, v === '**' ? null : (v as number));
        }),
      );
    expect(c.cells.length).toBe(shown.size);
    const truthOf = (atomIds: readonly number[], counts: readonly number[]) =>
      atomIds.reduce((a, k) => a + counts[k]!, 0);
    for (const cell of c.cells) {
      const key = `${cell.table}|${cell.row}|${cell.column}`;
      expect(shown.get(key), key).toBe(cell.published);
      const truth = internal.tables[cell.table]!;
      const i = truth.rows.findIndex((r) => r.key === cell.row);
      const j = truth.columns.findIndex((r) => r.key === cell.column);
      expect(truthOf(cell.atoms, c.atoms), key).toBe(truth.cells[i]![j]);
    }

    // a requirement exactly for every suppressed unsafe cell, with the rule's bounds
    const required = new Set(c.requirements.map((r) => `${r.table}|${r.row}|${r.column}`));
    const unsafe = c.cells.filter((x) => x.published === null && isPrimaryUnsafe(truthOf(x.atoms, c.atoms), params));
    expect(unsafe.length).toBeGreaterThan(0);
    for (const x of unsafe) expect(required.has(`${x.table}|${x.row}|${x.column}`)).toBe(true);
    expect(required.size).toBe(unsafe.length);

    // each witness: whole numbers ≥ 0 reproducing every published value, the cell at its bound (by addition)
    const { sides, witnessed } = certificateCounts(draft);
    expect(sides).toBe(2 * c.requirements.length);
    expect(witnessed).toBe(sides);
    for (const r of c.requirements) {
      const p = protectionLevel(r.value, params);
      expect(r.bounds).toEqual([Math.max(0, r.value - p), r.value + p]);
      const own = c.cells.find((x) => x.table === r.table && x.row === r.row && x.column === r.column)!;
      for (const sense of ['lo', 'hi'] as const) {
        const counts = c.atoms.slice();
        for (const [k, n] of r.witnesses[sense]!) counts[k] = n;
        expect(counts.every((n) => Number.isInteger(n) && n >= 0)).toBe(true);
        for (const x of c.cells) if (x.published !== null) expect(truthOf(x.atoms, counts)).toBe(x.published);
        const at = truthOf(own.atoms, counts);
        if (sense === 'lo') expect(at).toBeLessThanOrEqual(r.bounds[0]);
        else expect(at).toBeGreaterThanOrEqual(r.bounds[1]);
      }
    }
    // the text carries no person-level data: only counts, ids and the table's own keys
    expect(createHash('sha256').update(text).digest('hex')).toMatch(/^[0-9a-f]{64}$/);
  }, 120_000);

  it('is not built unless asked for', async () => {
    const atoms = randomPopulation(400, 3);
    const internal = tabulate({ atoms, declarations: TABLE_DECLARATIONS, period, backgroundPeriod: period });
    const result = await protectTables({ internal, atoms, declarations: TABLE_DECLARATIONS, params });
    expect(result.certificate).toBeUndefined();
  });
});

describe('certificateWitnesses', () => {
  it('suppresses one more cell where the shown cells force a parity that no whole-number population escapes', async () => {
    const highs = await loadSolver();
    // variables p, q, r, t, u; shown A = p + q + t = 1, B = q + r + t = 1, C = p + r + t = 1; T = t + u = 1 is
    // hidden (primary, v = 1: bounds [0, 2]). The LP puts T at 0 (p = q = r = ½) and u is in no shown cell (T up to
    // ∞), so the LP audit passes. In whole numbers t = 0 would need 2(p + q + r) = 3: T cannot go below 1.
    const rows = [
      { vars: [0, 1, 3], value: 1 },
      { vars: [1, 2, 3], value: 1 },
      { vars: [0, 2, 3], value: 1 },
      { vars: [3, 4], value: 1 },
    ];
    const model = {
      canonical: rows.map((r, id) => ({ id, value: r.value, vars: r.vars, occurrences: [id] })),
      variables: [0, 0, 0, 1, 0].map((n) => ({ n, cells: [], atoms: [] })),
    } as unknown as AttackerModel;
    const suppressed = [false, false, false, true];
    const { rows: found, added } = certificateWitnesses(highs, {
      model,
      suppressed,
      primary: [false, false, false, true],
      needs: [null, null, null, null],
      params,
      // B is the cheapest cell to suppress, then A, then C
      cost: [2, 1, 3, 9],
    });
    expect([...added]).toEqual([[1, 3]]);
    expect(suppressed).toEqual([false, true, false, true]);
    const t = found.get(3)!;
    expect(t.bounds).toEqual([0, 2]);
    // both witnesses hold against the new pattern, checked by addition
    for (const [sense, w] of [
      ['lo', t.lo],
      ['hi', t.hi],
    ] as const) {
      expect(w, sense).not.toBeNull();
      const counts = [0, 0, 0, 1, 0].map((n, v) => w!.get(v) ?? n);
      expect(counts.every((n) => Number.isInteger(n) && n >= 0)).toBe(true);
      for (const k of [0, 2]) expect(rows[k]!.vars.reduce((a, v) => a + counts[v]!, 0)).toBe(1);
      const at = counts[3]! + counts[4]!;
      if (sense === 'lo') expect(at).toBe(0);
      else expect(at).toBeGreaterThanOrEqual(2);
    }
  });

  it('adds nothing when every side has a witness', async () => {
    const highs = await loadSolver();
    const rows = [
      { vars: [0, 1], value: 10 },
      { vars: [2, 3], value: 25 },
      { vars: [0, 2], value: 8 },
      { vars: [1, 3], value: 27 },
      { vars: [0], value: 3 },
    ];
    const model = {
      canonical: rows.map((r, id) => ({ id, value: r.value, vars: r.vars, occurrences: [id] })),
      variables: [3, 7, 5, 20].map((n) => ({ n, cells: [], atoms: [] })),
    } as unknown as AttackerModel;
    const suppressed = [false, false, false, false, true];
    const r = certificateWitnesses(highs, {
      model,
      suppressed,
      primary: [false, false, false, false, true],
      needs: [null, null, null, null, null],
      params,
      cost: [1, 1, 1, 1, 1],
    });
    expect(r.added.size).toBe(0);
    expect(suppressed).toEqual([false, false, false, false, true]);
    expect(r.rows.get(4)!.lo).not.toBeNull();
    expect(r.rows.get(4)!.hi).not.toBeNull();
  });
});

describe('fromKnownMoves', () => {
  // the 2×2 table a b / c d = 3 7 / 5 20, interior hidden, margins shown; one known witness moves a − 1, b + 1, c + 1, d − 1
  const problem = {
    truth: [3, 7, 5, 20],
    rows: TWO_BY_TWO_ROWS,
    published: [false, false, false, false, true, true, true, true],
  };
  const known = new Map([
    [0, 2],
    [1, 8],
    [2, 6],
    [3, 19],
  ]);
  it('serves a side the move reaches at once, or by its smallest multiple that is still ≥ 0', () => {
    expect(fromKnownMoves(problem, { row: 1, sense: 'hi', bound: 8 }, [known])).toEqual(known);
    expect(fromKnownMoves(problem, { row: 0, sense: 'lo', bound: 0 }, [known])).toEqual(
      new Map([
        [0, 0],
        [1, 10],
        [2, 8],
        [3, 17],
      ]),
    );
    // a − 4 would be negative
    expect(fromKnownMoves(problem, { row: 0, sense: 'lo', bound: -1 }, [known])).toBeNull();
    // the move goes the other way
    expect(fromKnownMoves(problem, { row: 0, sense: 'hi', bound: 4 }, [known])).toBeNull();
  });
  it('adds two known moves where neither alone nor a multiple reaches the bound', () => {
    // a b e / c d f = 3 5 5 / 5 1 1, interior hidden, row and column sums shown; a must go down to 1
    const wide = twoByThree([3, 5, 5, 5, 1, 1]);
    // each moves a by −1 through d or f, which hold 1 person: twice either would go below 0
    const viaD = new Map([
      [0, 2],
      [1, 6],
      [3, 6],
      [4, 0],
    ]);
    const viaF = new Map([
      [0, 2],
      [2, 6],
      [3, 6],
      [5, 0],
    ]);
    const side = { row: 0, sense: 'lo' as const, bound: 1 };
    expect(fromKnownMoves(wide, side, [viaD])).toBeNull();
    expect(fromKnownMoves(wide, side, [viaF])).toBeNull();
    expect(fromKnownMoves(wide, side, [viaD, viaF])).toEqual(
      new Map([
        [0, 1],
        [1, 6],
        [3, 7],
        [4, 0],
        [2, 6],
        [5, 0],
      ]),
    );
  });
});
