import type { PatternName } from '../patterns.js';
import { END_OF_TEXT, Tokenizer } from '../tokenizer.js';
import { Vocabulary } from '../vocabulary.js';
import type { ChunkCounts } from './chunk_counts.js';
import { learnMerges, type TrainingProgress } from './learn_merges.js';

export interface TrainOptions {
  name: string;
  pattern: PatternName;
  /** Every id, special tokens included: 256 bytes + merges + specials. */
  vocabSize: number;
  /** Special tokens, given ids after the merges; `<|endoftext|>` is added when missing. */
  specialTokens: readonly string[];
}

/** A tokenizer learned from chunk counts. With too little text it stops early, with fewer merges. */
export function trainTokenizer(chunks: ChunkCounts, options: TrainOptions, progress?: (p: TrainingProgress) => void): Tokenizer {
  const specials = [...new Set([END_OF_TEXT, ...options.specialTokens])];
  const merges = options.vocabSize - 256 - specials.length;
  if (merges < 0) throw new Error(`vocab_size ${options.vocabSize} leaves no room for the 256 bytes and ${specials.length} special tokens`);
  const tokens = learnMerges(chunks, merges, progress);
  return new Tokenizer({
    name: options.name,
    pattern: options.pattern,
    vocab: new Vocabulary(tokens),
    specialTokens: Object.fromEntries(specials.map((text, i) => [text, tokens.length + i])),
  });
}
