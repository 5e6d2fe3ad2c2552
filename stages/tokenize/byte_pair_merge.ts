import type { Vocabulary } from './vocabulary.js';

/** Up to this many bytes the quadratic scan of a small array beats a heap. */
const SCAN_LIMIT = 128;

let ids = new Int32Array(64);
let pairRanks = new Int32Array(64);
let next = new Int32Array(64);
let prev = new Int32Array(64);

/**
 * tiktoken's merge rule on one pre-token chunk: start from single bytes and repeatedly merge the
 * adjacent pair whose concatenation has the lowest rank, the leftmost one on ties, until no pair
 * is a token. Parts and pair ranks live in two small typed arrays reused across calls.
 */
export function bytePairMerge(vocab: Vocabulary, bytes: Uint8Array, length: number, out: number[]): void {
  if (ids.length < length) {
    ids = new Int32Array(length * 2);
    pairRanks = new Int32Array(length * 2);
    next = new Int32Array(length * 2);
    prev = new Int32Array(length * 2);
  }
  if (length > SCAN_LIMIT) return heapMerge(vocab, bytes, length, out);
  let n = length;
  for (let i = 0; i < n; i++) ids[i] = vocab.byteRank[bytes[i]!]!;
  for (let i = 0; i + 1 < n; i++) pairRanks[i] = vocab.pairRank(ids[i]!, ids[i + 1]!);
  while (n > 1) {
    let best = -1;
    let bestRank = 0x7fffffff;
    for (let i = 0; i + 1 < n; i++) {
      const r = pairRanks[i]!;
      if (r >= 0 && r < bestRank) {
        bestRank = r;
        best = i;
      }
    }
    if (best < 0) break;
    ids[best] = bestRank;
    ids.copyWithin(best + 1, best + 2, n);
    n--;
    pairRanks.copyWithin(best + 1, best + 2, n);
    if (best + 1 < n) pairRanks[best] = vocab.pairRank(bestRank, ids[best + 1]!);
    if (best > 0) pairRanks[best - 1] = vocab.pairRank(ids[best - 1]!, bestRank);
  }
  for (let i = 0; i < n; i++) out.push(ids[i]!);
}

/**
 * The same rule for long chunks (a page of CJK text is one `\p{L}+` chunk), in O(n log n): parts
 * are a linked list over their first byte, and a min-heap holds (pair rank, position) packed in one
 * double, so the smallest is the lowest rank and, on ties, the leftmost. An entry is stale once the
 * pair at its position has changed; it is skipped when it surfaces.
 */
function heapMerge(vocab: Vocabulary, bytes: Uint8Array, length: number, out: number[]): void {
  const POSITIONS = 2 ** 32;
  const heap: number[] = [];
  const rankAt = (i: number) => (next[i]! < 0 ? -1 : vocab.pairRank(ids[i]!, ids[next[i]!]!));
  const update = (i: number) => {
    const rank = rankAt(i);
    pairRanks[i] = rank;
    if (rank >= 0) heapPush(heap, rank * POSITIONS + i);
  };
  for (let i = 0; i < length; i++) {
    ids[i] = vocab.byteRank[bytes[i]!]!;
    next[i] = i + 1 < length ? i + 1 : -1;
    prev[i] = i - 1;
  }
  for (let i = 0; i + 1 < length; i++) update(i);
  pairRanks[length - 1] = -1;
  while (heap.length > 0) {
    const top = heapPop(heap);
    const rank = Math.floor(top / POSITIONS);
    const i = top - rank * POSITIONS;
    if (pairRanks[i] !== rank) continue;
    const gone = next[i]!;
    ids[i] = rank;
    pairRanks[gone] = -2; // a merged-away part never matches a rank again
    next[i] = next[gone]!;
    if (next[i]! >= 0) prev[next[i]!] = i;
    update(i);
    if (prev[i]! >= 0) update(prev[i]!);
  }
  for (let i = 0; i >= 0; i = next[i]!) out.push(ids[i]!);
}

function heapPush(heap: number[], value: number): void {
  let i = heap.length;
  heap.push(value);
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (heap[parent]! <= value) break;
    heap[i] = heap[parent]!;
    i = parent;
  }
  heap[i] = value;
}

function heapPop(heap: number[]): number {
  const top = heap[0]!;
  const last = heap.pop()!;
  const n = heap.length;
  if (n === 0) return top;
  let i = 0;
  for (;;) {
    let child = 2 * i + 1;
    if (child >= n) break;
    if (child + 1 < n && heap[child + 1]! < heap[child]!) child++;
    if (heap[child]! >= last) break;
    heap[i] = heap[child]!;
    i = child;
  }
  heap[i] = last;
  return top;
}
