import { wideTokenIds, type TokenizerIdentity } from '../../pipeline/arrow/token_shard_writer.js';
import type { Batch } from './batch.js';
import { readTokenRange, type TokenRange } from './token_corpus.js';

/** How often each tokenizer id occurs in `ranges`, read once, one range in memory at a time. */
export async function unigramCounts(ranges: TokenRange[], tokenizer: TokenizerIdentity): Promise<Float64Array> {
  const counts = new Float64Array(tokenizer.nVocab);
  for (const range of ranges) for (const id of await readTokenRange(range, wideTokenIds(tokenizer.nVocab))) counts[id]!++;
  return counts;
}

/** Tokenizer-id counts summed into the model's ids (`toModel`), so baselines are scored in the model's vocabulary. */
export function modelCounts(counts: Float64Array, toModel: Int32Array, size: number): Float64Array {
  const out = new Float64Array(size);
  counts.forEach((c, id) => {
    out[toModel[id]!]! += c;
  });
  return out;
}

/** Entropy in nats of the unigram distribution: the training loss of the best model that ignores context. */
export function unigramEntropy(counts: Float64Array): number {
  let total = 0;
  for (const c of counts) total += c;
  let h = 0;
  for (const c of counts) if (c > 0) h -= (c / total) * Math.log(c / total);
  return h;
}

/**
 * Mean loss of the training split's unigram model (add-one smoothed) on `batches`' targets: what a
 * model that ignores context scores on the same held-out tokens, so the fair bar for validation loss.
 */
export function unigramLoss(counts: Float64Array, batches: Batch[]): number {
  let total = counts.length;
  for (const c of counts) total += c;
  let loss = 0;
  let n = 0;
  for (const b of batches)
    for (const t of b.targets) {
      loss -= Math.log((counts[t]! + 1) / total);
      n++;
    }
  return loss / n;
}
