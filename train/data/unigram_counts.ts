import type { TokenizerIdentity } from '../../pipeline/arrow/token_shard_writer.js';
import { readTokenRange, type TokenRange } from './token_corpus.js';

/** How often each tokenizer id occurs in `ranges`, read once, one range in memory at a time. */
export async function unigramCounts(ranges: TokenRange[], tokenizer: TokenizerIdentity): Promise<Float64Array> {
  const counts = new Float64Array(tokenizer.nVocab);
  for (const range of ranges) for (const id of await readTokenRange(range, tokenizer.nVocab > 0x10000)) counts[id]!++;
  return counts;
}

/**
 * Entropy in nats of the unigram distribution: the loss of the best model that ignores context,
 * so the bar a trained model's validation loss must clear.
 */
export function unigramEntropy(counts: Float64Array): number {
  let total = 0;
  for (const c of counts) total += c;
  let h = 0;
  for (const c of counts) if (c > 0) h -= (c / total) * Math.log(c / total);
  return h;
}
