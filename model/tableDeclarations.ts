import type { Basis, CellTerm } from './cellTerm.js';
import { messages } from '../core/messages.js';
import { BASE_SETS, DERIVED_SETS, DIMENSIONS } from './personSets.js';
import { type AxisItem, type Label, type TableSpec, type TablesFile, shippedTablesFile } from './tablesFile.js';

/**
 * Every output table, declared as rows × columns of person sets (docs/spec/tables.md). A cell counts the persons that
 * satisfy the table's `base` terms, its row's terms and its column's terms. The declarations are data
 * (model/tables.json, plus the tables a config adds): this module expands them and is the one place every stage
 * (tabulate, protect, render, audit) and every renderer reads a table's metadata from.
 */

interface Axis {
  key: string;
  /** Published (Dutch) label. */
  label: string;
  /** English label (without the footnote marker, which is carried over from the Dutch label). */
  labelEn?: string | undefined;
  terms: CellTerm[];
}

export type ChartKind = 'bars' | 'share';

export interface TableDeclaration {
  id: string;
  kind: 'table' | 'figure';
  /** Figures: how the chart draws them; a `share` figure also carries `percentages` of its row's `total` column. */
  chart?: ChartKind | undefined;
  /** Published order: tables, xlsx sheets and report sections sort by it. */
  order: number;
  /** Published title; `{period}` is replaced by the period's years, e.g. 2017-2022. */
  title: string;
  /** English title; `{period}` and `{bgPeriod}` are replaced by the years (with an en dash). */
  titleEn: string;
  basis: Basis;
  base: CellTerm[];
  rows: Axis[];
  columns: Axis[];
  /** Which cells exist (the others are null): all, all but row key = column key, only above the diagonal, all but total × total. */
  cells: 'all' | 'offDiagonal' | 'aboveDiagonal' | 'noCorner';
}

/** Does the figure carry a percentages matrix (of the row's `total` column)? */
export function hasPercentages(decl: Pick<TableDeclaration, 'kind' | 'chart'>): boolean {
  return decl.kind === 'figure' && decl.chart === 'share';
}

/** A fault in one declaration, at a JSON path below the declaration list (e.g. `3.rows.1`). */
export class DeclarationError extends Error {
  constructor(
    readonly path: (string | number)[],
    message: string,
  ) {
    super(message);
  }
}

const SET_KEYS = new Set([...BASE_SETS, ...Object.keys(DERIVED_SETS)]);

/** The vocabulary an axis item may name, from model/tables.json. */
function vocabulary(file: TablesFile) {
  const single = new Map<string, { label: Label; terms: CellTerm[] }>();
  for (const [name, a] of Object.entries(file.axes)) single.set(name, { label: a.label, terms: a.terms });
  const lists = new Map<string, { key: string; label: Label; terms: CellTerm[] }[]>();
  for (const [name, c] of Object.entries(file.categories)) {
    const items = c.items.map((i) => ({
      key: i.key,
      label: i.label,
      terms:
        i.terms ?? (c.dimension ? [{ dim: name as 'age', value: i.key }] : [{ set: `${c.setPrefix ?? ''}${i.key}` }]),
    }));
    lists.set(name, items);
    for (const i of items) single.set(`${name}.${i.key}`, i);
  }
  return { single, lists };
}

function checkTerms(terms: readonly CellTerm[], path: (string | number)[]) {
  const valid = [...SET_KEYS];
  terms.forEach((t, k) => {
    if ('set' in t && !SET_KEYS.has(t.set))
      throw new DeclarationError([...path, k, 'set'], messages.tableUnknownSet(t.set, valid));
    if ('of' in t)
      t.of.forEach((s, m) => {
        if (!SET_KEYS.has(s)) throw new DeclarationError([...path, k, 'of', m], messages.tableUnknownSet(s, valid));
      });
    if ('dim' in t) {
      const classes = DIMENSIONS[t.dim].map(([key]) => key);
      if (!classes.includes(t.value))
        throw new DeclarationError([...path, k, 'value'], messages.tableUnknownValue(t.dim, t.value, classes));
    }
  });
}

function countLabel(file: TablesFile, n: number): Label {
  const pick = (forms: readonly [string, string]) => (n === 1 ? forms[0] : forms[1]).replace('{n}', String(n));
  return { nl: pick(file.counts.label.nl), en: pick(file.counts.label.en) };
}

function expandAxis(
  file: TablesFile,
  voc: ReturnType<typeof vocabulary>,
  items: readonly AxisItem[],
  path: (string | number)[],
): Axis[] {
  const out: Axis[] = [];
  const axis = (key: string, label: Label, terms: CellTerm[]): Axis => ({
    key,
    label: label.nl,
    labelEn: label.en,
    terms,
  });
  const named = (name: string, at: (string | number)[]) => {
    const v = voc.single.get(name);
    if (!v && voc.lists.has(name)) throw new DeclarationError(at, messages.tableListAsKey(name));
    if (!v) throw new DeclarationError(at, messages.tableUnknownKey(name, [...voc.single.keys()]));
    return v;
  };
  items.forEach((item, k) => {
    const at = [...path, k];
    if (typeof item === 'string') {
      const v = named(item, at);
      out.push(axis(item.includes('.') ? item.slice(item.indexOf('.') + 1) : item, v.label, v.terms));
    } else if ('each' in item) {
      const list = voc.lists.get(item.each);
      if (!list)
        throw new DeclarationError([...at, 'each'], messages.tableUnknownList(item.each, [...voc.lists.keys()]));
      for (const i of list) out.push(axis(i.key, i.label, i.terms));
    } else if ('ref' in item) {
      const v = named(item.ref, [...at, 'ref']);
      const key = item.key ?? (item.ref.includes('.') ? item.ref.slice(item.ref.indexOf('.') + 1) : item.ref);
      out.push(axis(key, item.label ?? v.label, v.terms));
    } else if ('count' in item && 'from' in item) {
      if (item.to < item.from) throw new DeclarationError([...at, 'to'], messages.tableCountRange(item.from, item.to));
      for (let n = item.from; n <= item.to; n++)
        out.push(axis(`n${n}`, countLabel(file, n), [{ countOf: item.count, n }]));
    } else if ('count' in item) {
      out.push(
        axis(item.key ?? `n${item.n}`, item.label ?? countLabel(file, item.n), [{ countOf: item.count, n: item.n }]),
      );
    } else {
      checkTerms(item.terms, [...at, 'terms']);
      out.push(axis(item.key, item.label, item.terms));
    }
  });
  if (out.length === 0) throw new DeclarationError(path, messages.tableEmptyAxis());
  const seen = new Set<string>();
  out.forEach((a) => {
    if (seen.has(a.key)) throw new DeclarationError(path, messages.tableKeyTwice(a.key));
    seen.add(a.key);
  });
  return out;
}

