import type { Doc, MetaSchema } from './doc.js';
import type { StageCounters } from './stats.js';
import type { OutputKind, TaskOutputs } from './task/outputs.js';

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
}

/** What a stage sees of the task it runs in. */
export interface StageContext {
  readonly runDir: string;
  readonly phase: string;
  readonly rank: number;
  readonly worldSize: number;
  /** Unique name of this stage instance in the pipeline (`exact_dedup`, or `write#2` for a repeat). */
  readonly stage: string;
  /** This stage's own folder (barrier exchange files), relative to the run dir like every output path. */
  readonly workDir: string;
  /** The meta keys docs may carry as they enter this stage (writers make their columns from it). */
  readonly metaIn: MetaSchema;
  readonly counters: StageCounters;
  readonly log: Logger;
  readonly signal: AbortSignal;
  /** Files this task writes: written under a temporary name, validated and renamed when the task commits. */
  readonly outputs: TaskOutputs;
  /** Counts a dropped doc under `reason` and hands it to the rejects sink when the run keeps rejects. */
  drop(doc: Doc, reason: string): void;
  /** Counts input that never became a doc (an unreadable record, a broken file) under `reason`. */
  skip(reason: string, n?: number): void;
}

/** Turns a stream of docs into a stream of docs: filters, formatters, writers. */
export interface StreamStage {
  readonly kind: 'stream';
  /** Meta keys this stage adds. */
  readonly meta?: MetaSchema;
  /** At plan time, checks its options against the meta keys docs carry as they enter it; throws an OptionError. */
  checkMeta?(metaIn: MetaSchema): void;
  run(docs: AsyncIterable<Doc>, ctx: StageContext): AsyncIterable<Doc>;
}

/** What a source finds at plan time; the plan keeps it, so every task agrees on the split and the columns. */
export interface SourceListing {
  /** The shardable units (files or URLs), sorted. */
  inputs: string[];
  /** The meta keys its docs carry. */
  meta: MetaSchema;
}

/** Produces docs from inputs that the planner lists once and shards across tasks by file. */
export interface SourceStage {
  readonly kind: 'source';
  listInputs(): Promise<SourceListing>;
  /**
   * The docs of one input. `onRead`, when given (a task's progress), is told the size of each chunk
   * of the input read, as stored (compressed, before any decoding); a source that cannot tell is
   * seen to advance a whole input at a time.
   */
  read(input: string, ctx: StageContext, onRead?: (bytes: number) => void): AsyncIterable<Doc>;
}

/** One global step between the collect and apply phases of a barrier; a phase of its own. */
export interface ReduceStep {
  readonly name: string;
  /** How many tasks the step runs as, given the number of tasks upstream. */
  tasks(upstreamTasks: number): number;
  run(ctx: ReduceContext): Promise<void>;
}

export interface ReduceContext extends Omit<StageContext, 'drop'> {
  readonly upstreamTasks: number;
}

/** A stage that must see the whole corpus before it can emit anything (dedup, tokenizer training). */
export interface BarrierStage {
  readonly kind: 'barrier';
  readonly meta?: MetaSchema;
  /** End of the upstream phase: streams every doc through, recording what the reduce needs. */
  collect(docs: AsyncIterable<Doc>, ctx: StageContext): AsyncIterable<Doc>;
  readonly reduce: readonly ReduceStep[];
  /** Start of the downstream phase: drops or rewrites docs using what the reduce wrote. */
  apply(docs: AsyncIterable<Doc>, ctx: StageContext): AsyncIterable<Doc>;
}

export type Stage = StreamStage | SourceStage | BarrierStage;
export type StageKind = Stage['kind'];

/** A predicate's answer: `true` keeps the doc, a string drops it under that reason. */
export type Verdict = true | string;

/** The common stage: keep or drop each doc with a named reason, never rewrite it. */
export function filter(predicate: (doc: Doc) => Verdict, meta?: MetaSchema): StreamStage {
  return {
    kind: 'stream',
    meta,
    async *run(docs, ctx) {
      for await (const doc of docs) {
        const verdict = predicate(doc);
        if (verdict === true) yield doc;
        else ctx.drop(doc, verdict);
      }
    },
  };
}

export type { OutputKind };
