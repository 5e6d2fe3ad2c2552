import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { wideTokenIds } from '../pipeline/arrow/token_shard_writer.js';
import { resolveTokenizer } from '../stages/tokenize/tokenizer_file.js';
import { useBackend, type ActiveBackend, type BackendName } from './backend/select_backend.js';
import { latestCheckpoint, loadCheckpoint, saveCheckpoint, type Checkpoint, type CheckpointMeta } from './checkpoint/checkpoint.js';
import { batchOf } from './data/batch.js';
import { openTokenCorpus } from './data/token_corpus.js';
import { TrainDataError } from './data/train_data_error.js';
import { modelCounts, unigramCounts, unigramEntropy, unigramLoss } from './data/unigram_counts.js';
import { VocabularyMap } from './data/vocabulary_map.js';
import { fixedWindows, WindowSampler } from './data/window_sampler.js';
import { learningRate } from './lr_schedule.js';
import { MetricsLog } from './metrics_log.js';
import type { GptShape } from './model/gpt_params.js';
import { DataParallelEngine } from './model/data_parallel_engine.js';
import { TfjsGptEngine } from './model/tfjs_gpt_engine.js';
import type { TrainEngine } from './model/train_engine.js';
import { formatElapsed } from '../pipeline/run/progress.js';
import { StepProgress } from './step_progress.js';
import type { TrainConfig, TrainFile } from './train_config.js';

export interface TrainSummary {
  backend: ActiveBackend;
  parameters: number;
  steps: number;
  trainTokens: number;
  valTokens: number;
  /** Entropy (nats) of the training split's unigram distribution, in the model's vocabulary. */
  unigramEntropy: number;
  /** The training split's unigram model scored on the validation windows: the fair bar for valLoss. */
  unigramValLoss: number;
  finalLoss: number;
  valLoss: number;
  tokensPerSecond: number;
  checkpoint: string;
}

export interface TrainOptions {
  resume: boolean;
  /** Stop (with a checkpoint) after this step, keeping the full run's schedule: for jobs with a time limit, continued by `resume`. */
  stopAt?: number;
  log: (line: string) => void;
}

