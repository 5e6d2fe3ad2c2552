import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { defineStage } from '../../pipeline/registry.js';
import { mergeSortedLines } from '../../pipeline/sorted/merge_lines.js';
import type { BarrierStage, ReduceContext, StageContext } from '../../pipeline/stage.js';
import { addTo } from '../../pipeline/stats.js';

const options = z
  .object({
    /** Hash buckets, each reduced by one task; defaults to the upstream task count. */
    buckets: z.number().int().positive().optional(),
    /** Compare text lower-cased with runs of white space folded, so trivial variants count as the same. */
    normalize: z.boolean().default(true),
  })
  .strict();

/**
 * Drops every doc whose (normalized) text was seen before anywhere in the corpus. Of each group
 * of equal texts the doc with the smallest id is kept: an order that does not depend on how the
 * input was split into tasks.
 *
 * collect: per task, one sorted file per hash bucket of `hash \t id \t rank` lines.
 * reduce:  per bucket, a k-way merge of the tasks' files; all but the first of a hash are drops,
 *          written as `rank \t id` lines.
 * apply:   task r loads only its own drops and filters its handoff shard.
 */
export const exactDedup = defineStage({
  name: 'exact_dedup',
  kind: 'barrier',
  summary: 'drop docs whose normalized text occurs earlier in the corpus',
  options,
  create: (opts): BarrierStage => {
    const bucketsFor = (upstreamTasks: number) => opts.buckets ?? upstreamTasks;
    return {
      kind: 'barrier',
      async *collect(docs, ctx) {
        const buckets = Array.from({ length: bucketsFor(ctx.worldSize) }, () => [] as string[]);
        for await (const doc of docs) {
          const hash = textHash(doc.text, opts.normalize);
          buckets[parseInt(hash.slice(0, 8), 16) % buckets.length]!.push(`${hash}\t${JSON.stringify(doc.id)}\t${ctx.rank}`);
          yield doc;
        }
        for (const [bucket, lines] of buckets.entries()) {
          lines.sort();
          await writeLines(ctx, collectFile(ctx.workDir, ctx.rank, bucket), lines);
        }
      },
      reduce: [
        {
          name: 'find_duplicates',
          tasks: bucketsFor,
          async run(ctx: ReduceContext) {
            const bucket = ctx.rank;
            const files = Array.from({ length: ctx.upstreamTasks }, (_, r) => path.join(ctx.runDir, collectFile(ctx.workDir, r, bucket)));
            const drops: string[] = [];
            let previous = '';
            for await (const line of mergeSortedLines(files)) {
              const [hash, id, rank] = line.split('\t') as [string, string, string];
              if (hash === previous) drops.push(`${rank}\t${id}`);
              else addTo(ctx.counters.counts, 'distinct_texts');
              previous = hash;
            }
            addTo(ctx.counters.counts, 'duplicates', drops.length);
            await writeLines(ctx, dropsFile(ctx.workDir, bucket), drops);
          },
        },
      ],
      async *apply(docs, ctx) {
        const drops = await loadDrops(ctx, bucketsFor(ctx.worldSize));
        for await (const doc of docs) {
          if (drops.has(doc.id)) ctx.drop(doc, 'duplicate');
          else yield doc;
        }
      },
    };
  },
});

export function textHash(text: string, normalize: boolean): string {
  const key = normalize ? text.toLowerCase().replace(/\s+/g, ' ').trim() : text;
  return createHash('sha1').update(key).digest('hex').slice(0, 16);
}

const collectFile = (workDir: string, rank: number, bucket: number) => path.join(workDir, 'collect', String(rank), `${bucket}.tsv`);
const dropsFile = (workDir: string, bucket: number) => path.join(workDir, 'drops', `${bucket}.tsv`);

async function writeLines(ctx: Pick<StageContext, 'outputs'>, relPath: string, lines: string[]): Promise<void> {
  const tmp = ctx.outputs.open(relPath, 'barrier', async (file, declared) => {
    const count = (await readFile(file, 'utf8')).split('\n').filter(Boolean).length;
    if (count !== declared.rows) throw new Error(`${file} holds ${count} lines, ${declared.rows} were written`);
  });
  await mkdir(path.dirname(tmp), { recursive: true });
  await writeFile(tmp, lines.length > 0 ? `${lines.join('\n')}\n` : '');
  ctx.outputs.close(relPath, { rows: lines.length });
}

/** The ids this task must drop: every bucket's drops filtered to this rank. */
async function loadDrops(ctx: StageContext, buckets: number): Promise<Set<string>> {
  const mine = new Set<string>();
  const rank = String(ctx.rank);
  for (let bucket = 0; bucket < buckets; bucket++) {
    const file = path.join(ctx.runDir, dropsFile(ctx.workDir, bucket));
    if (!existsSync(file)) throw new Error(`exact_dedup: ${file} is missing; did the reduce phase complete?`);
    for (const line of (await readFile(file, 'utf8')).split('\n')) {
      const tab = line.indexOf('\t');
      if (tab > 0 && line.slice(0, tab) === rank) mine.add(JSON.parse(line.slice(tab + 1)) as string);
    }
  }
  return mine;
}
