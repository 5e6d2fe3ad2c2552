// Sieve's signature throughput on one core: normalization, shingling and 112 MinHash values per
// doc, the work of minhash_dedup's collect. CPU time of this single-threaded process.
//
//   npx tsx bench/dedup/sieve_sign_speed.ts <corpus.jsonl>   → prints JSON {docs, sign_cpu_s}
import { readFileSync } from 'node:fs';
import { MinHasher } from '../../stages/minhash_dedup/signature.js';

const [corpus] = process.argv.slice(2);
if (!corpus) throw new Error('usage: sieve_sign_speed.ts <corpus.jsonl>');
const texts = readFileSync(corpus, 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => (JSON.parse(line) as { text: string }).text);
const hasher = new MinHasher({ ngram: 5, bands: 14, rows: 8, seed: 1 });
const out = new Uint32Array(hasher.size);
const pass = () => {
  for (const text of texts) hasher.signature(text, out, 0);
};
pass(); // warm-up: let the JIT compile the hot loops, as it has in any real collect task
const start = process.cpuUsage();
const rounds = 3;
for (let r = 0; r < rounds; r++) pass();
const used = process.cpuUsage(start);
console.log(JSON.stringify({ docs: texts.length * rounds, sign_cpu_s: (used.user + used.system) / 1e6 }));