/** Pretrains the configured GPT on token shards; with `resume`, continues from the newest checkpoint exactly. */
export async function train(config: TrainConfig, opts: TrainOptions): Promise<TrainSummary> {
  const { log } = opts;
  const checkpointDir = path.join(config.outDir, 'checkpoints');
  const resumeFrom = await latestCheckpoint(checkpointDir);
  if (resumeFrom && !opts.resume)
    throw new TrainDataError(
      `${path.relative(config.baseDir, checkpointDir)} already holds ${path.basename(resumeFrom)}: pass --resume to continue it, or choose another out_dir`,
    );
  const checkpoint = opts.resume && resumeFrom ? await loadCheckpoint(resumeFrom) : undefined;

  const backend = await useBackend(config.backend);
  log(`backend: ${backend.name} — ${backend.detail}`);
  const tokenizer = await resolveTokenizer(config.data.tokenizer, config.baseDir);
  const corpus = await openTokenCorpus(config.data, tokenizer, config.baseDir);
  const counts = await unigramCounts(corpus.train, corpus.tokenizer);
  const { model } = config;
  const vocab =
    checkpoint?.vocab ??
    (model.vocab === 'compact'
      ? VocabularyMap.compact(counts, tokenizer.endOfText, model.vocab_min_count)
      : VocabularyMap.full(tokenizer.nVocab));
  const shape: GptShape = { ...model, vocab_size: vocab.size };
  if (checkpoint) checkCompatible(checkpoint.meta, shape, corpus.tokenizer.ranksSha256, resumeFrom!);
  const unigram = modelCounts(counts, vocab.toModel, vocab.size);
  const entropy = unigramEntropy(unigram);
  // The shards' own entropy, over the tokenizer's ids; above `entropy` when rare ids share the unknown id.
  const tokenizerEntropy = unigramEntropy(counts);

  const processes = processCount(config, backend.name);
  const engine: TrainEngine =
    processes > 1
      ? await DataParallelEngine.start(shape, config.optim, config.seed, backend.name, processes)
      : new TfjsGptEngine(shape, config.optim, config.seed);
  try {
    if (checkpoint) engine.load(checkpoint.state);
    const { optim } = config;
    const wide = wideTokenIds(tokenizer.nVocab);
    const sampler = await WindowSampler.open(
      corpus.train,
      { contextLength: shape.context_length, bufferTokens: config.data.buffer_tokens, seed: config.seed, wide, toModel: vocab.toModel },
      checkpoint?.meta.sampler,
    );
    const valWindows = await fixedWindows(corpus.val, {
      contextLength: shape.context_length,
      count: config.eval.batches * optim.batch_size,
      seed: config.seed + 1,
      wide,
    });
    const valBatches = Array.from({ length: config.eval.batches }, (_, b) =>
      batchOf(valWindows.slice(b * optim.batch_size, (b + 1) * optim.batch_size), shape.context_length, vocab.toModel),
    );
    const evaluate = async () => {
      let sum = 0;
      for (const batch of valBatches) sum += await engine.evaluate(batch);
      return sum / valBatches.length;
    };
    const baseline = unigramLoss(unigram, valBatches);
    log(
      `data: ${corpus.trainTokens.toLocaleString('en')} training and ${corpus.valTokens.toLocaleString('en')} validation tokens (${tokenizer.name}); ` +
        `model vocabulary ${vocab.size.toLocaleString('en')}; unigram entropy ${tokenizerEntropy.toFixed(3)} nats over ${tokenizer.name} ids, ` +
        `${entropy.toFixed(3)} over the model's; unigram model on the validation windows ${baseline.toFixed(3)}`,
    );

    await mkdir(config.outDir, { recursive: true });
    await writeFile(path.join(config.outDir, 'config.json'), `${JSON.stringify(fileConfig(config), null, 2)}\n`);
    const start = checkpoint?.meta.step ?? 0;
    const metrics = await MetricsLog.open(path.join(config.outDir, 'metrics.jsonl'), start);
    if (start === 0)
      await metrics.write({
        event: 'start',
        parameters: engine.parameters,
        unigram_entropy: entropy,
        tokenizer_unigram_entropy: tokenizerEntropy,
        unigram_val_loss: baseline,
        backend: backend.name,
        vocab_size: vocab.size,
      });
    log(
      `model: ${engine.parameters.toLocaleString('en')} parameters, ${processes} process${processes > 1 ? 'es, data parallel' : ''}; ${start > 0 ? `resuming at step ${start} from ${path.basename(resumeFrom!)}` : 'starting at step 0'}`,
    );

    const tokensPerStep = optim.batch_size * optim.grad_accum * shape.context_length;
    const progress = new StepProgress(optim.steps, start, tokensPerStep);
    let loss = NaN;
    let valLoss = NaN;
    let saved = resumeFrom ?? '';
    const last = Math.min(optim.steps, opts.stopAt ?? optim.steps);
    for (let step = start; step < last; step++) {
      const lr = learningRate(optim, step);
      const micro = [];
      for (let k = 0; k < optim.grad_accum; k++) micro.push(await sampler.next(optim.batch_size));
      const result = await engine.step(micro, lr);
      loss = result.loss;
      if (!Number.isFinite(loss))
        throw new Error(`the loss became ${loss} at step ${step + 1} (lr ${lr}): lower optim.lr or raise optim.warmup_steps`);
      const done = step + 1;
      const pace = progress.record(done);
      await metrics.write({
        step: done,
        loss,
        lr,
        grad_norm: result.gradNorm,
        tokens: done * tokensPerStep,
        tokens_per_s: pace.tokensPerSecond,
        elapsed_s: pace.elapsedSeconds,
      });
      if (done % config.log_every === 0 || done === last)
        log(
          `step ${done}/${optim.steps}  loss ${loss.toFixed(4)}  lr ${lr.toExponential(2)}  norm ${result.gradNorm.toFixed(3)}  ` +
            `${Math.round(pace.tokensPerSecond).toLocaleString('en')} tok/s  ETA ${formatElapsed(pace.etaSeconds)}`,
        );
      if (done % config.eval.every === 0 || done === last) {
        valLoss = await evaluate();
        await metrics.write({ step: done, val_loss: valLoss });
        log(`step ${done}  val loss ${valLoss.toFixed(4)}  (unigram entropy ${entropy.toFixed(4)}, unigram model ${baseline.toFixed(4)})`);
      }
      if (done % config.checkpoint.every === 0 || done === last) {
        const meta: CheckpointMeta = {
          format: 'sieve-gpt',
          version: 1,
          step: done,
          shape,
          tokenizer: { spec: tokenizerSpec(config), ...corpus.tokenizer },
          sampler: sampler.state,
          config: fileConfig(config),
        };
        saved = await saveCheckpoint(checkpointDir, { meta, state: await engine.save(), vocab }, config.checkpoint.keep);
        log(`checkpoint: ${path.relative(config.baseDir, saved)}`);
      }
    }
    if (start >= last) log(`nothing to do: ${path.basename(resumeFrom!)} is at step ${start} of ${optim.steps}`);
    return {
      backend,
      parameters: engine.parameters,
      steps: Math.max(last, start),
      trainTokens: corpus.trainTokens,
      valTokens: corpus.valTokens,
      unigramEntropy: entropy,
      unigramValLoss: baseline,
      finalLoss: loss,
      valLoss,
      tokensPerSecond: progress.overallTokensPerSecond,
      checkpoint: saved,
    };
  } finally {
    engine.dispose();
  }
}

/** `auto`: one process per core for the single-threaded backends (the most that divide the batch), one for GPUs. */
function processCount(config: TrainConfig, backend: BackendName): number {
  if (config.processes !== 'auto') return config.processes;
  if (backend !== 'wasm' && backend !== 'cpu') return 1;
  let n = Math.min(availableParallelism(), config.optim.batch_size);
  while (config.optim.batch_size % n !== 0) n--;
  return n;
}

/** A resumed run must train the same model on the same tokenizer, or "exact" means nothing. */
function checkCompatible(meta: Checkpoint['meta'], shape: GptShape, ranksSha256: string, file: string): void {
  const keys = ['context_length', 'd_model', 'n_layers', 'n_heads', 'vocab_size'] as const;
  const changed = keys.filter((k) => meta.shape[k] !== shape[k]);
  if (changed.length > 0)
    throw new TrainDataError(
      `${file} holds a model with ${changed.map((k) => `${k} ${meta.shape[k]}`).join(', ')}; the config says ${changed.map((k) => `${k} ${shape[k]}`).join(', ')}`,
    );
  if (meta.tokenizer.ranksSha256 !== ranksSha256)
    throw new TrainDataError(`${file} was trained with tokenizer "${meta.tokenizer.name}", not the shards' tokenizer`);
}

/** A trained tokenizer is saved by absolute path, so `sieve sample` finds it from any directory. */
function tokenizerSpec(config: TrainConfig): string {
  const file = path.resolve(config.baseDir, config.data.tokenizer);
  return existsSync(file) ? file : config.data.tokenizer;
}

function fileConfig(config: TrainConfig): TrainFile {
  const { configPath: _c, baseDir: _b, outDir: _o, ...file } = config;
  return file;
}
