/**
 * What one check of the audit found: `notes` say what was checked (printed in order), `failures` what does not hold
 * (each one sentence from the catalogue; printed after every note, as "FAIL …"). Every check returns one.
 */
export interface Findings {
  notes: string[];
  failures: string[];
}

/** The findings of several checks, in the order given. */
export function joinFindings(parts: readonly Findings[]): Findings {
  return { notes: parts.flatMap((p) => p.notes), failures: parts.flatMap((p) => p.failures) };
}
