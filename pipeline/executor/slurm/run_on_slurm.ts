import type { SlurmExecutorConfig } from '../../config/pipeline_config.js';
import type { Ledger } from '../../run/ledger.js';
import type { RunManifest } from '../../run/manifest.js';
import { RunStoppedError } from '../../run/stop_signals.js';
import { describeStatus } from './describe_status.js';
import { followJobs } from './follow_jobs.js';
import { ingestResults } from './ingest_results.js';
import { runStatus } from './run_status.js';
import { submitJobs } from './submit_jobs.js';

/**
 * `sieve run --executor slurm`: submits the incomplete tasks and prints the job ids; with `wait`,
 * follows the jobs to the end. Exit code 1 when a task failed. A signal (`stop`) never cancels
 * submitted jobs: it stops following them, saying how to follow or cancel them.
 */
export async function runOnSlurm(
  runDir: string,
  manifest: RunManifest,
  ledger: Ledger,
  options: SlurmExecutorConfig,
  wait: boolean,
  stop: AbortSignal,
): Promise<number> {
  const out = (line: string) => process.stdout.write(`${line}\n`);
  const started = Date.now();
  const submission = await submitJobs(runDir, manifest, options);
  if (submission.jobs.length === 0) {
    ingestResults(ledger, await runStatus(runDir, manifest));
    out(`every task of ${runDir} is complete: nothing to submit`);
    return 0;
  }
  for (const job of submission.jobs) {
    const phase = manifest.plan.phases.find((p) => p.id === job.phase)!;
    out(`${job.phase}  job ${job.jobId}  --array=${job.array}  (${job.ranks.length} of ${phase.tasks} tasks)  ${job.script}`);
  }
  if (!wait && !stop.aborted) {
    out(`submitted; follow with: sieve status ${runDir}`);
    return 0;
  }
  const tasks = await followJobs(runDir, manifest, ledger, stop);
  if (stop.aborted) {
    throw new RunStoppedError(
      stop.reason as NodeJS.Signals,
      `stopped by ${stop.reason}; the submitted Slurm jobs keep running (follow them with "sieve status ${runDir}", ` +
        `cancel them with "scancel ${submission.jobs.map((j) => j.jobId).join(' ')}")`,
    );
  }
  if (tasks.every((t) => t.state === 'done')) {
    const docs = ledger.shards('docs');
    out(
      `done in ${((Date.now() - started) / 1000).toFixed(1)} s: ${docs.reduce((n, s) => n + s.rows, 0)} docs in ${docs.length} shards under ${runDir}`,
    );
    return 0;
  }
  process.stderr.write(`${describeStatus(manifest, tasks)}\n\nresubmit the incomplete tasks with the same "sieve run" command\n`);
  return 1;
}
