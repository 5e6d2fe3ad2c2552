import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPretrained } from '../../../stages/tokenize/pretrained.js';
import { identity } from '../../../stages/tokenize/write_tokens.js';
import { openTokenCorpus, readTokenRange } from '../../../train/data/token_corpus.js';
import { TrainDataError } from '../../../train/data/train_data_error.js';
import { writeTokenShards } from '../../helpers/token_shards.js';

const data = (dir: string, val: { shards: number } | { fraction: number }) => ({
  shards: [path.join(dir, '*.arrow')],
  tokenizer: 'gpt2',
  val,
  buffer_tokens: 1e6,
});

describe('token corpus', () => {
  it('refuses shards written by another tokenizer than the config names, saying which', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sieve-corpus-'));
    await writeTokenShards(dir, identity(await loadPretrained('cl100k_base')), {
      shards: 1,
      docs: 2,
      docLength: 50,
      alphabet: 10,
      seed: 1,
    });
    const gpt2 = await loadPretrained('gpt2');
    const refused = openTokenCorpus(data(dir, { fraction: 0.1 }), gpt2, dir);
    await expect(refused).rejects.toThrow(TrainDataError);
    await expect(refused).rejects.toThrow(/00000\.arrow was written by tokenizer "cl100k_base".*config trains with "gpt2"/);
  });

  it('holds out whole shards, or the tail of every shard, for validation', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sieve-corpus-'));
    const gpt2 = await loadPretrained('gpt2');
    await writeTokenShards(dir, identity(gpt2), { shards: 3, docs: 4, docLength: 49, alphabet: 10, seed: 1 });
    const perShard = 4 * 50;

    const byShard = await openTokenCorpus(data(dir, { shards: 1 }), gpt2, dir);
    expect(byShard.train.map((r) => path.basename(r.file))).toEqual(['00000.arrow', '00001.arrow']);
    expect(byShard.val).toEqual([{ file: path.join(dir, '00002.arrow'), start: 0, end: perShard }]);

    const byFraction = await openTokenCorpus(data(dir, { fraction: 0.25 }), gpt2, dir);
    expect(byFraction.trainTokens).toBe(3 * 150);
    expect(byFraction.valTokens).toBe(3 * 50);
    expect(byFraction.val[0]).toEqual({ file: path.join(dir, '00000.arrow'), start: 150, end: 200 });
    // A range is the exact slice of the shard's token stream, end-of-text ids included.
    const whole = await readTokenRange({ file: path.join(dir, '00000.arrow'), start: 0, end: perShard }, false);
    const tail = await readTokenRange(byFraction.val[0]!, false);
    expect([...tail]).toEqual([...whole.subarray(150)]);
    expect(whole[49]).toBe(gpt2.endOfText);

    await expect(openTokenCorpus(data(dir, { shards: 3 }), gpt2, dir)).rejects.toThrow(/nothing would be left to train on/);
  });
});
