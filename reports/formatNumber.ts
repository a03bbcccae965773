import type { Lang } from './footnotes.js';

/** A whole number with thousands separators as published: 72.512 (nl), 72,512 (en). No Intl: same bytes everywhere. */
export function formatCount(n: number, lang: Lang): string {
  const sep = lang === 'nl' ? '.' : ',';
  const s = String(Math.abs(Math.round(n)));
  const grouped = s.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
  return n < 0 ? `−${grouped}` : grouped;
}

/** A percentage with one decimal: 38,2% (nl), 38.2% (en). */
export function formatPercent(p: number, lang: Lang, decimals = 1): string {
  const s = p.toFixed(decimals);
  return `${lang === 'nl' ? s.replace('.', ',') : s}%`;
}
