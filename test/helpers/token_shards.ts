import path from 'node:path';
import type { TokenizerIdentity } from '../../pipeline/arrow/token_shard_writer.js';
import { TokenShardWriter } from '../../pipeline/arrow/token_shard_writer.js';
import { SeededRandom } from '../../pipeline/seeded_random.js';
import { loadPretrained } from '../../stages/tokenize/pretrained.js';
import { identity } from '../../stages/tokenize/write_tokens.js';

export const gpt2Identity = async (): Promise<TokenizerIdentity> => identity(await loadPretrained('gpt2'));

/**
 * `shards` token shards of `docs` documents each, written as `write_tokens` would. Each document
 * walks a fixed cycle of `alphabet` ids with random restarts, so a model has a pattern to learn.
 */
export async function writeTokenShards(
  dir: string,
  tokenizer: TokenizerIdentity,
  opts: { shards: number; docs: number; docLength: number; alphabet: number; seed: number },
): Promise<string[]> {
  const rng = new SeededRandom(opts.seed);
  const files: string[] = [];
  for (let s = 0; s < opts.shards; s++) {
    const file = path.join(dir, `${String(s).padStart(5, '0')}.arrow`);
    const writer = await TokenShardWriter.create(file, tokenizer);
    for (let d = 0; d < opts.docs; d++) {
      const ids: number[] = [];
      let id = rng.below(opts.alphabet);
      for (let t = 0; t < opts.docLength; t++) {
        ids.push(1000 + id);
        id = rng.next() < 0.1 ? rng.below(opts.alphabet) : (id + 1) % opts.alphabet;
      }
      await writer.write(`s${s}-d${d}`, ids);
    }
    await writer.close();
    files.push(file);
  }
  return files;
}
