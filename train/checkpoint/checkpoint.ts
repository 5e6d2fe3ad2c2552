import { readdir, rename, rm } from 'node:fs/promises';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { SamplerState } from '../data/window_sampler.js';
import { VocabularyMap } from '../data/vocabulary_map.js';
import type { GptShape } from '../model/gpt_params.js';
import type { EngineState } from '../model/train_engine.js';
import type { TrainFile } from '../train_config.js';
import { readSafetensors, writeSafetensors, type StoredTensor } from './safetensors.js';

/** What a checkpoint records besides tensors: enough to resume exactly, and to sample without the config. */
export interface CheckpointMeta {
  format: 'sieve-gpt';
  version: 1;
  /** Updates completed. */
  step: number;
  shape: GptShape;
  /** The tokenizer as `resolveTokenizer` takes it (a pretrained name or an absolute path), and its identity. */
  tokenizer: { spec: string; name: string; ranksSha256: string; endOfText: number; nVocab: number };
  sampler: SamplerState;
  config: TrainFile;
}

export interface Checkpoint {
  meta: CheckpointMeta;
  state: EngineState;
  vocab: VocabularyMap;
}

const NAME = /^step-(\d+)\.safetensors$/;

/** Writes `step-NNNNNN.safetensors` under a temporary name and renames it, then keeps only the newest `keep`. */
export async function saveCheckpoint(dir: string, checkpoint: Checkpoint, keep: number): Promise<string> {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `step-${String(checkpoint.meta.step).padStart(6, '0')}.safetensors`);
  const tensors = new Map<string, StoredTensor>(checkpoint.state.tensors);
  tensors.set('vocab.token_ids', { shape: [checkpoint.vocab.size], data: checkpoint.vocab.toToken });
  const meta = { sieve: JSON.stringify({ ...checkpoint.meta, updates: checkpoint.state.updates }) };
  await writeSafetensors(`${file}.tmp`, tensors, meta);
  await rename(`${file}.tmp`, file);
  for (const old of (await checkpointFiles(dir)).slice(0, -keep)) await rm(old);
  return file;
}

export async function loadCheckpoint(file: string): Promise<Checkpoint> {
  const { tensors, metadata } = await readSafetensors(file);
  if (!metadata.sieve) throw new Error(`${file} is a safetensors file but not a Sieve checkpoint (no "sieve" metadata)`);
  const { updates, ...meta } = JSON.parse(metadata.sieve) as CheckpointMeta & { updates: number };
  const ids = tensors.get('vocab.token_ids');
  if (!ids || !(ids.data instanceof Int32Array)) throw new Error(`${file} has no vocab.token_ids tensor`);
  tensors.delete('vocab.token_ids');
  return {
    meta,
    state: { tensors: tensors as EngineState['tensors'], updates },
    vocab: VocabularyMap.fromTokens(ids.data, meta.tokenizer.nVocab),
  };
}

/** The newest complete checkpoint in `dir`, if any (temporary files of an interrupted write are ignored). */
export async function latestCheckpoint(dir: string): Promise<string | undefined> {
  return (await checkpointFiles(dir)).at(-1);
}

async function checkpointFiles(dir: string): Promise<string[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  return names
    .filter((n) => NAME.test(n))
    .sort()
    .map((n) => path.join(dir, n));
}
