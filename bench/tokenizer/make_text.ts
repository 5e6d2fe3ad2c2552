// The bench text: the sample corpus docs, repeated until they reach a size, as a JSON array of strings.
//   npx tsx bench/tokenizer/make_text.ts <docs.json from dump_docs.ts> <out.json> [MB]
import { readFileSync, writeFileSync } from 'node:fs';

const [input, out, mbArg] = process.argv.slice(2);
if (!input || !out) throw new Error('usage: make_text.ts <docs.json> <out.json> [MB]');
const docs = (JSON.parse(readFileSync(input, 'utf8')) as { text: string }[]).map((d) => d.text);
const target = Number(mbArg ?? 5) * 1e6;
const texts: string[] = [];
let bytes = 0;
while (bytes < target) {
  for (const text of docs) {
    texts.push(text);
    bytes += Buffer.byteLength(text);
    if (bytes >= target) break;
  }
}
writeFileSync(out, JSON.stringify(texts));
