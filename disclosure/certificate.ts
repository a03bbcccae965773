import type { Highs } from 'highs';
import type { AttackerModel } from './attackerModel.js';
import { type DisclosureParams, isPrimaryUnsafe } from './protectionRule.js';
import { type Need, needOf } from './secondarySuppression.js';
import {
  DEFAULT_WITNESS_LIMITS,
  findWitness,
  isWitness,
  type WitnessLimits,
  type WitnessProblem,
} from './witnesses.js';

/**
 * The protection certificate of docs/certificate.md (format multigebruik-certificate/1), built from the final
 * pattern: the atoms are the attacker variables (merged atoms, exact also for whole numbers), every table cell with
 * its atoms and published value, and per primary its bounds and a whole-number witness for each side (witnesses.ts).
 * The export's tables.json SHA-256 is added when the export is rendered (certificateText), so this is a draft.
 */

export const CERTIFICATE_FILE = 'certificate.json';
/** The verifiers shipped beside the certificate (certificate/ of the package; docs/certificate.md). */
export const VERIFIER_FILES = ['verify-certificate.py', 'verify-certificate.R'] as const;
const FORMAT = 'multigebruik-certificate/1';
/** The export the certificate covers (version 1: the run's own). */
const RUN_EXPORT = 'run';

type Pairs = [number, number][];

interface CertificateCell {
  export: string;
  table: string;
  row: string;
  column: string;
  atoms: number[];
  published: number | null;
}

interface Requirement {
  export: string;
  table: string;
  row: string;
  column: string;
  value: number;
  reason: 'threshold' | 'differencing';
  bounds: [number, number];
  witnesses: { lo: Pairs | null; hi: Pairs | null };
}

export interface CertificateDraft {
  format: typeof FORMAT;
  rule: DisclosureParams;
  period: string;
  atoms: number[];
  cells: CertificateCell[];
  requirements: Requirement[];
}

/** How many sides got a witness, of how many. */
export interface CertificateCounts {
  sides: number;
  witnessed: number;
}

export function certificateCounts(c: CertificateDraft): CertificateCounts {
  let sides = 0;
  let witnessed = 0;
  for (const r of c.requirements)
    for (const w of [r.witnesses.lo, r.witnesses.hi]) {
      sides++;
      if (w) witnessed++;
    }
  return { sides, witnessed };
}

export interface CertificateInput {
  model: AttackerModel;
  suppressed: readonly boolean[];
  /** Per canonical row: primary (threshold or an earlier export's need). */
  primary: readonly boolean[];
  needs: readonly (Need | null)[];
  params: DisclosureParams;
  period: string;
  limits?: WitnessLimits;
  /** Called after each side: sides done of total. */
  onProgress?: (done: number, total: number) => void;
}

export function buildCertificate(highs: Highs, input: CertificateInput): CertificateDraft {
  const { model, suppressed, primary, needs, params } = input;
  const problem: WitnessProblem = {
    truth: model.variables.map((v) => v.n),
    rows: model.canonical.map((c) => ({ vars: c.vars, value: c.value })),
    published: suppressed.map((s) => !s),
  };
  // witnesses per canonical row (cells with the same atoms share them)
  const rowsNeeded = model.canonical.filter((c) => primary[c.id] && suppressed[c.id]);
  const found = new Map<number, { bounds: [number, number]; lo: Pairs | null; hi: Pairs | null }>();
  const total = rowsNeeded.length * 2;
  let done = 0;
  const pool: Map<number, number>[] = [];
  const pairs = (w: Map<number, number> | null): Pairs | null => (w ? [...w].sort((a, b) => a[0] - b[0]) : null);
  for (const c of rowsNeeded) {
    const need = needOf(c.value, params, needs[c.id]);
    const side = (sense: 'lo' | 'hi') => {
      const wanted = { row: c.id, sense, bound: sense === 'lo' ? need.lo : need.hi };
      // a witness found for another side often serves this one too (a move shifts several suppressed cells)
      const known = pool.find((w) => isWitness(problem, wanted, w));
      const w = known ?? findWitness(highs, problem, wanted, input.limits ?? DEFAULT_WITNESS_LIMITS);
      if (w && !known) pool.push(w);
      input.onProgress?.(++done, total);
      return pairs(w);
    };
    const lo = side('lo');
    const hi = side('hi');
    found.set(c.id, { bounds: [need.lo, need.hi], lo, hi });
  }
  const cells: CertificateCell[] = [];
  const requirements: Requirement[] = [];
  model.cells.forEach((ref, k) => {
    const c = model.canonical[model.cellCanonical[k]!]!;
    cells.push({ export: RUN_EXPORT, ...ref, atoms: [...c.vars], published: suppressed[c.id] ? null : c.value });
    const f = found.get(c.id);
    if (!f) return;
    requirements.push({
      export: RUN_EXPORT,
      ...ref,
      value: c.value,
      reason: needs[c.id] && !isPrimaryUnsafe(c.value, params) ? 'differencing' : 'threshold',
      bounds: f.bounds,
      witnesses: { lo: f.lo, hi: f.hi },
    });
  });
  return {
    format: FORMAT,
    rule: { threshold: params.threshold, zeroUnsafe: params.zeroUnsafe, safetyRange: params.safetyRange },
    period: input.period,
    atoms: problem.truth.slice(),
    cells,
    requirements,
  };
}

/** internal/certificate.json: the draft with the export's tables.json SHA-256; one line per cell and requirement. */
export function certificateText(draft: CertificateDraft, tablesSha256: string): string {
  const head = {
    format: draft.format,
    rule: draft.rule,
    exports: [{ id: RUN_EXPORT, period: draft.period, tables: 'export/tables.json', tablesSha256 }],
  };
  const lines = [
    `${JSON.stringify(head).slice(0, -1)},`,
    `"atoms":${JSON.stringify(draft.atoms)},`,
    `"cells":[`,
    draft.cells.map((c) => JSON.stringify(c)).join(',\n'),
    `],"requirements":[`,
    draft.requirements.map((r) => JSON.stringify(r)).join(',\n'),
    `]}`,
  ];
  return `${lines.join('\n')}\n`;
}