/**
 * Expand table specs (model/tables.json or a config's `tables.add`) into declarations. `firstOrder` is the order
 * given to specs without one. Throws DeclarationError with the JSON path below `specs` on the first fault.
 * @internal exported for its test (and only used there)
 */
export function expandTables(
  specs: readonly TableSpec[],
  file: TablesFile = shippedTablesFile(),
  firstOrder = 0,
  taken: ReadonlySet<string> = new Set(),
): TableDeclaration[] {
  const voc = vocabulary(file);
  const ids = new Set(taken);
  return specs.map((s, t) => {
    if (ids.has(s.id)) throw new DeclarationError([t, 'id'], messages.tableDuplicateId(s.id));
    ids.add(s.id);
    if (s.kind === 'figure' && !s.chart) throw new DeclarationError([t, 'chart'], messages.figureNeedsChart());
    if (s.kind === 'table' && s.chart) throw new DeclarationError([t, 'chart'], messages.chartOnTable());
    checkTerms(s.base, [t, 'base']);
    const rows = expandAxis(file, voc, s.rows, [t, 'rows']);
    const columns = expandAxis(file, voc, s.columns, [t, 'columns']);
    if (s.chart === 'share' && !columns.some((c) => c.key === 'total'))
      throw new DeclarationError([t, 'columns'], messages.shareNeedsTotal());
    return {
      id: s.id,
      kind: s.kind,
      ...(s.chart ? { chart: s.chart } : {}),
      order: s.order ?? firstOrder + t + 1,
      title: s.title.nl,
      titleEn: s.title.en,
      basis: s.basis,
      base: s.base,
      rows,
      columns,
      cells: s.cells,
    };
  });
}

let shipped: readonly TableDeclaration[] | undefined;

/**
 * The shipped tables and figures of model/tables.json, in computation order.
 * @internal exported for its test (and only used there)
 */
export function shippedDeclarations(): readonly TableDeclaration[] {
  shipped ??= expandTables(shippedTablesFile().tables);
  return shipped;
}

export const TABLE_DECLARATIONS: readonly TableDeclaration[] = shippedDeclarations();

/** Sets whose plain count is the size of one whole population (|work|, |pwet|, |lks|, …): `population` in model/tables.json. */
export function populationSets(): Set<string> {
  const out = new Set<string>();
  for (const a of Object.values(shippedTablesFile().axes))
    if (a.population) for (const t of a.terms) if ('set' in t) out.add(t.set);
  return out;
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

/** The declarations in published order (by `order`, then computation order). */
export function publishedOrder(declarations: readonly TableDeclaration[]): TableDeclaration[] {
  return declarations
    .map((d, k) => ({ d, k }))
    .sort((a, b) => a.d.order - b.d.order || a.k - b.k)
    .map((x) => x.d);
}

/** The table selection of a config: tables it adds, and which shipped tables it keeps or drops (ids, `*` matches any text). */
export interface TableSelection {
  add: readonly TableSpec[];
  keep?: readonly string[] | undefined;
  drop: readonly string[];
}

function matcher(pattern: string): (id: string) => boolean {
  const re = new RegExp(
    `^${pattern
      .split('*')
      .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );
  return (id) => re.test(id);
}

/**
 * The declarations of a run: the shipped tables the config keeps (all by default, minus `drop`), then the tables it
 * adds. The run, the protection (jointly over all of them) and the audit all read this one list. Throws
 * DeclarationError with the JSON path below the config's `tables` (e.g. `add.0.rows.1`).
 */
export function declarationsFor(config: { tables?: TableSelection | undefined }): TableDeclaration[] {
  const sel = config.tables;
  const all = shippedDeclarations();
  if (!sel) return [...all];
  const ids = all.map((d) => d.id);
  const select = (list: readonly string[], field: string) =>
    list.map((p, k) => {
      const m = matcher(p);
      if (!ids.some(m)) throw new DeclarationError([field, k], messages.tableIdUnknown(p, ids));
      return m;
    });
  const keep = sel.keep ? select(sel.keep, 'keep') : undefined;
  const drop = select(sel.drop, 'drop');
  const kept = all.filter((d) => (!keep || keep.some((m) => m(d.id))) && !drop.some((m) => m(d.id)));
  const firstOrder = Math.max(0, ...all.map((d) => d.order));
  try {
    return [...kept, ...expandTables(sel.add, shippedTablesFile(), firstOrder, new Set(kept.map((d) => d.id)))];
  } catch (e) {
    if (e instanceof DeclarationError) throw new DeclarationError(['add', ...e.path], e.message);
    throw e;
  }
}
