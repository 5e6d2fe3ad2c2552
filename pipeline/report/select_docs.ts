import { docFileFormatOf } from '../doc_files/doc_file_formats.js';
import { readShardDocs, type ShardFile } from './doc_source.js';
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
  shards: ShardFile[],
  conditions: Condition[],
  want: { limit: number } | { sample: number; seed: number },
  read: (shard: ShardFile) => AsyncIterable<ShardDoc> = readShardDocs,
): Promise<Selection> {
  if (conditions.length > 0) {
    const columns = new Set<string>();
    for (const shard of shards) for (const field of await docFileFormatOf(shard.file).fields(shard.file)) columns.add(field);
    checkKeys(conditions, [...columns]);
  }

  const docs: Located[] = [];
  let matched = 0;
  const random = 'sample' in want ? seededRandom(want.seed) : undefined;
  for (const shardFile of shards) {
    const shard = shardFile.file;
    let row = 0;
    for await (const doc of read(shardFile)) {
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
