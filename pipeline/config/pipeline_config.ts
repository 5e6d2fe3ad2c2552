import os from 'node:os';
import { z } from 'zod';

/** One stage as configured: a registered name and its validated options. */
export interface StageSpec {
  /** Registered stage name, e.g. `exact_dedup`. */
  readonly name: string;
  /** Unique within the pipeline: the name, or `name#2` for its second use. */
  readonly id: string;
  readonly options: unknown;
  /** Where the stage's options sit in the YAML, to point errors at. */
  readonly yamlPath: (string | number)[];
}

export const localExecutorSchema = z
  .object({
    /** Tasks per phase: inputs are split by file across them. */
    tasks: z.number().int().positive().default(4),
    /** Tasks running at once, each in its own process. */
    workers: z.number().int().positive().default(Math.max(1, os.availableParallelism())),
    /** Times a failed task is tried again before the run fails. */
    retries: z.number().int().min(0).default(2),
  })
  .strict();

export type LocalExecutorConfig = z.output<typeof localExecutorSchema>;

const stageEntry = z.record(z.string(), z.unknown());

/** The YAML's top level; stage options are checked afterwards against each stage's own schema. */
export const pipelineFileSchema = z
  .object({
    name: z.string().min(1),
    run_dir: z.string().min(1),
    input: stageEntry,
    stages: z.array(stageEntry).min(1),
    executor: z
      .object({ local: localExecutorSchema.default(localExecutorSchema.parse({})) })
      .strict()
      .default({
        local: localExecutorSchema.parse({}),
      }),
    /** Keep dropped docs with their reason: for every stage, or for the listed stage ids. */
    rejects: z.union([z.boolean(), z.array(z.string())]).default(false),
  })
  .strict();

export interface PipelineConfig {
  readonly name: string;
  readonly configPath: string;
  /** Relative paths in the YAML (run_dir, inputs) resolve against this folder: where `sieve run` was started. */
  readonly baseDir: string;
  readonly runDir: string;
  readonly input: StageSpec;
  readonly stages: StageSpec[];
  /** Stage ids whose dropped docs are written to the rejects sink. */
  readonly rejects: string[];
  readonly executor: { local: LocalExecutorConfig };
}
