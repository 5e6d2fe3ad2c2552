/** Counters of one stage in one task. Merged across tasks by the ledger for `sieve stats`. */
export interface StageCounters {
  docsIn: number;
  docsOut: number;
  bytesIn: number;
  bytesOut: number;
  /** Documents (or unreadable records, for sources) dropped, by named reason. */
  dropped: Record<string, number>;
  /** Free-form tallies a stage keeps (e.g. `language:de`, `clusters`). */
  counts: Record<string, number>;
}

export function emptyCounters(): StageCounters {
  return { docsIn: 0, docsOut: 0, bytesIn: 0, bytesOut: 0, dropped: {}, counts: {} };
}

export function addTo(target: Record<string, number>, key: string, n = 1): void {
  target[key] = (target[key] ?? 0) + n;
}

export function mergeCounters(into: StageCounters, from: StageCounters): StageCounters {
  into.docsIn += from.docsIn;
  into.docsOut += from.docsOut;
  into.bytesIn += from.bytesIn;
  into.bytesOut += from.bytesOut;
  for (const [k, v] of Object.entries(from.dropped)) addTo(into.dropped, k, v);
  for (const [k, v] of Object.entries(from.counts)) addTo(into.counts, k, v);
  return into;
}

export function totalDropped(c: StageCounters): number {
  return Object.values(c.dropped).reduce((a, b) => a + b, 0);
}
