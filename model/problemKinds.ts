/**
 * The kinds of problem a row of input can have, defined once: queries/*.sql emit these codes in `p_kind` (a test,
 * test/model/problemKinds.test.ts, checks that every code literal in the SQL is one of them and every one of them is
 * emitted), and core/messages.ts words them (`problemKind`, English and Dutch). No code compares a reason's wording.
 */
import { InternalError } from '../core/errors.js';
import { type Messages, messages } from '../core/messages.js';

/** @internal exported for test/model/problemKinds.test.ts, which checks it against the SQL's code literals (the program reads it through problemKindOf) */
export const PROBLEM_KINDS = [
  /** RINPERSOONS blank. */
  'key_empty_rinpersoons',
  /** RINPERSOONS not one letter. */
  'key_rinpersoons_not_letter',
  /** RINPERSOON blank. */
  'key_empty_rinpersoon',
  /** RINPERSOON not a string of digits (a spreadsheet's 2.23249E+08, a fraction, a sign). */
  'key_not_digits',
  /** RINPERSOON longer than RINPERSOON_DIGITS once its leading zeros are dropped. */
  'key_too_long',
  /** RINPERSOON all zeros. */
  'key_zero',
  /** A provision record without a begin date. */
  'date_begin_missing',
  /** A begin or end date that is no date. */
  'date_unparseable',
  /** An end date before the begin date. */
  'date_end_before_begin',
  /** A code (provision type, background, WMO code) the config does not map. */
  'code_unmapped',
  /** GBA: a birth year that is no year. */
  'birth_year_unparseable',
  /** GBA: a birth month that is no month. */
  'birth_month_unparseable',
] as const;

export type ProblemKind = (typeof PROBLEM_KINDS)[number];

/**
 * The digits of a RINPERSOON (its leading zeros may be lost); queries/macros.sql's key rules (mg_key_number,
 * mg_key_problem) use this width, and the reasons take it as their parameter.
 * @internal exported for test/model/problemKinds.test.ts, which checks it against the SQL's rules (the program uses it through problemReason)
 */
export const RINPERSOON_DIGITS = 9;

/** A `p_kind` read back from DuckDB as a problem kind; anything else is a fault of the queries. */
export function problemKindOf(code: string): ProblemKind {
  const kind = PROBLEM_KINDS.find((k) => k === code);
  if (kind === undefined)
    throw new InternalError(`queries/*.sql gave the problem kind "${code}", which model/problemKinds.ts does not list`);
  return kind;
}

/** The reason a problem kind is given for, in the catalogue's language (the terminal's and quarantine.csv's: English). */
export function problemReason(kind: ProblemKind, say: Messages = messages): string {
  return say.problemKind(kind, RINPERSOON_DIGITS);
}
