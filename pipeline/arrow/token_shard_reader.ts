import { open } from 'node:fs/promises';
import { RecordBatchReader, type Schema } from 'apache-arrow';

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
