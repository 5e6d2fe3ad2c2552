import { DataType } from 'apache-arrow';
import { readDocShard, shardInfo, shardSchema } from '../arrow/doc_shard_reader.js';
import { DATATROVE_METADATA } from '../arrow/doc_schema.js';
import { DEFAULT_BATCH_LIMITS, DocShardWriter } from '../arrow/doc_shard_writer.js';
import type { DocFileFormat } from './doc_file_format.js';

/** Arrow IPC doc shards, in the file framing (the default) or the stream framing (`ipc: stream`); both are named `.arrow`, as HF's own stream files are. */
export const arrowDocFiles: DocFileFormat = {
  compressions: [],
  batched: true,
  extension: () => '.arrow',
  create: (file, layout, settings) =>
    DocShardWriter.create(file, layout, { ...DEFAULT_BATCH_LIMITS, rows: settings.batchRows ?? DEFAULT_BATCH_LIMITS.rows }, settings.ipc),
  countRows: async (file) => (await shardInfo(file)).rows,
  read: readDocShard,
  async fields(file) {
    return (await shardSchema(file)).fields.flatMap((field) =>
      field.name === DATATROVE_METADATA && DataType.isStruct(field.type) ? field.type.children.map((c) => c.name) : [field.name],
    );
  },
};
