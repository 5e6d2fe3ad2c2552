import path from 'node:path';
import type { Doc, MetaSchema } from '../../pipeline/doc.js';
import { docFileFormatOf } from '../../pipeline/doc_files/doc_file_formats.js';
import type { StreamStage } from '../../pipeline/stage.js';
import { FileTaskOutputs } from '../../pipeline/task/file_outputs.js';
import type { OutputRecord } from '../../pipeline/task/outputs.js';
import { write } from '../../stages/write.js';
import { collect, testContext } from './context.js';

async function* from(docs: Doc[]): AsyncGenerator<Doc> {
  yield* docs;
}

/** Runs the write stage with `options` as task `rank` would, commits its files (each validated) and returns what the task recorded. */
export async function runWrite(options: Record<string, unknown>, docs: Doc[], meta: MetaSchema, rank = 0) {
  const ctx = testContext({ metaIn: meta, rank });
  const outputs = new FileTaskOutputs(ctx.runDir);
  const stage = write.create(write.options.parse(options), { baseDir: ctx.runDir, runDir: ctx.runDir }) as StreamStage;
  const passed = await collect(stage.run(from(docs), { ...ctx, outputs }));
  const records = await outputs.commit();
  return { runDir: ctx.runDir, records, counts: ctx.counters.counts, passed };
}

/** The docs of recorded doc files, read back by Sieve, in file order. */
export async function readBack(runDir: string, records: OutputRecord[]): Promise<Doc[]> {
  const docs: Doc[] = [];
  for (const r of records)
    for await (const { reason: _, ...doc } of docFileFormatOf(r.path).read(path.join(runDir, r.path), r)) docs.push(doc);
  return docs;
}
