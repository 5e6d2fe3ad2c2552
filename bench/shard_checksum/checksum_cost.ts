// What checking a shard's recorded sha256 costs next to reading its docs: one doc shard of about
// 120 MB (40,000 docs of 3 KB), then per round the sha256 of the file, a read of every doc, and a
// read with the check (what handoffs, `sieve inspect <run_dir>` and training's corpus do).
//   npx tsx bench/shard_checksum/checksum_cost.ts [rounds]
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { readDocShard } from '../../pipeline/arrow/doc_shard_reader.js';
import { sha256 } from '../../pipeline/task/file_outputs.js';
import { writeShard } from '../../test/helpers/shards.js';

const rounds = Number(process.argv[2] ?? 3);
const file = path.join(mkdtempSync(path.join(tmpdir(), 'sieve-bench-')), 'docs.arrow');
const words = 'lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor '.repeat(40);
const docs = Array.from({ length: 40_000 }, (_, i) => ({
  id: `doc-${i}`,
  text: `${i} ${words}`,
  url: `https://example.org/${i}`,
  meta: { n: i },
}));
await writeShard(file, docs, { n: 'int32' });
const bytes = statSync(file).size;
const mb = bytes / 2 ** 20;

async function seconds(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return (performance.now() - start) / 1000;
}
const readAll = async (recorded?: { bytes: number; sha256: string }) => {
  for await (const _ of readDocShard(file, recorded));
};

const recorded = { bytes, sha256: await sha256(file) };
console.log(`| round | sha256 MB/s | read docs MB/s | read with check MB/s |\n| --- | --- | --- | --- |`);
for (let r = 1; r <= rounds; r++) {
  const hash = await seconds(() => sha256(file));
  const read = await seconds(() => readAll());
  const checked = await seconds(() => readAll(recorded));
  console.log(`| ${r} | ${(mb / hash).toFixed(0)} | ${(mb / read).toFixed(0)} | ${(mb / checked).toFixed(0)} |`);
}
console.log(`shard: ${mb.toFixed(0)} MB`);
