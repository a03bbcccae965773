import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildAttackerModel } from '../../disclosure/attackerModel.js';
import { loadSolver } from '../../disclosure/loadSolver.js';
import { type DisclosureParams, protectTables } from '../../disclosure/protectTables.js';
import { isPrimaryUnsafe, meetsRule } from '../../disclosure/protectionRule.js';
import type { Atom } from '../../model/atom.js';
import { BASE_SETS, bitOf, DIMENSIONS, PWET_CATS, UWV_TYPES } from '../../model/personSets.js';
import { cellTerms, TABLE_DECLARATIONS, type TableDeclaration } from '../../model/tableDeclarations.js';
import { tabulate } from '../../model/tabulate.js';
import { independentInterval } from '../support/independentAttacker.js';
import { randomPopulation } from '../support/randomPopulation.js';
import { checkerNote, groupDisclosureLines, tableCellCounts } from '../../reports/checkerNote.js';

const period = { start: '2017-01-01', end: '2022-12-31' };
const DEFAULT: DisclosureParams = { threshold: 10, zeroUnsafe: false, safetyRange: 0.3 };

async function run(
  atoms: readonly Atom[],
  params = DEFAULT,
  declarations: readonly TableDeclaration[] = TABLE_DECLARATIONS,
) {
  const internal = tabulate({ atoms, declarations, period, backgroundPeriod: period });
  const result = await protectTables({ internal, atoms, declarations, params });
  return { internal, result };
}

/** Random small populations: every atom has one work provision (Pwet category or UWV type) plus 0–4 other sets. */
const CORE = [...PWET_CATS.map((c) => `pwet.${c}`), ...UWV_TYPES.map((t) => `uwv.${t}`)];
const atomArb = fc
  .record({
    core: fc.constantFrom(...CORE),
    others: fc.uniqueArray(fc.integer({ min: 0, max: BASE_SETS.length - 1 }), { maxLength: 4 }),
    dropInBg: fc.option(fc.integer({ min: 0, max: BASE_SETS.length - 1 }), { freq: 4 }),
    age: fc.constantFrom(...DIMENSIONS.age.map(([k]) => k)),
    gender: fc.constantFrom(...DIMENSIONS.gender.map(([k]) => k)),
    education: fc.constantFrom(...DIMENSIONS.education.map(([k]) => k)),
    n: fc.integer({ min: 1, max: 14 }),
  })
  .map(({ core, others, dropInBg, age, gender, education, n }): Atom => {
    const bits = others.reduce((m, b) => m | (1 << b), 1 << bitOf(core));
    const bitsBg = dropInBg === null ? bits : bits & ~(1 << dropInBg);
    return { bits, bitsBg, age, gender, education, n };
  });
const populationArb = fc.array(atomArb, { minLength: 1, maxLength: 30 });

/** Every cell (table, i, j) with its internal value and exported cell. */
function* allCells(
  internal: Awaited<ReturnType<typeof run>>['internal'],
  exported: Awaited<ReturnType<typeof run>>['result']['exported'],
) {
  for (const decl of TABLE_DECLARATIONS) {
    const it = internal.tables[decl.id]!;
    const et = exported.tables[decl.id]!;
    for (let i = 0; i < it.cells.length; i++)
      for (let j = 0; j < it.cells[i]!.length; j++)
        yield { decl, i, j, value: it.cells[i]![j]!, out: et.cells[i]![j]! };
  }
}

/** A normalised text of a cell's definition (terms as a sorted set, plus basis). */
function definitionKey(decl: TableDeclaration, i: number, j: number): string | null {
  const terms = cellTerms(decl, i, j);
  if (terms === null) return null;
  return `${decl.basis}|${[...new Set(terms.map((t) => JSON.stringify(t)))].sort().join('&')}`;
}

