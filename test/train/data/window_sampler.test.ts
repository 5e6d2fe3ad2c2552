import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Batch } from '../../../train/data/batch.js';
import { readTokenRange, type TokenRange } from '../../../train/data/token_corpus.js';
import { VocabularyMap } from '../../../train/data/vocabulary_map.js';
import { fixedWindows, WindowSampler } from '../../../train/data/window_sampler.js';
import { gpt2Identity, writeTokenShards } from '../../helpers/token_shards.js';

async function ranges(shards: number): Promise<TokenRange[]> {
  const dir = mkdtempSync(path.join(tmpdir(), 'sieve-windows-'));
  const files = await writeTokenShards(dir, await gpt2Identity(), { shards, docs: 5, docLength: 99, alphabet: 50, seed: 2 });
  return files.map((file) => ({ file, start: 0, end: 500 }));
}

const full = VocabularyMap.full(50257);
const opts = (bufferTokens: number, seed = 1) => ({ contextLength: 16, bufferTokens, seed, wide: false, toModel: full.toModel });
const rows = (b: Batch) => Array.from({ length: b.batchSize }, (_, i) => [...b.inputs.subarray(i * 16, (i + 1) * 16)]);

describe('window sampler', () => {
  it('draws windows of real consecutive tokens, targets shifted by one', async () => {
    const rs = await ranges(2);
    const streams = await Promise.all(rs.map((r) => readTokenRange(r, false)));
    const sampler = await WindowSampler.open(rs, opts(1e6));
    const batch = await sampler.next(8);
    for (let b = 0; b < 8; b++) {
      const inputs = batch.inputs.subarray(b * 16, (b + 1) * 16);
      const targets = batch.targets.subarray(b * 16, (b + 1) * 16);
      expect([...targets.subarray(0, 15)]).toEqual([...inputs.subarray(1)]);
      const found = streams.some((s) => s.join(',').includes([...inputs, targets[15]].join(',')));
      expect(found).toBe(true);
    }
  });

  it('repeats the same windows for the same seed, and continues identically from a saved state', async () => {
    const rs = await ranges(4);
    const a = await WindowSampler.open(rs, opts(1200));
    const b = await WindowSampler.open(rs, opts(1200));
    for (let i = 0; i < 5; i++) expect(rows(await a.next(4))).toEqual(rows(await b.next(4)));
    const resumed = await WindowSampler.open(rs, opts(1200), a.state);
    for (let i = 0; i < 30; i++) expect(rows(await resumed.next(4))).toEqual(rows(await a.next(4)));
    const other = await WindowSampler.open(rs, opts(1200, 2));
    expect(rows(await other.next(4))).not.toEqual(rows(await (await WindowSampler.open(rs, opts(1200))).next(4)));
  });

  it('keeps at most the buffer in memory and still visits every shard', async () => {
    const rs = await ranges(4);
    const sampler = await WindowSampler.open(rs, opts(500));
    const seen = new Set<number>();
    for (let i = 0; i < 40; i++) {
      await sampler.next(4);
      expect(sampler.state.loaded.length).toBe(1);
      seen.add(sampler.state.loaded[0]!);
    }
    expect(seen.size).toBe(4);
  });

  it('gives the validation set the same windows every time it is read', async () => {
    const rs = await ranges(2);
    const a = await fixedWindows(rs, { contextLength: 16, count: 6, seed: 5, wide: false });
    const b = await fixedWindows(rs, { contextLength: 16, count: 6, seed: 5, wide: false });
    expect(a.map((w) => Array.from(w))).toEqual(b.map((w) => Array.from(w)));
    expect(a.every((w) => w.length === 17)).toBe(true);
  });
});
