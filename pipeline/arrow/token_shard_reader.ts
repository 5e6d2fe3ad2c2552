import { open } from 'node:fs/promises';
import { RecordBatchReader, type Schema } from 'apache-arrow';
import type { TokenizerIdentity } from './token_shard_writer.js';

/** A token shard's documents, one record batch in memory at a time. */
export async function* readTokenShard(file: string): AsyncGenerator<{ id: string; tokens: Uint16Array | Uint32Array }> {
  const handle = await open(file, 'r');
  try {
    const reader = await RecordBatchReader.from(handle);
    await reader.open();
    for await (const batch of reader) {
      const ids = batch.getChild('id')!;
      const tokens = batch.getChild('tokens')!;
      for (let row = 0; row < batch.numRows; row++) {
        yield { id: String(ids.get(row)), tokens: (tokens.get(row) as { toArray(): Uint16Array | Uint32Array }).toArray() };
      }
    }
  } finally {
    await handle.close();
  }
}

/** Schema (with the tokenizer's identity in its metadata), documents and tokens of a shard. */
export async function tokenShardInfo(file: string): Promise<{ schema: Schema; rows: number; tokens: number }> {
  let schema: Schema | undefined;
  let rows = 0;
  let tokens = 0;
  const handle = await open(file, 'r');
  try {
    const reader = await RecordBatchReader.from(handle);
    await reader.open();
    schema = reader.schema;
    for await (const batch of reader) {
      rows += batch.numRows;
      tokens += batch.getChild('tokens')!.data.reduce((n, d) => n + d.children[0]!.length, 0);
    }
  } finally {
    await handle.close();
  }
  return { schema, rows, tokens };
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
