import { binaryString, Utf8Buffer } from '../utf8.js';
import type { ChunkCounts } from './chunk_counts.js';
import { PairHeap } from './pair_heap.js';

/** Ids stay below this, so a pair packs into one exact double: left * ID_LIMIT + right. */
const ID_LIMIT = 1 << 21;

export interface TrainingProgress {
  merges: number;
  /** Count of the pair merged last. */
  count: number;
}

/**
 * Learns byte-level BPE merges from chunk counts; returns the tokens by id: the 256 bytes, then
 * one token per merge in the order learned (the rank tiktoken merges by).
 *
 * Each distinct chunk is a "word" of symbol ids, weighted by its count. Pair counts and, per pair,
 * the words it occurs in are built once; a merge then rewrites only the words holding the pair and
 * moves the counts of the pairs around each occurrence, so no step recounts the corpus. The next
 * pair comes off a max-heap whose stale entries are re-queued with their live count when they
 * surface.
 */
export function learnMerges(chunks: ChunkCounts, merges: number, progress?: (p: TrainingProgress) => void): Uint8Array[] {
  if (256 + merges > ID_LIMIT) throw new Error(`at most ${ID_LIMIT - 256} merges`);
  const { symbols, starts, lengths, weights } = toWords(chunks);
  const pairCount = new Map<number, number>();
  const pairWords = new Map<number, number[]>();
  const note = (key: number, delta: number, word: number) => {
    pairCount.set(key, (pairCount.get(key) ?? 0) + delta);
    if (delta > 0) {
      const words = pairWords.get(key);
      if (!words) pairWords.set(key, [word]);
      else if (words[words.length - 1] !== word) words.push(word);
    }
  };
  for (let w = 0; w < weights.length; w++) {
    const end = starts[w]! + lengths[w]!;
    for (let i = starts[w]!; i + 1 < end; i++) note(symbols[i]! * ID_LIMIT + symbols[i + 1]!, weights[w]!, w);
  }
  const heap = new PairHeap();
  for (const [key, count] of pairCount) heap.push(count, key);

  const tokens: string[] = Array.from({ length: 256 }, (_, b) => String.fromCharCode(b));
  const idOf = new Map(tokens.map((t, id) => [t, id]));
  const seen = new Int32Array(weights.length).fill(-1);
  const raised = new Set<number>();
  let round = 0;
  for (let step = 0; step < merges && heap.size > 0;) {
    const [count, key] = heap.pop()!;
    const live = pairCount.get(key) ?? 0;
    if (live !== count) {
      if (live > 0) heap.push(live, key);
      continue;
    }
    const a = Math.floor(key / ID_LIMIT);
    const b = key % ID_LIMIT;
    const bytes = tokens[a]! + tokens[b]!;
    // Two merges can spell the same bytes; the second reuses the first's id instead of a duplicate token.
    let id = idOf.get(bytes);
    if (id === undefined) {
      id = tokens.length;
      tokens.push(bytes);
      idOf.set(bytes, id);
      step++;
    }
    raised.clear();
    round++;
    for (const w of pairWords.get(key)!) {
      if (seen[w] === round) continue;
      seen[w] = round;
      const f = weights[w]!;
      const start = starts[w]!;
      const end = start + lengths[w]!;
      let out = start;
      for (let i = start; i < end;) {
        if (i + 1 < end && symbols[i] === a && symbols[i + 1] === b) {
          if (out > start) {
            const left = symbols[out - 1]!;
            note(left * ID_LIMIT + a, -f, w);
            note(left * ID_LIMIT + id, f, w);
            raised.add(left * ID_LIMIT + id);
          }
          if (i + 2 < end) {
            const right = symbols[i + 2]!;
            note(b * ID_LIMIT + right, -f, w);
            note(id * ID_LIMIT + right, f, w);
            raised.add(id * ID_LIMIT + right);
          }
          symbols[out++] = id;
          i += 2;
        } else symbols[out++] = symbols[i++]!;
      }
      lengths[w] = out - start;
    }
    pairCount.delete(key);
    pairWords.delete(key);
    for (const k of raised) {
      const c = pairCount.get(k)!;
      if (c > 0) heap.push(c, k);
    }
    progress?.({ merges: step, count });
  }
  return tokens.map((t) => Buffer.from(t, 'latin1'));
}

/** Every distinct chunk as a run of byte symbols in one shared array, with its count as weight. */
function toWords(chunks: ChunkCounts) {
  const utf8 = new Utf8Buffer();
  // Chunks that differ only in lone surrogates have the same bytes: they become one word.
  const byBytes = new Map<string, number>();
  for (const [chunk, count] of chunks) {
    utf8.encode(chunk, 0, chunk.length);
    const key = utf8.ascii ? chunk : binaryString(utf8.bytes, 0, utf8.length);
    byBytes.set(key, (byBytes.get(key) ?? 0) + count);
  }
  let total = 0;
  for (const key of byBytes.keys()) total += key.length;
  const symbols = new Int32Array(total);
  const starts = new Int32Array(byBytes.size);
  const lengths = new Int32Array(byBytes.size);
  const weights = new Float64Array(byBytes.size);
  let w = 0;
  let at = 0;
  for (const [key, count] of byBytes) {
    starts[w] = at;
    lengths[w] = key.length;
    weights[w] = count;
    for (let i = 0; i < key.length; i++) symbols[at++] = key.charCodeAt(i);
    w++;
  }
  return { symbols, starts, lengths, weights };
}
