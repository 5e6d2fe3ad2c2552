import { z } from 'zod';
import type { MetaSchema } from '../../../pipeline/doc.js';
import { expandPaths } from '../../../pipeline/inputs/expand_paths.js';
import { defineStage } from '../../../pipeline/registry.js';
import { addTo } from '../../../pipeline/stats.js';
import { responseToDoc, type HtmlPolicy } from './html_doc.js';
import { openWarc } from './open_input.js';
import { readWarcRecords } from './record_reader.js';

const options = z
  .object({
    /** `.warc` / `.warc.gz` files or globs, relative to the directory `sieve run` works in. */
    paths: z.array(z.string().min(1)).min(1),
    /** Records with a larger content block are streamed past and counted as `warc:body_too_large`. */
    max_body_bytes: z
      .number()
      .int()
      .positive()
      .default(10 * 1024 * 1024),
    /** HTTP mime types kept as pages. */
    content_types: z.array(z.string().min(1)).min(1).default(['text/html', 'application/xhtml+xml']),
  })
  .strict();

const meta: MetaSchema = {
  warc_date: 'string',
  warc_record_id: 'string',
  content_type: 'string',
  charset: 'string',
  http_status: 'int32',
};

/** HTML pages from the `response` records of local WARC files (WARC/0.17 to 1.1, plain or gzip). */
export const warcSource = defineStage({
  name: 'warc',
  kind: 'source',
  summary: 'read HTML pages from local .warc / .warc.gz files',
  options,
  create: (opts, env) => {
    const policy: HtmlPolicy = {
      contentTypes: new Set(opts.content_types.map((t) => t.toLowerCase())),
      maxBodyBytes: opts.max_body_bytes,
    };
    return {
      kind: 'source',
      async listInputs() {
        return { inputs: await expandPaths(opts.paths, env.baseDir), meta };
      },
      async *read(input, ctx) {
        const tally = (key: string) => addTo(ctx.counters.counts, key);
        const records = readWarcRecords(await openWarc(input), {
          maxBodyBytes: opts.max_body_bytes,
          skip: (reason) => ctx.skip(reason),
          count: tally,
        });
        for await (const record of records) {
          ctx.counters.bytesIn += record.contentLength;
          tally(`record:${record.type || 'untyped'}`);
          if (record.type === 'resource') ctx.skip('warc:not_http');
          if (record.type !== 'response') continue;
          const outcome = responseToDoc(record, policy, tally);
          if ('doc' in outcome) yield outcome.doc;
          else ctx.skip(outcome.reason);
        }
      },
    };
  },
});
