/** A doc in the pair files, as one number: collect task × 2^32 + its index in that task's doc table. */
export const nodeKey = (task: number, doc: number) => task * 2 ** 32 + doc;
export const keyTask = (key: number) => Math.floor(key / 2 ** 32);

/**
 * The distinct keys added, sorted. Duplicates are squeezed out whenever the array fills, so its
 * size follows the number of distinct docs in pairs, not the number of pairs (a doc recurs in
 * every band it collides in).
 */
export class KeySet {
  private keys = new Float64Array(1 << 16);
  private used = 0;

  add(key: number): void {
    if (this.used === this.keys.length) {
      this.compact();
      if (this.used > this.keys.length / 2) {
        const bigger = new Float64Array(this.keys.length * 2);
        bigger.set(this.keys.subarray(0, this.used));
        this.keys = bigger;
      }
    }
    this.keys[this.used++] = key;
  }

  /** The sorted distinct keys; the set is spent. */
  finish(): Float64Array {
    this.compact();
    const out = this.keys.slice(0, this.used);
    this.keys = new Float64Array(0);
    return out;
  }

  private compact(): void {
    const k = this.keys.subarray(0, this.used).sort();
    let n = 0;
    for (let i = 0; i < k.length; i++) if (n === 0 || k[i] !== k[n - 1]) k[n++] = k[i]!;
    this.used = n;
  }
}

/** Index of `key` in sorted `keys`, or -1. */
export function indexOf(keys: Float64Array, key: number): number {
  let lo = 0;
  let hi = keys.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const k = keys[mid]!;
    if (k < key) lo = mid + 1;
    else if (k > key) hi = mid - 1;
    else return mid;
  }
  return -1;
}

/** First index whose key is ≥ `key`. */
export function lowerBound(keys: Float64Array, key: number): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keys[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
