import { existsSync } from 'node:fs';
import path from 'node:path';
import type { ExecutorKind } from '../config/pipeline_config.js';
import { describeSlurmJobs } from '../executor/slurm/describe_jobs.js';
import { describePlan } from '../plan/describe_plan.js';
import { makeManifest, MANIFEST_FILE, readManifest } from '../run/manifest.js';
import { prepareRun } from './prepare_run.js';

export async function planCommand(configFile: string, overrides: { tasks?: number; executor?: ExecutorKind }): Promise<number> {
  const { config, plan, executor } = await prepareRun(configFile, overrides);
  process.stdout.write(`pipeline ${config.name} → ${config.runDir}\n${describePlan(plan, config.input.id)}\n`);
  if (executor === 'slurm') {
    const manifest = makeManifest(config, plan);
    // Only a run dir of this very pipeline would be resumed; any other would be refused.
    const resume = existsSync(path.join(config.runDir, MANIFEST_FILE)) && readManifest(config.runDir).fingerprint === manifest.fingerprint;
    process.stdout.write(`\n${describeSlurmJobs(config.runDir, manifest, config.executor.slurm, resume)}`);
  }
  return 0;
}
