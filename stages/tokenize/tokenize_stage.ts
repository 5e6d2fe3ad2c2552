import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { runDirPath } from '../../pipeline/config/run_path.js';
import type { Doc } from '../../pipeline/doc.js';
import { defineStage } from '../../pipeline/registry.js';
import { recordLength } from '../../pipeline/report/length_histogram.js';
import type { BarrierStage, StageContext, StreamStage } from '../../pipeline/stage.js';
import { addTo } from '../../pipeline/stats.js';
import type { TaskOutputs } from '../../pipeline/task/outputs.js';
import { PATTERN_NAMES } from './patterns.js';
import { isPretrained } from './pretrained.js';
import { attachTokens } from './token_ids.js';
import type { Tokenizer } from './tokenizer.js';
import { readTokenizerFile, resolveTokenizer, tokenizerFiles } from './tokenizer_file.js';
import { addCounts, ChunkCounter, formatCounts } from './train/chunk_counts.js';
import { trainTokenizer } from './train/train_tokenizer.js';

const train = z
  .object({
    /** Ids in all: 256 bytes + learned merges + special tokens. */
    vocab_size: z
      .number()
      .int()
      .min(258)
      .max(1 << 21),
    /** Count chunks of at most this many docs (split evenly over the tasks); all docs are still encoded. */
    sample_docs: z.number().int().positive().optional(),
    special_tokens: z.array(z.string().min(1)).default(['<|endoftext|>']),
    /** Pre-tokenizer: GPT-2's pattern, or GPT-4's (cl100k), or GPT-4o's (o200k). */
    pattern: z.enum(PATTERN_NAMES).default('cl100k'),
    /** Name in the token shards' metadata. */
    name: z.string().min(1).default('sieve-bpe'),
    /** Folder under the run dir that receives tokenizer.json and tokenizer.tiktoken. */
    save: runDirPath('tokenizer'),
  })
  .strict();

const options = z
  .object({
    /** `gpt2`, `cl100k_base`, `o200k_base`, or a saved tokenizer (its .json, or its folder). */
    tokenizer: z.string().min(1).optional(),
    train: train.optional(),
  })
  .strict()
  .refine((o) => (o.tokenizer === undefined) !== (o.train === undefined), {
    message: 'give either tokenizer: <name or path> or train: { vocab_size }',
  });

const TOKEN_META = { token_count: 'int32' } as const;

/**
 * Encodes each doc's text into token ids, which travel beside the doc to `write_tokens`, and
 * records their number as `token_count`. With `tokenizer:` it is a plain stream stage; with
 * `train:` a barrier that learns the tokenizer from the corpus first:
 *
 * collect: per task, counts of pre-token chunks, `[chunk, count]` JSON lines.
 * reduce:  one task merges the counts, learns the merges, saves the tokenizer in the run dir.
 * apply:   encodes with the saved tokenizer.
 */
export const tokenize = defineStage({
  name: 'tokenize',
  // The planner cuts phases by the kind of the built stage: a barrier only when training.
  kind: 'barrier',
  summary: 'byte-level BPE token ids (gpt2, cl100k_base, o200k_base, a saved tokenizer, or one trained on the corpus)',
  options,
  create: (opts, env): StreamStage | BarrierStage => {
    if (opts.tokenizer !== undefined) {
      const spec = opts.tokenizer;
      if (!isPretrained(spec) && !existsSync(path.resolve(env.baseDir, spec)))
        throw new Error(`tokenize: tokenizer "${spec}" is neither gpt2, cl100k_base, o200k_base nor an existing file`);
      return { kind: 'stream', meta: TOKEN_META, run: (docs, ctx) => encodeAll(docs, ctx, resolveTokenizer(spec, env.baseDir)) };
    }
    const t = opts.train!;
    // Saved where a user finds it, not in the stage's work dir: `tokenize: { tokenizer: <run_dir>/tokenizer }` reuses it.
    const saved = (runDir: string) => path.join(runDir, t.save, 'tokenizer.json');
    return {
      kind: 'barrier',
      meta: TOKEN_META,
      async *collect(docs, ctx) {
        const counter = new ChunkCounter(t.pattern);
        const limit = t.sample_docs === undefined ? Infinity : Math.ceil(t.sample_docs / ctx.worldSize);
        let counted = 0;
        for await (const doc of docs) {
          if (counted++ < limit) counter.add(doc.text);
          yield doc;
        }
        addTo(ctx.counters.counts, 'sampled_docs', Math.min(counted, limit));
        await writeChecked(ctx.outputs, countsFile(ctx.workDir, ctx.rank), formatCounts(counter.counts));
      },
      reduce: [
        {
          name: 'learn_merges',
          tasks: () => 1,
          async run(ctx) {
            const chunks = new Map<string, number>();
            for (let rank = 0; rank < ctx.upstreamTasks; rank++) {
              const file = path.join(ctx.runDir, countsFile(ctx.workDir, rank));
              addCounts(chunks, await readFile(file, 'utf8'));
            }
            addTo(ctx.counters.counts, 'distinct_chunks', chunks.size);
            const started = Date.now();
            const tokenizer = trainTokenizer(
              chunks,
              { name: t.name, pattern: t.pattern, vocabSize: t.vocab_size, specialTokens: t.special_tokens },
              (p) => {
                if (p.merges % 1000 === 0) ctx.log.info(`${ctx.stage}: ${p.merges} merges, last pair seen ${p.count} times`);
              },
            );
            addTo(ctx.counters.counts, 'merges', tokenizer.vocab.size - 256);
            addTo(ctx.counters.counts, 'vocab_size', tokenizer.nVocab);
            ctx.log.info(`${ctx.stage}: learned ${tokenizer.vocab.size - 256} merges in ${((Date.now() - started) / 1000).toFixed(1)} s`);
            const files = tokenizerFiles(tokenizer, 'tokenizer');
            await writeChecked(ctx.outputs, path.join(t.save, 'tokenizer.tiktoken'), files.tiktoken);
            await writeChecked(ctx.outputs, path.join(t.save, 'tokenizer.json'), files.json);
          },
        },
      ],
      apply: (docs, ctx) => encodeAll(docs, ctx, readTokenizerFile(saved(ctx.runDir))),
    };
  },
});

async function* encodeAll(docs: AsyncIterable<Doc>, ctx: StageContext, loading: Promise<Tokenizer>): AsyncGenerator<Doc> {
  const tokenizer = await loading;
  for await (const doc of docs) {
    const ids = tokenizer.encodeOrdinary(doc.text);
    attachTokens(doc, tokenizer, ids);
    doc.meta.token_count = ids.length;
    // Token counts per doc as a length histogram: `sieve stats` reports "tokens at tokenize" quantiles and the sum.
    recordLength(ctx.counters.counts, 'tokens', ids.length);
    yield doc;
  }
}

const countsFile = (workDir: string, rank: number) => path.join(workDir, 'counts', `${rank}.jsonl`);

const lineCount = (text: string) => text.split('\n').filter(Boolean).length;

/** Writes a task file; at commit its lines are counted again, so a cut-off file never counts as done. */
async function writeChecked(outputs: TaskOutputs, relPath: string, text: string): Promise<void> {
  const tmp = outputs.open(relPath, 'barrier', async (file, declared) => {
    const found = lineCount(await readFile(file, 'utf8'));
    if (found !== declared.rows) throw new Error(`${file} holds ${found} lines, ${declared.rows} were written`);
  });
  await mkdir(path.dirname(tmp), { recursive: true });
  await writeFile(tmp, text);
  outputs.close(relPath, { rows: lineCount(text) });
}
