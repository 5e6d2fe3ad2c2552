import type { StageCounters } from '../stats.js';
import type { OutputRecord } from './outputs.js';

/** The completion record of one task: written atomically after its outputs are validated. */
export interface TaskResult {
  phase: string;
  rank: number;
  status: 'done';
  startedAt: string;
  finishedAt: string;
  seconds: number;
  /** Counters per stage id. */
  stages: Record<string, StageCounters>;
  outputs: OutputRecord[];
}

/** Counters of a task that is still running, flushed every few seconds. */
export interface LiveCounters {
  phase: string;
  rank: number;
  updatedAt: string;
  stages: Record<string, StageCounters>;
  /** A task reading the source: where it stands in its inputs, for progress. */
  read?: InputPosition;
}

/** How far a task has read its share of the source's inputs. */
export interface InputPosition {
  /** Inputs read to their end. */
  inputs: number;
  /** Bytes read of the input under way, as stored. */
  bytes: number;
}

/** Why the last attempt of a task failed. */
export interface TaskFailure {
  phase: string;
  rank: number;
  at: string;
  error: string;
  /** The error's code, e.g. ENOSPC: the coordinator stops on a full disk instead of retrying. */
  code?: string;
  stack?: string;
}
