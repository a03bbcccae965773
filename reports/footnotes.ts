import type { ExportTable } from '../schemas/tablesJson.js';

export type Lang = 'nl' | 'en';

export interface Footnote {
  marker: '*' | '~' | '**';
  text: string;
}

const TEXT: Record<Lang, Record<'*' | '~', string> & { '**': (threshold: number) => string }> = {
  nl: {
    '*': 'Vanaf 2019 is deze categorie opgenomen in de dataset.',
    '~': 'Vanaf 2019 is deze categorie niet meer opgenomen in de dataset.',
    '**': (threshold) => `Te weinig waarnemingen om te kunnen laten zien (minder dan ${threshold} personen, of nodig om zo’n aantal af te schermen).`,
  },
  en: {
    '*': 'This category is in the data from 2019 onwards.',
    '~': 'This category is no longer in the data from 2019 onwards.',
    '**': (threshold) => `Too few observations to show (fewer than ${threshold} persons, or hidden to protect such a count).`,
  },
};

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