describe('protectTables', () => {
  it('hand-checked: a small cell derivable from a total and its sibling gets a secondary (the sibling, not the grand total)', async () => {
    const decl: TableDeclaration = {
      id: 'T',
      kind: 'table',
      order: 0,
      titleEn: '',
      title: 'test',
      basis: 'period',
      base: [],
      rows: [
        { key: 'total', label: 'Totaal', terms: [{ set: 'pwet' }] },
        { key: 'vervoer', label: 'Vervoer', terms: [{ set: 'pwet.vervoer' }] },
        { key: 'overig', label: 'Overig', terms: [{ set: 'pwet.overig' }] },
      ],
      columns: [{ key: 'users', label: 'Personen', terms: [] }],
      cells: 'all',
    };
    const atoms: Atom[] = [
      {
        bits: 1 << bitOf('pwet.vervoer'),
        bitsBg: 1 << bitOf('pwet.vervoer'),
        age: 'onbekend',
        gender: 'onbekend',
        education: 'onbekend',
        n: 40,
      },
      {
        bits: 1 << bitOf('pwet.overig'),
        bitsBg: 1 << bitOf('pwet.overig'),
        age: 'onbekend',
        gender: 'onbekend',
        education: 'onbekend',
        n: 5,
      },
    ];
    const { internal, result } = await run(atoms, DEFAULT, [decl]);
    expect(internal.tables.T!.cells).toEqual([[45], [40], [5]]);
    // total − vervoer = overig, so vervoer (cheaper than the grand total |pwet|) must go too.
    expect(result.exported.tables.T!.cells).toEqual([[45], ['**'], ['**']]);
    expect(result.marks.T).toEqual([[null], ['secondary'], ['primary']]);
    const overig = result.audit.cells.find((c) => c.row === 'overig')!;
    // v = 5, p = max(1, ceil(1.5)) = 2: the interval must reach 3 and 7; with only the total shown it is [0, 45].
    expect(overig).toMatchObject({ value: 5, kind: 'primary', protection: 2, interval: [0, 45] });
    const vervoer = result.audit.cells.find((c) => c.row === 'vervoer')!;
    expect(vervoer).toMatchObject({
      value: 40,
      kind: 'secondary',
      interval: [0, 45],
      protects: [{ table: 'T', row: 'overig', column: 'users' }],
    });
    expect(result.audit.totals).toMatchObject({ cells: 3, published: 1, suppressed: 2, primary: 1, secondary: 1 });

    // the same protection with a progress listener: the search counts its one primary, then the audit its two cells
    const seen: unknown[] = [];
    const again = await protectTables({
      internal,
      atoms,
      declarations: [decl],
      params: DEFAULT,
      onProgress: (p) => seen.push(p),
    });
    expect(seen).toEqual([
      { phase: 'search', done: 0, total: 1 },
      { phase: 'search', done: 1, total: 1 },
      { phase: 'audit', cells: 2 },
    ]);
    expect(again.exported).toEqual(result.exported);
  });

  it('hand-checked: a small cell whose complement is already hidden needs no secondary', async () => {
    const decl: TableDeclaration = {
      id: 'T',
      kind: 'table',
      order: 0,
      titleEn: '',
      title: 'test',
      basis: 'period',
      base: [],
      rows: [
        { key: 'total', label: 'Totaal', terms: [{ set: 'pwet' }] },
        { key: 'vervoer', label: 'Vervoer', terms: [{ set: 'pwet.vervoer' }] },
      ],
      columns: [{ key: 'users', label: 'Personen', terms: [] }],
      cells: 'all',
    };
    const bit = (k: string) => 1 << bitOf(k);
    const atoms: Atom[] = [
      {
        bits: bit('pwet.vervoer'),
        bitsBg: bit('pwet.vervoer'),
        age: 'onbekend',
        gender: 'onbekend',
        education: 'onbekend',
        n: 4,
      },
      {
        bits: bit('pwet.overig'),
        bitsBg: bit('pwet.overig'),
        age: 'onbekend',
        gender: 'onbekend',
        education: 'onbekend',
        n: 30,
      },
    ];
    const { result } = await run(atoms, DEFAULT, [decl]);
    expect(result.exported.tables.T!.cells).toEqual([[34], ['**']]);
    expect(result.audit.cells).toEqual([
      {
        table: 'T',
        row: 'vervoer',
        column: 'users',
        value: 4,
        kind: 'primary',
        why: 'threshold',
        protection: 2,
        interval: [0, 34],
      },
    ]);
  });

  it('property: no unsafe count published, published counts exact, every primary protected against an independent attacker, consistent', async () => {
    const highs = await loadSolver();
    await fc.assert(
      fc.asyncProperty(populationArb, async (atoms) => {
        const { internal, result } = await run(atoms);
        const status = new Map<string, string>();
        for (const { decl, i, j, value, out } of allCells(internal, result.exported)) {
          if (value === null) {
            expect(out).toBeNull();
            continue;
          }
          if (typeof out === 'number') {
            expect(out).toBe(value);
            expect(isPrimaryUnsafe(out, DEFAULT)).toBe(false);
          } else expect(out).toBe('**');
          if (isPrimaryUnsafe(value, DEFAULT)) {
            expect(out).toBe('**');
            const interval = independentInterval(highs, atoms, TABLE_DECLARATIONS, result.exported, {
              table: decl.id,
              i,
              j,
            });
            expect(meetsRule(value, interval, DEFAULT), `${decl.id} ${i},${j} v=${value} [${interval}]`).toBe(true);
          }
          // consistency: the same definition has one status in every table
          const key = definitionKey(decl, i, j)!;
          const s = typeof out === 'number' ? 'shown' : 'hidden';
          expect(status.get(key) ?? s).toBe(s);
          status.set(key, s);
        }
        // consistency: cells with the same atoms have one status
        const model = buildAttackerModel(atoms, TABLE_DECLARATIONS);
        for (const c of model.canonical) {
          const shown = c.occurrences.map((o) => {
            const ref = model.cells[o]!;
            const [, i, j] = model.positions[o]!;
            return typeof result.exported.tables[ref.table]!.cells[i]![j] === 'number';
          });
          expect(new Set(shown).size).toBe(1);
        }
      }),
      { numRuns: 12, seed: 20240611 },
    );
  });

  it('property: the pattern does not depend on the order of the atoms', async () => {
    await fc.assert(
      fc.asyncProperty(populationArb, fc.integer({ min: 0, max: 2 ** 31 - 1 }), async (atoms, seed) => {
        const shuffled = [...atoms];
        let s = seed;
        for (let k = shuffled.length - 1; k > 0; k--) {
          s = (s * 1103515245 + 12345) % 2 ** 31;
          const m = s % (k + 1);
          [shuffled[k], shuffled[m]] = [shuffled[m]!, shuffled[k]!];
        }
        const a = await run(atoms);
        const b = await run(shuffled);
        expect(b.result.exported).toEqual(a.result.exported);
        expect(b.result.marks).toEqual(a.result.marks);
        expect(b.result.internalFiles).toEqual(a.result.internalFiles);
      }),
      { numRuns: 6, seed: 7 },
    );
  });

  it('a population with more than 100 unsafe cells: all protected against the independent attacker', async () => {
    const highs = await loadSolver();
    const atoms = randomPopulation(300, 3);
    const { internal, result } = await run(atoms);
    expect(result.audit.totals.primary).toBeGreaterThan(100);
    let checked = 0;
    for (const { decl, i, j, value, out } of allCells(internal, result.exported)) {
      if (value === null || !isPrimaryUnsafe(value, DEFAULT)) continue;
      expect(out).toBe('**');
      const interval = independentInterval(highs, atoms, TABLE_DECLARATIONS, result.exported, { table: decl.id, i, j });
      expect(meetsRule(value, interval, DEFAULT), `${decl.id} ${i},${j}`).toBe(true);
      checked++;
    }
    expect(checked).toBe(result.audit.totals.primary);
    // the audit's own intervals say the same
    for (const c of result.audit.cells.filter((x) => x.kind === 'primary'))
      expect(meetsRule(c.value, [c.interval[0], c.interval[1] ?? Infinity], DEFAULT)).toBe(true);
  });

  it('zeroUnsafe: no zero is published and every primary (zeros included) meets the rule in the audit', async () => {
    const params = { ...DEFAULT, zeroUnsafe: true };
    const atoms = randomPopulation(2000, 5);
    const { internal, result } = await run(atoms, params);
    let zeros = 0;
    for (const { value, out } of allCells(internal, result.exported)) {
      if (value === 0) {
        zeros++;
        expect(out).toBe('**');
      }
    }
    expect(zeros).toBeGreaterThan(0);
    const primaries = result.audit.cells.filter((c) => c.kind === 'primary');
    expect(primaries.some((c) => c.value === 0)).toBe(true);
    for (const c of primaries)
      expect(meetsRule(c.value, [c.interval[0], c.interval[1] ?? Infinity], params)).toBe(true);
  });

  it('exports percentages for F3.1–F3.3 only where count and base are shown and the base reaches the threshold', async () => {
    const atoms = randomPopulation(3000, 11);
    const { result } = await run(atoms);
    let shown = 0;
    let hidden = 0;
    for (const id of ['F3.1', 'F3.2', 'F3.3']) {
      const t = result.exported.tables[id]!;
      const tot = t.columns.findIndex((c) => c.key === 'total');
      t.percentages!.forEach((row, i) =>
        row.forEach((p, j) => {
          const count = t.cells[i]![j];
          const base = t.cells[i]![tot];
          if (typeof count === 'number' && typeof base === 'number' && base >= 10) {
            expect(p).toBe(Math.round((count / base) * 1000) / 10);
            shown++;
          } else {
            expect(p).toBe('**');
            hidden++;
          }
        }),
      );
    }
    expect(shown).toBeGreaterThan(0);
    expect(hidden).toBeGreaterThan(0);
    expect(result.exported.tables['3.2']!.percentages).toBeUndefined();
  });

  it('marks mirror the export, the audit lists exactly the suppressed cells, the checker note holds no table counts', async () => {
    const atoms = randomPopulation(1500, 2);
    const { internal, result } = await run(atoms);
    let suppressed = 0;
    for (const [id, t] of Object.entries(result.exported.tables)) {
      t.cells.forEach((row, i) =>
        row.forEach((v, j) => {
          const m = result.marks[id]![i]![j];
          expect(m !== null).toBe(v === '**');
          if (v === '**') suppressed++;
        }),
      );
    }
    expect(result.audit.cells.length).toBe(suppressed);
    expect(result.audit.totals.primary + result.audit.totals.secondary).toBe(suppressed);
    expect(result.audit.totals.secondary).toBeGreaterThan(0);
    for (const c of result.audit.cells) {
      expect(
        result.marks[c.table]![internal.tables[c.table]!.rows.findIndex((r) => r.key === c.row)]![
          internal.tables[c.table]!.columns.findIndex((k) => k.key === c.column)
        ],
      ).toBe(c.kind);
      if (c.kind === 'secondary') expect(c.protects!.length).toBeGreaterThan(0);
    }
    // The checker's note on this result (render composes it so, with the sources): parameters, dates, table ids and
    // counts of cells (the per-table lines), never a person count.
    const ids = Object.keys(result.exported.tables);
    const facts = {
      period: internal.period,
      sources: [],
      params: result.audit.params,
      tables: tableCellCounts(result.exported.tables, result.marks, ids),
    };
    const note = checkerNote(
      {
        ...facts,
        passed: result.audit.passed,
        quarantinedRows: 0,
        groupDisclosure: groupDisclosureLines(result.exported, ids),
        declarations: TABLE_DECLARATIONS,
        software: { version: '0.0.0', commit: 'test' },
      },
      'en',
    );
    const perTable = note.slice(note.indexOf('Cells per table'), note.indexOf('Audit:'));
    let shownTotal = 0;
    for (const line of perTable.split('\n').filter((l) => /^ {2}(Table|Figure) /.test(l))) {
      const m = /^ {2}(?:Table|Figure) (\S+)\s+(\d+) \/\s+(\d+) \/\s+(\d+)$/.exec(line)!;
      const id = line.includes('Figure') ? `F${m[1]}` : m[1]!;
      const cells = result.exported.tables[id]!.cells.flat();
      expect(Number(m[2]), line).toBe(cells.filter((v) => typeof v === 'number').length);
      expect(Number(m[3]) + Number(m[4]), line).toBe(cells.filter((v) => v === '**').length);
      shownTotal += Number(m[2]);
    }
    expect(perTable).toMatch(
      new RegExp(
        `All tables\\s+${shownTotal} /\\s+${result.audit.totals.primary} /\\s+${result.audit.totals.secondary}`,
      ),
    );
    const rest = (note.slice(0, note.indexOf('Cells per table')) + note.slice(note.indexOf('Audit:')))
      .replace(/\d{4}-\d{2}-\d{2}/g, '')
      .replace(/(Table|Figure) \S+/g, '');
    const numbers = [...rest.matchAll(/\d+(\.\d+)?/g)].map((m) => Number(m[0]));
    const allowed = new Set([0, 1, 3, 9, 10, 12, 256, 0.3, 3.1, 3.3]); // parameters, "12 hex digits", SHA-256, "figures 3.1-3.3"
    for (const n of numbers) expect(allowed.has(n), `number ${n} in the checker note`).toBe(true);
    expect(note).toContain('PASSED');
    expect(Object.keys(result.internalFiles).sort()).toEqual([
      'atoms.json',
      'attacker-model.json',
      'suppression-audit.json',
    ]);
  });
});

describe('protectTables edge cases', () => {
  it('an empty population: every cell 0, shown by default, all suppressed consistently when zero is unsafe', async () => {
    const shown = await run([]);
    expect(shown.result.audit.totals.suppressed).toBe(0);
    expect(
      Object.values(shown.result.exported.tables)
        .flatMap((t) => t.cells.flat())
        .every((v) => v === 0 || v === null),
    ).toBe(true);
    const hidden = await run([], { ...DEFAULT, zeroUnsafe: true });
    expect(hidden.result.audit.totals.published).toBe(0);
    expect(
      hidden.result.audit.cells.every(
        (c) =>
          c.kind === 'primary' &&
          meetsRule(0, [c.interval[0], c.interval[1] ?? Infinity], { ...DEFAULT, zeroUnsafe: true }),
      ),
    ).toBe(true);
  });

  it('rejects bad parameters as input errors', async () => {
    await expect(run([], { ...DEFAULT, threshold: 0 })).rejects.toThrow(/threshold/);
    await expect(run([], { ...DEFAULT, safetyRange: 2 })).rejects.toThrow(/safety range/);
  });
});
