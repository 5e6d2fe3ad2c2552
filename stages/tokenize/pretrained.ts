import type { PatternName } from './patterns.js';
import { Tokenizer } from './tokenizer.js';
import { Vocabulary } from './vocabulary.js';

export type PretrainedName = 'gpt2' | 'cl100k_base' | 'o200k_base';
export const PRETRAINED: Readonly<Record<PretrainedName, PatternName>> = { gpt2: 'gpt2', cl100k_base: 'cl100k', o200k_base: 'o200k' };

export function isPretrained(name: string): name is PretrainedName {
  return Object.hasOwn(PRETRAINED, name);
}

/** What js-tiktoken ships per encoding: its own regex (not used) and the ranks in a compact text form. */
interface ShippedRanks {
  special_tokens: Record<string, number>;
  bpe_ranks: string;
}

const loaded = new Map<PretrainedName, Promise<Tokenizer>>();

/** One of OpenAI's encodings, from the rank data js-tiktoken ships: nothing is downloaded. */
export function loadPretrained(name: PretrainedName): Promise<Tokenizer> {
  let tokenizer = loaded.get(name);
  if (!tokenizer) {
    tokenizer = importRanks(name).then(
      (data) =>
        new Tokenizer({ name, pattern: PRETRAINED[name], vocab: parseShippedRanks(data.bpe_ranks), specialTokens: data.special_tokens }),
    );
    loaded.set(name, tokenizer);
  }
  return tokenizer;
}

async function importRanks(name: PretrainedName): Promise<ShippedRanks> {
  switch (name) {
    case 'gpt2':
      return (await import('js-tiktoken/ranks/gpt2')).default;
    case 'cl100k_base':
      return (await import('js-tiktoken/ranks/cl100k_base')).default;
    case 'o200k_base':
      return (await import('js-tiktoken/ranks/o200k_base')).default;
  }
}

/**
 * js-tiktoken's rank text: lines of `<label> <first rank> <base64 token> <base64 token> …`, the
 * tokens of a line taking consecutive ranks from the first.
 */
function parseShippedRanks(text: string): Vocabulary {
  const tokens: Uint8Array[] = [];
  for (const line of text.split('\n')) {
    const fields = line.split(' ');
    if (fields.length < 3) continue;
    const first = Number(fields[1]);
    for (let i = 2; i < fields.length; i++) tokens[first + i - 2] = Buffer.from(fields[i]!, 'base64');
  }
  return new Vocabulary(tokens);
}
