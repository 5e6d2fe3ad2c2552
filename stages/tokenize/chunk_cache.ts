/**
 * Chunk text → its ids, looked up by a slice of the document without cutting the slice out: a
 * `Map<string, …>` would need a fresh substring and its hash per chunk, which profiling showed to
 * be most of the encoder's time. Open addressing over FNV-1a of the UTF-16 code units; starts
 * over when full, which bounds memory.
 */
export class ChunkCache {
  private readonly mask: number;
  /** '' marks a free slot (no chunk is empty). Filled arrays: `new Array(n)` of this size would be a slow dictionary. */
  private keys: string[];
  private readonly hashes: Int32Array;
  private values: (number | number[])[];
  private size = 0;

  constructor(private readonly limit: number) {
    const slots = 1 << Math.ceil(Math.log2(limit * 2));
    this.mask = slots - 1;
    this.keys = filled(slots, '');
    this.hashes = new Int32Array(slots);
    this.values = filled<number | number[]>(slots, 0);
  }

  static hash(text: string, start: number, end: number): number {
    let h = 0x811c9dc5 | 0;
    for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
    return h;
  }

  get(text: string, start: number, end: number, hash: number): number | number[] | undefined {
    const keys = this.keys;
    const length = end - start;
    for (let slot = hash & this.mask; ; slot = (slot + 1) & this.mask) {
      const key = keys[slot]!;
      if (key === '') return undefined;
      if (this.hashes[slot] === hash && key.length === length && text.startsWith(key, start)) return this.values[slot];
    }
  }

  /** Adds a chunk known to be absent. */
  set(chunk: string, hash: number, value: number | number[]): void {
    if (this.size >= this.limit) this.clear();
    let slot = hash & this.mask;
    while (this.keys[slot] !== '') slot = (slot + 1) & this.mask;
    // A slice of a document would keep the whole document alive; this copies the chunk out.
    this.keys[slot] = (' ' + chunk).slice(1);
    this.hashes[slot] = hash;
    this.values[slot] = value;
    this.size++;
  }

  clear(): void {
    this.keys = filled(this.keys.length, '');
    this.values = filled<number | number[]>(this.values.length, 0);
    this.size = 0;
  }
}

function filled<T>(n: number, value: T): T[] {
  const array: T[] = [];
  for (let i = 0; i < n; i++) array.push(value);
  return array;
}
