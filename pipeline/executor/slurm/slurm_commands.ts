import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export class SlurmError extends Error {
  override name = 'SlurmError';
}

/** Where one array task stands in the queue. */
export interface QueuedTask {
  /** Slurm's job state: PENDING, RUNNING, COMPLETED, FAILED, CANCELLED, TIMEOUT... */
  state: string;
  /** Why it is in that state, e.g. DependencyNeverSatisfied. */
  reason: string;
}

async function slurm(command: string, args: string[]): Promise<string> {
  try {
    const { stdout } = await run(command, args, { maxBuffer: 64 * 1024 * 1024 });
    return stdout;
  } catch (e) {
    const err = e as NodeJS.ErrnoException & { stderr?: string };
    if (err.code === 'ENOENT')
      throw new SlurmError(`${command} not found: run this on a Slurm login node (or put Slurm's commands on PATH)`);
    throw new SlurmError(`${command} ${args.join(' ')} failed: ${(err.stderr ?? err.message).trim()}`);
  }
}

/** Submits a batch script; returns its job id. */
export async function sbatch(script: string, afterOk: string[]): Promise<string> {
  const args = ['--parsable', ...(afterOk.length > 0 ? [`--dependency=afterok:${afterOk.join(':')}`] : []), script];
  // --parsable prints "jobid" or "jobid;cluster".
  return (await slurm('sbatch', args)).trim().split(';')[0]!;
}

/**
 * Array tasks of the given jobs by `jobid_rank`, including finished ones Slurm still remembers
 * (MinJobAge, 5 minutes by default). Without slurmdbd there is no sacct, so this is all there is.
 */
export async function queuedTasks(jobIds: string[]): Promise<Map<string, QueuedTask>> {
  const tasks = new Map<string, QueuedTask>();
  if (jobIds.length === 0) return tasks;
  let out: string;
  try {
    out = await slurm('squeue', ['--noheader', '--array', '--states=all', `--jobs=${jobIds.join(',')}`, '--format=%F|%K|%T|%r']);
  } catch (e) {
    // squeue fails when none of the jobs is known any more: they all ended long ago.
    if (e instanceof SlurmError && /Invalid job id/i.test(e.message)) return tasks;
    throw e;
  }
  for (const line of out.split('\n')) {
    const [job, rank, state, reason] = line.trim().split('|');
    if (job && rank && state) tasks.set(`${job}_${rank}`, { state, reason: reason ?? '' });
  }
  return tasks;
}

export async function scancel(jobIds: string[]): Promise<void> {
  if (jobIds.length > 0) await slurm('scancel', jobIds);
}

/** Queue states of a task that has not ended; the others (COMPLETED, FAILED, CANCELLED, TIMEOUT...) are final. */
const ACTIVE = new Set([
  'PENDING',
  'REQUEUED',
  'REQUEUE_FED',
  'REQUEUE_HOLD',
  'RESV_DEL_HOLD',
  'CONFIGURING',
  'RUNNING',
  'COMPLETING',
  'STAGE_OUT',
  'SUSPENDED',
  'STOPPED',
  'RESIZING',
  'SIGNALING',
]);
const WAITING = new Set(['PENDING', 'REQUEUED', 'REQUEUE_FED', 'REQUEUE_HOLD', 'RESV_DEL_HOLD']);

export const isActive = (task: QueuedTask): boolean => ACTIVE.has(task.state);
export const isPending = (task: QueuedTask): boolean => WAITING.has(task.state);
