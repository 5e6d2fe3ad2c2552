import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { defineStage } from '../../pipeline/registry.js';
import type { BarrierStage, StageContext } from '../../pipeline/stage.js';
import { buildClusters } from './build_clusters.js';
import { collectSignatures } from './collect.js';
import { findPairs } from './find_pairs.js';
import { minhashOptions } from './options.js';
import { minhashFiles } from './paths.js';

/**
 * FineWeb's near-duplicate removal. Docs whose word n-gram sets are similar (Jaccard ≳ 0.72 for
 * 14 bands × 8 rows) collide in some band; colliding docs are clustered and each cluster keeps only
 * its member with the smallest id.
 *
 * collect:        per task, one sorted binary signature file per band, and a doc table.
 * find_pairs:     per band, a k-way merge of the tasks' files → duplicate pairs.
 * build_clusters: one task, union-find over all pairs → per task, the ids to drop.
 * apply:          task r drops the ids in its drop file, reason `minhash_duplicate`.
 */
export const minhashDedup = defineStage({
  name: 'minhash_dedup',
  kind: 'barrier',
  summary: 'drop near-duplicate docs (MinHash LSH over word n-grams), keeping one per cluster',
  options: minhashOptions,
  create: (opts): BarrierStage => ({
    kind: 'barrier',
    collect: (docs, ctx) => collectSignatures(docs, ctx, opts),
    reduce: [
      { name: 'find_pairs', tasks: () => opts.bands, run: async (ctx) => findPairs(ctx, opts.rows) },
      { name: 'build_clusters', tasks: () => 1, run: (ctx) => buildClusters(ctx, opts) },
    ],
    async *apply(docs, ctx) {
      const drops = await loadDrops(ctx);
      for await (const doc of docs) {
        if (drops.has(doc.id)) ctx.drop(doc, 'minhash_duplicate');
        else yield doc;
      }
    },
  }),
});

/** Apply task r continues collect task r, so its drop file names exactly the docs it will see. */
async function loadDrops(ctx: StageContext): Promise<Set<string>> {
  const file = path.join(ctx.runDir, minhashFiles.drops(ctx.workDir, ctx.rank));
  if (!existsSync(file)) throw new Error(`minhash_dedup: ${file} is missing; did the build_clusters step complete?`);
  const text = await readFile(file, 'utf8');
  return new Set(
    text
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as string),
  );
}
