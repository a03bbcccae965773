import type { Period } from '../schemas/tablesJson.js';

/**
 * Category breaks between windows that are not nested (rolling windows, docs/disclosure.md "Rolling windows and
 * category breaks"). A person is in a base set over a window when one of their records of that set is in use in
 * it. So when every record of a set that is in use in window B is also in use in window A, the set's persons over
 * B are persons of it over A — the case of a category that exists only until 2018 (its records all begin before
 * the end of 2017–2021, so over 2018–2022 they are a subset of those over 2017–2021), or one that exists from 2019
 * the other way round. What decides it, per window, is the latest begin and the earliest end of the records in use
 * (grouped by the records' set mask; from queries/set_spans.sql). Aggregated dates per set, never a person key.
 */

/** The records of one set mask in use in a window: the latest begin date and the earliest end date (null: all open). */
export interface SetSpan {
  mask: number;
  lastBegin: string;
  firstEnd: string | null;
}

/** The spans of a run's records in use in its analysis period and in its background period. */
export interface ReleaseSpans {
  period: readonly SetSpan[];
  background: readonly SetSpan[];
}

/**
 * Base sets nested between two windows, as bit masks: `newInside` the sets whose persons over the new window are
 * all persons of the set over the earlier window; `earlierInside` the other way round. A set with no records in
 * use in a window is empty there, so inside anything.
 */
export interface Nesting {
  newInside: number;
  earlierInside: number;
}

/** The nesting for the sets of the analysis period (most tables) and of the background period (F3.1–F3.3). */
export interface WindowNesting {
  period: Nesting;
  background: Nesting;
}

/** Every base set bit (the atom format's masks are 31-bit safe integers). */
const ALL_SETS = 0x7fffffff;

/** The sets some of whose records in use in a window (`spans`) are not in use in `other`. */
function leaking(spans: readonly SetSpan[], other: Period): number {
  let out = 0;
  for (const s of spans)
    if (s.lastBegin > other.end || (s.firstEnd !== null && s.firstEnd < other.start)) out |= s.mask;
  return out;
}

function nestingOf(earlier: readonly SetSpan[], earlierWindow: Period, now: readonly SetSpan[], nowWindow: Period) {
  return {
    newInside: ALL_SETS & ~leaking(now, earlierWindow),
    earlierInside: ALL_SETS & ~leaking(earlier, nowWindow),
  };
}

/** Which sets are nested between an earlier export's windows and the new run's, from the spans of both. */
export function windowNesting(
  earlier: { spans: ReleaseSpans; period: Period; backgroundPeriod: Period },
  now: { spans: ReleaseSpans; period: Period; backgroundPeriod: Period },
): WindowNesting {
  return {
    period: nestingOf(earlier.spans.period, earlier.period, now.spans.period, now.period),
    background: nestingOf(
      earlier.spans.background,
      earlier.backgroundPeriod,
      now.spans.background,
      now.backgroundPeriod,
    ),
  };
}
