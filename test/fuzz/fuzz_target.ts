import type { StageCounters } from '../../pipeline/stats.js';

/**
 * One input format under fuzzing. The harness (bench/fuzz/run.ts) mutates the seeds and hands each
 * case to `run` in a worker thread it can end, so a hang is caught as surely as a crash.
 */
export interface FuzzTarget {
  readonly name: string;
  /** Valid inputs the mutations start from; small, so thousands of cases run in seconds. */
  seeds(): Promise<Buffer[]>;
  /** Byte strings worth splicing in: format keywords, lengths, markers (`Content-Length: 99999999`, `<div>`). */
  readonly dictionary?: readonly string[];
  /**
   * Reads one case the way the product reads such input. Resolves `clean` when nothing was
   * counted as bad, or `bad` with the named reasons it was counted under (or the one-line error it
   * stopped with, for inputs the product refuses as a whole). Anything it throws is a crash.
   */
  run(input: Buffer): Promise<FuzzOutcome>;
}

export type FuzzOutcome = { outcome: 'clean' } | { outcome: 'bad'; reasons: string[] };

/** A case read through a stage: bad with the reasons its counters dropped anything under, else clean. */
export function outcomeOf(counters: StageCounters): FuzzOutcome {
  const reasons = Object.keys(counters.dropped);
  return reasons.length ? { outcome: 'bad', reasons } : { outcome: 'clean' };
}
