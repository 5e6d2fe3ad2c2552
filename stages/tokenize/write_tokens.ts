import { z } from 'zod';
import { tokenShardInfo } from '../../pipeline/arrow/token_shard_reader.js';
import { TokenShardWriter, type TokenizerIdentity } from '../../pipeline/arrow/token_shard_writer.js';
import { runDirPath } from '../../pipeline/config/run_path.js';
import { defineStage } from '../../pipeline/registry.js';
import { layout } from '../../pipeline/run/layout.js';
import type { Tokenizer } from './tokenizer.js';
import { tokensOf } from './token_ids.js';

const options = z
  .object({
    /** Folder under the run dir; each task writes one shard, `<rank>.arrow`. */
    path: runDirPath('tokens'),
    /** Tokens per Arrow record batch (whole documents, so a batch may run over). */
    batch_tokens: z
      .number()
      .int()
      .positive()
      .default(1 << 20),
  })
  .strict();

/**
 * Writes the ids `tokenize` put beside each doc as Arrow token shards: per doc its ids and the
 * end-of-text id, uint16 when the vocabulary fits; the tokenizer's name, rank hash, end-of-text id
 * and vocabulary size in the schema metadata; rows and tokens into the ledger. Passes docs on.
 * A task that receives no docs writes no shard (it has no tokenizer to name).
 */
export const writeTokens = defineStage({
  name: 'write_tokens',
  kind: 'stream',
  summary: 'write token ids as Arrow token shards (uint16/uint32, end-of-text after each doc)',
  options,
  create: (opts) => ({
    kind: 'stream',
    async *run(docs, ctx) {
      const relPath = layout.shard(opts.path, ctx.rank);
      let shard: TokenShardWriter | undefined;
      let tokenizer: Tokenizer | undefined;
      for await (const doc of docs) {
        const tokenized = tokensOf(doc);
        if (!shard) {
          tokenizer = tokenized.tokenizer;
          const tmp = ctx.outputs.open(relPath, 'tokens', async (file, declared) => {
            const { rows } = await tokenShardInfo(file);
            if (rows !== declared.rows) throw new Error(`${file} holds ${rows} docs, its writer wrote ${declared.rows}`);
          });
          shard = await TokenShardWriter.create(tmp, identity(tokenizer), opts.batch_tokens);
        } else if (tokenized.tokenizer !== tokenizer) {
          throw new Error(`write_tokens: doc ${doc.id} was encoded by ${tokenized.tokenizer.name}, the shard holds ${tokenizer!.name} ids`);
        }
        await shard.write(doc.id, tokenized.ids);
        yield doc;
      }
      if (shard) ctx.outputs.close(relPath, await shard.close());
    },
  }),
});

export function identity(tokenizer: Tokenizer): TokenizerIdentity {
  return { name: tokenizer.name, ranksSha256: tokenizer.vocab.sha256(), endOfText: tokenizer.endOfText, nVocab: tokenizer.nVocab };
}
