import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { PipelineConfig } from '../config/pipeline_config.js';
import type { Plan } from '../plan/plan.js';
import { writeJsonAtomic } from './atomic.js';

/** What a run dir was made by: every task process rebuilds its stages from this, never from the YAML. */
export interface RunManifest {
  format: 1;
  name: string;
  /** Hash of everything that decides the output: stages, options, inputs, task counts. */
  fingerprint: string;
  configPath: string;
  baseDir: string;
  input: PipelineConfig['input'];
  stages: PipelineConfig['stages'];
  rejects: string[];
  plan: Plan;
  createdAt: string;
}

export const MANIFEST_FILE = 'sieve.json';

export function makeManifest(config: PipelineConfig, plan: Plan): RunManifest {
  const decisive = { input: config.input, stages: config.stages, rejects: config.rejects, plan };
  const fingerprint = createHash('sha256').update(JSON.stringify(decisive)).digest('hex').slice(0, 16);
  return {
    format: 1,
    name: config.name,
    fingerprint,
    configPath: config.configPath,
    baseDir: config.baseDir,
    input: config.input,
    stages: config.stages,
    rejects: config.rejects,
    plan,
    createdAt: new Date().toISOString(),
  };
}

export class RunDirError extends Error {
  override name = 'RunDirError';
}

export function readManifest(runDir: string): RunManifest {
  const file = path.join(runDir, MANIFEST_FILE);
  if (!existsSync(file)) throw new RunDirError(`${runDir} is not a Sieve run dir (no ${MANIFEST_FILE})`);
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as RunManifest;
  } catch (e) {
    throw new RunDirError(`${file} is unreadable: ${(e as Error).message}`);
  }
}

/** Creates the run dir's manifest, or checks that an existing run dir was made by the same pipeline. */
export async function claimRunDir(runDir: string, manifest: RunManifest): Promise<void> {
  if (!existsSync(path.join(runDir, MANIFEST_FILE))) {
    await writeJsonAtomic(path.join(runDir, MANIFEST_FILE), manifest);
    return;
  }
  const existing = readManifest(runDir);
  if (existing.fingerprint !== manifest.fingerprint) {
    throw new RunDirError(
      `${runDir} holds a run of a different pipeline (fingerprint ${existing.fingerprint}, made from ${existing.configPath}; ` +
        `this config gives ${manifest.fingerprint}). Its stages, options, inputs or task counts differ, so outputs would mix: ` +
        `choose another run_dir, or delete ${runDir} to start over.`,
    );
  }
}
