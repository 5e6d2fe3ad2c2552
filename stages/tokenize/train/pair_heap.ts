/**
 * Max-heap of (count, pair key): the most frequent pair on top, the smaller key first on ties so
 * training is deterministic. Entries may go stale as counts change; the trainer checks the top
 * against the live count and re-inserts it when they differ.
 */
export class PairHeap {
  private counts: number[] = [];
  private keys: number[] = [];

  get size(): number {
    return this.counts.length;
  }

  push(count: number, key: number): void {
    const counts = this.counts;
    const keys = this.keys;
    let i = counts.length;
    counts.push(count);
    keys.push(key);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(count, key, counts[parent]!, keys[parent]!)) break;
      counts[i] = counts[parent]!;
      keys[i] = keys[parent]!;
      i = parent;
    }
    counts[i] = count;
    keys[i] = key;
  }

  /** The top entry as [count, key], removed; undefined when empty. */
  pop(): [number, number] | undefined {
    const counts = this.counts;
    const keys = this.keys;
    if (counts.length === 0) return undefined;
    const top: [number, number] = [counts[0]!, keys[0]!];
    const lastCount = counts.pop()!;
    const lastKey = keys.pop()!;
    const n = counts.length;
    if (n === 0) return top;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      if (child + 1 < n && this.before(counts[child + 1]!, keys[child + 1]!, counts[child]!, keys[child]!)) child++;
      if (!this.before(counts[child]!, keys[child]!, lastCount, lastKey)) break;
      counts[i] = counts[child]!;
      keys[i] = keys[child]!;
      i = child;
    }
    counts[i] = lastCount;
    keys[i] = lastKey;
    return top;
  }

  private before(countA: number, keyA: number, countB: number, keyB: number): boolean {
    return countA > countB || (countA === countB && keyA < keyB);
  }
}
