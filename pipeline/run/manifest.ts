import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { PipelineConfig } from '../config/pipeline_config.js';
import type { Plan } from '../plan/plan.js';
import { writeJsonAtomic } from './atomic.js';
import { describeHolder, LOCK_FILE, lockRunDir, type RunDirLock } from './run_dir_lock.js';

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

/**
 * Takes the run dir for this run, for as long as it lasts: refuses a folder that holds other files
 * than a run's (so `run_dir: .` or a typo never scatters a run among a user's files), locks it against
 * a second `sieve run`, and creates the manifest or checks that the run dir was made by the same pipeline.
 */
export async function claimRunDir(runDir: string, manifest: RunManifest): Promise<RunDirLock> {
  const manifestFile = path.join(runDir, MANIFEST_FILE);
  if (!existsSync(manifestFile) && !isEmptyFolder(runDir))
    throw new RunDirError(
      `${runDir} is not empty and is not a Sieve run dir (no ${MANIFEST_FILE}): choose a new or empty folder as run_dir`,
    );
  await mkdir(runDir, { recursive: true });
  const attempt = lockRunDir(runDir);
  if (!attempt.ok) throw new RunDirError(describeHolder(runDir, attempt));
  try {
    if (!existsSync(manifestFile)) await writeJsonAtomic(manifestFile, manifest);
    else checkFingerprint(runDir, readManifest(runDir), manifest);
  } catch (e) {
    attempt.lock.release();
    throw e;
  }
  return attempt.lock;
}

function checkFingerprint(runDir: string, existing: RunManifest, manifest: RunManifest): void {
  if (existing.fingerprint !== manifest.fingerprint) {
    throw new RunDirError(
      `${runDir} holds a run of a different pipeline (fingerprint ${existing.fingerprint}, made from ${existing.configPath}; ` +
        `this config gives ${manifest.fingerprint}). Its stages, options, inputs or task counts differ, so outputs would mix: ` +
        `choose another run_dir, or delete ${runDir} to start over.`,
    );
  }
}

/** Missing, or empty but for a lock that a run killed before it wrote its manifest left behind. */
function isEmptyFolder(dir: string): boolean {
  if (!existsSync(dir)) return true;
  if (!statSync(dir).isDirectory()) throw new RunDirError(`${dir} is not a folder: choose a new or empty folder as run_dir`);
  return readdirSync(dir).every((name) => name === LOCK_FILE || name.startsWith(`${LOCK_FILE}.`));
}
