import { DataType, type Schema } from 'apache-arrow';
import { openArrowFile, withArrowFile, type RecordedFile } from './arrow_file.js';
import { ShardError } from './shard_error.js';
import type { TokenizerIdentity } from './token_shard_writer.js';

/** A token shard's documents, one record batch in memory at a time; with `recorded`, the file must be the one its run wrote. */
export async function* readTokenShard(
  file: string,
  recorded?: RecordedFile,
): AsyncGenerator<{ id: string; tokens: Uint16Array | Uint32Array }> {
  const arrow = await openArrowFile(file, recorded);
  try {
    checkTokenColumns(file, arrow.schema);
    for await (const batch of arrow.batches()) {
      const ids = batch.getChild('id')!;
      const tokens = batch.getChild('tokens')!;
      for (let row = 0; row < batch.numRows; row++) {
        const list = tokens.get(row) as { toArray(): Uint16Array | Uint32Array } | null;
        if (!list) throw new ShardError(file, `row ${row} of a batch has no tokens`);
        yield { id: String(ids.get(row)), tokens: list.toArray() };
      }
    }
  } finally {
    await arrow.close();
  }
}

/** Schema (with the tokenizer's identity in its metadata), documents and tokens of a shard. */
export async function tokenShardInfo(file: string, recorded?: RecordedFile): Promise<{ schema: Schema; rows: number; tokens: number }> {
  return withArrowFile(
    file,
    async (arrow) => {
      checkTokenColumns(file, arrow.schema);
      let rows = 0;
      let tokens = 0;
      for await (const batch of arrow.batches()) {
        rows += batch.numRows;
        tokens += batch.getChild('tokens')!.data.reduce((n, d) => n + d.children[0]!.length, 0);
      }
      return { schema: arrow.schema, rows, tokens };
    },
    recorded,
  );
}

/** A token shard has a string `id` and a non-null list of unsigned ids `tokens`, as tokenSchema writes them. */
function checkTokenColumns(file: string, schema: Schema): void {
  const field = (name: string) => schema.fields.find((f) => f.name === name);
  const id = field('id');
  const tokens = field('tokens');
  const item = tokens && DataType.isList(tokens.type) ? tokens.type.children[0]?.type : undefined;
  if (
    !id ||
    !DataType.isUtf8(id.type) ||
    !tokens ||
    tokens.nullable ||
    !DataType.isInt(item) ||
    item.isSigned ||
    (item.bitWidth !== 16 && item.bitWidth !== 32)
  )
    throw new ShardError(file, 'it lacks the id and tokens columns of a token shard');
}

/** The tokenizer identity a token shard's schema metadata records, or undefined for a shard without one. */
export function tokenizerIdentityOf(schema: Schema): TokenizerIdentity | undefined {
  const m = schema.metadata;
  const name = m.get('sieve.tokenizer');
  if (name === undefined) return undefined;
  return {
    name,
    ranksSha256: m.get('sieve.tokenizer.ranks_sha256') ?? '',
    endOfText: Number(m.get('sieve.tokenizer.end_of_text')),
    nVocab: Number(m.get('sieve.tokenizer.n_vocab')),
  };
}
