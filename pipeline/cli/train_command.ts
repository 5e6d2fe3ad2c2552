import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadTrainConfig } from '../../train/train_config.js';
import { backendFlag } from './train_usage.js';
import { UsageError } from './usage_error.js';
import { train } from '../../train/trainer.js';

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
    throw new UsageError('usage: sieve train <train.yaml> [--resume] [--stop-at STEP] [--backend B] [--out-dir DIR]');
  const config = loadTrainConfig(positionals[0]!, { outDir: values['out-dir'], backend: backendFlag(values.backend) });
  const log = (line: string) => process.stdout.write(`${line}\n`);
  const stopAt = values['stop-at'] === undefined ? undefined : Number(values['stop-at']);
  if (stopAt !== undefined && !(Number.isInteger(stopAt) && stopAt > 0))
    throw new UsageError(`--stop-at takes a step number ≥ 1, not "${values['stop-at']}"`);
  const summary = await train(config, { resume: values.resume, stopAt, log });
  log(
    `done: ${summary.steps} steps, train loss ${summary.finalLoss.toFixed(4)}, val loss ${summary.valLoss.toFixed(4)} ` +
      `vs unigram entropy ${summary.unigramEntropy.toFixed(4)} nats (unigram model on validation ${summary.unigramValLoss.toFixed(4)}); ${Math.round(summary.tokensPerSecond).toLocaleString('en')} tok/s on ${summary.backend.name}; ` +
      `checkpoint ${path.relative(process.cwd(), summary.checkpoint)}`,
  );
  return 0;
}
