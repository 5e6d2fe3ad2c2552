import path from 'node:path';
import type { SlurmExecutorConfig } from '../../config/pipeline_config.js';
import { phaseLabel } from '../../plan/describe_plan.js';
import type { RunManifest } from '../../run/manifest.js';
import { completedResult } from '../../task/task_state.js';
import { cliEntry } from '../cli_entry.js';
import { slurmDir } from './job_record.js';
import type { PhaseJob } from './sbatch_script.js';

export interface PlannedJob {
  job: PhaseJob;
  /** Phases among the planned jobs this one waits for (afterok). */
  after: string[];
  scriptFile: string;
}

/**
 * One array job per phase that has incomplete tasks, holding just those ranks. A phase with every
 * task complete gets no job, and whoever waited for it waits for what it waited for instead.
 */
export function planJobs(runDir: string, manifest: RunManifest, options: SlurmExecutorConfig, resume = true): PlannedJob[] {
  const logDir = path.resolve(manifest.baseDir, options.log_dir ?? path.join(runDir, 'logs'));
  const sieve = path.join(path.dirname(cliEntry()), '..', '..', '..', 'bin', 'sieve.js');
  const waitsFor = new Map<string, string[]>();
  const planned: PlannedJob[] = [];
  for (const phase of manifest.plan.phases) {
    const after = [...new Set(phase.dependsOn.flatMap((d) => waitsFor.get(d)!))];
    const ranks = Array.from({ length: phase.tasks }, (_, r) => r).filter((r) => !resume || !completedResult(runDir, phase.id, r));
    if (ranks.length === 0) {
      waitsFor.set(phase.id, after);
      continue;
    }
    waitsFor.set(phase.id, [phase.id]);
    planned.push({
      after,
      scriptFile: path.join(slurmDir(runDir), `${phase.id}.sbatch`),
      job: {
        pipeline: manifest.name,
        runDir,
        baseDir: manifest.baseDir,
        phase: phase.id,
        label: phaseLabel(phase, manifest.input.id),
        tasks: phase.tasks,
        ranks,
        logDir,
        sieve: path.resolve(sieve),
        options,
      },
    });
  }
  return planned;
}
