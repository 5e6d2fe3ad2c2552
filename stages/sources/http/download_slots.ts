/**
 * A counting semaphore: at most `limit` downloads hold a slot at once, the rest wait in arrival
 * order. One instance per source stage, which a task process builds once, so the bound is per process.
 */
export class DownloadSlots {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly limit: number) {}

  /** Waits for a free slot; the returned function gives it back (once). */
  async acquire(): Promise<() => void> {
    if (this.active >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.active++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      // The slot passes straight to the next waiter, so `active` only drops when nobody waits.
      if (next) next();
      else this.active--;
    };
  }
}
