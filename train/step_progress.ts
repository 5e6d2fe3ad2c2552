/** Throughput and time left, from wall time since the run (or its resumption) began. */
export class StepProgress {
  private readonly began = performance.now();
  private lastTime = this.began;
  private lastStep: number;

  constructor(
    private readonly steps: number,
    private readonly startStep: number,
    private readonly tokensPerStep: number,
  ) {
    this.lastStep = startStep;
  }

  /** Tokens/s since the previous record, and the ETA at the pace so far. */
  record(step: number): { tokensPerSecond: number; elapsedSeconds: number; etaSeconds: number } {
    const now = performance.now();
    const tokensPerSecond = ((step - this.lastStep) * this.tokensPerStep) / Math.max((now - this.lastTime) / 1000, 1e-9);
    this.lastTime = now;
    this.lastStep = step;
    const elapsedSeconds = (now - this.began) / 1000;
    const perStep = elapsedSeconds / Math.max(step - this.startStep, 1);
    return { tokensPerSecond, elapsedSeconds, etaSeconds: perStep * (this.steps - step) };
  }

  get overallTokensPerSecond(): number {
    return ((this.lastStep - this.startStep) * this.tokensPerStep) / Math.max((this.lastTime - this.began) / 1000, 1e-9);
  }
}
