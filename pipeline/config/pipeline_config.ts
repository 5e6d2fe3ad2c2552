import os from 'node:os';
import { z } from 'zod';
import { runDirOption } from './run_path.js';

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
    /**
     * Seconds a worker process may go without a heartbeat (stopped, frozen: a busy one still beats)
     * before it is killed and its task retried. It counts from the worker's start, whose first beat
     * comes after its modules load (about a second).
     */
    heartbeat_timeout: z.number().min(5).default(60),
  })
  .strict();

export type LocalExecutorConfig = z.output<typeof localExecutorSchema>;

export const slurmExecutorSchema = z
  .object({
    /** Tasks per phase: one array task each. */
    tasks: z.number().int().positive().default(4),
    /** Array tasks of a phase running at once (`--array=...%N`); unset, Slurm decides. */
    max_parallel: z.number().int().positive().optional(),
    partition: z.string().min(1).optional(),
    /** Time limit per task, in Slurm's forms: "30", "2:00:00", "1-12:00". */
    time: z
      .string()
      .regex(/^(\d+-)?\d+(:\d+){0,2}$/, 'a Slurm time limit such as "30", "2:00:00" or "1-12:00"')
      .optional(),
    cpus_per_task: z.number().int().positive().default(1),
    /** Memory per task, e.g. "4G". */
    mem: z
      .string()
      .regex(/^\d+[KMGT]?$/i, 'memory such as "4G" or "500M"')
      .optional(),
    qos: z.string().min(1).optional(),
    account: z.string().min(1).optional(),
    /** More `#SBATCH` options, one per entry, e.g. "--constraint=skylake". */
    sbatch_args: z.array(z.string().regex(/^--?\w/, 'an sbatch option such as "--constraint=skylake"')).default([]),
    /** Shell lines run before each task, e.g. "module load nodejs/20": Node must be on PATH after them. */
    env_setup: z.array(z.string()).default([]),
    /** Task logs go to <log_dir>/<phase>/<rank>.log; relative to where `sieve run` starts. Default: the run dir's logs/. */
    log_dir: z.string().min(1).optional(),
  })
  .strict();

export type SlurmExecutorConfig = z.output<typeof slurmExecutorSchema>;

const executorKinds = ['local', 'slurm'] as const;
export type ExecutorKind = (typeof executorKinds)[number];

/** Both executors' options are always filled in, so `--executor` can pick either; `declared` is what the YAML names. */
const executorSchema = z
  .object({ local: localExecutorSchema.optional(), slurm: slurmExecutorSchema.optional() })
  .strict()
  .optional()
  .transform((e = {}) => ({
    declared: executorKinds.filter((k) => e[k] !== undefined),
    local: e.local ?? localExecutorSchema.parse({}),
    slurm: e.slurm ?? slurmExecutorSchema.parse({}),
  }));

const stageEntry = z.record(z.string(), z.unknown());

/** The YAML's top level; stage options are checked afterwards against each stage's own schema. */
export const pipelineFileSchema = z
  .object({
    name: z.string().min(1),
    run_dir: runDirOption,
    input: stageEntry,
    stages: z.array(stageEntry).min(1),
    executor: executorSchema,
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
  readonly executor: z.output<typeof executorSchema>;
}
