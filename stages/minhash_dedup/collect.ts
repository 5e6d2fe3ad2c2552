import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Doc } from '../../pipeline/doc.js';
import type { StageContext } from '../../pipeline/stage.js';
import { addTo } from '../../pipeline/stats.js';
import { ChunkWriter } from './chunk_writer.js';
import { checkLineCount } from './line_files.js';
import type { MinhashOptions } from './options.js';
import { minhashFiles } from './paths.js';
import { MinHasher } from './signature.js';
import { checkSortedRecords, mergeRuns, RecordLayout, SignatureBuffer } from './signature_records.js';

/**
 * Streams docs through while writing, per band, this task's signature records sorted by band
 * value, plus the doc table that turns a record's local index back into the doc's id and URL.
 * Memory is `sort_buffer` signatures: a fuller task spills sorted runs and merges them at the end.
 */
export async function* collectSignatures(docs: AsyncIterable<Doc>, ctx: StageContext, opts: MinhashOptions): AsyncGenerator<Doc> {
  const hasher = new MinHasher(opts);
  const layout = new RecordLayout(opts.rows);
  const buffer = new SignatureBuffer(opts.sort_buffer, hasher.size);
  const spillDir = path.join(ctx.runDir, minhashFiles.spillDir(ctx.workDir, ctx.rank));
  const runs: string[][] = Array.from({ length: opts.bands }, () => []);
  const spill = () => {
    mkdirSync(spillDir, { recursive: true });
    for (let band = 0; band < opts.bands; band++) {
      const run = path.join(spillDir, `band-${band}-run-${runs[band]!.length}.bin`);
      buffer.writeBand(band, layout, run);
      runs[band]!.push(run);
    }
    buffer.count = 0;
  };

  const tableRel = minhashFiles.docTable(ctx.workDir, ctx.rank);
  const tableFile = ctx.outputs.open(tableRel, 'barrier', checkLineCount);
  mkdirSync(path.dirname(tableFile), { recursive: true });
  const table = new ChunkWriter(tableFile);
  let tableRows = 0;

  try {
    for await (const doc of docs) {
      if (hasher.signature(doc.text, buffer.sigs, buffer.count * hasher.size)) {
        buffer.docIndex[buffer.count++] = tableRows++;
        table.writeText(`${JSON.stringify([doc.id, doc.url ?? null])}\n`);
        if (buffer.full) spill();
      } else {
        // Fewer words than one n-gram: nothing to compare, so the doc is kept, as datatrove does.
        addTo(ctx.counters.counts, 'too_short_to_sign');
      }
      yield doc;
    }
  } finally {
    table.close();
  }
  ctx.outputs.close(tableRel, { rows: tableRows });
  addTo(ctx.counters.counts, 'signatures', tableRows);

  if (runs[0]!.length > 0 && buffer.count > 0) spill();
  for (let band = 0; band < opts.bands; band++) {
    const rel = minhashFiles.signatures(ctx.workDir, band, ctx.rank);
    const file = ctx.outputs.open(rel, 'barrier', checkSortedRecords(layout));
    mkdirSync(path.dirname(file), { recursive: true });
    const rows = runs[band]!.length > 0 ? mergeRuns(runs[band]!, layout, file) : buffer.writeBand(band, layout, file);
    ctx.outputs.close(rel, { rows });
  }
  rmSync(spillDir, { recursive: true, force: true });
}
