// Writes the texts of every doc shard in a folder as a JSON array, for the Python side of the bench.
//   npx tsx bench/tokenizer/dump_docs.ts <docs dir> <out.json>
import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { readDocShard } from '../../pipeline/arrow/doc_shard_reader.js';

const [dir, out] = process.argv.slice(2);
if (!dir || !out) throw new Error('usage: dump_docs.ts <docs dir> <out.json>');
const docs: { id: string; text: string }[] = [];
for (const file of readdirSync(dir)
  .filter((f) => f.endsWith('.arrow'))
  .sort()) {
  for await (const doc of readDocShard(path.join(dir, file))) docs.push({ id: doc.id, text: doc.text });
}
writeFileSync(out, JSON.stringify(docs));
