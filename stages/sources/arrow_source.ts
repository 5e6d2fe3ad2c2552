import { z } from 'zod';
import { readDocShard, shardSchema } from '../../pipeline/arrow/doc_shard_reader.js';
import { metaSchemaOf } from '../../pipeline/arrow/doc_schema.js';
import type { MetaSchema } from '../../pipeline/doc.js';
import { expandPaths } from '../../pipeline/inputs/expand_paths.js';
import { defineStage } from '../../pipeline/registry.js';

const options = z
  .object({
    /** Arrow IPC doc shards (files or globs), e.g. the output of an earlier run. */
    paths: z.array(z.string().min(1)).min(1),
    /** Meta columns to carry; by default those of the first shard. */
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
      const meta: MetaSchema = opts.meta ?? metaSchemaOf(await shardSchema(inputs[0]!));
      return { inputs, meta };
    },
    async *read(input, ctx) {
      for await (const { reason: _, ...doc } of readDocShard(input)) {
        ctx.counters.bytesIn += Buffer.byteLength(doc.text);
        yield doc;
      }
    },
  }),
});
