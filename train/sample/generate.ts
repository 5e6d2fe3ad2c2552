import { SeededRandom } from '../../pipeline/seeded_random.js';
import type { TrainEngine } from '../model/train_engine.js';

export interface GenerateOptions {
  tokens: number;
  /** 0 picks the most likely token every time. */
  temperature: number;
  /** Sample among the k most likely tokens only; 0 for all. */
  topK: number;
  seed: number;
  contextLength: number;
  /** Generation ends after this id (end-of-text). */
  stop?: number;
  /** Never produced (the compact vocabulary's unknown id). */
  banned?: number;
}

/** Extends `prompt` (model ids) one sampled token at a time, the model seeing the last context_length ids. */
export async function generate(engine: TrainEngine, prompt: number[], opts: GenerateOptions): Promise<number[]> {
  const rng = new SeededRandom(opts.seed);
  const ids = [...prompt];
  const out: number[] = [];
  for (let i = 0; i < opts.tokens; i++) {
    const logits = await engine.nextTokenLogits(Int32Array.from(ids.slice(-opts.contextLength)));
    if (opts.banned !== undefined) logits[opts.banned] = -Infinity;
    const next = pick(logits, opts, rng);
    out.push(next);
    ids.push(next);
    if (next === opts.stop) break;
  }
  return out;
}

function pick(logits: Float32Array, opts: GenerateOptions, rng: SeededRandom): number {
  let best = 0;
  for (let i = 1; i < logits.length; i++) if (logits[i]! > logits[best]!) best = i;
  if (opts.temperature === 0) return best;
  let candidates = Array.from(logits.keys());
  if (opts.topK > 0 && opts.topK < logits.length) candidates = candidates.sort((a, b) => logits[b]! - logits[a]!).slice(0, opts.topK);
  const weights = candidates.map((i) => Math.exp((logits[i]! - logits[best]!) / opts.temperature));
  let r = rng.next() * weights.reduce((a, b) => a + b, 0);
  for (const [j, w] of weights.entries()) {
    r -= w;
    if (r <= 0) return candidates[j]!;
  }
  return candidates.at(-1)!;
}
