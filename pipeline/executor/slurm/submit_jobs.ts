import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { SlurmExecutorConfig } from '../../config/pipeline_config.js';
import type { RunManifest } from '../../run/manifest.js';
import { appendSubmission, lastJobs, readSlurmRecord, type SlurmSubmission } from './job_record.js';
import { planJobs } from './plan_jobs.js';
import { sbatchScript } from './sbatch_script.js';
import { arraySpec } from './array_spec.js';
import { isActive, queuedTasks, sbatch, scancel, SlurmError } from './slurm_commands.js';

/**
 * Submits one array job per phase with incomplete tasks, chained afterok in plan order, and
 * records them in the run dir. Refuses while tasks of an earlier submission are still queued,
 * which would otherwise run twice.
 */
export async function submitJobs(runDir: string, manifest: RunManifest, options: SlurmExecutorConfig): Promise<SlurmSubmission> {
  const earlier = [...new Set([...lastJobs(readSlurmRecord(runDir)).values()].map((j) => j.jobId))];
  const active = [...(await queuedTasks(earlier))].filter(([, t]) => isActive(t)).map(([id]) => id.split('_')[0]!);
  if (active.length > 0) {
    throw new SlurmError(
      `${runDir} still has tasks queued or running (jobs ${[...new Set(active)].join(', ')}): ` +
        `follow them with "sieve status ${runDir}", or scancel them, before submitting again`,
    );
  }
  const planned = planJobs(runDir, manifest, options);
  const jobIds = new Map<string, string>();
  const submission: SlurmSubmission = { at: new Date().toISOString(), logDir: planned[0]?.job.logDir ?? '', jobs: [] };
  try {
    for (const { job, after, scriptFile } of planned) {
      // Slurm cannot open a task's --output in a missing folder, and the task would fail unseen.
      await mkdir(path.join(job.logDir, job.phase), { recursive: true });
      await mkdir(path.dirname(scriptFile), { recursive: true });
      await writeFile(scriptFile, sbatchScript(job));
      const jobId = await sbatch(
        scriptFile,
        after.map((p) => jobIds.get(p)!),
      );
      jobIds.set(job.phase, jobId);
      submission.jobs.push({
        phase: job.phase,
        jobId,
        array: arraySpec(job.ranks, options.max_parallel),
        ranks: job.ranks,
        script: scriptFile,
      });
    }
  } catch (e) {
    // Half a chain is worse than none: its jobs would run phases whose successors never come.
    await scancel([...jobIds.values()]).catch(() => {});
    throw e;
  }
  if (submission.jobs.length > 0) await appendSubmission(runDir, submission);
  return submission;
}
