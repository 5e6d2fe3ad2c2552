import { z } from 'zod';
import { DEFAULT_BATCH_LIMITS } from '../pipeline/arrow/doc_shard_writer.js';
import { OptionError } from '../pipeline/config/config_error.js';
import { partitionedRunDirPath } from '../pipeline/config/run_path.js';
import { DOC_FILE_FORMAT_NAMES, DOC_FILE_FORMATS } from '../pipeline/doc_files/doc_file_formats.js';
import { templateKeys } from '../pipeline/doc_files/partition_path.js';
import { TaskDocFiles } from '../pipeline/doc_files/task_doc_files.js';
import { defineStage } from '../pipeline/registry.js';
import { DomainTally } from '../pipeline/report/domain_tally.js';
import { codePoints, recordLength } from '../pipeline/report/length_histogram.js';
import { addTo } from '../pipeline/stats.js';

const options = z
  .object({
    /** `arrow` (Arrow IPC), `jsonl` (JSON Lines). */
    format: z.enum(DOC_FILE_FORMAT_NAMES).default('arrow'),
    /**
     * Folder under the run dir. `{key}` (or datatrove's `${key}`) names a meta key: each doc goes
     * to the folder its value names, `docs/{language}` → `docs/en/`, made safe by `pathSegment`.
     */
    path: partitionedRunDirPath('docs'),
    /** jsonl: `gzip` (default), `zstd` or `none`. */
    compression: z.string().optional(),
    /** arrow: the IPC `file` framing (default: pyarrow, polars, HF `load_dataset("arrow")`) or `stream` (HF `Dataset.from_file`). */
    ipc: z.enum(['file', 'stream']).optional(),
    /** arrow: rows per record batch. */
    batch_rows: z.number().int().positive().optional(),
    /** `flat` columns (id, text, url, one per meta key), or `datatrove`'s text, id and a `metadata` struct. */
    layout: z.enum(['flat', 'datatrove']).default('flat'),
    /** Start a new file after this many docs. */
    max_rows_per_file: z.number().int().positive().optional(),
    /** Start a new file before the docs in it pass this many bytes (their strings' UTF-8, before encoding and compression). */
    max_bytes_per_file: z.number().int().positive().optional(),
    /** Partitioned paths: files a task keeps open at once, each holding at most one batch in memory. */
    max_open_files: z.number().int().positive().default(64),
    /** Keep the raw page next to the text (useful before extraction, large). */
    include_html: z.boolean().default(false),
  })
  .strict()
  .superRefine((o, ctx) => {
    const format = DOC_FILE_FORMATS[o.format];
    const refuse = (option: string, message: string) => ctx.addIssue({ code: 'custom', path: [option], message });
    if (o.compression !== undefined && !format.compressions.includes(o.compression))
      refuse(
        'compression',
        format.compressions.length
          ? `${o.format} takes compression ${format.compressions.map((c) => `"${c}"`).join(', ')}`
          : `${o.format} files have no compression option`,
      );
    if (o.ipc !== undefined && o.format !== 'arrow') refuse('ipc', `applies to format arrow, not ${o.format}`);
    if (o.batch_rows !== undefined && !format.batched) refuse('batch_rows', `${o.format} files have no batches`);
    if (o.layout === 'datatrove' && o.include_html) refuse('include_html', 'the datatrove layout has no html field');
  });

/** Writes the docs that reach it as doc files and passes them on, so stages may follow. */
export const write = defineStage({
  name: 'write',
  kind: 'stream',
  summary: 'write docs as Arrow IPC or JSONL files (flat columns or datatrove layout), partitioned by meta keys',
  options,
  create: (opts) => ({
    kind: 'stream',
    checkMeta(metaIn) {
      for (const key of templateKeys(opts.path)) {
        if (!(key in metaIn))
          throw new OptionError(
            ['path'],
            `{${key}} is not a meta key of the docs reaching this stage; they carry: ${Object.keys(metaIn).join(', ') || 'none'}`,
          );
      }
    },
    async *run(docs, ctx) {
      const files = new TaskDocFiles(ctx.outputs, ctx.rank, {
        format: DOC_FILE_FORMATS[opts.format],
        settings: { compression: opts.compression, batchRows: opts.batch_rows ?? DEFAULT_BATCH_LIMITS.rows, ipc: opts.ipc },
        layout: { meta: ctx.metaIn, html: opts.include_html, reason: false, datatrove: opts.layout === 'datatrove' },
        path: opts.path,
        maxRows: opts.max_rows_per_file,
        maxBytes: opts.max_bytes_per_file,
        maxOpen: opts.max_open_files,
      });
      // What `sieve stats` reports of the output, tallied here so it never re-reads the files.
      const domains = new DomainTally();
      const counts = ctx.counters.counts;
      for await (const doc of docs) {
        const partition = await files.write(doc);
        if (partition !== undefined) addTo(counts, `partition:${partition}`);
        recordLength(counts, 'chars', codePoints(doc.text));
        if (typeof doc.meta.language === 'string') addTo(counts, `language:${doc.meta.language}`);
        // Set by `tokenize` when it runs before this writer.
        if (typeof doc.meta.token_count === 'number') recordLength(counts, 'tokens', doc.meta.token_count);
        domains.add(doc.url);
        yield doc;
      }
      domains.flushTo(counts);
      await files.close();
    },
  }),
});
