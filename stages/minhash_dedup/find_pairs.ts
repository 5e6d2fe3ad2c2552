import { existsSync, mkdirSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { mergeSortedRecords } from '../../pipeline/sorted/merge_records.js';
import type { ReduceContext } from '../../pipeline/stage.js';
import { addTo } from '../../pipeline/stats.js';
import { ChunkWriter } from './chunk_writer.js';
import { minhashFiles } from './paths.js';
import { RecordLayout } from './signature_records.js';

/** A duplicate pair: (task, doc index) of the first doc of a band value, then of another doc with it. */
export const PAIR_BYTES = 16;

/**
 * Reduce step 1, task = band: a k-way merge of every collect task's sorted file of this band.
 * Docs with equal band values arrive together; each is paired with the first of its run, which
 * links the whole run while writing one pair per doc. Memory: one read chunk per collect task.
 */
export function findPairs(ctx: ReduceContext, rows: number): void {
  const band = ctx.rank;
  const layout = new RecordLayout(rows);
  const { keyBytes } = layout;
  const files = Array.from({ length: ctx.upstreamTasks }, (_, rank) =>
    path.join(ctx.runDir, minhashFiles.signatures(ctx.workDir, band, rank)),
  );
  for (const file of files) if (!existsSync(file)) throw new Error(`minhash_dedup: ${file} is missing; did the collect phase complete?`);

  const rel = minhashFiles.pairs(ctx.workDir, band);
  const file = ctx.outputs.open(rel, 'barrier', checkPairFile);
  mkdirSync(path.dirname(file), { recursive: true });
  const out = new ChunkWriter(file);
  const first = Buffer.alloc(keyBytes);
  let firstTask = -1;
  let firstDoc = 0;
  let records = 0;
  let pairs = 0;
  for (const { buf, offset, source } of mergeSortedRecords(files, layout.recordSize, keyBytes)) {
    records++;
    const doc = buf.readUInt32BE(offset + keyBytes);
    if (firstTask >= 0 && buf.compare(first, 0, keyBytes, offset, offset + keyBytes) === 0) {
      const { buf: o, at } = out.reserve(PAIR_BYTES);
      o.writeUInt32LE(firstTask, at);
      o.writeUInt32LE(firstDoc, at + 4);
      o.writeUInt32LE(source, at + 8);
      o.writeUInt32LE(doc, at + 12);
      pairs++;
      continue;
    }
    buf.copy(first, 0, offset, offset + keyBytes);
    firstTask = source;
    firstDoc = doc;
  }
  out.close();
  ctx.outputs.close(rel, { rows: pairs });
  addTo(ctx.counters.counts, 'band_signatures', records);
  addTo(ctx.counters.counts, 'band_pairs', pairs);
}

async function checkPairFile(file: string, declared: { rows: number }): Promise<void> {
  const { size } = await stat(file);
  if (size !== declared.rows * PAIR_BYTES) throw new Error(`${file} has ${size} bytes, not ${declared.rows} pairs of ${PAIR_BYTES}`);
}
