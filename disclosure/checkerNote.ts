import type { DisclosureParams } from './protectionRule.js';

/**
 * The text of export/README.txt for the CBS output checker: the rule, its parameters and the audit result.
 * It states no count that is not in the tables (the number of `**` cells can be counted in the tables).
 */
export function checkerNote(params: DisclosureParams, result: { passed: boolean; suppressedCells: number }): string {
  const pct = Math.round(params.safetyRange * 1000) / 10;
  return [
    'multigebruik — note for the CBS output checker',
    '',
    'Every number in this directory is a count of unique persons (tables.md) or a percentage derived from',
    'shown counts. Disclosure control applied to all tables and figures of this run together:',
    '',
    `- Primary suppression: a count from 1 to ${params.threshold - 1} is shown as **` +
      (params.zeroUnsafe ? '; zero counts are treated as unsafe too.' : '; zero counts are shown.'),
    `- Percentages (figures F3.1-F3.3) are shown only when their count is shown and their base is shown and at least ${params.threshold}.`,
    '- Secondary suppression: further cells are shown as ** so that no suppressed count can be worked back.',
    '  The attacker knows every published number, the table definitions, and that counts are whole numbers >= 0;',
    '  every count is a sum of atom counts (persons with one combination of memberships and classes), and the',
    '  attacker bounds each suppressed cell by linear programming over the atom combinations observed in the data',
    '  (a stronger attacker than one who must allow every combination).',
    `- Rule: for every primary-suppressed count v, the attainable interval [lo, hi] satisfies lo <= max(0, v - p)`,
    `  and hi >= v + p, with p = max(1, ceil(v * ${params.safetyRange})) (safety range ${pct}%).`,
    '- Consistency: a count that appears in several tables is suppressed in all of them or in none.',
    '',
    `Parameters: threshold = ${params.threshold}, zero unsafe = ${params.zeroUnsafe ? 'yes' : 'no'}, safety range = ${params.safetyRange}.`,
    `Suppressed cells (shown as **): ${result.suppressedCells}.`,
    `Audit: ${result.passed ? 'PASSED' : 'FAILED'} — every primary-suppressed cell is protected by the rule above.`,
    '',
    'The detailed audit (per suppressed cell: reason and proven interval) stays inside the secure environment in',
    'internal/suppression-audit.json; `multigebruik audit OUT` recomputes it from export/ and internal/.',
    '',
  ].join('\n');
}
