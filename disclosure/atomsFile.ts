import { z } from 'zod';
import type { Atom } from '../model/atom.js';
import type { ReleaseSpans, SetSpan, WindowNesting } from '../model/setSpans.js';

/**
 * `internal/atoms.json`: the exact atom counts of a run (persons per combination of memberships and classes;
 * aggregated, never a person key). Everything the audit recomputes — every table count, which cells each atom
 * lies in, the attacker LP — follows from these and the table declarations.
 */
export const ATOMS_FILE = 'atoms.json';

/** The atoms of the k-th earlier export (0-based, order of manifest `previous`), recomputed from this run's input for its period. */
export const earlierAtomsFile = (k: number) => `earlier-atoms-${k + 1}.json`;

const NestingSchema = z.object({
  newInside: z.number().int().nonnegative(),
  earlierInside: z.number().int().nonnegative(),
});

const SpanSchema = z.object({
  mask: z.number().int().nonnegative(),
  lastBegin: z.string(),
  firstEnd: z.string().nullable(),
});

export const AtomsFileSchema = z.object({
  format: z.literal('multigebruik-atoms/1'),
  description: z.string(),
  atoms: z.array(
    z.object({
      bits: z.number().int().nonnegative(),
      bitsBg: z.number().int().nonnegative(),
      age: z.string(),
      gender: z.string(),
      education: z.string(),
      n: z.number().int().positive(),
    }),
  ),
  /** An earlier export's file, rolling windows: the sets nested between its windows and the run's (model/setSpans.ts). */
  nesting: z.object({ period: NestingSchema, background: NestingSchema }).optional(),
  /** An earlier export's file: the set spans of its windows (model/setSpans.ts), to link two earlier rolling windows. */
  spans: z
    .object({
      period: z.array(SpanSchema),
      background: z.array(SpanSchema),
    })
    .optional(),
});

/** The file text: one atom per line, in a canonical order (independent of the order the link stage returned). */
export function atomsFileText(atoms: readonly Atom[], nesting?: WindowNesting, spans?: ReleaseSpans): string {
  const rows = atoms
    .map((a) => ({ bits: a.bits, bitsBg: a.bitsBg, age: a.age, gender: a.gender, education: a.education, n: a.n }))
    .filter((a) => a.n > 0)
    .sort(
      (x, y) =>
        x.bits - y.bits ||
        x.bitsBg - y.bitsBg ||
        cmp(x.age, y.age) ||
        cmp(x.gender, y.gender) ||
        cmp(x.education, y.education) ||
        x.n - y.n,
    );
  const head = {
    format: 'multigebruik-atoms/1',
    description:
      'Exact atom counts: persons per combination of base-set memberships in the period (bits) and background period ' +
      '(bitsBg) and background classes. Aggregated counts only; no person keys. Stays inside the secure environment.',
  };
  const body = rows.map((r) => `    ${JSON.stringify(r)}`).join(',\n');
  const nested = nesting
    ? `,\n  "nesting": {\n    "period": ${JSON.stringify(nesting.period)},\n    "background": ${JSON.stringify(nesting.background)}\n  }`
    : '';
  const spanLines = (xs: readonly SetSpan[]) => xs.map((x) => `      ${JSON.stringify(x)}`).join(',\n');
  const spanned = spans
    ? `,\n  "spans": {\n    "period": [\n${spanLines(spans.period)}\n    ],\n    "background": [\n${spanLines(spans.background)}\n    ]\n  }`
    : '';
  return `${JSON.stringify(head, null, 2).slice(0, -2)},\n  "atoms": [\n${body}\n  ]${nested}${spanned}\n}\n`;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
