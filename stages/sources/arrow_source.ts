import { z } from 'zod';
import { readDocShard, shardMeta } from '../../pipeline/arrow/doc_shard_reader.js';
import { ShardError } from '../../pipeline/arrow/shard_error.js';
import type { MetaSchema } from '../../pipeline/doc.js';
import { expandPaths } from '../../pipeline/inputs/expand_paths.js';
import { defineStage } from '../../pipeline/registry.js';

const options = z
  .object({
    /** Arrow IPC doc shards (files or globs), e.g. the output of an earlier run. */
    paths: z.array(z.string().min(1)).min(1),
    /** Meta columns to carry; by default those of the first readable shard. */
    meta: z.record(z.string(), z.enum(['string', 'float64', 'int32', 'bool'])).optional(),
  })
  .strict();

/** Reads Arrow doc shards written by `write` (or by any tool with id and text columns). */
export const arrowSource = defineStage({
  name: 'arrow',
  kind: 'source',
  summary: 'read Arrow IPC doc shards',
  options,
  create: (opts, env) => ({
    kind: 'source',
    async listInputs() {
      const inputs = await expandPaths(opts.paths, env.baseDir);
      const meta: MetaSchema = opts.meta ?? (await firstMeta(inputs));
      return { inputs, meta };
    },
    /**
     * A corrupt file is counted under `arrow:corrupt_file` and the next one read. Docs of its
     * batches read before the damage are kept: each batch is checked whole before its docs go on,
     * and which batches pass depends on the bytes alone.
     */
    async *read(input, ctx) {
      try {
        for await (const { reason: _, ...doc } of readDocShard(input)) {
          ctx.counters.bytesIn += Buffer.byteLength(doc.text);
          yield doc;
        }
      } catch (e) {
        if (!(e instanceof ShardError)) throw e;
        ctx.skip('arrow:corrupt_file');
        ctx.log.warn(e.message);
      }
    },
  }),
});

/** The meta schema of the first shard whose schema reads; when none does, the first one's error. */
async function firstMeta(inputs: string[]): Promise<MetaSchema> {
  let first: unknown;
  for (const input of inputs) {
    try {
      return await shardMeta(input);
    } catch (e) {
      if (!(e instanceof ShardError)) throw e;
      first ??= e;
    }
  }
  throw first;
}
