import type { Schema } from 'apache-arrow';
import { readTokenShard, tokenizerIdentityOf } from '../arrow/token_shard_reader.js';
import { resolveTokenizer } from '../../stages/tokenize/tokenizer_file.js';
import type { Tokenizer } from '../../stages/tokenize/tokenizer.js';
import type { ShardDoc } from './doc_filter.js';
import type { ShardFile } from './doc_source.js';
import { ReportError } from './report_error.js';

export const isTokenShard = (schema: Schema) => tokenizerIdentityOf(schema) !== undefined;

/**
 * The tokenizer a token shard names, checked against the rank hash in its metadata so text is
 * never decoded with the wrong vocabulary. Pretrained ones are known by name; a trained one is
 * found from `spec` (its tokenizer.json), which defaults to the name in the shard.
 */
export async function shardTokenizer(schema: Schema, spec: string | undefined, baseDir: string): Promise<Tokenizer> {
  const { name, ranksSha256: expected } = tokenizerIdentityOf(schema)!;
  let tokenizer: Tokenizer;
  try {
    tokenizer = await resolveTokenizer(spec ?? name, baseDir);
  } catch (e) {
    throw new ReportError(`the shard was encoded by tokenizer "${name}": ${(e as Error).message}; pass --tokenizer <its tokenizer.json>`);
  }
  if (expected && tokenizer.vocab.sha256() !== expected)
    throw new ReportError(`tokenizer ${tokenizer.name} does not match the shard's ("${name}", ranks sha256 ${expected.slice(0, 12)}…)`);
  return tokenizer;
}

/** A token shard's documents decoded back to text, with their token count as meta. */
export async function* readTokenDocs(shard: ShardFile, tokenizer: Tokenizer): AsyncGenerator<ShardDoc> {
  for await (const { id, tokens } of readTokenShard(shard.file, shard.recorded)) {
    // Each document ends with the end-of-text id, which is framing, not text.
    const ids = tokens.length > 0 && tokens[tokens.length - 1] === tokenizer.endOfText ? tokens.subarray(0, tokens.length - 1) : tokens;
    yield { id, text: tokenizer.decode(ids), meta: { tokens: ids.length } };
  }
}
