import type { SlurmExecutorConfig } from '../../config/pipeline_config.js';
import type { RunManifest } from '../../run/manifest.js';
import { planJobs } from './plan_jobs.js';
import { sbatchScript, submitLine } from './sbatch_script.js';

/** What `sieve run --executor slurm` would submit: the chain of sbatch calls, then each batch script. */
export function describeSlurmJobs(runDir: string, manifest: RunManifest, options: SlurmExecutorConfig, resume: boolean): string {
  const planned = planJobs(runDir, manifest, options, resume);
  if (planned.length === 0) return `slurm: every task of ${runDir} is complete, nothing to submit\n`;
  const out = [
    `# slurm: ${planned.length} array job${planned.length === 1 ? '' : 's'}, each starting once the one before succeeded:`,
    ...planned.map((p) => submitLine(p.job.phase, p.after, p.scriptFile)),
  ];
  for (const p of planned) out.push('', `# ---- ${p.scriptFile}`, sbatchScript(p.job).trimEnd());
  return `${out.join('\n')}\n`;
}
