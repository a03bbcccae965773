/**
 * Table and figure ids in the order the 2023 report publishes them (chapter 3, chapter 4, Bijlage 5),
 * plus the caption prefix of an id ("Tabel 3.1", "Figuur 3.4"). Shared by every renderer so that
 * tables.json, tables.xlsx and report.html list the tables in one and the same order.
 */
export const PUBLISHED_ORDER: readonly string[] = [
  '3.0', '3.1', 'F3.1', 'F3.2', 'F3.3', '3.2', 'F3.4', '3.3', '3.4', '3.5', '3.6', 'F3.5',
  '3.7', '3.8', '3.9', '3.10', '3.11',
  '4.1', 'F4.1', '4.2', 'F4.3', '4.3', '4.4', 'F4.4', '4.5',
  'A', 'B', 'C',
];

/** The ids drawn as a chart (outputs.md: charts/<id>.vl.json). */
export const FIGURE_IDS: readonly string[] = ['F3.1', 'F3.2', 'F3.3', 'F3.4', 'F3.5', 'F4.1', 'F4.3', 'F4.4'];

/** Figures drawn as 100 % stacked bars of the `percentages` matrix (groups × classes). */
export const SHARE_FIGURE_IDS: readonly string[] = ['F3.1', 'F3.2', 'F3.3'];

export function isFigure(id: string): boolean {
  return FIGURE_IDS.includes(id);
}

/** The given ids in published order; ids the report does not know come last, sorted by code point. */
export function tableOrder(ids: Iterable<string>): string[] {
  const known = new Map(PUBLISHED_ORDER.map((id, i) => [id, i]));
  return [...new Set(ids)].sort((a, b) => {
    const ia = known.get(a);
    const ib = known.get(b);
    if (ia !== undefined && ib !== undefined) return ia - ib;
    if (ia !== undefined) return -1;
    if (ib !== undefined) return 1;
    return a < b ? -1 : a > b ? 1 : 0;
  });
}

/** "Tabel 3.1" / "Figuur 3.4" (nl), "Table 3.1" / "Figure 3.4" (en). */
export function caption(id: string, lang: 'nl' | 'en'): string {
  if (/^F/.test(id)) return `${lang === 'nl' ? 'Figuur' : 'Figure'} ${id.slice(1)}`;
  return `${lang === 'nl' ? 'Tabel' : 'Table'} ${id}`;
}
