import {
  type ChartKind,
  publishedOrder,
  TABLE_DECLARATIONS,
  type TableDeclaration,
} from '../model/tableDeclarations.js';
import { captionText } from '../core/messages.js';

/**
 * Order, kind and caption of a table, read from its declaration (model/tables.json, plus the tables a config adds).
 * Shared by every renderer so that tables.json, tables.xlsx and report.html list the tables in one and the same
 * order. Every function takes the run's declarations (declarationsFor(config)): none falls back to the shipped ones.
 */
type Decls = readonly TableDeclaration[];

/**
 * The shipped ids in published order (chapter 3, chapter 4, Bijlage 5).
 * @internal exported for its test (and only used there)
 */
export const PUBLISHED_ORDER: readonly string[] = publishedOrder(TABLE_DECLARATIONS).map((d) => d.id);

/**
 * The shipped ids drawn as a chart (docs/spec/outputs.md: charts/<id>.vl.json), in published order.
 * @internal exported for its test (and only used there)
 */
export const FIGURE_IDS: readonly string[] = publishedOrder(TABLE_DECLARATIONS)
  .filter((d) => d.kind === 'figure')
  .map((d) => d.id);

function find(id: string, declarations: Decls): TableDeclaration | undefined {
  return declarations.find((d) => d.id === id);
}

export function isFigure(id: string, declarations: Decls): boolean {
  return find(id, declarations)?.kind === 'figure';
}

/** How a figure is drawn; undefined for a table. */
export function chartKind(id: string, declarations: Decls): ChartKind | undefined {
  const d = find(id, declarations);
  return d?.kind === 'figure' ? (d.chart ?? 'bars') : undefined;
}

/** The given ids in published order; ids without a declaration come last, sorted by code point. */
export function tableOrder(ids: Iterable<string>, declarations: Decls): string[] {
  const known = new Map(publishedOrder(declarations).map((d, i) => [d.id, i]));
  return [...new Set(ids)].sort((a, b) => {
    const ia = known.get(a);
    const ib = known.get(b);
    if (ia !== undefined && ib !== undefined) return ia - ib;
    if (ia !== undefined) return -1;
    if (ib !== undefined) return 1;
    return a < b ? -1 : a > b ? 1 : 0;
  });
}

/** "Tabel 3.1" / "Figuur 3.4" (nl), "Table 3.1" / "Figure 3.4" (en): a figure's id loses its leading "F". */
export function caption(id: string, lang: 'nl' | 'en', declarations: Decls): string {
  const d = find(id, declarations);
  return captionText(id, d ? d.kind === 'figure' : /^F/.test(id), lang);
}
