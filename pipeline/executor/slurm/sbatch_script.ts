import type { SlurmExecutorConfig } from '../../config/pipeline_config.js';
import { arraySpec } from './array_spec.js';

export interface PhaseJob {
  pipeline: string;
  runDir: string;
  /** Where `sieve run` started: tasks run there, so relative paths mean the same. */
  baseDir: string;
  phase: string;
  /** What the phase does, e.g. `warc → html_to_text → exact_dedup.collect`. */
  label: string;
  tasks: number;
  /** The ranks to run: all of them, or on resubmission the incomplete ones. */
  ranks: number[];
  logDir: string;
  /** `bin/sieve.js` of this installation. */
  sieve: string;
  options: SlurmExecutorConfig;
}

/** The batch script of one phase: an array job whose index is the task rank. */
export function sbatchScript(job: PhaseJob): string {
  const o = job.options;
  const directives: [string, string | number | undefined][] = [
    ['job-name', `sieve-${job.pipeline.replace(/[^\w.-]/g, '_')}-${job.phase}`],
    ['array', arraySpec(job.ranks, o.max_parallel)],
    ['partition', o.partition],
    ['qos', o.qos],
    ['account', o.account],
    ['time', o.time],
    ['ntasks', 1],
    ['cpus-per-task', o.cpus_per_task],
    ['mem', o.mem],
    ['chdir', job.baseDir],
    // %5a: the rank zero-padded like every other per-task file; appended, so a rerun keeps the failed attempt's log.
    ['output', `${job.logDir}/${job.phase}/%5a.log`],
    ['open-mode', 'append'],
  ];
  const of =
    job.ranks.length === job.tasks ? `all ${job.tasks} tasks` : `${job.ranks.length} of ${job.tasks} tasks (the others are complete)`;
  return [
    '#!/bin/bash',
    `# Sieve pipeline "${job.pipeline}", phase ${job.phase}: ${job.label}`,
    `# Array index = task rank; ${of}.`,
    ...directives.filter(([, v]) => v !== undefined).map(([k, v]) => `#SBATCH --${k}=${directiveValue(String(v))}`),
    ...o.sbatch_args.map((arg) => `#SBATCH ${arg}`),
    '',
    // No -u: module systems' init scripts read unset variables.
    'set -eo pipefail',
    // First, so the log counts every start, also one that dies in the set-up lines.
    `echo "--- $(date -Is) task ${job.phase}/\${SLURM_ARRAY_TASK_ID} (job \${SLURM_ARRAY_JOB_ID}_\${SLURM_ARRAY_TASK_ID} on $(hostname))"`,
    ...o.env_setup,
    `exec node ${shellWord(job.sieve)} task ${shellWord(job.runDir)} ${job.phase} "$SLURM_ARRAY_TASK_ID"`,
    '',
  ].join('\n');
}

/** The line that submits a phase, as a hand-written submit script would chain them. */
export function submitLine(phase: string, dependsOn: string[], scriptFile: string): string {
  const dependency = dependsOn.length > 0 ? ` --dependency=afterok:${dependsOn.map((p) => `$${p.toUpperCase()}`).join(':')}` : '';
  return `${phase.toUpperCase()}=$(sbatch --parsable${dependency} ${shellWord(scriptFile)})`;
}

function shellWord(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

function directiveValue(s: string): string {
  return /\s/.test(s) ? `"${s}"` : s;
}
