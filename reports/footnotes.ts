import type { ExportTable } from '../schemas/tablesJson.js';
import { footnoteText as TEXT, type Language } from '../core/messages.js';

/** The language of an output file. */
export type Lang = Language;

export interface Footnote {
  marker: '*' | '~' | '**';
  text: string;
}

/** A label's trailing footnote marker (`*` or `~`, as published: "… werkplek *", "…/jobcoach~"), if any. */
export function labelMarker(label: string): '*' | '~' | null {
  const m = /(?<!\*)([*~])\s*$/.exec(label);
  return m ? (m[1] as '*' | '~') : null;
}

/**
 * The footnotes a table needs, in the report's order (`*`, `~`, `**`): a marker is explained when a
 * row or column label carries it, `**` when any cell or percentage is suppressed (with the run's threshold).
 */
export function footnotes(table: ExportTable, lang: Lang, threshold: number): Footnote[] {
  const labels = [...table.rows, ...table.columns].map((h) => labelMarker(h.label));
  const suppressed = [...table.cells, ...(table.percentages ?? [])].some((r) => r.some((c) => c === '**'));
  const out: Footnote[] = [];
  if (labels.includes('*')) out.push({ marker: '*', text: TEXT[lang]['*'] });
  if (labels.includes('~')) out.push({ marker: '~', text: TEXT[lang]['~'] });
  if (suppressed) out.push({ marker: '**', text: TEXT[lang]['**'](threshold) });
  return out;
}

/** All three explanations, for places that explain the markers once (README, page legend). */
export function allFootnotes(lang: Lang, threshold: number): Footnote[] {
  return [
    { marker: '*', text: TEXT[lang]['*'] },
    { marker: '~', text: TEXT[lang]['~'] },
    { marker: '**', text: TEXT[lang]['**'](threshold) },
  ];
}
