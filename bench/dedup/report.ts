// Prints the dedup bench's tables from what run.sh left in <out>: detection per planted similarity
// against the S-curve for Sieve and datasketch, precision/recall at FineWeb's threshold, signature
// speed per core, and the reduce steps' peak memory at two corpus sizes.
//
//   npx tsx bench/dedup/report.ts <out dir>
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { sCurve } from './corpus_text.js';
import type { PlantedPair } from './make_corpus.js';

const out = process.argv[2];
if (!out) throw new Error('usage: report.ts <out dir>');
const read = <T>(...parts: string[]) => JSON.parse(readFileSync(path.join(out, ...parts), 'utf8')) as T;
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const THRESHOLD = (1 / 14) ** (1 / 8);

/** Each method's clusters for each seed, as id → cluster number. */
type Clustering = Map<string, number>;
function clustering(clusters: string[][]): Clustering {
  const of = new Map<string, number>();
  clusters.forEach((members, k) => members.forEach((id) => of.set(id, k)));
  return of;
}
const seeds = readdirSync(path.join(out, 'quality'))
  .map((f) => /^datasketch-seed(\d+)\.json$/.exec(f)?.[1])
  .filter((s): s is string => s !== undefined)
  .sort();
const methods: Record<string, { seed: string; of: Clustering; clusters: string[][] }[]> = { Sieve: [], datasketch: [] };
for (const seed of seeds) {
  const lines = readFileSync(path.join(out, 'quality', `sieve-seed${seed}`, 'barriers', 'minhash_dedup', 'clusters.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean);
  const sieveClusters = lines.map((l) => (JSON.parse(l) as { members: { id: string }[] }).members.map((m) => m.id));
  methods.Sieve!.push({ seed, of: clustering(sieveClusters), clusters: sieveClusters });
  const ds = read<{ clusters: string[][] }>('quality', `datasketch-seed${seed}.json`).clusters;
  methods.datasketch!.push({ seed, of: clustering(ds), clusters: ds });
}
const truth = read<PlantedPair[]>('quality', 'truth.json');
const sameCluster = (of: Clustering, p: PlantedPair) => of.has(p.base) && of.get(p.base) === of.get(p.variant);

console.log(`\n## Detection of planted near-duplicates vs the 14×8 S-curve (${truth.length} pairs × ${seeds.length} seeds)\n`);
console.log('| target s | trials | mean true J | S-curve | Sieve | Δ | datasketch | Δ |');
console.log('|---|---|---|---|---|---|---|---|');
for (const level of [...new Set(truth.map((p) => p.level))].sort()) {
  const pairs = truth.filter((p) => p.level === level);
  const theory = pairs.reduce((a, p) => a + sCurve(p.jaccard), 0) / pairs.length;
  const meanJ = pairs.reduce((a, p) => a + p.jaccard, 0) / pairs.length;
  const rate = (name: string) => {
    const runs = methods[name]!;
    return runs.reduce((a, r) => a + pairs.filter((p) => sameCluster(r.of, p)).length, 0) / (pairs.length * runs.length);
  };
  const s = rate('Sieve');
  const d = rate('datasketch');
  const pts = (x: number) => `${x >= theory ? '+' : ''}${(100 * (x - theory)).toFixed(1)}`;
  console.log(
    `| ${level.toFixed(2)} | ${pairs.length * seeds.length} | ${meanJ.toFixed(3)} | ${pct(theory)} | ${pct(s)} | ${pts(s)} | ${pct(d)} | ${pts(d)} |`,
  );
}

console.log(`\n## Precision and recall at FineWeb's threshold (J ≥ (1/14)^(1/8) = ${THRESHOLD.toFixed(3)} is a duplicate)\n`);
console.log(
  'Expected values from the S-curve over the same planted pairs; false positives include any co-clustered pair that was not planted.\n',
);
console.log('| | precision | recall | planted pairs found | unplanted pairs clustered |');
console.log('|---|---|---|---|---|');
{
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const p of truth) {
    const prob = sCurve(p.jaccard);
    if (p.jaccard >= THRESHOLD) {
      tp += prob;
      fn += 1 - prob;
    } else fp += prob;
  }
  console.log(`| S-curve (expected) | ${pct(tp / (tp + fp))} | ${pct(tp / (tp + fn))} | ${((tp + fp) * seeds.length).toFixed(0)} | 0 |`);
}
const planted = new Set(truth.map((p) => `${p.base} ${p.variant}`));
for (const [name, runs] of Object.entries(methods)) {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let unplanted = 0;
  for (const run of runs) {
    for (const p of truth) {
      const found = sameCluster(run.of, p);
      if (p.jaccard >= THRESHOLD) found ? tp++ : fn++;
      else if (found) fp++;
    }
    for (const members of run.clusters)
      for (let i = 0; i < members.length; i++)
        for (let j = i + 1; j < members.length; j++) {
          const [a, b] = [members[i]!, members[j]!].sort();
          if (!planted.has(`${a} ${b}`)) unplanted++;
        }
  }
  fp += unplanted;
  console.log(`| ${name} | ${pct(tp / (tp + fp))} | ${pct(tp / (tp + fn))} | ${tp + fp - unplanted} | ${unplanted} |`);
}

const speed = read<{ sieve: { docs: number; sign_cpu_s: number }; datasketch: { docs: number; sign_cpu_s: number } }>('speed.json');
const sieveRate = speed.sieve.docs / speed.sieve.sign_cpu_s;
const dsRate = speed.datasketch.docs / speed.datasketch.sign_cpu_s;
console.log('\n## Signature throughput, one core (CPU time), same corpus\n');
console.log('| | docs | CPU s | docs/s per core |');
console.log('|---|---|---|---|');
console.log(
  `| Sieve (normalize + shingle + 112 hashes) | ${speed.sieve.docs} | ${speed.sieve.sign_cpu_s.toFixed(2)} | ${sieveRate.toFixed(0)} |`,
);
console.log(
  `| datasketch 2.0 update_batch (shingle + 112 hashes) | ${speed.datasketch.docs} | ${speed.datasketch.sign_cpu_s.toFixed(2)} | ${dsRate.toFixed(0)} |`,
);
console.log(`\nSieve / datasketch: ${(sieveRate / dsRate).toFixed(1)}×`);

const scales = readdirSync(out)
  .filter((d) => d.startsWith('scale-') && existsSync(path.join(out, d, 'rss.json')))
  .sort((a, b) => Number(a.slice(6)) - Number(b.slice(6)));
if (scales.length > 0) {
  console.log('\n## Reduce steps at two corpus sizes: peak RSS of a fresh `sieve task` process\n');
  const baseline = read<{ baseline_kib: number }>(scales[0]!, 'rss.json').baseline_kib;
  console.log(`The CLI process alone (modules loaded, \`sieve --help\`): ${(baseline / 1024).toFixed(0)} MiB.\n`);
  console.log('| docs | pairs | docs in clusters | union-find bytes | find_pairs (band 0) peak RSS | build_clusters peak RSS |');
  console.log('|---|---|---|---|---|---|');
  for (const dir of scales) {
    const rss = read<{ find_pairs_kib: number; build_clusters_kib: number }>(dir, 'rss.json');
    const result = read<{ stages: Record<string, { counts: Record<string, number> }> }>(dir, 'run', 'tasks', 'p2', '00000.json');
    const c = result.stages.minhash_dedup!.counts;
    const mib = (k: number) => `${(k / 1024).toFixed(0)} MiB`;
    console.log(
      `| ${dir.slice(6)} | ${c.pairs} | ${c.union_find_nodes} | ${c.union_find_bytes} | ${mib(rss.find_pairs_kib)} | ${mib(rss.build_clusters_kib)} |`,
    );
  }
}
