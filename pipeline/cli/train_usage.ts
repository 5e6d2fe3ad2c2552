import { BACKENDS, type BackendChoice } from '../../train/train_config.js';
import { UsageError } from './usage_error.js';

export const TRAIN_USAGE = `  sieve train <train.yaml> [--resume] [--stop-at STEP] [--backend auto|wasm|webgpu|cpu|tensorflow] [--out-dir DIR]
                                                                       pretrain a GPT on token shards (--resume continues exactly)
  sieve sample <checkpoint | out_dir> [--prompt TEXT] [--tokens N] [--temperature T] [--top-k K] [--seed S] [--backend B]
                                                                       generate text from a checkpoint
`;

export function backendFlag(value: string | undefined): BackendChoice | undefined {
  if (value === undefined) return undefined;
  if (!(BACKENDS as readonly string[]).includes(value)) throw new UsageError(`--backend takes ${BACKENDS.join(', ')}, not "${value}"`);
  return value as BackendChoice;
}
