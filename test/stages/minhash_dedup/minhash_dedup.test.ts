import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Doc } from '../../../pipeline/doc.js';
import type { TaskResult } from '../../../pipeline/task/task_result.js';
import { sieve } from '../../helpers/cli.js';
import { readShardDir, writeShard } from '../../helpers/shards.js';

/** Deterministic pseudo-words: a seeded LCG over a 3,000-word vocabulary of letters. */
function words(seed: number, count: number): string[] {
  let state = seed;
  return Array.from({ length: count }, () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    const n = state % 3000;
    return `${String.fromCharCode(97 + (n % 26))}${String.fromCharCode(97 + (((n / 26) | 0) % 26))}${String.fromCharCode(97 + ((n / 676) | 0))}q`;
  });
}

/**
 * 12 planted clusters: a 200-word base text and 2 variants with one or two words replaced (5-gram
 * Jaccard ≥ 0.9, caught with probability > 0.999), plus 60 unrelated texts and a doc too short to
 * sign. Members are spread over five files so that clusters span tasks.
 */
function corpus(): { docs: Doc[][]; clusters: string[][] } {
  const files: Doc[][] = Array.from({ length: 5 }, () => []);
  const clusters: string[][] = [];
  let next = 0;
  const add = (text: string) => {
    const id = `doc-${String((next * 7919) % 1000).padStart(3, '0')}`;
    files[next % 5]!.push({ id, text, url: `https://example.org/${id}`, meta: {} });
    next++;
    return id;
  };
  for (let c = 0; c < 12; c++) {
    const base = words(1000 + c, 200);
    const members = [add(base.join(' '))];
    for (let v = 1; v <= 2; v++) {
      const variant = [...base];
      for (let e = 0; e < v; e++) variant[40 + 70 * e + 13 * v] = 'replacedq';
      members.push(add(variant.join(' ')));
    }
    clusters.push(members);
  }
  for (let u = 0; u < 60; u++) add(words(5000 + u, 150).join(' '));
  add('too short');
  return { docs: files, clusters };
}

async function run(dir: string, tasks: number, options: string): Promise<string> {
  const config = path.join(dir, `minhash-${tasks}.yaml`);
  const runDir = path.join(dir, `run-${tasks}`);
  writeFileSync(
    config,
    `name: minhash\nrun_dir: ${runDir}\ninput:\n  arrow: { paths: ["${dir}/in-*.arrow"] }\nstages:\n  - minhash_dedup: {${options}}\n  - write: {}\nexecutor: { local: { tasks: ${tasks}, workers: 2 } }\nrejects: true\n`,
  );
  const result = await sieve(['run', config]);
  expect(result.stderr).not.toMatch(/sieve:/);
  expect(result.code).toBe(0);
  return runDir;
}

describe('minhash_dedup', () => {
  it('keeps the smallest id of each near-duplicate cluster, the same set for 1 task and for 5 tasks that spill', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sieve-minhash-'));
    const { docs, clusters } = corpus();
    for (const [f, fileDocs] of docs.entries()) await writeShard(path.join(dir, `in-${f}.arrow`), fileDocs);
    const one = await run(dir, 1, '');
    // sort_buffer 4 makes every collect task spill sorted runs and merge them.
    const many = await run(dir, 5, ' sort_buffer: 4, clusters_file: true ');

    // Spilled runs were merged into the signature files, then removed.
    expect(existsSync(path.join(many, 'barriers', 'minhash_dedup', 'spill', '00000'))).toBe(false);
    const kept1 = (await readShardDir(path.join(one, 'docs'))).map((d) => d.id).sort();
    const kept5 = (await readShardDir(path.join(many, 'docs'))).map((d) => d.id).sort();
    expect(kept5).toEqual(kept1);
    const removed = clusters.flatMap((members) => [...members].sort().slice(1));
    const all = docs.flat().map((d) => d.id);
    expect(kept1).toEqual(all.filter((id) => !removed.includes(id)).sort());

    const rejects = await readShardDir(path.join(many, 'rejects', 'minhash_dedup'));
    expect(rejects.map((d) => d.id).sort()).toEqual([...removed].sort());
    expect(new Set(rejects.map((d) => d.reason))).toEqual(new Set(['minhash_duplicate']));

    const clusterLines = readFileSync(path.join(many, 'barriers', 'minhash_dedup', 'clusters.jsonl'), 'utf8')
      .trim()
      .split('\n');
    const written = clusterLines.map((l) => JSON.parse(l) as { kept: string; size: number; members: { id: string; url: string }[] });
    expect(written.map((c) => c.members.map((m) => m.id)).sort()).toEqual(clusters.map((m) => [...m].sort()).sort());
    expect(written.every((c) => c.kept === c.members[0]!.id && c.members[0]!.url === `https://example.org/${c.kept}`)).toBe(true);

    // The cluster statistics are in the build_clusters task's counters, which the ledger indexes for `sieve stats`.
    const result = JSON.parse(readFileSync(path.join(many, 'tasks', 'p2', '00000.json'), 'utf8')) as TaskResult;
    expect(result.stages.minhash_dedup!.counts).toMatchObject({
      clusters: 12,
      'cluster_size:3-4': 12,
      clustered_docs: 36,
      to_remove: 24,
      largest_cluster: 3,
    });
    const collect = JSON.parse(readFileSync(path.join(one, 'tasks', 'p0', '00000.json'), 'utf8')) as TaskResult;
    expect(collect.stages.minhash_dedup!.counts).toMatchObject({ signatures: all.length - 1, too_short_to_sign: 1 });
  });
});
