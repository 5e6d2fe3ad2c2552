import type { Doc } from '../doc.js';
import type { OutputKind, TaskOutputs } from '../task/outputs.js';
import type { DocShardLayout } from './doc_schema.js';
import { shardInfo } from './doc_shard_reader.js';
import { DEFAULT_BATCH_LIMITS, DocShardWriter, type BatchLimits } from './doc_shard_writer.js';

/** A doc shard that a task writes: it lands under its final name only when the task commits. */
export interface TaskShard {
  write(doc: Doc, reason?: string): Promise<void>;
  close(): Promise<number>;
}

export async function openTaskShard(
  outputs: TaskOutputs,
  relPath: string,
  kind: OutputKind,
  layout: DocShardLayout,
  limits: BatchLimits = DEFAULT_BATCH_LIMITS,
): Promise<TaskShard> {
  const tmp = outputs.open(relPath, kind, validateRows);
  const writer = await DocShardWriter.create(tmp, layout, limits);
  return {
    write: (doc, reason) => writer.write(doc, reason),
    async close() {
      const rows = await writer.close();
      outputs.close(relPath, { rows });
      return rows;
    },
  };
}

/** Re-reads a closed shard: its row count must be what the writer declared. */
async function validateRows(file: string, declared: { rows: number }): Promise<void> {
  const { rows } = await shardInfo(file);
  if (rows !== declared.rows) throw new Error(`${file} holds ${rows} rows, its writer wrote ${declared.rows}`);
}
