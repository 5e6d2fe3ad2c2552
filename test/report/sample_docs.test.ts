import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readDocShard } from '../../pipeline/arrow/doc_shard_reader.js';
import { sampleDocs } from '../../pipeline/report/sample_docs.js';
import { sieve } from '../helpers/cli.js';
import { collect } from '../helpers/context.js';
import { readShardDir, writeShard } from '../helpers/shards.js';

const dir = mkdtempSync(path.join(tmpdir(), 'sieve-samples-'));
const runDir = path.join(dir, 'run');

/** A page of prose gopher_quality keeps: `words` distinct words, with stop words among them. */
const prose = (i: number, words: number) =>
  Array.from({ length: words }, (_, w) => (w % 5 === 0 ? 'the' : w % 7 === 0 ? 'and' : `word${i}x${w}`)).join(' ') + '.';

describe('sample documents of the report', () => {
  beforeAll(async () => {
    // 3 shards of 40 docs: every 4th too short for gopher_quality, every 5th a copy of the doc before it for exact_dedup.
    for (let s = 0; s < 3; s++) {
      const docs = Array.from({ length: 40 }, (_, r) => {
        const i = s * 40 + r;
        const text = r % 4 === 3 ? `short ${i}` : prose(r % 5 === 4 ? i - 1 : i, 80);
        return { id: `doc-${i}`, text, meta: {} };
      });
      await writeShard(path.join(dir, `in-${s}.arrow`), docs);
    }
    const config = path.join(dir, 'p.yaml');
    writeFileSync(
      config,
      `name: samples\nrun_dir: ${runDir}\ninput:\n  arrow: { paths: ["${dir}/in-*.arrow"], meta: {} }\n` +
        `stages:\n  - gopher_quality: {}\n  - exact_dedup: {}\n  - write: {}\nexecutor: { local: { tasks: 3, workers: 2 } }\nrejects: true\n`,
    );
    const run = await sieve(['run', config]);
    expect(run.code).toBe(0);
  });

  it("are drawn at random with the seed from the output and from each stage's rejects, in pipeline order", async () => {
    const one = await sampleDocs(runDir, 1);
    expect(one.seed).toBe(1);
    // Pipeline order, not the alphabetical order of the stage names.
    expect(one.groups.map((g) => g.title)).toEqual(['output', 'rejects of gopher_quality', 'rejects of exact_dedup']);
    expect(one.groups.map((g) => g.docs.length)).toEqual([5, 3, 3]);
    expect(await sampleDocs(runDir, 1)).toEqual(one);

    // Each doc is what its shard holds at that row, and the draw is not the first rows of the first shard.
    const output = await readShardDir(path.join(runDir, 'docs'));
    const ids = new Set(output.map((d) => d.id));
    const draws = await Promise.all([1, 2, 3, 4, 5].map((seed) => sampleDocs(runDir, seed)));
    const drawn = draws.flatMap((d) => d.groups[0]!.docs);
    expect(drawn.every((d) => ids.has(d.id))).toBe(true);
    for (const d of drawn) expect((await collect(readDocShard(d.shard)))[d.row]!.id).toBe(d.id);
    expect(new Set(drawn.map((d) => d.id)).size).toBeGreaterThan(10);
    expect(new Set(drawn.map((d) => d.shard)).size).toBe(3);
    expect(draws.map((d) => d.groups[0]!.docs.map((doc) => doc.id).join()).filter((s, i, all) => all.indexOf(s) === i)).toHaveLength(5);
    for (const g of one.groups.slice(1)) expect(g.docs.every((d) => d.reason !== undefined)).toBe(true);
  });
});
