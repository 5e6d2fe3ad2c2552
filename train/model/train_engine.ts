import type { Batch } from '../data/batch.js';

/** Tensors by name, as plain arrays: what a checkpoint stores and any compute engine can load. */
export type NamedArrays = Map<string, { shape: number[]; data: Float32Array }>;

/** The model and optimizer state an engine saves: weights, AdamW moments, and the updates made. */
export interface EngineState {
  tensors: NamedArrays;
  updates: number;
}

export interface StepResult {
  /** Mean loss over the step's micro-batches. */
  loss: number;
  /** Global gradient norm before clipping. */
  gradNorm: number;
}

/**
 * The narrow waist between the trainer and the compute engine: the loader, schedule, checkpoints
 * and CLI only talk to this, so tfjs can be swapped for another engine without touching them.
 */
export interface TrainEngine {
  readonly parameters: number;
  /** One optimizer update from the summed gradients of `microbatches`, at learning rate `lr`. */
  step(microbatches: Batch[], lr: number): Promise<StepResult>;
  /** Mean loss on `batch` without dropout or update. */
  evaluate(batch: Batch): Promise<number>;
  /** Logits for the token after `context` (at most context_length ids). */
  nextTokenLogits(context: Int32Array): Promise<Float32Array>;
  save(): Promise<EngineState>;
  load(state: EngineState): void;
  dispose(): void;
}
