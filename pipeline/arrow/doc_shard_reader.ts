import { DataType, type Schema } from 'apache-arrow';
import type { Doc, MetaValue } from '../doc.js';
import { openArrowFile, withArrowFile, type RecordedFile } from './arrow_file.js';
import type { MetaSchema } from '../doc.js';
import { DATATROVE_METADATA, metaSchemaOf } from './doc_schema.js';
import { ShardError } from './shard_error.js';

/**
 * Streams the docs of an Arrow IPC doc shard back, one record batch in memory at a time. With
 * `recorded`, the file must be the one its run wrote. A corrupt shard throws a ShardError; each
 * batch is checked whole before any of its docs is yielded.
 */
export async function* readDocShard(file: string, recorded?: RecordedFile): AsyncGenerator<Doc & { reason?: string }> {
  const arrow = await openArrowFile(file, recorded);
  try {
    const metaKeys = Object.keys(metaOf(file, arrow.schema));
    for await (const batch of arrow.batches()) {
      const columns = new Map(batch.schema.fields.map((f, i) => [f.name, batch.getChildAt(i)!]));
      // The datatrove layout nests url and the meta keys in its `metadata` struct.
      const nested = columns.get(DATATROVE_METADATA);
      if (nested && DataType.isStruct(nested.type))
        for (const field of nested.type.children) columns.set(field.name, nested.getChild(field.name)!);
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
    await arrow.close();
  }
}

/** The schema of a shard, read without its data. */
export async function shardSchema(file: string): Promise<Schema> {
  return withArrowFile(file, async (arrow) => arrow.schema);
}

/** The meta columns a shard was written with. */
export async function shardMeta(file: string): Promise<MetaSchema> {
  return metaOf(file, await shardSchema(file));
}

/** The schema and row count of a shard, counted batch by batch (how a task validates what it wrote). */
export async function shardInfo(file: string): Promise<{ schema: Schema; rows: number }> {
  return withArrowFile(file, async (arrow) => {
    let rows = 0;
    for await (const batch of arrow.batches()) rows += batch.numRows;
    return { schema: arrow.schema, rows };
  });
}

function metaOf(file: string, schema: Schema): MetaSchema {
  try {
    return metaSchemaOf(schema);
  } catch (e) {
    throw new ShardError(file, (e as Error).message);
  }
}
