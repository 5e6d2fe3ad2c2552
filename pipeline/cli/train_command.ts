import path from 'node:path';
import { parseArgs } from 'node:util';
import { BACKENDS, loadTrainConfig, type BackendChoice } from '../../train/train_config.js';
import { train } from '../../train/trainer.js';

export const TRAIN_USAGE = `  sieve train <train.yaml> [--resume] [--stop-at STEP] [--backend auto|wasm|webgpu|cpu|tensorflow] [--out-dir DIR]
                                                                       pretrain a GPT on token shards (--resume continues exactly)
  sieve sample <checkpoint | out_dir> [--prompt TEXT] [--tokens N] [--temperature T] [--top-k K] [--seed S] [--backend B]
                                                                       generate text from a checkpoint
`;

export class CliUsageError extends Error {}

export function backendFlag(value: string | undefined): BackendChoice | undefined {
  if (value === undefined) return undefined;
  if (!(BACKENDS as readonly string[]).includes(value)) throw new CliUsageError(`--backend takes ${BACKENDS.join(', ')}, not "${value}"`);
  return value as BackendChoice;
}

/** `sieve train`: its own flags, like `sieve tokenizer`. */
export async function trainCommand(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      resume: { type: 'boolean', default: false },
      backend: { type: 'string' },
      'out-dir': { type: 'string' },
      'stop-at': { type: 'string' },
    },
  });
  if (positionals.length !== 1)
    throw new CliUsageError('usage: sieve train <train.yaml> [--resume] [--stop-at STEP] [--backend B] [--out-dir DIR]');
  const config = loadTrainConfig(positionals[0]!, { outDir: values['out-dir'], backend: backendFlag(values.backend) });
  const log = (line: string) => process.stdout.write(`${line}\n`);
  const stopAt = values['stop-at'] === undefined ? undefined : Number(values['stop-at']);
  if (stopAt !== undefined && !(Number.isInteger(stopAt) && stopAt > 0))
    throw new CliUsageError(`--stop-at takes a step number ≥ 1, not "${values['stop-at']}"`);
  const summary = await train(config, { resume: values.resume, stopAt, log });
  log(
    `done: ${summary.steps} steps, train loss ${summary.finalLoss.toFixed(4)}, val loss ${summary.valLoss.toFixed(4)} ` +
      `vs unigram entropy ${summary.unigramEntropy.toFixed(4)} nats (unigram model on validation ${summary.unigramValLoss.toFixed(4)}); ${Math.round(summary.tokensPerSecond).toLocaleString('en')} tok/s on ${summary.backend.name}; ` +
      `checkpoint ${path.relative(process.cwd(), summary.checkpoint)}`,
  );
  return 0;
}
