/** FNV-1a, one UTF-16 code unit at a time, so a caller can hash a string while it walks it. */
export const HASH_START = 0x811c9dc5;

export function hashStep(hash: number, code: number): number {
  return Math.imul(hash ^ code, 0x01000193) >>> 0;
}

/**
 * A set of strings looked up by a hash the caller computed incrementally, plus the place in a text
 * where the candidate lies. Testing every prefix (or suffix) of a URL this way costs one step per
 * character instead of rehashing each prefix, which keeps a lookup linear in the URL's length.
 */
export class HashedStrings {
  private readonly buckets = new Map<number, string | string[]>();
  size = 0;

  add(s: string, hash: number): void {
    const cur = this.buckets.get(hash);
    if (cur === s || (Array.isArray(cur) && cur.includes(s))) return;
    if (cur === undefined) this.buckets.set(hash, s);
    else if (typeof cur === 'string') this.buckets.set(hash, [cur, s]);
    else cur.push(s);
    this.size++;
  }

  /** Whether `text[start, end)`, whose hash is `hash`, is in the set. */
  has(hash: number, text: string, start: number, end: number): boolean {
    const cur = this.buckets.get(hash);
    if (cur === undefined) return false;
    const same = (c: string) => c.length === end - start && text.startsWith(c, start);
    return typeof cur === 'string' ? same(cur) : cur.some(same);
  }
}
