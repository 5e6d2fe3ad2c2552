import type { MetaSchema } from '../doc.js';

/** Where a streaming phase's docs come from. */
export type PhaseInput =
  | { from: 'source' }
  /** The intermediate shards the given phase handed off; task `rank` reads upstream rank's shard. */
  | { from: 'phase'; phase: string };

/** One stage's part in a streaming phase: a plain stage runs; a barrier collects or applies. */
export interface PhaseStep {
  stage: string;
  part: 'run' | 'collect' | 'apply';
}

/** Streams docs through stages, task `rank` of `tasks` taking its slice of the input. */
export interface StreamPhase {
  kind: 'stream';
  id: string;
  tasks: number;
  dependsOn: string[];
  input: PhaseInput;
  steps: PhaseStep[];
  /** Docs reaching the end are written as intermediate shards for the phase after the barrier. */
  handoff: boolean;
}

/** A global step of a barrier between its collect and apply phases. */
export interface ReducePhase {
  kind: 'reduce';
  id: string;
  tasks: number;
  dependsOn: string[];
  stage: string;
  /** Index into the barrier's reduce steps. */
  step: number;
  stepName: string;
  /** Tasks of the phase that collected. */
  upstreamTasks: number;
}

export type Phase = StreamPhase | ReducePhase;

/** The DAG of phases a pipeline compiles to; a linear chain, each phase depending on the one before. */
export interface Plan {
  phases: Phase[];
  /** The source's inputs, split by file across the first phase's tasks. */
  inputs: string[];
  /** The size of each input that was a local file at plan time, for progress; null for a URL. */
  inputBytes: (number | null)[];
  /** The meta keys the source's docs carry. */
  sourceMeta: MetaSchema;
}
