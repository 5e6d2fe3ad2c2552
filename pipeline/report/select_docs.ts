import { readDocShard, shardSchema } from '../arrow/doc_shard_reader.js';
import { checkKeys, matches, type Condition, type ShardDoc } from './doc_filter.js';
import { seededRandom } from '../seeded_random.js';

export interface Located extends ShardDoc {
  shard: string;
  /** Row within its shard, from 0. */
  row: number;
}

export interface Selection {
  docs: Located[];
  /** Docs that matched; known in full only when sampling, which reads every shard. */
  matched: number;
  complete: boolean;
}

/**
 * The docs of `shards` that meet every condition: the first `limit` (stops reading there), or a
 * uniform random `sample` of them (reservoir sampling; the seed makes it repeatable). `read` turns a
 * shard into docs: doc shards by default, token shards decoded (see token_docs).
 */
export async function selectDocs(
  shards: string[],
  conditions: Condition[],
  want: { limit: number } | { sample: number; seed: number },
  read: (file: string) => AsyncIterable<ShardDoc> = readDocShard,
): Promise<Selection> {
  if (conditions.length > 0) {
    const columns = new Set<string>();
    for (const shard of shards) for (const f of (await shardSchema(shard)).fields) columns.add(f.name);
    checkKeys(conditions, [...columns]);
  }

  const docs: Located[] = [];
  let matched = 0;
  const random = 'sample' in want ? seededRandom(want.seed) : undefined;
  for (const shard of shards) {
    let row = 0;
    for await (const doc of read(shard)) {
      const here = row++;
      if (!matches(doc, conditions)) continue;
      matched++;
      if ('limit' in want) {
        if (docs.length === want.limit) return { docs, matched, complete: false };
        docs.push({ ...doc, shard, row: here });
      } else if (docs.length < want.sample) {
        docs.push({ ...doc, shard, row: here });
      } else {
        const slot = Math.floor(random!() * matched);
        if (slot < want.sample) docs[slot] = { ...doc, shard, row: here };
      }
    }
  }
  if ('sample' in want) docs.sort((a, b) => a.shard.localeCompare(b.shard) || a.row - b.row);
  return { docs, matched, complete: true };
}
