import { statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { resolveTokenizer } from '../../stages/tokenize/tokenizer_file.js';
import { useBackend } from '../../train/backend/select_backend.js';
import { latestCheckpoint, loadCheckpoint } from '../../train/checkpoint/checkpoint.js';
import { TfjsGptEngine } from '../../train/model/tfjs_gpt_engine.js';
import { generate } from '../../train/sample/generate.js';
import { backendFlag } from './train_usage.js';
import { UsageError } from './usage_error.js';

/** `sieve sample`: text from a checkpoint (a file, or a training out_dir whose newest checkpoint is taken). */
export async function sampleCommand(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      prompt: { type: 'string', default: '' },
      tokens: { type: 'string', default: '100' },
      temperature: { type: 'string', default: '0.8' },
      'top-k': { type: 'string', default: '40' },
      seed: { type: 'string', default: '1' },
      backend: { type: 'string' },
    },
  });
  if (positionals.length !== 1)
    throw new UsageError('usage: sieve sample <checkpoint | out_dir> [--prompt TEXT] [--tokens N] [--temperature T] [--top-k K]');
  const number = (name: string, value: string, min: number) => {
    const n = Number(value);
    if (!Number.isFinite(n) || n < min) throw new UsageError(`--${name} takes a number ≥ ${min}, not "${value}"`);
    return n;
  };
  const opts = {
    tokens: Math.floor(number('tokens', values.tokens, 1)),
    temperature: number('temperature', values.temperature, 0),
    topK: Math.floor(number('top-k', values['top-k'], 0)),
    seed: Math.floor(number('seed', values.seed, 0)),
  };
  const file = await checkpointFile(positionals[0]!);
  const { meta, state, vocab } = await loadCheckpoint(file);
  await useBackend(backendFlag(values.backend) ?? 'auto');
  const tokenizer = await resolveTokenizer(meta.tokenizer.spec, process.cwd());
  if (tokenizer.vocab.sha256() !== meta.tokenizer.ranksSha256)
    throw new UsageError(
      `tokenizer "${meta.tokenizer.spec}" is not the one ${path.basename(file)} was trained with (ranks sha256 differs)`,
    );
  const engine = new TfjsGptEngine(meta.shape, meta.config.optim, meta.config.seed);
  try {
    engine.load(state);
    // An empty prompt starts the model where every document starts: after end-of-text.
    const promptIds = values.prompt === '' ? [tokenizer.endOfText] : tokenizer.encodeOrdinary(values.prompt);
    const modelIds = promptIds.map((id) => vocab.toModel[id]!);
    const out = await generate(engine, modelIds, {
      ...opts,
      contextLength: meta.shape.context_length,
      stop: vocab.toModel[tokenizer.endOfText],
      banned: vocab.unknown,
    });
    const ids = out.map((m) => vocab.toToken[m]!).filter((id) => id !== tokenizer.endOfText);
    process.stdout.write(`${values.prompt}${tokenizer.decode(ids)}\n`);
    return 0;
  } finally {
    engine.dispose();
  }
}

async function checkpointFile(target: string): Promise<string> {
  const stat = statSync(target, { throwIfNoEntry: false });
  if (!stat) throw new UsageError(`${target} does not exist`);
  if (stat.isFile()) return target;
  const latest = await latestCheckpoint(path.join(target, 'checkpoints'));
  if (!latest) throw new UsageError(`${target} holds no checkpoints/step-*.safetensors`);
  return latest;
}
