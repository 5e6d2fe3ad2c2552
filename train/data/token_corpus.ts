import path from 'node:path';
import { ShardError } from '../../pipeline/arrow/shard_error.js';
import { readTokenShard, tokenizerIdentityOf, tokenShardInfo } from '../../pipeline/arrow/token_shard_reader.js';
import type { TokenizerIdentity } from '../../pipeline/arrow/token_shard_writer.js';
import { expandPaths } from '../../pipeline/inputs/expand_paths.js';
import { recordedOutputs } from '../../pipeline/run/recorded_outputs.js';
import type { Tokenizer } from '../../stages/tokenize/tokenizer.js';
import { identity } from '../../stages/tokenize/write_tokens.js';
import type { DataConfig } from '../train_config.js';
import { TrainDataError } from './train_data_error.js';

/** A half-open range of a shard's token stream (its documents' ids, concatenated). */
export interface TokenRange {
  file: string;
  start: number;
  end: number;
}

/** The token shards a run trains on, split into training and validation ranges. */
export interface TokenCorpus {
  tokenizer: TokenizerIdentity;
  train: TokenRange[];
  val: TokenRange[];
  trainTokens: number;
  valTokens: number;
}

/**
 * Finds the shards, refuses any written by another tokenizer than `tokenizer` (a model trained
 * on mixed vocabularies learns nothing useful, silently), and splits them as `data.val` says.
 * Shards in a run dir are checked against the sha256 their task recorded: a flipped bit would
 * otherwise train as a wrong token id.
 */
export async function openTokenCorpus(data: DataConfig, tokenizer: Tokenizer, baseDir: string): Promise<TokenCorpus> {
  let files: string[];
  try {
    files = await expandPaths(data.shards, baseDir);
  } catch (e) {
    throw new TrainDataError(`data.shards: ${(e as Error).message}`);
  }
  const expected = identity(tokenizer);
  const recorded = recordedOutputs(files);
  const shards: { file: string; tokens: number }[] = [];
  for (const file of files) {
    const info = await tokenShardInfo(file, recorded.get(file)).catch((e: Error) => {
      throw new TrainDataError(e instanceof ShardError ? e.message : `${file} is not a readable token shard: ${e.message}`);
    });
    const written = tokenizerIdentityOf(info.schema);
    if (!written) throw new TrainDataError(`${file} is not a token shard (no sieve.tokenizer in its metadata)`);
    if (written.name !== expected.name || written.ranksSha256 !== expected.ranksSha256)
      throw new TrainDataError(
        `${path.relative(baseDir, file)} was written by tokenizer "${written.name}" (ranks sha256 ${written.ranksSha256.slice(0, 12)}…), ` +
          `but the config trains with "${expected.name}" (${expected.ranksSha256.slice(0, 12)}…): re-tokenize the shards or change data.tokenizer`,
      );
    if (info.tokens > 0) shards.push({ file, tokens: info.tokens });
  }
  const { train, val } = split(shards, data.val);
  const count = (ranges: TokenRange[]) => ranges.reduce((n, r) => n + r.end - r.start, 0);
  return { tokenizer: expected, train, val, trainTokens: count(train), valTokens: count(val) };
}

function split(shards: { file: string; tokens: number }[], val: DataConfig['val']): { train: TokenRange[]; val: TokenRange[] } {
  if ('shards' in val) {
    if (val.shards >= shards.length)
      throw new TrainDataError(
        `data.val.shards is ${val.shards}, but there are only ${shards.length} non-empty shards: nothing would be left to train on`,
      );
    const cut = shards.length - val.shards;
    const whole = (s: { file: string; tokens: number }) => ({ file: s.file, start: 0, end: s.tokens });
    return { train: shards.slice(0, cut).map(whole), val: shards.slice(cut).map(whole) };
  }
  const train: TokenRange[] = [];
  const held: TokenRange[] = [];
  for (const s of shards) {
    const cut = Math.round(s.tokens * (1 - val.fraction));
    if (cut > 0) train.push({ file: s.file, start: 0, end: cut });
    if (cut < s.tokens) held.push({ file: s.file, start: cut, end: s.tokens });
  }
  return { train, val: held };
}

/** The tokens of `range`, read by streaming the shard's record batches. */
export async function readTokenRange(range: TokenRange, wide: boolean): Promise<Uint16Array | Uint32Array> {
  const out = wide ? new Uint32Array(range.end - range.start) : new Uint16Array(range.end - range.start);
  let offset = 0;
  for await (const { tokens } of readTokenShard(range.file)) {
    const from = Math.max(range.start - offset, 0);
    const to = Math.min(range.end - offset, tokens.length);
    if (to > from) out.set(tokens.subarray(from, to), offset + from - range.start);
    offset += tokens.length;
    if (offset >= range.end) break;
  }
  return out;
}
