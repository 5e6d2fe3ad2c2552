import path from 'node:path';
import { z } from 'zod';
import { parseYaml, readYamlFile, validateYaml, type YamlFile } from '../pipeline/config/yaml_file.js';

export const BACKENDS = ['auto', 'wasm', 'webgpu', 'cpu', 'tensorflow'] as const;
export type BackendChoice = (typeof BACKENDS)[number];

const positive = z.number().int().positive();

const dataSchema = z.strictObject({
  /** Globs of token shards (written by `write_tokens`), relative to the working directory. */
  shards: z.array(z.string().min(1)).min(1),
  /** The tokenizer every shard must have been written with: gpt2, cl100k_base, o200k_base or a trained one's name. */
  tokenizer: z.string().min(1),
  /** Held out for validation: the last `shards` whole shards, or the last `fraction` of every shard's tokens. */
  val: z.union([z.strictObject({ shards: positive }), z.strictObject({ fraction: z.number().gt(0).lt(1) })]).default({ fraction: 0.1 }),
  /** Training shards held in memory at once; windows are drawn from these, and the oldest is swapped out as they are used up. */
  buffer_tokens: positive.default(50_000_000),
});

const modelSchema = z
  .strictObject({
    context_length: positive,
    d_model: positive,
    n_layers: positive,
    n_heads: positive,
    dropout: z.number().min(0).lt(1).default(0),
    /** `full`: the tokenizer's ids; `compact`: only the ids the training split uses (see VocabularyMap). */
    vocab: z.enum(['full', 'compact']).default('full'),
    /** With `compact`: ids seen fewer times than this in training share the unknown id, so the model learns how often rare tokens come. */
    vocab_min_count: positive.default(1),
  })
  .refine((m) => m.d_model % m.n_heads === 0, { message: 'd_model must be a multiple of n_heads', path: ['n_heads'] })
  .refine((m) => m.vocab === 'compact' || m.vocab_min_count === 1, {
    message: 'vocab_min_count needs vocab: compact',
    path: ['vocab_min_count'],
  });

const optimSchema = z
  .strictObject({
    steps: positive,
    /** Windows per micro-batch. */
    batch_size: positive,
    /** Micro-batches whose gradients are summed before one update: the update sees batch_size × grad_accum windows. */
    grad_accum: positive.default(1),
    lr: z.number().positive(),
    min_lr: z.number().min(0).optional(),
    warmup_steps: z.number().int().min(0).default(0),
    weight_decay: z.number().min(0).default(0.1),
    beta1: z.number().min(0).lt(1).default(0.9),
    beta2: z.number().min(0).lt(1).default(0.95),
    eps: z.number().positive().default(1e-8),
    /** Global gradient norm above which gradients are scaled down; 0 turns clipping off. */
    grad_clip: z.number().min(0).default(1),
  })
  .refine((o) => o.warmup_steps < o.steps, { message: 'warmup_steps must be below steps', path: ['warmup_steps'] });

const trainFileSchema = z
  .strictObject({
    name: z.string().min(1),
    /** Checkpoints, metrics.jsonl and the resolved config go here. */
    out_dir: z.string().min(1),
    seed: z.number().int().min(0).default(1),
    backend: z.enum(BACKENDS).default('auto'),
    /** Data-parallel processes on this machine (wasm and cpu run one thread each); auto: one per core, on those backends. */
    processes: z.union([z.literal('auto'), positive]).default('auto'),
    data: dataSchema,
    model: modelSchema,
    optim: optimSchema,
    eval: z.strictObject({ every: positive.default(100), batches: positive.default(8) }).default({ every: 100, batches: 8 }),
    checkpoint: z.strictObject({ every: positive.default(500), keep: positive.default(2) }).default({ every: 500, keep: 2 }),
    /** Steps between progress lines. */
    log_every: positive.default(1),
  })
  .refine((c) => c.processes === 'auto' || c.optim.batch_size % c.processes === 0, {
    message: 'optim.batch_size must be a multiple of processes: each process takes an equal share of every batch',
    path: ['processes'],
  });

export type TrainFile = z.infer<typeof trainFileSchema>;
export type DataConfig = TrainFile['data'];
export type ModelShape = TrainFile['model'];
export type OptimConfig = TrainFile['optim'];

/** A validated training config, its paths resolved against `baseDir`. */
export interface TrainConfig extends TrainFile {
  configPath: string;
  baseDir: string;
  outDir: string;
}

export function loadTrainConfig(file: string, overrides: { outDir?: string; backend?: BackendChoice } = {}): TrainConfig {
  return trainConfigFrom(readYamlFile(file), file, overrides);
}

export function parseTrainConfig(text: string, file: string, overrides: { outDir?: string; backend?: BackendChoice } = {}): TrainConfig {
  return trainConfigFrom(parseYaml(text, file), file, overrides);
}

function trainConfigFrom(yaml: YamlFile, file: string, overrides: { outDir?: string; backend?: BackendChoice }): TrainConfig {
  const raw = validateYaml(trainFileSchema, yaml, file);
  const baseDir = process.cwd();
  return {
    ...raw,
    backend: overrides.backend ?? raw.backend,
    configPath: path.resolve(file),
    baseDir,
    outDir: path.resolve(baseDir, overrides.outDir ?? raw.out_dir),
  };
}
