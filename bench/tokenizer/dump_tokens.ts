// Writes the token shards of a folder as JSON { doc id: ids without the end-of-text }, and the
// schema metadata of the first shard, for bench/tokenizer/check_trained.py.
//   npx tsx bench/tokenizer/dump_tokens.ts <tokens dir> <out.json>
import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { readTokenShard, tokenShardInfo } from '../../pipeline/arrow/token_shard_reader.js';

const [dir, out] = process.argv.slice(2);
if (!dir || !out) throw new Error('usage: dump_tokens.ts <tokens dir> <out.json>');
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.arrow'))
  .sort();
const docs: Record<string, number[]> = {};
for (const file of files) for await (const doc of readTokenShard(path.join(dir, file))) docs[doc.id] = [...doc.tokens.subarray(0, -1)];
const { schema } = await tokenShardInfo(path.join(dir, files[0]!));
writeFileSync(out, JSON.stringify({ metadata: Object.fromEntries(schema.metadata), type: String(schema.fields[1]!.type), docs }));
