import { open } from 'node:fs/promises';
import { RecordBatchReader, type Schema } from 'apache-arrow';
import type { Doc, MetaValue } from '../doc.js';
import { metaSchemaOf } from './doc_schema.js';

/** Streams the docs of an Arrow IPC doc shard back, one record batch in memory at a time. */
export async function* readDocShard(file: string): AsyncGenerator<Doc & { reason?: string }> {
  const handle = await open(file, 'r');
  try {
    const reader = await RecordBatchReader.from(handle);
    await reader.open();
    const metaKeys = Object.keys(metaSchemaOf(reader.schema));
    for await (const batch of reader) {
      const columns = new Map(batch.schema.fields.map((f, i) => [f.name, batch.getChildAt(i)!]));
      const get = (name: string, row: number): unknown => columns.get(name)?.get(row) ?? null;
      for (let row = 0; row < batch.numRows; row++) {
        const meta: Record<string, MetaValue> = {};
        for (const key of metaKeys) meta[key] = get(key, row) as MetaValue;
        const doc: Doc & { reason?: string } = { id: String(get('id', row)), text: String(get('text', row) ?? ''), meta };
        const url = get('url', row);
        if (url !== null) doc.url = String(url);
        const html = get('html', row);
        if (html !== null) doc.html = String(html);
        const reason = get('reason', row);
        if (reason !== null) doc.reason = String(reason);
        yield doc;
      }
    }
  } finally {
    await handle.close();
  }
}

/** The schema of a shard, read without its data. */
export async function shardSchema(file: string): Promise<Schema> {
  const handle = await open(file, 'r');
  try {
    const reader = await RecordBatchReader.from(handle);
    await reader.open();
    return reader.schema;
  } finally {
    await handle.close();
  }
}

/** The schema and row count of a shard, counted batch by batch (how a task validates what it wrote). */
export async function shardInfo(file: string): Promise<{ schema: Schema; rows: number }> {
  const handle = await open(file, 'r');
  try {
    const reader = await RecordBatchReader.from(handle);
    await reader.open();
    const schema = reader.schema;
    let rows = 0;
    for await (const batch of reader) rows += batch.numRows;
    return { schema, rows };
  } finally {
    await handle.close();
  }
}
