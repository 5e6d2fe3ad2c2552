import path from 'node:path';
import { glob } from 'tinyglobby';
import { z } from 'zod';
import { readDocShard, shardInfo } from '../../pipeline/arrow/doc_shard_reader.js';
import { metaSchemaOf } from '../../pipeline/arrow/doc_schema.js';
import { OptionError } from '../../pipeline/config/config_error.js';
import type { MetaSchema } from '../../pipeline/doc.js';
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
  create: (opts, env) => {
    return {
      kind: 'source',
      async listInputs() {
        const files = new Set<string>();
        for (const [i, pattern] of opts.paths.entries()) {
          const matches = await glob(pattern, { cwd: env.baseDir, absolute: true, onlyFiles: true });
          if (matches.length === 0) throw new OptionError(['paths', i], `no file matches "${pattern}" (from ${env.baseDir})`);
          matches.forEach((m) => files.add(path.normalize(m)));
        }
        const inputs = [...files].sort();
        const meta: MetaSchema = opts.meta ?? metaSchemaOf((await shardInfo(inputs[0]!)).schema);
        return { inputs, meta };
      },
      async *read(input, ctx) {
        for await (const { reason: _, ...doc } of readDocShard(input)) {
          ctx.counters.bytesIn += Buffer.byteLength(doc.text);
          yield doc;
        }
      },
    };
  },
});
