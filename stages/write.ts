import { z } from 'zod';
import { openTaskShard } from '../pipeline/arrow/task_shard.js';
import { DEFAULT_BATCH_LIMITS } from '../pipeline/arrow/doc_shard_writer.js';
import { runDirPath } from '../pipeline/config/run_path.js';
import { defineStage } from '../pipeline/registry.js';
import { layout } from '../pipeline/run/layout.js';
import { DomainTally } from '../pipeline/report/domain_tally.js';
import { codePoints, recordLength } from '../pipeline/report/length_histogram.js';
import { addTo } from '../pipeline/stats.js';

const options = z
  .object({
    format: z.literal('arrow').default('arrow'),
    /** Folder under the run dir; each task writes one shard, `<rank>.arrow`. */
    path: runDirPath('docs'),
    /** Rows per Arrow record batch. */
    batch_rows: z.number().int().positive().default(DEFAULT_BATCH_LIMITS.rows),
    /** Keep the raw page next to the text (useful before extraction, large). */
    include_html: z.boolean().default(false),
  })
  .strict();

/** Writes the docs that reach it as Arrow doc shards and passes them on, so stages may follow. */
export const write = defineStage({
  name: 'write',
  kind: 'stream',
  summary: 'write docs as Arrow IPC shards (id, text, url, one column per meta key)',
  options,
  create: (opts) => ({
    kind: 'stream',
    async *run(docs, ctx) {
      const shard = await openTaskShard(
        ctx.outputs,
        layout.shard(opts.path, ctx.rank),
        'docs',
        { meta: ctx.metaIn, html: opts.include_html, reason: false },
        { ...DEFAULT_BATCH_LIMITS, rows: opts.batch_rows },
      );
      // What `sieve stats` reports of the output, tallied here so it never re-reads the shards.
      const domains = new DomainTally();
      const counts = ctx.counters.counts;
      for await (const doc of docs) {
        await shard.write(doc);
        recordLength(counts, 'chars', codePoints(doc.text));
        if (typeof doc.meta.language === 'string') addTo(counts, `language:${doc.meta.language}`);
        // Set by `tokenize` when it runs before this writer.
        if (typeof doc.meta.token_count === 'number') recordLength(counts, 'tokens', doc.meta.token_count);
        domains.add(doc.url);
        yield doc;
      }
      domains.flushTo(counts);
      await shard.close();
    },
  }),
});
