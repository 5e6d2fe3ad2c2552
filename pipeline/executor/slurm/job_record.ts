import { readFileSync } from 'node:fs';
import path from 'node:path';
import { writeJsonAtomic } from '../../run/atomic.js';

/** One `sieve run --executor slurm`: the array job of each phase that had tasks to run. */
export interface SlurmSubmission {
  at: string;
  /** Task logs are `<logDir>/<phase>/<rank>.log`. */
  logDir: string;
  jobs: { phase: string; jobId: string; array: string; ranks: number[]; script: string }[];
}

/** Every submission of a run dir, oldest first: how `status` and resubmission find each task's job. */
export interface SlurmRecord {
  submissions: SlurmSubmission[];
}

export const slurmDir = (runDir: string) => path.join(runDir, 'slurm');
const recordFile = (runDir: string) => path.join(slurmDir(runDir), 'jobs.json');

export function readSlurmRecord(runDir: string): SlurmRecord | undefined {
  try {
    return JSON.parse(readFileSync(recordFile(runDir), 'utf8')) as SlurmRecord;
  } catch {
    return undefined;
  }
}

export async function appendSubmission(runDir: string, submission: SlurmSubmission): Promise<void> {
  const record = readSlurmRecord(runDir) ?? { submissions: [] };
  record.submissions.push(submission);
  await writeJsonAtomic(recordFile(runDir), record);
}

/** The job that last ran (or will run) each task, by `phase/rank`, with the log it writes. */
export function lastJobs(record: SlurmRecord | undefined): Map<string, { jobId: string; log: string }> {
  const jobs = new Map<string, { jobId: string; log: string }>();
  for (const s of record?.submissions ?? []) {
    for (const job of s.jobs) {
      for (const rank of job.ranks) jobs.set(`${job.phase}/${rank}`, { jobId: job.jobId, log: taskLog(s.logDir, job.phase, rank) });
    }
  }
  return jobs;
}

/** Matches the `--output=<logDir>/<phase>/%5a.log` of the batch scripts, and the local executor's layout. */
export function taskLog(logDir: string, phase: string, rank: number): string {
  return path.join(logDir, phase, `${String(rank).padStart(5, '0')}.log`);
}
