import type { Batch } from '../data/batch.js';
import type { BackendName } from '../backend/select_backend.js';
import type { OptimConfig } from '../train_config.js';
import type { GptShape } from './gpt_params.js';
import type { EngineState } from './train_engine.js';

/** What the data-parallel coordinator sends a replica process; messages are handled in order. */
export type ReplicaRequest =
  | { kind: 'init'; shape: GptShape; optim: OptimConfig; seed: number; backend: BackendName }
  | { kind: 'grads'; parts: { batch: Batch; part: number }[] }
  | { kind: 'apply'; grads: Map<string, Float32Array>; loss: number; count: number; lr: number }
  | { kind: 'load'; state: EngineState };

export type ReplicaReply =
  | { kind: 'ready' }
  | { kind: 'grads'; grads: Map<string, Float32Array>; loss: number }
  | { kind: 'applied' }
  | { kind: 'error'; message: string };
