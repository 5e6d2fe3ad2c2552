import { closeSync, createReadStream, existsSync, mkdirSync, openSync, readSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { ReduceContext } from '../../pipeline/stage.js';
import { addTo } from '../../pipeline/stats.js';
import { ChunkWriter } from './chunk_writer.js';
import { PAIR_BYTES } from './find_pairs.js';
import { checkLineCount } from './line_files.js';
import { indexOf, KeySet, keyTask, lowerBound, nodeKey } from './node_keys.js';
import { minhashFiles } from './paths.js';
import { UnionFind } from './union_find.js';

/**
 * Reduce step 2, one task: connected components of the duplicate pairs of every band. Each
 * cluster keeps its member with the smallest doc id, an order that does not depend on how the
 * corpus was split into tasks, and every other member goes to the drop file of the collect task
 * that saw it, by id. Memory is sized by the docs that occur in pairs (keys, union-find, their
 * ids), never by the corpus; the sizes go to the counters.
 */
export async function buildClusters(ctx: ReduceContext, opts: { bands: number; clusters_file: boolean }): Promise<void> {
  const pairFiles = Array.from({ length: opts.bands }, (_, band) => path.join(ctx.runDir, minhashFiles.pairs(ctx.workDir, band)));
  for (const file of pairFiles) if (!existsSync(file)) throw new Error(`minhash_dedup: ${file} is missing; did the pair step complete?`);

  const keySet = new KeySet();
  let pairs = 0;
  for (const file of pairFiles)
    forEachPair(file, (a, b) => {
      keySet.add(a);
      keySet.add(b);
      pairs++;
    });
  const nodes = keySet.finish();
  const sets = new UnionFind(nodes.length);
  for (const file of pairFiles) forEachPair(file, (a, b) => sets.union(indexOf(nodes, a), indexOf(nodes, b)));

  const { ids, urls } = await resolveIds(ctx, nodes, opts.clusters_file);
  // Per cluster root: the member with the smallest id, and the member count.
  const kept = new Int32Array(nodes.length).fill(-1);
  const size = new Int32Array(nodes.length);
  for (let i = 0; i < nodes.length; i++) {
    const root = sets.find(i);
    size[root]!++;
    if (kept[root] === -1 || ids[i]! < ids[kept[root]!]!) kept[root] = i;
  }

  const drops: string[][] = Array.from({ length: ctx.upstreamTasks }, () => []);
  for (let i = 0; i < nodes.length; i++) if (kept[sets.find(i)] !== i) drops[keyTask(nodes[i]!)]!.push(ids[i]!);
  let removed = 0;
  for (const [rank, list] of drops.entries()) {
    list.sort();
    writeLines(
      ctx,
      minhashFiles.drops(ctx.workDir, rank),
      list.map((id) => JSON.stringify(id)),
    );
    removed += list.length;
  }

  const c = ctx.counters.counts;
  let largest = 0;
  for (let i = 0; i < nodes.length; i++) {
    if (sets.parent[i] !== i) continue;
    addTo(c, 'clusters');
    addTo(c, `cluster_size:${sizeBucket(size[i]!)}`);
    largest = Math.max(largest, size[i]!);
  }
  addTo(c, 'clustered_docs', nodes.length);
  addTo(c, 'to_remove', removed);
  addTo(c, 'largest_cluster', largest);
  addTo(c, 'pairs', pairs);
  addTo(c, 'union_find_nodes', nodes.length);
  addTo(c, 'union_find_bytes', nodes.byteLength + sets.bytes + kept.byteLength + size.byteLength);
  ctx.log.info(
    `minhash_dedup: ${pairs} pairs, ${nodes.length} docs in ${c.clusters ?? 0} clusters, ${removed} to remove; rss ${Math.round(process.memoryUsage().rss / 2 ** 20)} MiB`,
  );

  if (opts.clusters_file) writeClusters(ctx, sets, kept, size, ids, urls!);
}

/** Calls `fn` with the two node keys of every pair in a pair file, reading a chunk at a time. */
function forEachPair(file: string, fn: (a: number, b: number) => void): void {
  const buf = Buffer.alloc(PAIR_BYTES * 8192);
  const fd = openSync(file, 'r');
  try {
    let carry = 0;
    for (;;) {
      const got = readSync(fd, buf, carry, buf.length - carry, null);
      const end = carry + got;
      let at = 0;
      for (; at + PAIR_BYTES <= end; at += PAIR_BYTES)
        fn(nodeKey(buf.readUInt32LE(at), buf.readUInt32LE(at + 4)), nodeKey(buf.readUInt32LE(at + 8), buf.readUInt32LE(at + 12)));
      carry = end - at;
      buf.copy(buf, 0, at, end);
      if (got === 0) break;
    }
  } finally {
    closeSync(fd);
  }
}

/** Streams each collect task's doc table and keeps the id (and URL) of the docs that are nodes. */
async function resolveIds(
  ctx: ReduceContext,
  nodes: Float64Array,
  withUrls: boolean,
): Promise<{ ids: string[]; urls?: (string | null)[] }> {
  const ids = new Array<string>(nodes.length);
  const urls = withUrls ? new Array<string | null>(nodes.length) : undefined;
  for (let rank = 0; rank < ctx.upstreamTasks; rank++) {
    let next = lowerBound(nodes, nodeKey(rank, 0));
    if (next === nodes.length || keyTask(nodes[next]!) !== rank) continue;
    let doc = 0;
    const table = path.join(ctx.runDir, minhashFiles.docTable(ctx.workDir, rank));
    for await (const line of createInterface({ input: createReadStream(table), crlfDelay: Infinity })) {
      if (nodes[next] === nodeKey(rank, doc)) {
        const [id, url] = JSON.parse(line) as [string, string | null];
        ids[next] = id;
        if (urls) urls[next] = url;
        next++;
        if (next === nodes.length || keyTask(nodes[next]!) !== rank) break;
      }
      doc++;
    }
    if (next < nodes.length && keyTask(nodes[next]!) === rank)
      throw new Error(`minhash_dedup: ${table} is shorter than its signature files say`);
  }
  return { ids, urls };
}

/** One JSON line per cluster, largest first: its kept id and its members with their URLs. */
function writeClusters(
  ctx: ReduceContext,
  sets: UnionFind,
  kept: Int32Array,
  size: Int32Array,
  ids: string[],
  urls: (string | null)[],
): void {
  const members = new Map<number, number[]>();
  for (let i = 0; i < ids.length; i++) {
    const root = sets.find(i);
    let list = members.get(root);
    if (!list) members.set(root, (list = []));
    list.push(i);
  }
  const roots = [...members.keys()].sort((a, b) => size[b]! - size[a]! || (ids[kept[a]!]! < ids[kept[b]!]! ? -1 : 1));
  const lines = roots.map((root) => {
    const list = members.get(root)!.sort((a, b) => (ids[a]! < ids[b]! ? -1 : ids[a]! > ids[b]! ? 1 : 0));
    return JSON.stringify({ kept: ids[kept[root]!], size: list.length, members: list.map((i) => ({ id: ids[i], url: urls[i] })) });
  });
  writeLines(ctx, minhashFiles.clusters(ctx.workDir), lines);
}

function writeLines(ctx: ReduceContext, rel: string, lines: string[]): void {
  const file = ctx.outputs.open(rel, 'barrier', checkLineCount);
  mkdirSync(path.dirname(file), { recursive: true });
  const out = new ChunkWriter(file);
  for (const line of lines) out.writeText(`${line}\n`);
  out.close();
  ctx.outputs.close(rel, { rows: lines.length });
}

/** Power-of-two buckets: 2, 3-4, 5-8, 9-16, ... */
function sizeBucket(n: number): string {
  if (n <= 2) return '2';
  const hi = 2 ** Math.ceil(Math.log2(n));
  return `${hi / 2 + 1}-${hi}`;
}
