import { existsSync, readFileSync } from 'node:fs';
import { layout } from '../../run/layout.js';
import type { RunManifest } from '../../run/manifest.js';
import { completedResult, lastFailure, liveCounters } from '../../task/task_state.js';
import type { TaskResult } from '../../task/task_result.js';
import { lastJobs, readSlurmRecord } from './job_record.js';
import { isActive, isPending, queuedTasks, type QueuedTask } from './slurm_commands.js';

export type TaskState = 'done' | 'running' | 'pending' | 'failed' | 'not run';

export interface TaskStatus {
  phase: string;
  rank: number;
  state: TaskState;
  /** `jobid_rank` of the array task that last ran it on Slurm. */
  job?: string;
  /** Slurm's state for that array task, while Slurm remembers it. */
  slurmState?: string;
  log: string;
  /** For a failed task: the error it reported, or the last error line of its log. */
  error?: string;
  result?: TaskResult;
}

/** A local task whose live counters were flushed this recently is taken as running. */
const LIVE_FRESH_MS = 10_000;

/**
 * The state of every task of a run dir: complete when its result file and outputs are in place;
 * otherwise as the Slurm queue reports its last array task, or, once Slurm has forgotten it or
 * for a local run, from the files the task left (an error file, a log).
 */
export async function runStatus(runDir: string, manifest: RunManifest): Promise<TaskStatus[]> {
  const jobs = lastJobs(readSlurmRecord(runDir));
  const queue = await queuedTasks([...new Set([...jobs.values()].map((j) => j.jobId))]);
  const tasks: TaskStatus[] = [];
  for (const phase of manifest.plan.phases) {
    for (let rank = 0; rank < phase.tasks; rank++) {
      const job = jobs.get(`${phase.id}/${rank}`);
      const jobTask = job ? `${job.jobId}_${rank}` : undefined;
      const status: TaskStatus = {
        phase: phase.id,
        rank,
        state: 'not run',
        job: jobTask,
        log: job?.log ?? layout.log(runDir, phase.id, rank),
      };
      const result = completedResult(runDir, phase.id, rank);
      const queued = jobTask ? queue.get(jobTask) : undefined;
      status.slurmState = queued?.state;
      if (result) Object.assign(status, { state: 'done', result });
      else if (queued) classifyQueued(status, queued);
      else if (job) status.state = existsSync(status.log) ? 'failed' : 'not run';
      else if (isFresh(liveCounters(runDir, phase.id, rank)?.updatedAt)) status.state = 'running';
      else if (lastFailure(runDir, phase.id, rank)) status.state = 'failed';
      if (status.state === 'failed') status.error = lastError(status, lastFailure(runDir, phase.id, rank)?.error);
      tasks.push(status);
    }
  }
  return tasks;
}

function classifyQueued(status: TaskStatus, queued: QueuedTask): void {
  if (isActive(queued)) status.state = isPending(queued) ? 'pending' : 'running';
  // Killed by Slurm before it started, because an upstream phase failed (kill_invalid_depend).
  else if (queued.reason === 'DependencyNeverSatisfied') status.state = 'not run';
  else status.state = 'failed';
}

function isFresh(at: string | undefined): boolean {
  return at !== undefined && Date.now() - Date.parse(at) < LIVE_FRESH_MS;
}

/**
 * The task's own error message when it failed by itself; when Slurm ended it (cancelled, timed
 * out, out of memory) the log's last error line says so, and an error file is from an earlier attempt.
 */
function lastError(status: TaskStatus, taskError: string | undefined): string | undefined {
  const killed = status.slurmState !== undefined && status.slurmState !== 'FAILED';
  return killed ? (lastErrorLine(status.log) ?? taskError) : (taskError ?? lastErrorLine(status.log));
}

/** The last line of a log that reads like an error (Slurm's "CANCELLED", "DUE TO TIME LIMIT" lines say error too). */
function lastErrorLine(log: string): string | undefined {
  if (!existsSync(log)) return undefined;
  const lines = readFileSync(log, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '');
  return [...lines].reverse().find((l) => /error|sieve:/i.test(l)) ?? lines[lines.length - 1];
}
