/** Thrown when one document has used up its time budget; the stage drops it with a reason. */
export class BudgetExceeded extends Error {
  constructor(readonly stepName: string) {
    super(`extraction time budget exceeded while ${stepName}`);
  }
}

/** A per-document deadline, checked between parse chunks and every few hundred nodes of a walk. */
export class Budget {
  private readonly deadline: number;
  private ticks = 0;

  constructor(ms: number) {
    this.deadline = performance.now() + ms;
  }

  check(stepName: string): void {
    if (performance.now() > this.deadline) throw new BudgetExceeded(stepName);
  }

  /** Cheap enough for inner loops: reads the clock once every 256 calls. */
  tick(stepName: string): void {
    if ((++this.ticks & 255) === 0) this.check(stepName);
  }
}
