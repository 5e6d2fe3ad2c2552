/** Thrown when one document has used up its work budget; the stage drops it with a reason. */
export class BudgetExceeded extends Error {
  constructor() {
    super('extraction work budget exceeded');
  }
}

/**
 * A per-document allowance of work, in units charged where the work happens (a character parsed,
 * a node visited, a character rendered): counting work rather than time cuts a page off at the
 * same point on any machine under any load, so the output depends on the input alone.
 */
export class WorkBudget {
  used = 0;

  constructor(readonly limit: number) {}

  charge(units: number): void {
    this.used += units;
    if (this.used > this.limit) throw new BudgetExceeded();
  }
}
