/**
 * Feasible points of the attacker LP found so far, kept as their row activities (the value of every
 * canonical cell at the point), so that a later question "can cell c reach v − p (v + p)?" is answered
 * without an LP when some known point that is feasible for the *current* pattern already reaches it.
 *
 * A point is feasible for a pattern iff it satisfies every published row. Each point stores the rows on which
 * its activity differs from the row's true value ("violated" rows, a subset of the rows suppressed when it
 * was found); it is usable while none of those rows is published. Suppressing a row (the greedy search) keeps
 * every usable point usable; publishing one (the release pass) retires exactly the points that violate it.
 *
 * A pool answer is the same kind of evidence as an LP answer (a primal feasible point, within the LP's
 * tolerance) and only steers the search: the final audit recomputes every interval with the LP.
 */
export class PointPool {
  private readonly activity: Float64Array[] = [];
  /** Per point: its variable values, when given. */
  private readonly xs: (Float64Array | null)[] = [];
  /** Per point: how many of its violated rows are published now (usable iff 0). */
  private readonly blocked: number[] = [];
  /** Per row: the points that violate it. */
  private readonly violators: number[][];
  hits = 0;

  constructor(
    private readonly values: readonly number[],
    private readonly isPublished: (row: number) => boolean,
  ) {
    this.violators = values.map(() => []);
  }

  get size(): number {
    return this.activity.length;
  }

  /** Adds a point (its row activities) found by an LP under the current pattern. */
  add(activity: Float64Array, x: Float64Array | null = null): void {
    const id = this.activity.length;
    let blocked = 0;
    this.values.forEach((v, r) => {
      if (Math.abs(activity[r]! - v) <= 1e-6 + 1e-9 * v) return;
      this.violators[r]!.push(id);
      if (this.isPublished(r)) blocked++;
    });
    this.activity.push(activity);
    this.xs.push(x);
    this.blocked.push(blocked);
  }

  /** The variable values of the points usable now (feasible for the current pattern), in the order they were added. */
  usable(): Float64Array[] {
    return this.xs.filter((x, id): x is Float64Array => x !== null && this.blocked[id] === 0);
  }

  /** Must be called on every change of a row's status (after the change is made). */
  setPublished(row: number, published: boolean): void {
    for (const id of this.violators[row]!) this.blocked[id]! += published ? 1 : -1;
  }

  /** Is there a usable point at which cell `row` has a value accepted by `reaches`? */
  reaches(row: number, reaches: (value: number) => boolean): boolean {
    for (let id = 0; id < this.activity.length; id++) {
      if (this.blocked[id] === 0 && reaches(this.activity[id]![row]!)) {
        this.hits++;
        return true;
      }
    }
    return false;
  }
}
