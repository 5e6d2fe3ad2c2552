import { SeededRandom } from '../seeded_random.js';
import { readShardDocs, runShards, type ShardFile } from './doc_source.js';
import type { Located } from './select_docs.js';

export interface DocSample {
  /** `output`, or the stage whose rejects these are. */
  title: string;
  docs: Located[];
}

export interface DocSamples {
  seed: number;
  /** The output, then each stage's rejects in pipeline order. */
  groups: DocSample[];
}

const OUTPUT_DOCS = 5;
const REJECTS_PER_STAGE = 3;

/**
 * A few documents for the report page, drawn at random with `seed` from the output and from each
 * stage's rejects. The draw picks rows by the counts the run recorded, so only the shards holding
 * them are opened (each checked whole against its checksum) and decoded up to the last row drawn:
 * a handful of shards, whatever the corpus size.
 */
export async function sampleDocs(runDir: string, seed: number): Promise<DocSamples> {
  const shards = runShards(runDir);
  const random = new SeededRandom(seed);
  const groups: DocSample[] = [];
  if (shards.docs.length) groups.push({ title: 'output', docs: await drawDocs(shards.docs, OUTPUT_DOCS, random) });
  for (const [stage, files] of shards.rejects) {
    groups.push({ title: `rejects of ${stage}`, docs: await drawDocs(files, REJECTS_PER_STAGE, random) });
  }
  return { seed, groups };
}

/** `n` distinct rows drawn uniformly from all rows of `shards`, in shard and row order. */
async function drawDocs(shards: ShardFile[], n: number, random: SeededRandom): Promise<Located[]> {
  const rowsOf = (s: ShardFile) => s.rows ?? 0;
  const total = shards.reduce((sum, s) => sum + rowsOf(s), 0);
  const drawn = new Set<number>();
  while (drawn.size < Math.min(n, total)) drawn.add(random.below(total));
  const docs: Located[] = [];
  let first = 0;
  for (const shard of shards) {
    const rows = [...drawn].filter((i) => i >= first && i < first + rowsOf(shard)).map((i) => i - first);
    first += rowsOf(shard);
    if (rows.length === 0) continue;
    const wanted = new Set(rows);
    const last = Math.max(...rows);
    let row = 0;
    for await (const doc of readShardDocs(shard)) {
      if (wanted.has(row)) docs.push({ ...doc, shard: shard.file, row });
      if (row++ === last) break;
    }
  }
  return docs;
}
